// The whole tracker in one stack: data, auth, API, jobs, web, monitoring.
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { isChina, type TrackerConfig } from './config.js';
import { Key } from 'aws-cdk-lib/aws-kms';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Aws } from 'aws-cdk-lib';
import { Api } from './constructs/api.js';
import { Audit } from './constructs/audit.js';
import { API_SCOPE, Auth } from './constructs/auth.js';
import { Data } from './constructs/data.js';
import { Jobs } from './constructs/jobs.js';
import { Trigger } from 'aws-cdk-lib/triggers';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Monitoring } from './constructs/monitoring.js';
import { Web } from './constructs/web.js';

export class TrackerStack extends Stack {
  readonly data: Data;
  /** Cognito, in the global partition; in China the province's own OpenID Connect provider signs users in. */
  readonly auth?: Auth;
  readonly api: Api;
  readonly jobs: Jobs;
  readonly web: Web;
  readonly audit: Audit;

  constructor(scope: Construct, id: string, config: TrackerConfig, props: StackProps & { webDist?: string; edgeWebAclArn?: string } = {}) {
    const { webDist, edgeWebAclArn, ...stackProps } = props;
    super(scope, id, { description: '八桂应急先锋社区响应队 rollout tracker', ...stackProps });
    this.data = new Data(this, 'Data');
    const logs = { retentionDays: config.logRetentionDays, key: this.logsKey() };
    // The app and the API share one CloudFront origin (the API behind /api/*, so WAF sees it too).
    const china = isChina(config.region);
    const issuerOrigin = china ? new URL(config.oidcIssuer!).origin : undefined;
    this.web = new Web(this, 'Web', {
      webAclArn: edgeWebAclArn,
      logRetentionDays: config.logRetentionDays,
      ...(china
        ? { china: { domain: config.domain!, iamServerCertificateId: config.iamServerCertificateId!, identityOrigin: issuerOrigin! } }
        : {}),
    });
    // The programmes it runs, by their areas: the user pool's groups and the web app's config name them.
    const programmes = config.programmes.split(',');
    const auth = (this.auth = china
      ? undefined
      : new Auth(this, 'Auth', {
          stage: config.stage,
          callbackUrls: [`${this.web.url}/`],
          threatProtection: config.threatProtection ?? config.stage === 'prod',
          perIpLimit: config.wafPerIpLimit,
          programmes,
        }));
    this.api = new Api(this, 'Api', {
      table: this.data.table,
      auditTable: this.data.auditTable,
      dataKey: this.data.key,
      // API Gateway's JWT authorizer takes aud or client_id: Cognito's access tokens carry client_id.
      jwt: auth
        ? {
            issuer: `https://cognito-idp.${this.region}.amazonaws.com/${auth.userPool.userPoolId}`,
            audience: [auth.client.userPoolClientId],
            groupsClaim: 'cognito:groups',
            requiredScope: API_SCOPE,
          }
        : {
            issuer: config.oidcIssuer!,
            audience: [config.oidcAudience!],
            groupsClaim: config.groupsClaim ?? 'groups',
            requiredScope: config.oidcScope!,
          },
      // Unauthenticated routes need an ICP filing in China: there the health check is signed in too.
      publicRoutes: !china,
      ...(china ? { domain: { name: config.apiDomain!, certificateArn: config.apiCertificateArn! } } : {}),
      allowedOrigins: config.allowedOrigin ? [config.allowedOrigin] : [],
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      expensiveRateLimit: config.expensiveRateLimit,
      expensiveBurstLimit: config.expensiveBurstLimit,
      logs,
      readConcurrency: config.readConcurrency,
      writeConcurrency: config.writeConcurrency,
    });
    this.web.routeApi(this.api.originDomain);
    // The key that makes a person's identity a keyed hash of their mobile (functions/core/roster.ts): made once
    // here, read by the write function only (reads never need it), never rotated (a new key would make every person a new one).
    const identityKey = new Secret(this, 'IdentityKey', {
      encryptionKey: this.data.key,
      description:
        "The key of rosters' person identities (HMAC-SHA-256 of the normalised mobile). Not rotated: see docs/data-model.md (Rosters).",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(identityKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the identity key would give every person on every roster a new identity: it is kept, not rotated.',
    });
    identityKey.grantRead(this.api.functions.write);
    this.api.functions.write.addEnvironment('IDENTITY_SECRET_ARN', identityKey.secretArn);
    this.jobs = new Jobs(this, 'Jobs', {
      table: this.data.table,
      auditTable: this.data.auditTable,
      dataKey: this.data.key,
      stage: config.stage,
      logs,
      senderEmail: config.senderEmail,
      mail: china
        ? { transport: 'smtp', url: config.smtpUrl!, dkimDomain: config.dkimDomain, dkimSelector: config.dkimSelector }
        : { transport: 'ses' },
    });
    // Every function that serves a programme's records knows which programmes the deployment runs.
    const served = [this.api.functions.read, this.api.functions.write, this.jobs.summary, this.jobs.lapse, this.jobs.reconcile];
    for (const fn of [...served, this.jobs.migrate]) fn.addEnvironment('PROGRAMMES', config.programmes);
    if (config.legacyProgramme) this.jobs.migrate.addEnvironment('LEGACY_PROGRAMME', config.legacyProgramme);
    // A table from before the tenant keys is moved before any function that reads the new keys changes
    // (docs/data-model.md); a moved or new table costs the run one read. Re-run when its code changes.
    new Trigger(this, 'TenantKeys', {
      handler: this.jobs.migrate,
      executeBefore: served,
      executeOnHandlerChange: true,
      timeout: Duration.minutes(15),
    });
    this.web.deploy(
      auth
        ? {
            programmes,
            mode: 'cognito',
            apiBase: '',
            region: this.region,
            userPoolId: auth.userPool.userPoolId,
            clientId: auth.client.userPoolClientId,
            authDomain: auth.domain.baseUrl(),
            scope: `openid profile ${API_SCOPE}`,
          }
        : {
            programmes,
            mode: 'oidc',
            apiBase: '',
            issuer: config.oidcIssuer!,
            clientId: config.oidcClientId!,
            groupsClaim: config.groupsClaim ?? 'groups',
            scope: [...new Set(['openid', 'profile', 'offline_access', config.oidcScope!])].join(' '),
          },
      logs,
      webDist,
    );
    this.audit = new Audit(this, 'Audit', {
      table: this.data.auditTable,
      key: this.data.key,
      logs,
      accessLogs: this.web.accessLogs,
      lockDays: config.auditLockDays,
    });
    new Monitoring(this, 'Monitoring', {
      functions: {
        Read: this.api.functions.read,
        Write: this.api.functions.write,
        MonthlySummary: this.jobs.summary,
        Lapse: this.jobs.lapse,
        Reconcile: this.jobs.reconcile,
        AuditExport: this.audit.exporter,
      },
      mailReputation: !china,
      table: this.data.table,
      auditTable: this.data.auditTable,
      deadLetters: this.jobs.deadLetters,
      failedRuns: this.jobs.failedRuns,
      failedExports: this.audit.failedExports,
      auditExporter: this.audit.exporter,
      httpApi: this.api.httpApi,
      alarmEmail: config.alarmEmail,
    });
    if (edgeWebAclArn) {
      // The cross-region reference to the edge stack's web ACL is read by a function the CDK itself defines.
      const reader = this.node.tryFindChild('ExportsReader');
      if (reader) {
        Validations.of(this).acknowledge(
          {
            id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
            reason: "The CDK's own cross-region exports reader (custom resource provider) uses the basic execution role.",
          },
          { id: 'AwsSolutions-L1', reason: "The CDK's cross-region exports reader picks its own runtime; it updates with aws-cdk-lib." },
        );
      }
    }
    new CfnOutput(this, 'AppUrl', { value: this.web.url });
    new CfnOutput(this, 'ApiUrl', { value: `${this.web.url}/api` });
    if (auth) new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    // China: the names the ICP domains' CNAME records point at.
    if (china) new CfnOutput(this, 'DistributionDomain', { value: this.web.distribution.distributionDomainName });
    if (this.api.domainTarget) new CfnOutput(this, 'ApiDomainTarget', { value: this.api.domainTarget });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'AuditBucket', { value: this.audit.bucket.bucketName });
    // SES's Easy DKIM: three CNAME records to publish in the sender's domain.
    for (const [i, r] of (this.jobs.sender?.dkimRecords ?? []).entries()) {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: Fn.join(' CNAME ', [r.name, r.value]) });
    }
  }

  /** The customer-managed key of every log group; CloudWatch Logs in this region may use it for log groups of this account only. */
  private logsKey(): Key {
    const key = new Key(this, 'LogsKey', {
      description: 'Tracker logs: functions and API access logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${this.region}:${this.account}:log-group:*` },
        },
      }),
    );
    return key;
  }
}
