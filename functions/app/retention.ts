// Retention figures where the province and the counties look: a county's with its lists (teams due
// for renewal, soonest first; teams lapsed in the last 30 days), and an area's added up county by
// county. Judged afresh today under the standard in force, from the teams and this month's records
// (an area's, once a day per county and again after a write there: see areaRetention).
import { checkArea, inArea } from '#core/area.js';
import { addMonthsToMonth, monthOf, type IsoDate } from '#core/dates.js';
import { NotFoundError } from '#core/errors.js';
import { monthEndInstant } from '#core/record.js';
import { retention, sumRetention, type Retention } from '#core/retention.js';
import { assertCanRead, checkCountyCode, type Scope, assertCanReadArea } from '#core/scope.js';
import { standardRef } from '#core/standard.js';
import { inForce, today, type Deps, rootArea } from './deps.js';
import type { AreaRetentionAnswer, CountyRetentionAnswer } from '#contract/retention.js';
import { message } from '#core/messages/index.js';

/** Counties read at once for an area's figures. */
const CONCURRENCY = 8;
/** Longest list a county page shows (a county has at most a few hundred teams). */
const LISTED = 500;

async function ofCounty(deps: Deps, countyCode: string, listed: number, asOf = today(deps.clock)): Promise<Retention> {
  // This month began at 24:00 on the last day of the one before (Asia/Shanghai).
  const monthStart = monthEndInstant(addMonthsToMonth(monthOf(asOf), -1));
  const { teams, records } = await deps.store.countyRecord(countyCode, monthStart);
  return retention(
    teams.map((t) => ({
      communityCode: t.communityCode,
      team: t.team,
      changesThisMonth: (records.get(t.communityCode) ?? []).filter((r) => r.at >= monthStart).map((r) => r.changes),
    })),
    inForce(deps).ruleSet,
    asOf,
    listed,
  );
}

/** A county's retention figures and lists, with each community's name and township. */
export async function countyRetention(deps: Deps, scope: Scope, countyCode: string): Promise<CountyRetentionAnswer> {
  assertCanRead(scope, checkCountyCode(countyCode, rootArea(deps).code));
  const [registry, figures] = await Promise.all([deps.store.getRegistry(countyCode), ofCounty(deps, countyCode, LISTED)]);
  if (!registry) throw new NotFoundError(message('county.unknown', { county: countyCode }));
  const names = new Map(registry.communities);
  const townships = new Map(registry.townships);
  const named = <T extends { communityCode: string }>(list: T[]) =>
    list.map((x) => ({ ...x, name: names.get(x.communityCode) ?? '', townshipName: townships.get(x.communityCode.slice(0, 9)) ?? '' }));
  return {
    ...figures,
    lapsed: { ...figures.lapsed, list: named(figures.lapsed.list) },
    due: { ...figures.due, list: named(figures.due.list) },
  };
}

/**
 * The counties being judged in this process now, per store: a reader who comes meanwhile waits for
 * the same figures (three readers at once judge each county once, not three times).
 */
const judging = new WeakMap<object, Map<string, Promise<Retention>>>();

/** A county's figures for the day, judged at `rev` under `standard` and stored in the programme's (`root`) partition. */
function judgeAndStore(
  deps: Deps,
  root: string,
  date: IsoDate,
  county: { code: string; rev: number },
  standard: string,
): Promise<Retention> {
  let pending = judging.get(deps.store);
  if (!pending) judging.set(deps.store, (pending = new Map()));
  const key = `${date}#${county.code}#${county.rev}#${standard}`;
  let figures = pending.get(key);
  if (!figures) {
    const running = pending;
    figures = (async () => {
      const judged = await ofCounty(deps, county.code, 0, date);
      await deps.store.putCountyRetention(root, {
        date,
        countyCode: county.code,
        rev: county.rev,
        standard,
        figures: judged,
      });
      return judged;
    })().finally(() => running.delete(key));
    pending.set(key, figures);
  }
  return figures;
}

/**
 * An area's retention figures: the province (45), a city (4 digits) or a county (6), counts only. Each
 * county's are judged once a day (Asia/Shanghai) and stored with the aggregate's rev they were judged
 * at and the standard they were judged under; a read takes them as stored while both still hold (one
 * Query of the day's figures beside the aggregates' one Query), and judges again only the counties
 * written to since. The rev is read before the teams, so figures are never stored as newer than they are.
 */
export async function areaRetention(deps: Deps, scope: Scope, rawArea?: string): Promise<AreaRetentionAnswer> {
  const root = rootArea(deps);
  const area = checkArea(rawArea ?? root.code, root);
  assertCanReadArea(scope, area);
  const date = today(deps.clock);
  const standard = standardRef(inForce(deps).ruleSet);
  const [aggregates, stored] = await Promise.all([
    deps.store.listAggregates({ consistent: true }),
    deps.store.listCountyRetention(root.code, date),
  ]);
  const counties = aggregates.filter((a) => inArea(area, a.code));
  // An area with no county is a wrong code, not an area with nothing to renew (as the trend and the county read answer).
  if (!counties.length) throw new NotFoundError(message('area.unknown', { area }));
  const kept = new Map(stored.map((r) => [r.countyCode, r]));
  const parts: Retention[] = [];
  const queue = counties.filter((a) => {
    const r = kept.get(a.code);
    if (r?.rev !== a.rev || r.standard !== standard) return true;
    parts.push(r.figures);
    return false;
  });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) parts.push(await judgeAndStore(deps, root.code, date, a, standard));
    }),
  );
  return { area, counties: counties.length, ...sumRetention(parts, date, standard) };
}
