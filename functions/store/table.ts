// The tables' shapes for local use and tests; infra/ declares the same keys (checked by a test).
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { auditTableFor, TABLE_KEYS } from './keys.js';

const KEY_SCHEMA = [
  { AttributeName: TABLE_KEYS.pk, KeyType: 'HASH' as const },
  { AttributeName: TABLE_KEYS.sk, KeyType: 'RANGE' as const },
];

async function exists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
    return false;
  }
}

/**
 * Creates the table and its audit table where missing (the audit table with a stream and no TTL,
 * as in AWS); true when the main table was new.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, auditTableName = auditTableFor(tableName)): Promise<boolean> {
  if (!(await exists(client, auditTableName))) {
    await client.send(new CreateTableCommand({
      TableName: auditTableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: TABLE_KEYS.pk, AttributeType: 'S' }, { AttributeName: TABLE_KEYS.sk, AttributeType: 'S' }],
      KeySchema: KEY_SCHEMA,
      // Both images: a change or removal (which no role may make) reaches the export as evidence. No TTL here: nothing expires in the trail.
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }));
  }
  if (await exists(client, tableName)) return false;
  await client.send(new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.pk, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.sk, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.lapsePk, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.lapseSk, AttributeType: 'S' },
    ],
    KeySchema: KEY_SCHEMA,
    GlobalSecondaryIndexes: [{
      IndexName: TABLE_KEYS.lapseIndex,
      KeySchema: [
        { AttributeName: TABLE_KEYS.lapsePk, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.lapseSk, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    }],
  }));
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttl, Enabled: true } }));
  return true;
}
