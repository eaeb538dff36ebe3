// The table's shape for local use and tests; infra/ declares the same keys (checked by a test).
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from './keys.js';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  await client.send(new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.pk, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.sk, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.lapsePk, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.lapseSk, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEYS.pk, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sk, KeyType: 'RANGE' },
    ],
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
