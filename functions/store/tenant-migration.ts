// The one-off move of a single-programme table to the tenant keys (keys.ts, `P#<area>#…`): every shared
// partition of the table before them belongs to its one programme, and moves under that programme's
// prefix; a team's place on the lapse index moves to its city's. Idempotent and resumable: each item
// moves in a transaction (copy and delete together), so a run stopped anywhere leaves every item either
// moved or not, and the next run moves what is left. A run that leaves nothing behind marks the
// programme done, so later deploys skip the scan; the first daily job after a move sweeps once more.
import {
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { inArea } from '#core/area.js';
import { keysFor, tenantPrefix } from './keys.js';
import { queryAllWith } from './query.js';

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
  /** True when a run found nothing to do (the programme marked done, or a sweep with nothing to sweep). */
  skipped: boolean;
  /**
   * Records left where they were because their new key holds a record already (an old function wrote
   * the old key again after its record moved, during the deploy): `pk|sk`, for a person to settle. A run
   * that leaves any does not mark the programme done, so the next one tries them again.
   */
  conflicts: string[];
}

/** A run's kind: the deploy's move, the first daily run's sweep after it, or a person's forced run. */
export type MigrationMode = 'move' | 'sweep' | 'force';

/** Items per transaction: a copy and a delete each (100 actions is DynamoDB's limit; a month's record can be 300 KB, the limit 4 MB). */
const MOVES_PER_TRANSACTION = 10;
/** Teams moved on the lapse index at once (each its own conditional update). */
const UPDATES_AT_ONCE = 16;

/**
 * Moves a single-programme table's shared records under `programme`'s keys. `move` (the deploy's
 * trigger) runs until the programme is marked done; `sweep` (the first daily job after, when only the new
 * functions serve) scans once more when the move found a table to move, for what the old functions wrote
 * meanwhile; `force` scans whatever the mark says. `stopAfter` (a test's crash) stops after that many steps
 * (a transaction of moves, a batch of index updates), as a run cut short would.
 */
export async function migrateToTenantKeys(
  doc: DynamoDBDocumentClient,
  tableName: string,
  programme: string,
  options: { now: string; mode?: MigrationMode; stopAfter?: number },
): Promise<MigrationReport> {
  const mode = options.mode ?? 'move';
  const done = { pk: `${tenantPrefix(programme)}META`, sk: 'TENANT-KEYS' };
  const report: MigrationReport = { programme, moved: 0, relapsed: 0, skipped: false, conflicts: [] };
  const mark = (await doc.send(new GetCommand({ TableName: tableName, Key: done, ConsistentRead: true }))).Item;
  // The old table's counties must be this programme's: moving another area's records under it would show them to its offices.
  const strays = (await legacyCounties(doc, tableName)).filter((code) => !inArea(programme, code));
  if (strays.length)
    throw new Error(
      `the table before the tenant keys holds counties outside programme ${programme} (${strays.slice(0, 5).join(', ')}…): name the programme it held`,
    );
  const nothingToDo =
    mode === 'move' ? Boolean(mark) : mode === 'sweep' ? !mark || !(Number(mark.moved) > 0) || Boolean(mark.sweptAt) : false;
  if (nothingToDo) return { ...report, skipped: true };
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
      try {
        await doc.send(moveTransaction(tableName, chunk));
        report.moved += chunk.length;
      } catch (e) {
        if ((e as Error).name !== 'TransactionCanceledException') throw e;
        // One of them could not move: each on its own, so the others still do.
        for (const one of chunk) {
          try {
            await doc.send(moveTransaction(tableName, [one]));
            report.moved++;
          } catch (e1) {
            if ((e1 as Error).name !== 'TransactionCanceledException') throw e1;
            const [put, del] = (e1 as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
            // The old record is gone (moved by a run alongside, or expired by its TTL): nothing left to move.
            if (del?.Code === 'ConditionalCheckFailed' && put?.Code !== 'ConditionalCheckFailed') continue;
            report.conflicts.push(`${String(one.item.pk)}|${String(one.item.sk)}`);
          }
        }
      }
    }
  } while (start);
  if (report.conflicts.length) return report;
  const total = mode === 'move' ? report.moved : Number(mark?.moved ?? 0) + report.moved;
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...done,
        type: 'migration',
        at: mode === 'move' ? options.now : (mark?.at ?? options.now),
        moved: total,
        ...(mode === 'move' ? {} : { sweptAt: options.now }),
      },
    }),
  );
  return report;
}

/** The counties of the table before the tenant keys (its aggregates' partition): none when there is none. */
export async function legacyCounties(doc: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const items = await queryAllWith(
    doc,
    tableName,
  )({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': 'AGGREGATE' },
    ProjectionExpression: 'sk',
  });
  return items.map((i) => String(i.sk).replace(/^COUNTY#/, ''));
}

/** Each record copied to its new key and deleted from its old one, together; never over a record already there. */
const moveTransaction = (tableName: string, moves: { item: Record<string, unknown>; pk: string }[]) =>
  new TransactWriteCommand({
    TransactItems: moves.flatMap(({ item, pk }) => [
      { Put: { TableName: tableName, Item: { ...item, pk }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Delete: { TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
    ]),
  });
