// Alarms a small team acts on: Lambda errors, DynamoDB throttles, anything in the dead-letter
// queue, and API 5xx; all to one encrypted SNS topic.
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The tracker's own metrics (functions/runtime/deps.ts emits them as EMF lines; a test compares the names). */
export const METRIC_NAMESPACE = 'GxResponseTeams';
export const JOB_METRICS = {
  monthFiguresMissing: 'MonthFiguresMissing',
  dailyRun: 'DailyRunSucceeded',
  summarySent: 'MonthlySummarySent',
  summaryMissing: 'MonthlySummaryMissing',
  phoneRevealLimitReached: 'PhoneRevealLimitReached',
  auditTampered: 'AuditTampered',
  auditFailed: 'AuditExportFailed',
} as const;
/** The work the dashboard shows (functions/app/deps.ts BUSINESS_METRICS; a test compares them). */
export const BUSINESS_METRICS = {
  teamWrites: 'TeamWrites',
  importRowsAccepted: 'ImportRowsAccepted',
  importRowsRejected: 'ImportRowsRejected',
  mailSent: 'MailSent',
  mailFailed: 'MailFailed',
  teamsLapsed: 'TeamsLapsed',
  driftFound: 'DriftFound',
  driftCorrected: 'DriftCorrected',
  conflicts: 'Conflicts',
  retryLater: 'RetryLater',
} as const;

