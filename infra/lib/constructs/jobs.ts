// Scheduled jobs: the monthly summary (1st, 08:00 Asia/Shanghai), the reporting reminders (daily 09:00,
// through the summary function) and the daily lapse job (00:10),
// both by EventBridge Scheduler with retries and an SQS dead-letter queue; SES for the mail.
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TrackerFunction, type LogSettings } from './tracker-function.js';
import { wildcardArn } from './nag.js';

export class Jobs extends Construct {
  readonly summary: TrackerFunction;
  readonly lapse: TrackerFunction;
  readonly reconcile: TrackerFunction;
  /** Run at each deploy before the other functions change (tracker-stack.ts): moves a table from before the tenant keys. */
  readonly migrate: TrackerFunction;
  readonly deadLetters: Queue;
  /** A job run that threw after Lambda's own retries: the event lands here (Scheduler's DLQ covers delivery only). */
  readonly failedRuns: Queue;
  readonly schedules: { summary: Schedule; summaryCheck: Schedule; reminders: Schedule; lapse: Schedule; reconcile: Schedule };

  /** The SES domain identity (global partition), whose DKIM records the operator publishes. */
  readonly sender?: EmailIdentity;
  /** The relay's password and DKIM key (China), set by the operator after the first deploy. */
  readonly smtpSecret?: Secret;

