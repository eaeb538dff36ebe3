// Month records (月末数据): every county's figures at a month's end, in one compact item per version.
// A stored month is never overwritten: a correction is written as the next version, with its reason.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeFigures, encodeFigures, type EncodedFigures, type MonthRecord } from '#core/snapshot.js';
import { isWire } from '#core/messages/index.js';
import { queryAllWith } from './query.js';
import type { Keys } from './keys.js';

function fromItem(item: Record<string, unknown>): MonthRecord {
  const counties = item.counties as Record<string, EncodedFigures>;
  return {
    month: String(item.month),
    counties: Object.fromEntries(Object.entries(counties).map(([code, v]) => [code, decodeFigures(v)])),
    version: Number(item.version ?? 1), // items from before versions were kept are version 1
    source: String(item.source ?? 'unknown'),
    takenAt: String(item.takenAt ?? ''),
    ...(item.instant ? { instant: String(item.instant) } : {}),
    ...(item.ruleSetId ? { ruleSetId: String(item.ruleSetId) } : {}),
    ...(item.reason ? { reason: String(item.reason) } : {}),
    ...(isWire(item.reasonMessage) ? { reasonMessage: item.reasonMessage } : {}),
    ...(item.registryVersion
      ? { registryVersion: Number(item.registryVersion), registryCommunities: Number(item.registryCommunities) }
      : {}),
  };
}

export function createMonthStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  const query = queryAllWith(doc, tableName);
  const queryAll = (values: Record<string, unknown>, condition: string, forward = true) =>
    query({ KeyConditionExpression: condition, ExpressionAttributeValues: values, ScanIndexForward: forward });

  return {
    /** Writes a month's record as a new version; false when that version exists already (another run wrote it first). */
    async putSnapshot(record: MonthRecord): Promise<boolean> {
      const counties = Object.fromEntries(Object.entries(record.counties).map(([code, f]) => [code, encodeFigures(f)]));
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.snapshot(record.month, record.version), type: 'snapshot', ...record, counties },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },

    /** The latest version of a month's record, or null. */
    async getSnapshot(month: string): Promise<MonthRecord | null> {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          Limit: 1,
          ScanIndexForward: false,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :month)',
          ExpressionAttributeValues: { ':pk': keys.snapshotPartition, ':month': month },
        }),
      );
      return Items[0] ? fromItem(Items[0]) : null;
    },

    /** Every version of a month's record, oldest first. */
    async listSnapshotVersions(month: string): Promise<MonthRecord[]> {
      return (await queryAll({ ':pk': keys.snapshotPartition, ':month': month }, 'pk = :pk AND begins_with(sk, :month)')).map(fromItem);
    },

    /** The latest version of every recorded month, by month. */
    async listSnapshots(): Promise<MonthRecord[]> {
      const latest = new Map<string, MonthRecord>();
      for (const item of await queryAll({ ':pk': keys.snapshotPartition }, 'pk = :pk')) {
        const record = fromItem(item);
        if ((latest.get(record.month)?.version ?? 0) < record.version) latest.set(record.month, record);
      }
      return [...latest.values()].sort((a, b) => a.month.localeCompare(b.month));
    },
  };
}