export interface MonitoringProps {
  functions: Record<string, IFunction>;
  table: TableV2;
  auditTable: TableV2;
  deadLetters: Queue;
  failedRuns: Queue;
  failedExports: Queue;
  auditExporter: IFunction;
  httpApi: HttpApi;
  alarmEmail?: string;
  /** SES's account reputation (the global partition; China's relay reports its own). */
  mailReputation: boolean;
}

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = new Key(this, 'AlarmsKey', { enableKeyRotation: true });
    // CloudWatch publishes alarms to the encrypted topic only with the key: without this grant every alarm changes state silently.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Alarms', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const own = (metricName: string, statistic: string, period: Duration) =>
      new Metric({ namespace: METRIC_NAMESPACE, metricName, statistic, period });
    const alarms: Alarm[] = [];
    const alarm = (name: string, metric: IMetric, description: string, threshold = 1) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new SnsAction(this.topic));
      alarms.push(a);
    };
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `${name}: a Lambda invocation failed`);
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        `${name}: invocations throttled (reserved concurrency reached)`,
      );
    }
    // Slow before failing: the API functions' p99 near their 29 s timeout.
    for (const name of ['Read', 'Write'] as const) {
      const fn = props.functions[name];
      if (fn)
        alarm(
          `${name}SlowP99`,
          fn.metricDuration({ period: Duration.minutes(5), statistic: 'p99' }),
          `${name}: p99 duration over 20 s (the timeout is 29 s)`,
          20_000,
        );
    }
    // Someone probing or a broken client: refused requests by the hundred in five minutes.
    alarm(
      'Api4xx',
      props.httpApi.metricClientError({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The API refused 200 or more requests (4xx: 401/403 included) in 5 minutes',
      200,
    );
    for (const op of ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems']) {
      alarm(
        `Throttles${op}`,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ThrottledRequests',
          statistic: 'Sum',
          period: Duration.minutes(5),
          dimensionsMap: { TableName: props.table.tableName, Operation: op },
        }),
        `DynamoDB throttled ${op}`,
      );
    }
    // The audit table takes a Put in every team transaction (a throttle there refuses the write) and a Query per history.
    for (const op of ['PutItem', 'Query', 'TransactWriteItems']) {
      alarm(
        `AuditThrottles${op}`,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ThrottledRequests',
          statistic: 'Sum',
          period: Duration.minutes(5),
          dimensionsMap: { TableName: props.auditTable.tableName, Operation: op },
        }),
        `DynamoDB throttled ${op} on the audit table`,
      );
    }
    alarm(
      'FailedRuns',
      props.failedRuns.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'A scheduled job threw after its retries (the event is in the FailedRuns queue)',
    );
    alarm(
      'FailedAuditExports',
      props.failedExports.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      "Audit records failed every copy to the Object Lock bucket: FailedExports names the batch (shard, sequence numbers); copy them again with npm run audit:replay -- --bucket <AuditBucket> --since <the batch's time>",
    );
    alarm(
      'AuditExportFailing',
      own(JOB_METRICS.auditFailed, 'Sum', Duration.minutes(5)),
      'Copies to the audit bucket are failing (retried from the failed record)',
    );
    // A caller reached the hour's limit of full phone reveals: one office sweeping numbers, or one that needs more (say which in the review).
    alarm(
      'PhoneRevealLimitReached',
      own(JOB_METRICS.phoneRevealLimitReached, 'Sum', Duration.minutes(5)),
      "A caller reached the hour's limit of full phone reveals (core/personal.ts REVEALS_PER_HOUR): the reveals in the teams' histories say who, and why",
    );
    alarm(
      'AuditTampered',
      own(JOB_METRICS.auditTampered, 'Sum', Duration.minutes(5)),
      'An audit record was changed or removed (no role may): the evidence is under tamper/ in the audit bucket',
    );
    // The stream keeps records 24 h: a copy an hour behind is a copy at risk.
    alarm(
      'AuditExportBehind',
      props.auditExporter.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      'The audit copy is over an hour behind the audit table (the stream keeps records 24 h)',
      3_600_000,
    );
    alarm(
      'DeadLetters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'A scheduled job failed all its retries',
    );
    if (props.mailReputation) {
      // SES pauses an account whose bounce rate passes 10% or complaint rate 0.5%: warn at half.
      const reputation = (metricName: string) =>
        new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
      alarm(
        'MailBounceRate',
        reputation('Reputation.BounceRate'),
        'SES bounce rate at 5% or more (SES reviews the account at 5% and may pause it at 10%)',
        0.05,
      );
      alarm(
        'MailComplaintRate',
        reputation('Reputation.ComplaintRate'),
        'SES complaint rate at 0.1% or more (SES reviews the account at 0.1% and may pause it at 0.5%)',
        0.001,
      );
    }
    // Jobs that did not run: an errors alarm cannot see a run that never happened.
    alarm(
      'MonthFiguresMissing',
      own(JOB_METRICS.monthFiguresMissing, 'Maximum', Duration.hours(1)),
      "An ended month had no stored figures (the daily job stored them as of the month's end: check why the monthly run did not)",
    );
    alarm(
      'MonthlySummaryMissing',
      own(JOB_METRICS.summaryMissing, 'Maximum', Duration.hours(1)),
      "Last month's summary had not finished by 10:00 on the 1st",
    );
    // The daily job runs at 00:10: 26 hourly periods without its heartbeat (missing data breaches) means it did not.
    const dailyMissing = new Alarm(this, 'DailyRunMissing', {
      metric: own(JOB_METRICS.dailyRun, 'Sum', Duration.hours(1)),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 26,
      datapointsToAlarm: 26,
      treatMissingData: TreatMissingData.BREACHING,
      alarmDescription: 'The daily job (months, standards, lapses) has not finished in 26 hours',
    });
    dailyMissing.addAlarmAction(new SnsAction(this.topic));
    alarms.push(dailyMissing);
    alarm('Api5xx', props.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), 'The API answered 5xx');

    // One page beside the alarms: the office's work (hourly sums), the jobs' heartbeats, and each function's errors, throttles and p99.
    const hourly = (name: string) => own(name, 'Sum', Duration.hours(1));
    const fns = Object.entries(props.functions);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 4 })],
        [
          new GraphWidget({
            title: 'Team writes and imports',
            left: [BUSINESS_METRICS.teamWrites, BUSINESS_METRICS.importRowsAccepted, BUSINESS_METRICS.importRowsRejected].map(hourly),
            width: 8,
          }),
          new GraphWidget({
            title: 'Summary emails',
            left: [BUSINESS_METRICS.mailSent, BUSINESS_METRICS.mailFailed].map(hourly),
            width: 8,
          }),
          new GraphWidget({
            title: 'Lapses and drift',
            left: [BUSINESS_METRICS.teamsLapsed, BUSINESS_METRICS.driftFound, BUSINESS_METRICS.driftCorrected].map(hourly),
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'API: 409 conflicts, 503 retries, 4xx, 5xx',
            left: [
              hourly(BUSINESS_METRICS.conflicts),
              hourly(BUSINESS_METRICS.retryLater),
              props.httpApi.metricClientError({ period: Duration.hours(1) }),
              props.httpApi.metricServerError({ period: Duration.hours(1) }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Jobs: daily heartbeat, summary missing, month figures missing',
            left: [
              hourly(JOB_METRICS.dailyRun),
              own(JOB_METRICS.summaryMissing, 'Maximum', Duration.hours(1)),
              own(JOB_METRICS.monthFiguresMissing, 'Maximum', Duration.hours(1)),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: fns.map(([name, fn]) => fn.metricErrors({ period: Duration.minutes(5), label: name })),
            width: 8,
          }),
          new GraphWidget({
            title: 'Function throttles',
            left: fns.map(([name, fn]) => fn.metricThrottles({ period: Duration.minutes(5), label: name })),
            width: 8,
          }),
          new GraphWidget({
            title: 'Function duration p99',
            left: fns.map(([name, fn]) => fn.metricDuration({ period: Duration.minutes(5), statistic: 'p99', label: name })),
            width: 8,
          }),
        ],
      ],
    });
  }
}
