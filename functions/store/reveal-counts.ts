// Phone reveals counted per caller per clock hour, in the main table (the audit table only takes
// new items): one small item a caller-hour, deleted by TTL a day later.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS, type Keys } from './keys.js';

const KEEP_SECONDS = 24 * 3600;

export function createRevealCountStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  return {
    /**
     * Takes one of the caller's reveals for the hour: the count after it, or null when `limit` were
     * taken already. One conditional update, so concurrent reveals never pass the limit. Not
     * idempotent: a retried request counts twice, which errs toward the limit, never past it.
     */
    async takeReveal(caller: string, hour: string, limit: number, nowIso: string): Promise<number | null> {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.revealCount(caller, hour),
            UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :one, #ttl = :expires',
            ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
            ExpressionAttributeNames: { '#n': 'reveals', '#ttl': TABLE_KEYS.ttl },
            ExpressionAttributeValues: {
              ':zero': 0,
              ':one': 1,
              ':limit': limit,
              ':expires': Math.floor(Date.parse(nowIso) / 1000) + KEEP_SECONDS,
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return Number(Attributes?.reveals);
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return null;
        throw e;
      }
    },
  };
}
