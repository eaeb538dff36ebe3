// Mail claims: one item per (month, scope, recipient), so the monthly summary is sent once to each,
// whichever run sends it; kept 400 days (TTL). Only the summary job reads and writes them.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Keys } from './keys.js';
import { queryAllWith } from './query.js';

export interface MailRecord {
  scope: string;
  address: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  claimedAt: string;
  sentAt?: string;
  error?: string;
}

/** Mail claims (who was sent which month's summary) are kept this long, then expire (TTL). */
export const MAIL_RETENTION_DAYS = 400;

export function createMailStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  const queryAll = queryAllWith(doc, tableName);
  return {
    /**
     * Claims the right to send one month's summary to one recipient. Refused when it was sent, or
     * when another run is sending it now; a failed or long-stalled attempt may be taken over.
     */
    async claimMail(month: string, scope: string, address: string, now: string, staleBefore: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.mail(month, scope, address),
            UpdateExpression:
              'SET #s = :sending, claimedAt = :now, #scope = :scope, address = :address, expiresAt = :expires ADD attempts :one',
            ConditionExpression: 'attribute_not_exists(pk) OR #s = :failed OR (#s = :sending AND claimedAt < :stale)',
            ExpressionAttributeNames: { '#s': 'status', '#scope': 'scope' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':failed': 'failed',
              ':now': now,
              ':stale': staleBefore,
              ':scope': scope,
              ':address': address,
              ':one': 1,
              ':expires': Math.floor(Date.parse(now) / 1000) + MAIL_RETENTION_DAYS * 86_400,
            },
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },

    async finishMail(
      month: string,
      scope: string,
      address: string,
      outcome: { status: 'sent' | 'failed'; at: string; error?: string },
    ): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.mail(month, scope, address),
          UpdateExpression: outcome.status === 'sent' ? 'SET #s = :s, sentAt = :at REMOVE #e' : 'SET #s = :s, #e = :e',
          ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
          ExpressionAttributeValues:
            outcome.status === 'sent' ? { ':s': 'sent', ':at': outcome.at } : { ':s': 'failed', ':e': outcome.error ?? 'unknown' },
        }),
      );
    },

    async listMail(month: string): Promise<MailRecord[]> {
      const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.mailPartition(month) } });
      return items.map(
        ({ scope, address, status, attempts, claimedAt, sentAt, error }) =>
          ({ scope, address, status, attempts, claimedAt, sentAt, error }) as MailRecord,
      );
    },
  };
}
