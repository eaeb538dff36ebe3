// `npm run nag:report`: what cdk-nag's other rule packs (NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1,
// Serverless) find in the synthesized stack, global and China targets. The synth itself holds the
// AwsSolutions pack to zero; these packs are read, not enforced: each finding is a decision, listed.
import { App, Stack } from 'aws-cdk-lib';
import { HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks, type NagPack } from 'cdk-nag';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStack } from '#infra/lib/create-stack.js';

const TARGETS: Record<string, Record<string, string>> = {
  global: {
    stage: 'prod',
    account: '123456789012',
    region: 'ap-southeast-1',
    alarmEmail: 'ops@example.com',
    senderEmail: 'summary@gx.example.com',
  },
  china: {
    stage: 'prod',
    account: '123456789012',
    region: 'cn-northwest-1',
    alarmEmail: 'ops@example.cn',
    senderEmail: 'summary@example.cn',
    oidcIssuer: 'https://id.example.cn/realms/yjt',
    oidcAudience: 'gx-teams-api',
    oidcClientId: 'gx-teams-web',
    oidcScope: 'gx-teams-api',
    smtpUrl: 'smtp://tracker@smtp.example.cn:587',
    domain: 'teams.example.cn',
    iamServerCertificateId: 'ASCAEXAMPLE0000000',
    apiDomain: 'api.teams.example.cn',
    apiCertificateArn: 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/example',
  },
};
const packs: Record<string, () => NagPack> = {
  'NIST 800-53 R5': () => new NIST80053R5Checks(),
  'HIPAA Security': () => new HIPAASecurityChecks(),
  'PCI DSS 3.2.1': () => new PCIDSS321Checks(),
  Serverless: () => new ServerlessChecks(),
};
const only = process.argv.includes('--pack') ? process.argv[process.argv.indexOf('--pack') + 1] : undefined;

for (const [target, context] of Object.entries(TARGETS)) {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'nag-report-')),
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
  });
  const stack = createStack(app, context);
  const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
  for (const [name, make] of Object.entries(packs)) {
    if (only && !name.startsWith(only)) continue;
    const findings = stacks
      .flatMap((s) => make().validateScope(s).violations)
      .flatMap((v) =>
        v.violatingResources.map((r) => ({
          rule: v.ruleName,
          resource: (r as { constructPath?: string }).constructPath ?? r.resourceLogicalId ?? '?',
        })),
      );
    console.log(`\n${target} · ${name}: ${findings.length} findings`);
    const byRule = new Map<string, string[]>();
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f.resource]);
    for (const [rule, resources] of [...byRule].sort()) {
      console.log(`  ${rule} (${resources.length})`);
      for (const r of resources) console.log(`    ${r}`);
    }
  }
  void stack;
}
