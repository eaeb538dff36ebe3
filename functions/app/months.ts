// Figures of record, month by month: computed as of the instant a month ends (24:00 on its last day,
// Asia/Shanghai) from the teams and their audit trail, whenever and however often that happens;
// stored once, corrected only as a new version with a reason; missing ones found and filled.
import { addMonthsToMonth, monthEnd, monthOf, monthRange, type IsoMonth } from '#core/dates.js';
import { NotFoundError } from '#core/errors.js';
import { message, reasonOf, type Message } from '#core/messages/index.js';
import { countyAtMonthEnd, lastEndedMonth, monthEndInstant } from '#core/record.js';
import { versionOn } from '#core/registry-read.js';
import { encodeFigures, type MonthRecord } from '#core/snapshot.js';
import { standardRef } from '#core/standard.js';
import { firstDay, METRICS, programmeAt, type Deps } from './deps.js';

/** Counties read at once while a month is computed. */
const CONCURRENCY = 8;
export const MONTH_END_SOURCE = 'month-end';

/**
 * Figures computed but not yet stored, by table, programme, month and rule set: they can never change (only
 * writes before the instant count). Two programmes judging by the same standard share a table, never figures.
 */
const computedCache = new Map<string, MonthRecord>();
const cachePrefix = (deps: Deps) => `${deps.store.tableName}|${deps.store.programme}|`;
const cacheKey = (deps: Deps, month: IsoMonth) => `${cachePrefix(deps)}${month}|${standardRef(standardAtEnd(deps, month))}`;

/** A month is judged by the standard in force at its end (a later version never rewrites a past month). */
const standardAtEnd = (deps: Deps, month: IsoMonth) => programmeAt(deps, monthEnd(month)).ruleSet;

/** The months whose figures exist by now: from the first programme's first to the last one that has ended. */
export function endedMonths(deps: Deps): IsoMonth[] {
  const last = lastEndedMonth(deps.clock.now().toISOString());
  const first = monthOf(firstDay(deps));
  return last < first ? [] : monthRange(first, last);
}

/**
 * Whether a month can be computed from the teams' history: it has ended, and it is not a month of
 * the demo's simulated past (seeded as stories, with no write-path history behind them).
 */
async function computable(deps: Deps, month: IsoMonth): Promise<boolean> {
  if (!endedMonths(deps).includes(month)) return false;
  const meta = await deps.store.getMeta();
  return !(meta?.seededAt && meta.demo && monthEndInstant(month) <= meta.seededAt);
}

/** Every county's figures at the end of each month, from one read of each county's teams and trail. */
export async function computeMonths(deps: Deps, months: IsoMonth[]): Promise<Map<IsoMonth, MonthRecord>> {
  const out = new Map<IsoMonth, MonthRecord>();
  if (!months.length) return out;
  const sorted = [...months].sort();
  const takenAt = deps.clock.now().toISOString();
  const [aggregates, versions] = await Promise.all([deps.store.listAggregates(), deps.store.listRegistryVersions()]);
  // A month counts the communities of the registry version in force at its end: a later version never changes it.
  const registryAt = new Map(sorted.map((m) => [m, versionOn(versions, monthEnd(m))]));
  for (const month of sorted) {
    const registry = registryAt.get(month);
    out.set(month, {
      month,
      counties: {},
      version: 1,
      source: MONTH_END_SOURCE,
      takenAt,
      instant: monthEndInstant(month),
      ruleSetId: standardRef(standardAtEnd(deps, month)),
      ...(registry
        ? {
            registryVersion: registry.version,
            registryCommunities: aggregates.reduce((n, a) => n + (registry.counties[a.code]?.[0] ?? a.registryCommunities), 0),
          }
        : {}),
    });
  }
  const queue = [...aggregates];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        // The earliest month's instant reaches furthest back: its read serves every later month too.
        const history = await deps.store.countyRecord(a.code, monthEndInstant(sorted[0]));
        for (const month of sorted) {
          const communities = registryAt.get(month)?.counties[a.code]?.[1] ?? a.communities;
          out.get(month)!.counties[a.code] = countyAtMonthEnd({ communities, ...history }, standardAtEnd(deps, month), month);
        }
      }
    }),
  );
  return out;
}

/**
 * A month's figures of record: the stored record, or, for an ended month not stored yet (the
 * first minutes of a month, a job that failed), the same figures computed as of its end. Null for
 * a month that has not ended or cannot be computed.
 */
