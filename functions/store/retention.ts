// Each county's retention figures for a day (Asia/Shanghai), kept so that an area's figures are one
// Query rather than every team and this month's audit records judged again on each read. An item says
// what it was judged from: the county aggregate's `rev` (moved by every team write in the county,
// in the write's own transaction) and the standard in force; one that differs is judged again.
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays, type IsoDate } from '#core/dates.js';
import type { Retention } from '#core/retention.js';
import { TABLE_KEYS, type Keys } from './keys.js';
import { queryAllWith } from './query.js';

export interface CountyRetention {
  date: IsoDate;
  countyCode: string;
  /** The county aggregate's rev read before the figures were judged. */
  rev: number;
  /** The standard they were judged under (its ref). */
  standard: string;
  /** Counts only: an area's figures carry no lists. */
  figures: Retention;
}

/** Kept for two days after their own (DynamoDB's TTL removes them; nothing reads a past day's). */
const KEPT_DAYS = 2;
const expiresAt = (date: IsoDate) => Math.floor(Date.parse(`${addDays(date, KEPT_DAYS + 1)}T00:00:00+08:00`) / 1000);

export function createRetentionStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  const queryAll = queryAllWith(doc, tableName);
  return {
    /** The figures stored for `date` of every county in a programme (named by its root area's code): one Query. */
    async listCountyRetention(programmeArea: string, date: IsoDate): Promise<CountyRetention[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.retentionPartition(programmeArea, date) },
        ConsistentRead: true,
      });
      return items.map(({ date: d, countyCode, rev, standard, figures }) => ({
        date: d as IsoDate,
        countyCode: countyCode as string,
        rev: Number(rev),
        standard: standard as string,
        figures: figures as Retention,
      }));
    },

    /** Stores (or replaces) a county's figures for the day, in its programme's partition. */
    async putCountyRetention(programmeArea: string, r: CountyRetention): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.retention(programmeArea, r.date, r.countyCode), type: 'retention', ...r, [TABLE_KEYS.ttl]: expiresAt(r.date) },
        }),
      );
    },
  };
}
