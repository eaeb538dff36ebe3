// The AWS stack, synthesized for real (esbuild bundling, cdk-nag), checked offline.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import routes from '#api/routes.json' with { type: 'json' };
import { keysFor, TABLE_KEYS } from '#store/keys.js';

const keys = keysFor('45');
import { KEYS, RETENTION_PARTITION_PREFIX } from '#infra/lib/constructs/data.js';
import { createStack } from '#infra/lib/create-stack.js';
import { bundleFunction, START_BUDGET_KB } from '#infra/lib/bundle.js';
import { FUNCTION_ENTRIES } from '#infra/lib/constructs/tracker-function.js';
import { EXPENSIVE_PATHS } from '#infra/lib/constructs/firewall.js';
import { BUSINESS_METRICS as DASHBOARD_METRICS, JOB_METRICS, METRIC_NAMESPACE } from '#infra/lib/constructs/monitoring.js';
import { BUSINESS_METRICS as BUSINESS, METRICS } from '#app/deps.js';
import { METRICS_NAMESPACE } from '#runtime/metrics.js';
import { AUDIT_METRICS } from '#jobs/audit-export.js';

const root = resolve(import.meta.dirname, '../..');
const web = mkdtempSync(join(tmpdir(), 'web-'));
let template: Template;
let outdir: string;
let stack: ReturnType<typeof createStack>;

beforeAll(async () => {
  await build({ configFile: join(root, 'frontend/vite.config.ts'), logLevel: 'silent', build: { outDir: web, emptyOutDir: true } });
  outdir = mkdtempSync(join(tmpdir(), 'cdk-'));
  const app = new App({ outdir });
  stack = createStack(app, { stage: 'test', senderEmail: 'summary@gx.example.com' }, { webDist: web });
  app.synth(); // runs cdk-nag: any unacknowledged finding throws here
  template = Template.fromStack(stack);
}, 180_000);
afterAll(() => {
  rmSync(web, { recursive: true, force: true });
  rmSync(outdir, { recursive: true, force: true });
});

/** Makes a resource type the region lacks (F3006) an error, as cdk.json does for the CLI. */
const VALIDATE = { '@aws-cdk/core:validateAgainstDefaultRules': true };

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;
const resources = () => template.toJSON().Resources as Resources;
// The tracker's own functions (the CDK's BucketDeployment handler aside).
const functionsByEntry = () =>
  Object.entries(resources()).filter(([k, r]) => r.Type === 'AWS::Lambda::Function' && /^(Api|Jobs|Audit)/.test(k));
const logical = (prefix: string) =>
  Object.keys(resources()).find((k) => k.startsWith(prefix) && resources()[k].Type === 'AWS::Lambda::Function')!;

/** The table actions a function's role may take. */
function tableStatements(fnPrefix: string) {
  const fn = resources()[logical(fnPrefix)];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(resources()).filter(
    (r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: any) => x.Ref === roleId),
  );
  return policies.flatMap(
    (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[],
  );
}
const actionsOf = (statements: { Action: string | string[] }[], service: string) =>
  statements
    .flatMap((s) => [s.Action].flat())
    .filter((a) => a.startsWith(`${service}:`))
    .sort();
/** The statements of a function's role whose resources name a resource of this logical-id prefix. */
const on = (fnPrefix: string, resourcePrefix: string) =>
  tableStatements(fnPrefix).filter((st) => JSON.stringify(st.Resource).includes(`"${resourcePrefix}`));

