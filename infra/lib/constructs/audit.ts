// The audit trail's locked copy: the audit table's stream → an exporter function → an S3 bucket under
// Object Lock in compliance mode (no one, not even the account's root, shortens or removes a copy
// before its retention ends). Works alike in both partitions.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { wildcardArn } from './nag.js';
import { TrackerFunction, type LogSettings } from './tracker-function.js';

export interface AuditProps {
  table: TableV2;
  key: IKey;
  logs: LogSettings;
  /** The server access-log bucket: who read the copies is logged too. */
  accessLogs: IBucket;
  /** How long each copy is locked, in days (then kept 30 more, and expired). */
  lockDays: number;
}

export class Audit extends Construct {
  readonly bucket: Bucket;
  readonly exporter: TrackerFunction;
  /** Stream batches that failed every retry: their records are not yet in the bucket. */
  readonly failedExports: Queue;

  constructor(scope: Construct, id: string, props: AuditProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Copy', {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.lockDays)),
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3-managed keys, not the data key: disabling or deleting a customer key would make every locked copy unreadable.
      encryption: BucketEncryption.S3_MANAGED,
      // Kept a month past the lock, then gone: the trail's retention is a decision, not an accident.
      lifecycleRules: [{ expiration: Duration.days(props.lockDays + 30), noncurrentVersionExpiration: Duration.days(props.lockDays + 30) }],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'audit/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.failedExports = new Queue(this, 'FailedExports', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedExports).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the exporter's on-failure destination; its own alarm watches it.",
    });
    this.exporter = new TrackerFunction(this, 'Exporter', {
      entry: 'jobs/audit-export.ts',
      logs: props.logs,
      dataKey: props.key,
      timeout: Duration.minutes(1),
      // One concurrent batch per stream shard: the audit table's few shards never need more.
      reservedConcurrentExecutions: 5,
      environment: { AUDIT_BUCKET: this.bucket.bucketName },
    });
    // Put only: no read, no delete, no retention change (compliance mode would refuse a shorter one anyway).
    this.exporter.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('audit/*')] }));
    Validations.of(this.exporter.role!).acknowledge({
      id: wildcardArn(this.bucket, '/audit/*'),
      reason: 'The exporter writes one object per audit record under audit/, keyed by the record: it may only put there.',
    });
    this.exporter.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        // After every retry the batch is skipped: the queue gets its shard and sequence numbers (not the records), to copy again from the stream (24 h) or the table.
        onFailure: new SqsDlq(this.failedExports),
      }),
    );
  }
}
