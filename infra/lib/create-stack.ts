// Builds the app's stacks with cdk-nag's AWS Solutions checks; used by bin/app.ts and by the tests.
// With an account and region the tracker's stack is pinned there, and a small us-east-1 stack holds
// the CloudFront web ACL (AWS keeps CloudFront's WAF in us-east-1 only).
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configSchema, isChina, type TrackerConfig } from './config.js';
import { EdgeStack } from './edge-stack.js';
import { TrackerStack } from './tracker-stack.js';

/** `webDist` overrides the built frontend's folder (tests build into a folder of their own). */
export function createStack(app: App, config: Partial<TrackerConfig> = {}, options: { webDist?: string } = {}): TrackerStack {
  const valid = configSchema.parse(config);
  const env = valid.account && valid.region ? { account: valid.account, region: valid.region } : undefined;
  // In the China regions WAF is regional only: no CloudFront web ACL, so no edge stack (per-route API throttles carry the limits).
  const edge =
    env && !isChina(env.region)
      ? new EdgeStack(app, `GxResponseTeamsEdge-${valid.stage}`, {
          env: { account: env.account, region: 'us-east-1' },
          stage: valid.stage,
          perIpLimit: valid.wafPerIpLimit,
          expensivePerIpLimit: valid.wafExpensivePerIpLimit,
        })
      : undefined;
  const stack = new TrackerStack(app, `GxResponseTeams-${valid.stage}`, valid, {
    webDist: options.webDist,
    env,
    crossRegionReferences: Boolean(edge),
    edgeWebAclArn: edge?.webAclArn,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