describe('the AWS stack', () => {
  it('has zero unacknowledged cdk-nag findings (the synth above would have thrown), each acknowledgement with a reason', () => {
    const acknowledged: { id: string; reason: string }[] = [];
    for (const c of stack.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type === 'aws:cdk:acknowledged-rules')
          for (const [id, reason] of Object.entries(m.data as Record<string, string>)) acknowledged.push({ id, reason });
      }
    }
    // exactly these rules are acknowledged, each beside its resource: a new one is a decision to review
    expect([...new Set(acknowledged.map((a) => a.id.replace(/\[.*$/, '')))].sort()).toEqual([
      'Annotation::AwsSolutions-APIG4',
      'Annotation::AwsSolutions-CFR1',
      'Annotation::AwsSolutions-CFR2',
      'Annotation::AwsSolutions-CFR4',
      'Annotation::AwsSolutions-COG3',
      'Annotation::AwsSolutions-COG8',
      'Annotation::AwsSolutions-IAM4',
      'Annotation::AwsSolutions-IAM5',
      'Annotation::AwsSolutions-L1',
      'Annotation::AwsSolutions-S1',
      'Annotation::AwsSolutions-SMG4',
      'Annotation::AwsSolutions-SQS3',
      'CloudFormation-Validate::W3045',
    ]);
    for (const a of acknowledged) expect(a.reason.length, a.id).toBeGreaterThan(20);
  });

  it('cdk-nag really runs: a non-compliant resource fails the synth', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-bad-')) });
    const bad = createStack(app, { stage: 'bad' }, { webDist: web });
    new Queue(bad, 'Unencrypted', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });

  it("keeps the tables safe: on-demand, PITR, deletion protection, retained, a customer-managed key, the store's keys; the audit table streams new records", () => {
    expect(KEYS).toEqual(TABLE_KEYS);
    expect(RETENTION_PARTITION_PREFIX).toBe(keys.retentionPartitionPrefix);
    const dataKey = Object.keys(resources()).find((k) => k.startsWith('DataDataKey') && resources()[k].Type === 'AWS::KMS::Key')!;
    expect(resources()[dataKey].Properties.EnableKeyRotation).toBe(true);
    const safe = {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [dataKey, 'Arn'] } },
        }),
      ],
    };
    expect(Object.values(resources()).filter((r) => r.Type === 'AWS::DynamoDB::GlobalTable')).toHaveLength(2);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        ...safe,
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'lapse',
            KeySchema: [
              { AttributeName: 'lapsePk', KeyType: 'HASH' },
              { AttributeName: 'lapseSk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          }),
        ],
      }),
    });
    // the audit table: both images on its stream (a change arrives as evidence), and no TTL (a Put could set one and have a record deleted)
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ ...safe, StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
    });
    const audit = Object.entries(resources()).find(
      ([k, r]) => k.startsWith('DataAuditTable') && r.Type === 'AWS::DynamoDB::GlobalTable',
    )![1];
    expect(audit.Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('keeps the audit trail append-only: each function may only Put and Query the audit table, and its copy is locked in S3 (compliance mode)', () => {
    // who writes teams, reveals or checks appends; who shows or rebuilds history reads; the reconciliation neither
    const append = ['dynamodb:PutItem', 'dynamodb:Query'];
    expect(
      Object.fromEntries(
        ['ApiRead', 'ApiWrite', 'JobsMonthlySummary', 'JobsLapse', 'JobsReconcile'].map((fn) => [
          fn,
          actionsOf(on(fn, 'DataAuditTable'), 'dynamodb'),
        ]),
      ),
    ).toEqual({
      ApiRead: ['dynamodb:Query'],
      ApiWrite: append,
      JobsMonthlySummary: ['dynamodb:Query'],
      JobsLapse: append,
      JobsReconcile: [],
    });
    // nobody anywhere may change or delete an item of it: no statement on it, or on every resource, grants more
    const policies = Object.values(resources())
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const reaching = policies.filter((st) => JSON.stringify(st.Resource).includes('"DataAuditTable') || [st.Resource].flat().includes('*'));
    expect(
      reaching.flatMap((st) => [st.Action].flat()).filter((a) => /^dynamodb:(\*|Update|Delete|BatchWrite|PartiQL|Restore|Import)/.test(a)),
    ).toEqual([]);
    const managed = Object.values(resources())
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((r) => r.Properties.ManagedPolicyArns ?? []);
    expect(JSON.stringify(managed)).not.toMatch(/DynamoDB/i);
    // the stores write every audit item with a condition (checked on DynamoDB Local by tests/integration/store.test.ts)
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1098 } } },
        VersioningConfiguration: { Status: 'Enabled' },
        // S3-managed keys: disabling a customer key cannot make the locked copies unreadable
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } })],
        },
        LifecycleConfiguration: {
          Rules: [Match.objectLike({ ExpirationInDays: 1128, NoncurrentVersionExpiration: { NoncurrentDays: 1128 } })],
        },
      }),
    });
    const exporter = logical('AuditExporter');
    expect(actionsOf(tableStatements('AuditExporter'), 's3')).toEqual(['s3:PutObject']);
    expect(actionsOf(tableStatements('AuditExporter'), 'dynamodb')).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: exporter },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    // every event reaches the exporter (a change or removal is evidence), and it may only decrypt what it reads
    expect(Object.values(resources()).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')!.Properties.FilterCriteria).toBeUndefined();
    expect(actionsOf(tableStatements('AuditExporter'), 'kms')).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    const alarms = Object.values(resources())
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties.MetricName);
    expect(alarms).toEqual(expect.arrayContaining([AUDIT_METRICS.tampered, AUDIT_METRICS.failed, 'IteratorAge']));
    expect(() => createStack(new App(), { auditLockDays: 30 })).toThrow(/auditLockDays/);
  });

  it('runs seven functions on the newest Node.js, arm64, with JSON logs', () => {
    expect(functionsByEntry()).toHaveLength(7);
    for (const [, fn] of functionsByEntry()) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], LoggingConfig: { LogFormat: 'JSON' } });
    }
  });

  it('grants each function exactly the table actions it needs', () => {
    // a ConditionCheck inside a transaction is authorised as ConditionCheckItem
    const rw = ['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];
    // the read function reads, and may Put only under the day's retention figures (its cache), never a record
    const readStatements = on('ApiRead', 'DataTable');
    expect(actionsOf(readStatements, 'dynamodb')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(readStatements.find((st) => [st.Action].flat().includes('dynamodb:PutItem'))!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keys.retentionPartitionPrefix}*`] },
    });
    expect(actionsOf(on('ApiWrite', 'DataTable'), 'dynamodb')).toEqual(rw);
    expect(actionsOf(on('JobsMonthlySummary', 'DataTable'), 'dynamodb')).toEqual(rw);
    expect(actionsOf(on('JobsLapse', 'DataTable'), 'dynamodb')).toEqual(rw);
    // the data key: the writers (the read function for its cache) encrypt too
    expect(actionsOf(on('ApiRead', 'DataDataKey'), 'kms')).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
    ]);
    expect(actionsOf(on('ApiWrite', 'DataDataKey'), 'kms')).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
    ]);
    // only the lapse job reads the lapse index, and nobody gets a wildcard index
    const lapse = JSON.stringify(tableStatements('JobsLapse'));
    expect(lapse).toContain('/index/lapse');
    expect(JSON.stringify(tableStatements('ApiRead'))).not.toContain('/index/');
    expect(JSON.stringify(resources())).not.toContain('/index/*');
    for (const prefix of ['ApiRead', 'ApiWrite', 'JobsLapse']) expect(actionsOf(tableStatements(prefix), 'ses')).toEqual([]);
    // only the deploy-time move to the tenant keys scans the table and deletes what it copied
    expect(actionsOf(on('JobsMoveToTenantKeys', 'DataTable'), 'dynamodb')).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
    ]);
    for (const prefix of ['ApiRead', 'ApiWrite', 'JobsMonthlySummary', 'JobsLapse', 'JobsReconcile', 'AuditExporter'])
      for (const action of ['dynamodb:DeleteItem', 'dynamodb:Scan'])
        expect(actionsOf(on(prefix, 'DataTable'), 'dynamodb'), `${prefix} ${action}`).not.toContain(action);
  });

  it('moves a table from before the tenant keys at each deploy, before any function reading the new keys changes', () => {
    const triggers = Object.entries(resources()).filter(([, r]) => r.Type === 'Custom::Trigger');
    expect(triggers).toHaveLength(1);
    const [triggerId, trigger] = triggers[0];
    // it invokes the move's own function, by its current version: a code change runs it again
    const version = trigger.Properties.HandlerArn.Ref as string;
    expect(resources()[version]).toMatchObject({
      Type: 'AWS::Lambda::Version',
      Properties: { FunctionName: { Ref: logical('JobsMoveToTenantKeys') } },
    });
    const migrate = resources()[logical('JobsMoveToTenantKeys')];
    expect(migrate.Properties.Timeout).toBe(900);
    expect(migrate.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    // every function that reads or writes the tenant keys waits for it
    for (const prefix of ['ApiRead', 'ApiWrite', 'JobsMonthlySummary', 'JobsLapse', 'JobsReconcile']) {
      const fn = template.toJSON().Resources[logical(prefix)] as { DependsOn?: string[] };
      expect(fn.DependsOn ?? [], prefix).toContain(triggerId);
    }
  });

  it('lets only the summary job send mail, and only from the sender identity', () => {
    const ses = tableStatements('JobsMonthlySummary').find((s) => [s.Action].flat().includes('ses:SendEmail'))!;
    expect(ses.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'summary@gx.example.com' } });
    expect(JSON.stringify(ses.Resource)).toContain(':identity/');
    // a domain identity, DKIM-signed, through a configuration set that requires TLS
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'gx.example.com',
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    expect(JSON.stringify(ses.Resource)).toContain(':configuration-set/');
    const alarms = Object.values(resources())
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties.MetricName);
    expect(alarms).toEqual(expect.arrayContaining(['Reputation.BounceRate', 'Reputation.ComplaintRate']));
  });

  it('schedules the monthly summary on the 1st at 08:00, the reminders daily at 09:00 and the lapse job at 00:10, Asia/Shanghai, with retries and a DLQ', () => {
    const target = Match.objectLike({
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
      DeadLetterConfig: { Arn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 1 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: target,
    });
    // the reminders go through the summary function (the one allowed to send), told which job by its input
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({
        Input: JSON.stringify({ job: 'reminders' }),
        Arn: { 'Fn::GetAtt': [logical('JobsMonthlySummary'), 'Arn'] },
      }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(10 0 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: target,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    expect(resources()[logical('JobsMonthlySummary')].Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it('serves every route of routes.json through a JWT authorizer from the user pool, except health and the OpenAPI document', () => {
    const apiRoutes = Object.values(resources()).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map((r) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of apiRoutes) {
      expect(r.Properties.AuthorizationType).toBe(
        ['GET /api/health', 'GET /api/openapi.json'].includes(r.Properties.RouteKey) ? 'NONE' : 'JWT',
      );
      // an ID token (same aud in Cognito, no scope claim) is refused: every signed-in route needs the access token's scope
      if (r.Properties.AuthorizationType === 'JWT') expect(r.Properties.AuthorizationScopes).toEqual(['gx-teams/api']);
    }
    // the scope is the API's own, from a Cognito resource server the app's client may ask for
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'gx-teams',
      Scopes: [Match.objectLike({ ScopeName: 'api' })],
    });
    const client = Object.values(resources()).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!;
    expect(client.Properties.AllowedOAuthScopes).toContain('openid');
    expect(JSON.stringify(client.Properties.AllowedOAuthScopes)).toMatch(/AuthUsersApi\w+"\},"\/api"/); // <the resource server, gx-teams>/api
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    // The app calls the API on its own origin (CloudFront's /api/*): no CORS unless another origin is configured.
    expect(Object.values(resources()).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')!.Properties.CorsConfiguration).toBeUndefined();
  });

  it('gives the expensive routes (imports, exports, templates, standard previews) their own tighter throttle', () => {
    const stage = Object.values(resources()).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties;
    const expensive = (routes as { method: string; path: string; expensive?: boolean }[])
      .filter((r) => r.expensive)
      .map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(stage.RouteSettings).sort()).toEqual(expensive.sort());
    expect(expensive).toContain('POST /api/counties/{code}/imports');
    expect(expensive).toContain('POST /api/standards/{id}/drafts/{n}/preview');
    expect(expensive).toContain('POST /api/registry/changes'); // a 5 MB upload
    // the firewall matches the same routes by their paths' tails
    expect(EXPENSIVE_PATHS.sort()).toEqual(
      [
        '/preview',
        '/api/exports/counties.csv',
        '/api/exports/counties.xlsx',
        '/template.xlsx',
        '/teams.xlsx',
        '/imports',
        '/roster-imports',
        '/api/registry/changes',
        '/bulletin.xlsx',
      ].sort(),
    );
    for (const key of expensive) expect(stage.RouteSettings[key]).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
  });

  it('routes /api/* through CloudFront to the HTTP API: never cached, all viewer headers but Host', () => {
    const dist = Object.values(resources()).find((r) => r.Type === 'AWS::CloudFront::Distribution')!.Properties.DistributionConfig;
    const api = dist.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const origin = dist.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toContain('execute-api');
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('requires a second factor (TOTP) for every account, and puts a rate limit per IP on sign-in', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'RatePerIp',
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: 1500 }) },
        }),
      ]),
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: Match.anyValue(), WebACLArn: Match.anyValue() });
    // the web client signs in through the hosted UI only
    const client = Object.values(resources()).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!.Properties;
    expect(client.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_SRP_AUTH');
  });

  it('keeps frontend source maps off the public site, and expires import records and mail claims (TTL)', () => {
    const deploy = Object.values(resources()).find((r) => r.Type === 'Custom::CDKBucketDeployment')!.Properties;
    expect(JSON.stringify(deploy)).not.toContain('.js.map');
    const asset = readdirSync(outdir)
      .map((d) => join(outdir, d))
      .filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'index.html')));
    expect(asset).toHaveLength(1);
    expect(readdirSync(join(asset[0], 'assets')).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readdirSync(join(web, 'assets')).some((f) => f.endsWith('.map'))).toBe(true); // written, but not shipped
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('puts the scope in 126 admin-managed groups, with no self sign-up and no custom attribute', () => {
    expect(Object.values(resources()).filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')).toHaveLength(126);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'county-450102' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'city-4501' });
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    const pool = Object.values(resources()).find((r) => r.Type === 'AWS::Cognito::UserPool')!;
    expect(JSON.stringify(pool.Properties.Schema ?? [])).not.toContain('scope');
  });

  it('serves the app from a private bucket through CloudFront with OAC, HTTPS and security headers', () => {
    template.hasResourceProperties(
      'AWS::S3::Bucket',
      Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', { SourceMarkersConfig: Match.anyValue() });
  });

  it('alarms on function errors, throttles, the dead-letter queue and API 5xx', () => {
    const alarms = Object.values(resources())
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties.MetricName);
    expect(alarms.filter((m) => m === 'Errors')).toHaveLength(6);
    expect(alarms).toContain('ThrottledRequests');
    expect(alarms).toContain('ApproximateNumberOfMessagesVisible');
    expect(alarms).toContain('5xx');
    // ...and on the functions' throttles, the API functions' p99 near the timeout, and a spike of refused requests
    expect(alarms.filter((m) => m === 'Throttles')).toHaveLength(6);
    // ...and on the audit copy falling behind
    expect(alarms).toContain('IteratorAge');
    expect(alarms.filter((m) => m === 'Duration')).toHaveLength(2);
    expect(alarms).toContain('4xx');
  });

  it("alarms on a job that did not run: the daily job's heartbeat missing 26 hours, last month's summary unfinished at 10:00 on the 1st, a month found without figures", () => {
    expect(METRIC_NAMESPACE).toBe(METRICS_NAMESPACE);
    expect(JOB_METRICS).toEqual({ ...METRICS, auditTampered: AUDIT_METRICS.tampered, auditFailed: AUDIT_METRICS.failed });
    const own = (name: string) =>
      Object.values(resources()).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === name)?.Properties;
    expect(own(METRICS.dailyRun)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 26,
      DatapointsToAlarm: 26,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
      AlarmActions: [expect.anything()],
    });
    expect(own(METRICS.summaryMissing)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
    expect(own(METRICS.monthFiguresMissing)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
    // a caller reaching the hour's limit of full phone reveals (a sweep) is an alarm, from the first time
    expect(own(METRICS.phoneRevealLimitReached)).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [expect.anything()],
    });
    // the watchdog runs in the summary function two hours after the summary was due
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 10 1 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({ Input: JSON.stringify({ job: 'check' }), Arn: { 'Fn::GetAtt': [logical('JobsMonthlySummary'), 'Arn'] } }),
    });
  });

  it("has a dashboard of the office's work beside the alarms: team writes, import rows, emails, lapses, drift, 409s and 503s, the jobs' heartbeats, each function's errors, throttles and p99", () => {
    expect(DASHBOARD_METRICS).toEqual(BUSINESS);
    const dashboards = Object.values(resources()).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
    for (const name of [...Object.values(BUSINESS), METRICS.dailyRun, METRICS.summaryMissing, METRICS.monthFiguresMissing])
      expect(body, name).toContain(`\\"${name}\\"`);
    for (const m of ['Errors', 'Throttles', 'Duration', '4xx', '5xx']) expect(body).toContain(`\\"${m}\\"`);
    expect(body).toContain('alarm');
  });

  it('backs the table up with AWS Backup beside PITR: daily for 35 days, monthly for a year, in a retained vault', () => {
    const plan = Object.values(resources()).find((r) => r.Type === 'AWS::Backup::BackupPlan')!;
    expect(
      plan.Properties.BackupPlan.BackupPlanRule.map((r: { Lifecycle: { DeleteAfterDays: number } }) => r.Lifecycle.DeleteAfterDays),
    ).toEqual([35, 366]);
    const selection = Object.values(resources()).find((r) => r.Type === 'AWS::Backup::BackupSelection')!;
    expect(JSON.stringify(selection.Properties.BackupSelection.Resources)).toContain('DataTable');
    expect(JSON.stringify(selection.Properties.BackupSelection.Resources)).toContain('DataAuditTable');
    expect(Object.values(resources()).find((r) => r.Type === 'AWS::Backup::BackupVault')!.DeletionPolicy).toBe('Retain');
  });

  it("alarms reach someone: CloudWatch may use the topic's key, and a prod stack needs a subscriber", () => {
    const key = Object.values(resources()).find(
      (r) => r.Type === 'AWS::KMS::Key' && JSON.stringify(r.Properties.KeyPolicy).includes('cloudwatch.amazonaws.com'),
    )!;
    expect(key).toBeDefined();
    const grant = (key.Properties.KeyPolicy.Statement as { Principal?: { Service?: string }; Action: string[] | string }[]).find(
      (st) => st.Principal?.Service === 'cloudwatch.amazonaws.com',
    )!;
    expect(grant.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    const topic = Object.values(resources()).find((r) => r.Type === 'AWS::SNS::Topic')!;
    const keyId = Object.entries(resources()).find(([, r]) => r === key)![0];
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(() => createStack(new App(), { stage: 'prod' })).toThrow(/alarmEmail/);
    expect(() => createStack(new App(), { stage: 'prod', alarmEmail: 'ops@example.com' })).toThrow(/senderEmail/);
  });

  it('a job run that throws lands in the FailedRuns queue, which has its own alarm', () => {
    const configs = Object.values(resources()).filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(3);
    for (const c of configs)
      expect(c.Properties.DestinationConfig.OnFailure.Destination).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^JobsFailedRuns/), 'Arn'],
      });
    const alarms = Object.values(resources()).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms.some((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes('JobsFailedRuns'))).toBe(true);
  });

  it('keeps logs a year (at least six months), and keeps them when the stack is deleted', () => {
    const groups = Object.entries(resources()).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(6);
    for (const [, g] of groups) {
      expect(g.Properties.RetentionInDays).toBe(365);
      expect(g.DeletionPolicy).toBe('Retain');
      expect(g.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] });
    }
    // CloudWatch Logs may use the logs key, for this account's log groups only
    const logsKey = Object.entries(resources()).find(([k]) => k.startsWith('LogsKey'))![1];
    expect(JSON.stringify(logsKey.Properties.KeyPolicy)).toContain('kms:EncryptionContext:aws:logs:arn');
    // the log bucket (the audit bucket's expiry follows its lock instead)
    const buckets = Object.values(resources()).filter(
      (r) =>
        r.Type === 'AWS::S3::Bucket' &&
        !r.Properties.ObjectLockEnabled &&
        JSON.stringify(r.Properties.LifecycleConfiguration ?? {}).includes('ExpirationInDays'),
    );
    expect(buckets).toHaveLength(1);
    expect(buckets[0].Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(365);
    expect(buckets[0].DeletionPolicy).toBe('Retain');
    expect(() => createStack(new App(), { logRetentionDays: 90 })).toThrow(/logRetentionDays/);
    // the API's access log names who did what, never a token
    const stage = Object.values(resources()).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(Object.keys(format)).toEqual(expect.arrayContaining(['method', 'path', 'status', 'time', 'userAgent', 'scope']));
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/authorization|header|body|querystring/i);
  });

  it("caps the API functions' concurrency, so one flood cannot take the account's", () => {
    const fns = Object.values(resources()).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.ReservedConcurrentExecutions);
    expect(fns.map((f) => f.Properties.ReservedConcurrentExecutions).sort((a, b) => a - b)).toEqual([1, 1, 1, 1, 5, 20, 50]);
  });

  it('bundles every handler entry, and each bundle imports cold in Node with a handler', () => {
    const assets = readdirAssets();
    expect(assets).toHaveLength(7);
    for (const dir of assets) {
      const out = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(join(dir, 'index.mjs'))}); console.log(typeof m.handler)`],
        { env: { ...process.env, AWS_REGION: 'ap-east-1' } },
      )
        .toString()
        .trim();
      expect(out).toBe('function');
    }
  });

  it('ships every chunk a route may load later, and each one loads (a missing or broken chunk would fail only on that route)', () => {
    for (const dir of readdirAssets()) {
      const chunks = readdirSync(join(dir, 'chunks'))
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => join(dir, 'chunks', f));
      expect(chunks.length, dir).toBeGreaterThan(5);
      const code = `for (const f of ${JSON.stringify(chunks)}) await import(f); console.log('ok')`;
      expect(
        execFileSync(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, AWS_REGION: 'ap-east-1' } })
          .toString()
          .trim(),
        dir,
      ).toBe('ok');
    }
  });

  it(`keeps what each deployed function loads to start within ${START_BUDGET_KB} KB`, () => {
    for (const dir of readdirAssets()) {
      const files = startFiles(join(dir, 'index.mjs'));
      const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
      expect(bytes, `${dir}: ${files.length} files`).toBeLessThanOrEqual(START_BUDGET_KB * 1024);
    }
  });

  it('leaves the spreadsheet, upload and mail libraries out of every cold start: they load on first use', () => {
    const lazy = /node_modules\/(exceljs|saxes|yauzl|papaparse|busboy|nodemailer|@aws-sdk\/client-sesv2)\//;
    const out = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      for (const entry of FUNCTION_ENTRIES) {
        const report = bundleFunction(join(root, 'functions', entry), join(out, entry));
        expect(
          report.startInputs.filter((f) => lazy.test(f)),
          entry,
        ).toEqual([]);
        expect(
          report.startInputs.some((f) => f.includes('node_modules/@aws-sdk/client-dynamodb/')) || entry === 'jobs/audit-export.ts',
          entry,
        ).toBe(true);
        expect(report.startFiles.map((f) => statSync(f).size).reduce((a, b) => a + b, 0)).toBe(report.startBytes);
      }
      // and the lazy chunks are really there: the read function's exceljs is in a chunk of its own
      expect(bundleFunction(join(root, 'functions/api/read.ts'), join(out, 'read-again')).lazyBytes).toBeGreaterThan(500 * 1024);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the stack pinned to an account and region', () => {
  it('synthesizes cdk-nag clean, with the CloudFront web ACL in a us-east-1 edge stack and the distribution behind it', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-pinned-')), context: VALIDATE });
    const pinned = createStack(
      app,
      {
        stage: 'prod',
        account: '123456789012',
        region: 'ap-southeast-1',
        alarmEmail: 'ops@example.com',
        senderEmail: 'summary@gx.example.com',
      },
      { webDist: web },
    );
    app.synth(); // throws on any unacknowledged finding
    const edge = app.node.findChild('GxResponseTeamsEdge-prod') as import('aws-cdk-lib').Stack;
    expect(edge.region).toBe('us-east-1');
    expect(pinned.region).toBe('ap-southeast-1');
    Template.fromStack(edge).hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'RatePerIp',
          Action: { Block: {} },
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: 1500, EvaluationWindowSec: 300 }) },
        }),
        Match.objectLike({
          Name: 'ExpensiveRatePerIp',
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 100, ScopeDownStatement: Match.anyValue() }) },
        }),
        Match.objectLike({ Name: 'AWSManagedRulesAmazonIpReputationList' }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
      ]),
    });
    const dist = Object.values(Template.fromStack(pinned).toJSON().Resources as Resources).find(
      (r) => r.Type === 'AWS::CloudFront::Distribution',
    )!;
    expect(dist.Properties.DistributionConfig.WebACLId).toBeDefined();
    // prod turns on Cognito threat protection (the Plus plan)
    Template.fromStack(pinned).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('names the offices of several programmes by their areas, and the national office above them', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-programmes-')) });
    const several = createStack(app, { stage: 'test', senderEmail: 'summary@gx.example.com', programmes: '45,331181' }, { webDist: web });
    const names = Object.values(Template.fromStack(several).toJSON().Resources as Resources)
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => r.Properties.GroupName as string);
    expect(names.filter((n) => !/^(city-\d{4}|county-45\d{4})$/.test(n))).toEqual(['nation', 'province-45', 'county-331181']);
    expect(names).toHaveLength(3 + 14 + 111);
    // one programme: its root office is `province`, and there is no national office
    expect(names).not.toContain('province');
    const one = Object.values(resources())
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => r.Properties.GroupName);
    expect(one).toContain('province');
    expect(one).not.toContain('nation');
  });

  it('keeps the identity key in Secrets Manager under the data key, readable by the write function only, never rotated', () => {
    const secrets = Object.entries(resources()).filter(([, r]) => r.Type === 'AWS::SecretsManager::Secret');
    const [id, secret] = secrets.find(([, r]) => String(r.Properties.Description).includes('identities'))!;
    expect(secret.Properties.KmsKeyId).toBeDefined();
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(Object.values(resources()).filter((r) => r.Type === 'AWS::SecretsManager::RotationSchedule')).toEqual([]);
    const readers = Object.entries(resources())
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && JSON.stringify(r.Properties.Environment ?? {}).includes(id))
      .map(([logicalId]) => logicalId);
    expect(readers).toEqual([logical('ApiWrite')]);
  });

  it('refuses an account without a region', () => {
    expect(() => createStack(new App(), { account: '123456789012' })).toThrow(/account and region/);
  });
});

