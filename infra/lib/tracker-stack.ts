// The whole tracker in one stack: data, auth, API, jobs, web, monitoring.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TrackerConfig } from './config.js';
import { Api } from './constructs/api.js';
import { Auth } from './constructs/auth.js';
import { Data } from './constructs/data.js';
import { Jobs } from './constructs/jobs.js';
import { Monitoring } from './constructs/monitoring.js';
import { Web } from './constructs/web.js';

export class TrackerStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly api: Api;
  readonly jobs: Jobs;
  readonly web: Web;

  constructor(scope: Construct, id: string, config: TrackerConfig, props: StackProps & { webDist?: string } = {}) {
    const { webDist: _dist, ...stackProps } = props;
    super(scope, id, { description: '八桂应急先锋社区响应队 rollout tracker', ...stackProps });
    this.data = new Data(this, 'Data');
    this.web = new Web(this, 'Web');
    this.auth = new Auth(this, 'Auth', { stage: config.stage, callbackUrls: [`${this.web.url}/`] });
    this.api = new Api(this, 'Api', {
      table: this.data.table, userPool: this.auth.userPool, client: this.auth.client,
      allowedOrigins: [this.web.url, ...(config.allowedOrigin ? [config.allowedOrigin] : [])],
      rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit,
    });
    this.jobs = new Jobs(this, 'Jobs', { table: this.data.table, senderEmail: config.senderEmail, stage: config.stage });
    this.web.deploy({
      mode: 'cognito',
      apiBase: this.api.httpApi.apiEndpoint,
      region: this.region,
      userPoolId: this.auth.userPool.userPoolId,
      clientId: this.auth.client.userPoolClientId,
      authDomain: this.auth.domain.baseUrl(),
    }, props.webDist);
    new Monitoring(this, 'Monitoring', {
      functions: { Read: this.api.functions.read, Write: this.api.functions.write, MonthlySummary: this.jobs.summary, Lapse: this.jobs.lapse },
      table: this.data.table, deadLetters: this.jobs.deadLetters, httpApi: this.api.httpApi, alarmEmail: config.alarmEmail,
    });
    new CfnOutput(this, 'AppUrl', { value: this.web.url });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
  }
}
