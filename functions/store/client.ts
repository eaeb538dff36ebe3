// The DynamoDB clients, one per process, configured once from the environment.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditTableFor } from './keys.js';

export interface StoreConfig {
  tableName: string;
  /** The append-only audit table (default: the table's name + '-audit'). */
  auditTableName?: string;
  /** Set only for DynamoDB Local. */
  endpoint?: string;
  region?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    auditTableName: env.AUDIT_TABLE_NAME || auditTableFor(tableName),
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || 'ap-east-1',
  };
}

export function createClients(config: StoreConfig, extra: DynamoDBClientConfig = {}) {
  const local = Boolean(config.endpoint);
  const raw = new DynamoDBClient({
    region: config.region ?? 'ap-east-1',
    ...(local ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...extra,
  });
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { raw, doc };
}
