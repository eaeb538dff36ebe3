// The tables' shapes for local use and tests; infra/ declares the same keys (checked by a test).
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
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
 *
 * `auditStream: false` is for tests that never read the stream: DynamoDB Local keeps every stream
 * record it was ever sent, even a deleted table's, and each later stream write gets slower with them
 * (measured: a second province seed on one emulator ran 11 times slower, 97 s for 20 counties).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: { auditStream?: boolean } = {}): Promise<boolean> {
  const auditTableName = auditTableFor(tableName);
  if (!(await exists(client, auditTableName))) {
    await client.send(
      new CreateTableCommand({
        TableName: auditTableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: TABLE_KEYS.pk, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sk, AttributeType: 'S' },
        ],
        KeySchema: KEY_SCHEMA,
        // Both images: a change or removal (which no role may make) reaches the export as evidence. No TTL here: nothing expires in the trail.
        ...((options.auditStream ?? true)
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } }
          : {}),
      }),
    );
  }
  if (await exists(client, tableName)) return false;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.pk, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sk, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.lapsePk, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.lapseSk, AttributeType: 'S' },
      ],
      KeySchema: KEY_SCHEMA,
      GlobalSecondaryIndexes: [
        {
          IndexName: TABLE_KEYS.lapseIndex,
          KeySchema: [
            { AttributeName: TABLE_KEYS.lapsePk, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.lapseSk, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttl, Enabled: true } }),
  );
  return true;
}