export async function monthFigures(deps: Deps, month: IsoMonth): Promise<(MonthRecord & { stored: boolean }) | null> {
  const stored = await deps.store.getSnapshot(month);
  if (stored) return { ...stored, stored: true };
  const key = cacheKey(deps, month);
  const cached = computedCache.get(key);
  if (cached) return { ...cached, stored: false };
  if (!(await computable(deps, month))) return null;
  const computed = (await computeMonths(deps, [month])).get(month)!;
  computedCache.set(key, computed);
  return { ...computed, stored: false };
}

/**
 * The records of every ended month: stored ones as stored, the rest computed as of their ends in
 * one read of each county (a new deployment before its first daily job, say).
 */
export async function allMonthFigures(deps: Deps): Promise<MonthRecord[]> {
  const stored = new Map((await deps.store.listSnapshots()).map((s) => [s.month, s]));
  const missing: IsoMonth[] = [];
  for (const m of endedMonths(deps)) {
    if (stored.has(m)) continue;
    const cached = computedCache.get(cacheKey(deps, m));
    if (cached) stored.set(m, cached);
    else if (await computable(deps, m)) missing.push(m);
  }
  for (const [m, record] of await computeMonths(deps, missing)) {
    computedCache.set(cacheKey(deps, m), record);
    stored.set(m, record);
  }
  return [...stored.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Stores a month's figures (computed as of its end) unless they are stored already; true when this call wrote them. */
export async function recordMonth(deps: Deps, month: IsoMonth): Promise<boolean> {
  if (await deps.store.getSnapshot(month)) return false;
  if (!(await computable(deps, month))) throw new NotFoundError(message('month.notComputable', { month }));
  const computed = (await monthFigures(deps, month))!;
  const { stored: _stored, ...record } = computed;
  return deps.store.putSnapshot(record);
}

/**
 * Finds the ended months without a stored record and stores them, computed as of each month's end.
 * Each found is counted in the MonthFiguresMissing metric (an alarm watches it in AWS).
 */
export async function fillMissingMonths(deps: Deps): Promise<{ missing: IsoMonth[]; written: IsoMonth[] }> {
  const stored = new Set((await deps.store.listSnapshots()).map((s) => s.month));
  const candidates = endedMonths(deps).filter((m) => !stored.has(m));
  const missing: IsoMonth[] = [];
  for (const m of candidates) if (await computable(deps, m)) missing.push(m);
  // The month that ended minutes ago has no figures until the summary stores them at 08:00: a month
  // counts as missing for the alarm only a day after it ended.
  const dayAgo = new Date(deps.clock.now().getTime() - 86_400_000).toISOString();
  deps.metrics?.count(METRICS.monthFiguresMissing, missing.filter((m) => monthEndInstant(m) < dayAgo).length);
  const written: IsoMonth[] = [];
  for (const [month, record] of await computeMonths(deps, missing)) if (await deps.store.putSnapshot(record)) written.push(month);
  return { missing, written };
}

/**
 * Recomputes stored months (those computed from the history, not the demo's seeded stories) and
 * writes a new version, with `reason`, where the figures differ: a correction, never an overwrite.
 */
export async function correctMonths(deps: Deps, reason: Message | string): Promise<{ checked: IsoMonth[]; corrected: IsoMonth[] }> {
  const stored = (await deps.store.listSnapshots()).filter((s) => s.source !== 'seed');
  const recomputed = await computeMonths(
    deps,
    stored.map((s) => s.month),
  );
  const corrected: IsoMonth[] = [];
  for (const s of stored) {
    const fresh = recomputed.get(s.month)!;
    if (sameFigures(fresh, s)) continue;
    if (await deps.store.putSnapshot({ ...fresh, version: s.version + 1, source: 'correction', ...reasonOf(reason) }))
      corrected.push(s.month);
  }
  for (const key of computedCache.keys()) if (key.startsWith(cachePrefix(deps))) computedCache.delete(key);
  return { checked: stored.map((s) => s.month), corrected };
}

const encoded = (r: MonthRecord) =>
  JSON.stringify(
    Object.keys(r.counties)
      .sort()
      .map((code) => [code, encodeFigures(r.counties[code])]),
  );
const sameFigures = (a: MonthRecord, b: MonthRecord) => encoded(a) === encoded(b);

/** The month before, for "change this month", and three before, for the recent pace. */
export const previousMonths = (month: IsoMonth) => ({ previous: addMonthsToMonth(month, -1), threeBack: addMonthsToMonth(month, -3) });
