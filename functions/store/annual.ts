// Yearly summaries (分年度总结): one item per area and year, versioned like a team (each save is
// conditional on the version the office edited); a submitted summary is not written again.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnnualFigures, SectionId } from '#core/annual.js';
import type { Keys } from './keys.js';

export interface StoredAnnual {
  year: number;
  /** province, city:<code> or county:<code>. */
  scope: string;
  sections: Record<SectionId, string>;
  /** The figures the draft was made from, as they stood when it was last saved. */
  figures: AnnualFigures;
  asOfMonth: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  submittedAt?: string;
  submittedBy?: string;
}

const asAnnual = (item: Record<string, unknown>): StoredAnnual => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as StoredAnnual;
};

export function createAnnualStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  return {
    async getAnnual(year: number, scope: string): Promise<StoredAnnual | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.annual(year, scope), ConsistentRead: true }));
      return Item ? asAnnual(Item) : null;
    },

    /** Every area's summary of a year (at most 126 small items). */
    async listAnnual(year: number): Promise<StoredAnnual[]> {
      const out: StoredAnnual[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.annualPartition(year) },
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(page.Items ?? []).map(asAnnual));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    /** Saves the next version; false when the stored one is not the version edited (or was submitted meanwhile). */
    async putAnnual(annual: StoredAnnual): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.annual(annual.year, annual.scope), type: 'annual', ...annual },
            ...(annual.version === 1
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: 'version = :v AND attribute_not_exists(submittedAt)',
                  ExpressionAttributeValues: { ':v': annual.version - 1 },
                }),
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },
  };
}
