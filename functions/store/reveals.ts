// Phone reveals: each time someone outside the owning county asks for a leader's full number, who
// and when is written to the append-only audit table, under the team's county, and kept with the
// trail. The number itself is not; one typed into the reason is masked.
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { redactPhones, redactWire } from '#core/personal.js';
import type { WireMessage } from '#core/messages/index.js';
import type { Keys } from './keys.js';

export interface RevealRecord {
  communityCode: string;
  at: string;
  by: string;
  reason: string;
  /** The reason as a message of the catalogue, when the system wrote it. */
  reasonMessage?: WireMessage;
}

export function createRevealStore(doc: DynamoDBDocumentClient, auditTableName: string, keys: Keys) {
  return {
    async recordReveal(r: RevealRecord): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: auditTableName,
          Item: {
            ...keys.reveal(r.communityCode, r.at),
            type: 'reveal',
            ...r,
            reason: redactPhones(r.reason),
            ...(r.reasonMessage ? { reasonMessage: redactWire(r.reasonMessage) } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /** Who saw a community's leader phone, newest first. */
    async listReveals(communityCode: string): Promise<RevealRecord[]> {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: auditTableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.teamPartition(communityCode.slice(0, 6)), ':prefix': keys.revealPrefix(communityCode) },
          ScanIndexForward: false,
        }),
      );
      return Items.map(
        ({ communityCode: c, at, by, reason, reasonMessage }) =>
          ({ communityCode: c, at, by, reason, ...(reasonMessage ? { reasonMessage } : {}) }) as RevealRecord,
      );
    },
  };
}