  /**
   * `mail`: SES in the global partition; in China (no SES) a domestic SMTP relay — host, port and
   * user in the URL, the password and DKIM private key in Secrets Manager.
   */
  constructor(
    scope: Construct,
    id: string,
    props: {
      table: ITable;
      auditTable: ITable;
      dataKey: IKey;
      senderEmail: string;
      stage: string;
      logs: LogSettings;
      mail: { transport: 'ses' } | { transport: 'smtp'; url: string; dkimDomain?: string; dkimSelector?: string };
    },
  ) {
    super(scope, id);
    this.failedRuns = new Queue(this, 'FailedRuns', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedRuns).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the jobs' on-failure destination; its own alarm watches it.",
    });
    const job = { logs: props.logs, dataKey: props.dataKey, onFailure: new SqsDestination(this.failedRuns), retryAttempts: 2 } as const;
    this.summary = new TrackerFunction(this, 'MonthlySummary', {
      // It rebuilds month-end figures from the trail: it reads the audit table, never writes it.
      entry: 'jobs/monthly-summary.ts',
      table: props.table,
      access: 'readWrite',
      auditTable: props.auditTable,
      auditAccess: 'query',
      memorySize: 1024,
      timeout: Duration.minutes(10),
      ...job,
      // One run at a time: two concurrent runs would race for the same (month, recipient) claims.
      reservedConcurrentExecutions: 1,
      environment: { MAIL_FROM: props.senderEmail },
    });
    if (props.mail.transport === 'ses') {
      // The sender's domain, DKIM-signed (Easy DKIM: the three CNAMEs are stack outputs), through a
      // configuration set that refuses to deliver without TLS and keeps bounces and complaints off the list.
      const configurationSet = new ConfigurationSet(this, 'Mail', {
        tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
        reputationMetrics: true,
        suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      });
      const identity = (this.sender = new EmailIdentity(this, 'Sender', {
        identity: Identity.domain(props.senderEmail.split('@')[1]),
        configurationSet,
        dkimSigning: true,
      }));
      this.summary.addEnvironment('MAIL_TRANSPORT', 'ses');
      this.summary.addEnvironment('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
      this.summary.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName }),
            Stack.of(this).formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: configurationSet.configurationSetName,
            }),
          ],
          conditions: { StringEquals: { 'ses:FromAddress': props.senderEmail } },
        }),
      );
    } else {
      this.smtpSecret = new Secret(this, 'SmtpSecret', {
        encryptionKey: props.dataKey,
        description: 'SMTP relay password and DKIM private key: {"password":"…","dkimPrivateKey":"-----BEGIN PRIVATE KEY-----…"}',
        generateSecretString: { secretStringTemplate: JSON.stringify({ dkimPrivateKey: '' }), generateStringKey: 'password' },
      });
      Validations.of(this.smtpSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: "The relay's password is issued and rotated by the relay's operator (a domestic mail provider), not by a rotation Lambda.",
      });
      this.smtpSecret.grantRead(this.summary);
      for (const [k, v] of Object.entries({
        MAIL_TRANSPORT: 'smtp',
        SMTP_URL: props.mail.url,
        SMTP_SECRET_ARN: this.smtpSecret.secretArn,
        DKIM_DOMAIN: props.mail.dkimDomain,
        DKIM_SELECTOR: props.mail.dkimSelector,
      })) {
        if (v) this.summary.addEnvironment(k, v);
      }
    }
    this.lapse = new TrackerFunction(this, 'Lapse', {
      // Lapses and re-evaluations are team writes: each appends its audit record.
      entry: 'jobs/lapse.ts',
      table: props.table,
      access: 'readWrite',
      auditTable: props.auditTable,
      auditAccess: 'append',
      indexes: ['lapse'],
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
      ...job,
    });

    // Recounts every county: reports daily (failing on drift, so the errors alarm fires); {"fix":true} by hand corrects.
    this.reconcile = new TrackerFunction(this, 'Reconcile', {
      entry: 'jobs/reconcile.ts',
      table: props.table,
      access: 'readWrite',
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
      ...job,
    });

    // Scans the table once (later deploys find it done with one read); a Guangxi-sized table moves in a few minutes.
    this.migrate = new TrackerFunction(this, 'MoveToTenantKeys', {
      entry: 'jobs/migrate.ts',
      table: props.table,
      access: 'migrate',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      reservedConcurrentExecutions: 1,
      logs: props.logs,
      dataKey: props.dataKey,
    });

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the schedules.',
    });
    const target = (fn: TrackerFunction, input?: Record<string, unknown>) =>
      new LambdaInvoke(fn, {
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetters,
        ...(input ? { input: ScheduleTargetInput.fromObject(input) } : {}),
      });
    for (const fn of [this.summary, this.lapse, this.reconcile]) {
      Validations.of(Stack.of(this)).acknowledge({
        id: wildcardArn(fn, ':*'),
        reason: 'The scheduler target role made by aws-scheduler-targets may invoke this one function and its versions (ARN:*).',
      });
    }
    this.schedules = {
      summary: new Schedule(this, 'MonthlySummarySchedule', {
        description: 'Monthly summary emails: 1st of the month, 08:00 Asia/Shanghai',
        schedule: ScheduleExpression.cron({ minute: '0', hour: '8', day: '1', timeZone: TimeZone.ASIA_SHANGHAI }),
        target: target(this.summary),
      }),
      // The watchdog: a run that never started or died leaves no error to alarm on, so two hours after it was due, ask whether it finished.
      summaryCheck: new Schedule(this, 'MonthlySummaryCheck', {
        description: "Did last month's summary finish? 1st of the month, 10:00 Asia/Shanghai (metric MonthlySummaryMissing)",
        schedule: ScheduleExpression.cron({ minute: '0', hour: '10', day: '1', timeZone: TimeZone.ASIA_SHANGHAI }),
        target: target(this.summary, { job: 'check' }),
      }),
      // Sends only from the programme's reminder day to its deadline, once per county and month.
      reminders: new Schedule(this, 'ReminderSchedule', {
        description:
          'Reporting reminders to counties not yet reported: daily 09:00 Asia/Shanghai (sends in the window before the deadline)',
        schedule: ScheduleExpression.cron({ minute: '0', hour: '9', timeZone: TimeZone.ASIA_SHANGHAI }),
        target: target(this.summary, { job: 'reminders' }),
      }),
      lapse: new Schedule(this, 'LapseSchedule', {
        description: 'Re-evaluate teams whose verdict ran out: daily 00:10 Asia/Shanghai',
        schedule: ScheduleExpression.cron({ minute: '10', hour: '0', timeZone: TimeZone.ASIA_SHANGHAI }),
        target: target(this.lapse),
      }),
      reconcile: new Schedule(this, 'ReconcileSchedule', {
        description: 'Recount every county and report drift: daily 03:00 Asia/Shanghai',
        schedule: ScheduleExpression.cron({ minute: '0', hour: '3', timeZone: TimeZone.ASIA_SHANGHAI }),
        target: target(this.reconcile),
      }),
    };
  }
}
