// The single DynamoDB table: on-demand, PITR, deletion protection, retained; keys as the store uses.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Must match functions/store/keys.ts (TABLE_KEYS); a test compares them. */
export const KEYS = { pk: 'pk', sk: 'sk', lapseIndex: 'lapse', lapsePk: 'lapsePk', lapseSk: 'lapseSk', ttl: 'expiresAt' } as const;

export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: KEYS.pk, type: AttributeType.STRING },
      sortKey: { name: KEYS.sk, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      // Import records, reveal records and mail claims carry expiresAt (epoch seconds): DynamoDB deletes them after it.
      timeToLiveAttribute: KEYS.ttl,
      globalSecondaryIndexes: [{
        indexName: KEYS.lapseIndex,
        partitionKey: { name: KEYS.lapsePk, type: AttributeType.STRING },
        sortKey: { name: KEYS.lapseSk, type: AttributeType.STRING },
        projectionType: ProjectionType.KEYS_ONLY,
      }],
    });
  }
}
