// The one-off move of a single-programme table to the tenant keys (keys.ts, `P#<area>#…`): every shared
// partition of the table before them belongs to its one programme, and moves under that programme's
// prefix; a team's place on the lapse index moves to its city's. Idempotent and resumable: each item
// moves in a transaction (copy and delete together), so a run stopped anywhere leaves every item either
// moved or not, and the next run moves what is left. A run that finds nothing to move marks the
// programme done, so later deploys skip the scan.
import {
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { keysFor, tenantPrefix } from './keys.js';

/** The shared partitions of the table before the tenant keys: whole names, and prefixes of per-month/year/caller ones. */
const LEGACY_PARTITIONS = ['AGGREGATE', 'SNAPSHOT', 'RECIPIENTS', 'META', 'RUNS', 'BOOK', 'REGISTRY', 'CAMPAIGNS'];
const LEGACY_PREFIXES = ['MAIL#', 'REPORTS#', 'ANNUAL#', 'CAMPAIGN-YEAR#', 'REVEALS#'];
const LEGACY_LAPSE = /^LAPSE#(\d{4}-\d{2})$/;

/** Where a legacy item moves in `programme`'s keys: its new partition, or its new lapse partition (a team); null when it stays. */
export function tenantKeyOf(
  item: { pk: unknown; lapsePk?: unknown; communityCode?: unknown },
  programme: string,
): { pk?: string; lapsePk?: string } | null {
  const pk = String(item.pk);
  if (LEGACY_PARTITIONS.includes(pk) || LEGACY_PREFIXES.some((p) => pk.startsWith(p))) return { pk: `${tenantPrefix(programme)}${pk}` };
  const lapse = typeof item.lapsePk === 'string' ? LEGACY_LAPSE.exec(item.lapsePk) : null;
  if (lapse && typeof item.communityCode === 'string')
    return { lapsePk: keysFor(programme).lapsePartition(item.communityCode.slice(0, 4), lapse[1]) };
  return null;
}

export interface MigrationReport {
  programme: string;
  /** Items moved to a new partition, and teams moved on the lapse index, by this run. */
  moved: number;
  relapsed: number;
  /** True when a run found the programme already done (nothing scanned). */
  skipped: boolean;
}

/** Items per transaction: a copy and a delete each (100 actions is DynamoDB's limit; a month's record can be 300 KB, the limit 4 MB). */
const MOVES_PER_TRANSACTION = 10;
/** Teams moved on the lapse index at once (each its own conditional update). */
const UPDATES_AT_ONCE = 16;

/**
 * Moves a single-programme table's shared records under `programme`'s keys. `force` scans again a
 * table marked done (a record an old function wrote during the deploy); `stopAfter` (a test's crash)
 * stops after that many steps (a transaction of moves, a batch of index updates), as a run cut short would.
 */
export async function migrateToTenantKeys(
  doc: DynamoDBDocumentClient,
  tableName: string,
  programme: string,
  options: { now: string; stopAfter?: number; force?: boolean },
): Promise<MigrationReport> {
  const done = { pk: `${tenantPrefix(programme)}META`, sk: 'TENANT-KEYS' };
  const report: MigrationReport = { programme, moved: 0, relapsed: 0, skipped: false };
  if (!options.force && (await doc.send(new GetCommand({ TableName: tableName, Key: done, ConsistentRead: true }))).Item)
    return { ...report, skipped: true };
  let budget = options.stopAfter ?? Number.POSITIVE_INFINITY;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    start = page.LastEvaluatedKey;
    const moves: { item: Record<string, unknown>; pk: string }[] = [];
    const relapses: { item: Record<string, unknown>; lapsePk: string }[] = [];
    for (const item of page.Items ?? []) {
      const to = tenantKeyOf(item as { pk: unknown }, programme);
      if (to?.pk) moves.push({ item, pk: to.pk });
      else if (to?.lapsePk) relapses.push({ item, lapsePk: to.lapsePk });
    }
    for (let i = 0; i < relapses.length; i += UPDATES_AT_ONCE) {
      if (budget-- <= 0) return report;
      await Promise.all(
        relapses.slice(i, i + UPDATES_AT_ONCE).map(({ item, lapsePk }) =>
          // Only while it still has the old index key: a team rewritten since by the new code has its own.
          doc
            .send(
              new UpdateCommand({
                TableName: tableName,
                Key: { pk: item.pk, sk: item.sk },
                UpdateExpression: 'SET lapsePk = :new',
                ConditionExpression: 'lapsePk = :old',
                ExpressionAttributeValues: { ':new': lapsePk, ':old': item.lapsePk },
              }),
            )
            .then(
              () => report.relapsed++,
              (e: Error) => {
                if (e.name !== 'ConditionalCheckFailedException') throw e;
              },
            ),
        ),
      );
    }
    for (let i = 0; i < moves.length; i += MOVES_PER_TRANSACTION) {
      if (budget-- <= 0) return report;
      const chunk = moves.slice(i, i + MOVES_PER_TRANSACTION);
      // A copy already at the new key (written by the new code before this ran) is not overwritten: the transaction fails, and the run with it.
      await doc.send(
        new TransactWriteCommand({
          TransactItems: chunk.flatMap(({ item, pk }) => [
            { Put: { TableName: tableName, Item: { ...item, pk }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Delete: { TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
          ]),
        }),
      );
      report.moved += chunk.length;
    }
  } while (start);
  await doc.send(new PutCommand({ TableName: tableName, Item: { ...done, type: 'migration', at: options.now, moved: report.moved } }));
  return report;
}
