// Retention figures where the province and the counties look: a county's with its lists (teams due
// for renewal, soonest first; teams lapsed in the last 30 days), and an area's added up county by
// county. Judged afresh today under the standard in force, from the teams and this month's records.
import { addMonthsToMonth, monthOf } from '#core/dates.js';
import { ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { monthEndInstant } from '#core/record.js';
import { retention, sumRetention, type Retention } from '#core/retention.js';
import { assertCanRead, checkCountyCode, type Scope } from '#core/scope.js';
import { standardRef } from '#core/standard.js';
import { inForce, today, type Deps } from './deps.js';
import type { AreaRetentionAnswer, CountyRetentionAnswer } from '#contract/retention.js';
import { message } from '#core/messages/index.js';

/** Counties read at once for an area's figures. */
const CONCURRENCY = 8;
/** Longest list a county page shows (a county has at most a few hundred teams). */
const LISTED = 500;

async function ofCounty(deps: Deps, countyCode: string, listed: number): Promise<Retention> {
  const asOf = today(deps.clock);
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
  assertCanRead(scope, checkCountyCode(countyCode));
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

/** An area's retention figures: the province (45), a city (4 digits) or a county (6), counts only. */
export async function areaRetention(deps: Deps, scope: Scope, area: string): Promise<AreaRetentionAnswer> {
  if (!/^45(\d{2}|\d{4})?$/.test(area)) throw new ValidationError(message('area.format'));
  if (area.length === 6) assertCanRead(scope, area);
  else if (scope.kind !== 'province' && !(scope.kind === 'city' && area === scope.code))
    throw new ForbiddenError(message('area.forbidden', { area }));
  const counties = (await deps.store.listAggregates()).map((a) => a.code).filter((c) => c.startsWith(area));
  const parts: Retention[] = [];
  const queue = [...counties];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) parts.push(await ofCounty(deps, c, 0));
    }),
  );
  return { area, counties: counties.length, ...sumRetention(parts, today(deps.clock), standardRef(inForce(deps).ruleSet)) };
}
