// The DynamoDB tables: the tracker's single table and the append-only audit table beside it. Both
// on-demand, PITR, deletion protection, retained, encrypted with a customer-managed key, backed up
// daily by AWS Backup (kept 35 days; monthly kept a year) beside PITR's 35 days; keys as the store uses.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { Schedule } from 'aws-cdk-lib/aws-events';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
  type CfnGlobalTable,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Must match functions/store/keys.ts (TABLE_KEYS); a test compares them. */
export const KEYS = { pk: 'pk', sk: 'sk', lapseIndex: 'lapse', lapsePk: 'lapsePk', lapseSk: 'lapseSk', ttl: 'expiresAt' } as const;
/** The partitions of each day's retention figures (functions/store/keys.ts, retentionPartitionPrefix; a test compares them). */
export const RETENTION_PARTITION_PREFIX = 'RETENTION#';

export class Data extends Construct {
  readonly table: TableV2;
  /** Team versions, reveals, check versions, organisers' views: only Put (on a new key) and Query are granted here. */
  readonly auditTable: TableV2;
  /** The customer-managed key of both tables and of the audit bucket. */
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'DataKey', {
      description: 'Tracker data: the tables and the audit copy',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common = {
      partitionKey: { name: KEYS.pk, type: AttributeType.STRING },
      sortKey: { name: KEYS.sk, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The customer-managed key is set at the L1 level below: TableV2 renders it only in a stack pinned to a region.
      encryption: TableEncryptionV2.awsManagedKey(),
    };
    // Its stream feeds the Object Lock copy in S3; both images, so a change or removal (which no role
    // may make) arrives as evidence. No TTL: a Put could otherwise set an expiry and have DynamoDB delete a record.
    this.auditTable = new TableV2(this, 'AuditTable', { ...common, dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES });
    this.table = new TableV2(this, 'Table', {
      ...common,
      // Import records and mail claims carry expiresAt (epoch seconds): DynamoDB deletes them after it.
      timeToLiveAttribute: KEYS.ttl,
      globalSecondaryIndexes: [
        {
          indexName: KEYS.lapseIndex,
          partitionKey: { name: KEYS.lapsePk, type: AttributeType.STRING },
          sortKey: { name: KEYS.lapseSk, type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        },
      ],
    });
    for (const t of [this.table, this.auditTable]) {
      const cfn = t.node.defaultChild as CfnGlobalTable;
      cfn.addPropertyOverride('SSESpecification.SSEType', 'KMS');
      cfn.addPropertyOverride('Replicas.0.SSESpecification', { KMSMasterKeyId: this.key.keyArn });
    }
    // A copy PITR cannot lose with the table: a retained vault, daily and monthly recovery points.
    const vault = new BackupVault(this, 'Vault', { removalPolicy: RemovalPolicy.RETAIN });
    const plan = new BackupPlan(this, 'Backup', {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: Schedule.cron({ hour: '19', minute: '0' }),
          deleteAfter: Duration.days(35),
        }), // 03:00 Asia/Shanghai
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '19', minute: '30' }),
          deleteAfter: Duration.days(366),
        }),
      ],
    });
    const selection = plan.addSelection('Table', {
      resources: [BackupResource.fromArn(this.table.tableArn), BackupResource.fromArn(this.auditTable.tableArn)],
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: "AWS Backup's own service role policy for taking backups: what the service documents for a selection's role.",
    });
  }
}