describe('the China regions (partition aws-cn): Beijing and Ningxia', () => {
  const CHINA = {
    oidcIssuer: 'https://id.gxzf.gov.cn/realms/yjt',
    oidcAudience: 'gx-teams-api',
    oidcClientId: 'gx-teams-web',
    groupsClaim: 'groups',
    oidcScope: 'gx-teams-api',
    senderEmail: 'summary@yjglt.gxzf.gov.cn',
    smtpUrl: 'smtp://tracker@smtp.gxzf.gov.cn:587',
    dkimDomain: 'yjglt.gxzf.gov.cn',
    dkimSelector: 'gx2026',
    domain: 'teams.yjglt.gxzf.gov.cn',
    iamServerCertificateId: 'ASCAEXAMPLE1234567890',
    apiDomain: 'api.teams.yjglt.gxzf.gov.cn',
  };
  for (const region of ['cn-northwest-1', 'cn-north-1']) {
    it(`${region}: no CloudFormation-Validate finding, cdk-nag clean; OpenID Connect sign-in, SMTP mail, the ICP domain; no arn:aws: literal`, () => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), `cdk-${region}-`)), context: VALIDATE });
      const stack = createStack(
        app,
        {
          stage: 'prod',
          account: '123456789012',
          region,
          alarmEmail: 'ops@example.com',
          ...CHINA,
          apiCertificateArn: `arn:aws-cn:acm:${region}:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000`,
        },
        { webDist: web },
      );
      app.synth(); // throws on F3006 (a type the region lacks: the flag makes it an error) and on any cdk-nag finding
      expect(app.node.tryFindChild('GxResponseTeamsEdge-prod')).toBeUndefined(); // no CloudFront WAF in China
      const template = Template.fromStack(stack);
      const json = JSON.stringify(template.toJSON());
      expect(json).not.toMatch(/arn:aws:/);
      expect(json).not.toContain('amazonaws.com/');
      const types = new Set(Object.values(template.toJSON().Resources as Resources).map((r) => r.Type));
      for (const missing of [
        'AWS::Cognito::UserPool',
        'AWS::Cognito::UserPoolGroup',
        'AWS::SES::EmailIdentity',
        'AWS::CloudFront::OriginAccessControl',
        'AWS::WAFv2::WebACL',
      ])
        expect(types.has(missing)).toBe(false);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        JwtConfiguration: { Issuer: CHINA.oidcIssuer, Audience: ['gx-teams-api'] },
      });
      // an unauthenticated route needs an ICP filing: the health check is signed in too
      for (const route of Object.values(template.toJSON().Resources as Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route'))
        expect(route.Properties.AuthorizationType).toBe('JWT');
      template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: CHINA.apiDomain });
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: [CHINA.domain],
          ViewerCertificate: {
            IamCertificateId: CHINA.iamServerCertificateId,
            SslSupportMethod: 'sni-only',
            MinimumProtocolVersion: 'TLSv1.2_2021',
          },
        }),
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            MAIL_TRANSPORT: 'smtp',
            SMTP_URL: CHINA.smtpUrl,
            SMTP_SECRET_ARN: Match.anyValue(),
            DKIM_DOMAIN: CHINA.dkimDomain,
          }),
        },
      });
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ GROUPS_CLAIM: 'groups' }) } });
      // the SMTP relay's password and the identity key
      template.resourceCountIs('AWS::SecretsManager::Secret', 2);
      // every call through CloudFront and the API's own domain; the access log names the caller's groups by the configured claim
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
      const stage = Object.values(template.toJSON().Resources as Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
      expect(JSON.parse(stage.Properties.AccessLogSettings.Format).scope).toBe('$context.authorizer.claims.groups');
      expect(Object.keys(template.toJSON().Outputs)).toEqual(expect.arrayContaining(['DistributionDomain', 'ApiDomainTarget']));
    });
  }

  it('the check is real: a Cognito user pool in a China region fails the synth (F3006)', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-cn-fail-')), context: VALIDATE });
    const stack = new Stack(app, 'Probe', { env: { account: '123456789012', region: 'cn-north-1' } });
    new CfnUserPool(stack, 'Pool');
    expect(() => app.synth()).toThrow(/Resource type 'AWS::Cognito::UserPool' does not exist in 'cn-north-1'/);
  });

  it('refuses a China target that lacks what China needs (the identity provider, the relay, the ICP domain and certificates)', () => {
    expect(() => createStack(new App(), { account: '123456789012', region: 'cn-north-1' })).toThrow(
      /oidcIssuer: required for the China regions/,
    );
    // the API's own scope at the province's provider: no default a provider might happen to issue
    const { oidcScope: _scope, ...noScope } = CHINA;
    expect(() =>
      createStack(new App(), {
        account: '123456789012',
        region: 'cn-north-1',
        ...noScope,
        apiCertificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/x',
      }),
    ).toThrow(/oidcScope: required/);
    // the relay's password never goes in the template
    expect(() =>
      createStack(new App(), {
        account: '123456789012',
        region: 'cn-north-1',
        ...CHINA,
        apiCertificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/x',
        smtpUrl: 'smtp://tracker:secret@smtp.gxzf.gov.cn:587',
      }),
    ).toThrow(/no password/);
  });
});

/** Asset folders of the five NodejsFunctions in the synthesized cloud assembly. */
/** A bundle's entry file and every chunk it imports statically (import ... from "./x.mjs"), not those it import()s. */
function startFiles(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{][^;]*?from\s*)?["'](\.{1,2}\/[^"']+\.mjs)["']/g))
    startFiles(resolve(dirname(file), m[1]), seen);
  return [...seen];
}

function readdirAssets(): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, `GxResponseTeams-test.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string } }>;
  };
  return Object.values(manifest.files)
    .map((f) => join(outdir, f.source.path))
    .filter((p) => existsSync(join(p, 'index.mjs')));
}
