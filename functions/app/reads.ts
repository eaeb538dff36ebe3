// Read use cases: counties with figures and milestones (live or as of a month's end), one county by
// township, its communities, and the month-by-month trend of an area.
import { checkArea, inArea } from '#core/area.js';
import { sumTallies, yearOf } from '#core/practices.js';
import { coverage, zeroCounters } from '#core/aggregate.js';
import { monthEnd, monthOf, type IsoDate, type IsoMonth } from '#core/dates.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import { areaFigures } from '#core/figures.js';
import { phaseOn, targetsThrough } from '#core/programme.js';
import { standardRef } from '#core/standard.js';
import { rollUpTownships } from '#core/rollup.js';
import { membersFrom, rosterSummary, sumRosterSummaries } from '#core/roster-counts.js';
import { inScope, SCOPE_REASONS, unfinishedVersion, versionOn } from '#core/registry-read.js';
import { assertCanRead, canReadCounty, checkCountyCode, type Scope, assertCanReadArea } from '#core/scope.js';
import { sumFigures, type AreaFigures, type MonthRecord } from '#core/snapshot.js';
import { completeness } from '#core/reporting.js';
import { allMonthFigures, monthFigures, previousMonths } from './months.js';
import { monthStatuses } from './reports.js';
import { firstDay, programmeAt, today, type Deps, rootArea } from './deps.js';
import type { CommunitiesAnswer, CountiesAnswer, CountyAnswer } from '#contract/figures.js';
import { message } from '#core/messages/index.js';

export const DEMO_LABEL = { zh: '模拟演示数据', en: 'Simulated demo data' };

const figures = (deps: Deps, area: AreaFigures, asOf: IsoDate, previous?: AreaFigures, threeBack?: AreaFigures, dayClosed = false) =>
  areaFigures(programmeAt(deps, asOf), area, asOf, previous, threeBack, dayClosed);

async function dataNotice(deps: Deps) {
  const meta = await deps.store.getMeta();
  return meta?.demo ? { simulated: true as const, label: DEMO_LABEL, seededAt: meta.seededAt } : null;
}

function checkMonth(deps: Deps, month: string, current: IsoMonth): IsoMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationError(message('month.format', { month }));
  const first = monthOf(firstDay(deps));
  if (month < first || month > current) throw new ValidationError(message('month.range', { first, current }));
  return month;
}

/** What a month's figures rest on: the instant they describe, and which record of it (version, source, why). */
export function recordOf(r: MonthRecord & { stored: boolean }) {
  return {
    instant: r.instant ?? null,
    version: r.version,
    source: r.source,
    takenAt: r.takenAt,
    stored: r.stored,
    ruleSetId: r.ruleSetId ?? null,
    reason: r.reason ?? null,
    ...(r.reasonMessage ? { reasonMessage: r.reasonMessage } : {}),
  };
}

/**
 * Every county's figures at the end of `month` (its record: stored, or computed as of the month's
 * end), or live for the current month, with the month before and three months before for change
 * and pace.
 */
export async function countyFigures(deps: Deps, month: IsoMonth | undefined) {
  const now = today(deps.clock);
  const current = monthOf(now);
  const m = month === undefined ? current : checkMonth(deps, month, current);
  const live = m === current;
  const { previous: before, threeBack: back } = previousMonths(m);
  const [aggregates, at, previous, threeBack] = await Promise.all([
    deps.store.listAggregates(),
    live ? null : monthFigures(deps, m),
    monthFigures(deps, before),
    monthFigures(deps, back),
  ]);
  if (!live && !at) throw new NotFoundError(message('month.none', { month: m }));
  const counties = aggregates.map((a) => ({
    code: a.code,
    name: a.name,
    cityCode: a.cityCode,
    cityName: a.cityName,
    // A county a month's record does not hold had no teams counted then.
    now: live
      ? { communities: a.communities, counters: a.counters }
      : (at!.counties[a.code] ?? { communities: a.communities, counters: zeroCounters() }),
    previous: previous?.counties[a.code],
    threeBack: threeBack?.counties[a.code],
    // The rosters are today's only: a month's record does not hold them.
    rosters: live ? (a.rosters ?? undefined) : undefined,
    practices: live ? a.practices : undefined,
  }));
  return { month: m, live, asOf: live ? now : monthEnd(m), record: at ? recordOf(at) : null, counties };
}

type CountyFigures = Awaited<ReturnType<typeof countyFigures>>['counties'][number];

/** The rosters of counties summed, when the figures are today's (a past month's have none). */
const rostersOf = (list: CountyFigures[]) =>
  list.length && list.every((c) => c.rosters) ? { rosters: sumRosterSummaries(list.map((c) => c.rosters!)) } : {};

/** The practices of counties this year, summed, when the figures are today's. */
const practicesOf = (list: CountyFigures[], asOf: IsoDate) =>
  list.length && list.every((c) => c.practices)
    ? {
        practices: yearOf(sumTallies(list.map((c) => c.practices!)), asOf.slice(0, 4)),
      }
    : {};

function sumArea(list: CountyFigures[]) {
  const pick = (f: (c: CountyFigures) => AreaFigures | undefined) =>
    list.every((c) => f(c)) ? sumFigures(list.map((c) => f(c)!)) : undefined;
  return { now: sumFigures(list.map((c) => c.now)), previous: pick((c) => c.previous), threeBack: pick((c) => c.threeBack) };
}

/** The counties the caller may see, with cities and a total for the whole scope. */
export async function listCounties(deps: Deps, scope: Scope, month?: string): Promise<CountiesAnswer> {
  const [data, demo, versions] = await Promise.all([countyFigures(deps, month), dataNotice(deps), deps.store.listRegistryVersions()]);
  const visible = data.counties.filter((c) => canReadCounty(scope, c.code)).sort((a, b) => a.code.localeCompare(b.code));
  // The registry the figures rest on: the version in force at `asOf` (for a month, at its end).
  const registry = versionOn(versions, data.asOf);
  // Today's figures while a newer version is carried out rest partly on it: said, not hidden (a past month's record is whole).
  const applying = data.live ? unfinishedVersion(versions, registry?.version ?? null) : null;
  const reports = await monthStatuses(
    deps,
    data.month,
    visible.map((c) => c.code),
  );
  const reporting = (codes: string[]) => completeness(codes.map((code) => reports.get(code)!.status));
  const cityCodes = [...new Set(visible.map((c) => c.cityCode))];
  const total = sumArea(visible);
  const programme = programmeAt(deps, data.asOf);
  return {
    month: data.month,
    live: data.live,
    asOf: data.asOf,
    /** For a past month: the record its figures are (the instant, version, source, and a correction's reason). */
    record: data.record,
    phase: phaseOn(programme, data.asOf),
    /** What the figures rest on: the programme and the standard version in force at `asOf`. */
    basis: {
      programmeId: programme.id,
      programme: programme.name,
      milestones: programme.milestones,
      ruleSetId: data.record?.ruleSetId ?? standardRef(programme.ruleSet),
      // Both denominators: the communities the programme counts (the coverage's), and the registry's (in scope or not).
      registry: registry
        ? {
            version: registry.version,
            effectiveFrom: registry.effectiveFrom,
            source: registry.source,
            simulated: Boolean(registry.simulated),
            communities: visible.reduce((n, c) => n + (registry.counties[c.code]?.[0] ?? c.now.communities), 0),
            inScope: visible.reduce((n, c) => n + (registry.counties[c.code]?.[1] ?? c.now.communities), 0),
            applying,
          }
        : null,
    },
    demo,
    totals: {
      ...figures(deps, total.now, data.asOf, total.previous, total.threeBack, !data.live),
      ...(scope.kind === 'province' ? { plannedCommunities: programme.plannedCommunities } : {}),
      reporting: reporting(visible.map((c) => c.code)),
      ...rostersOf(visible),
      ...practicesOf(visible, data.asOf),
    },
    cities: cityCodes.map((code) => {
      const counties = visible.filter((c) => c.cityCode === code);
      const area = sumArea(counties);
      return {
        code,
        name: counties[0].cityName,
        ...figures(deps, area.now, data.asOf, area.previous, area.threeBack, !data.live),
        reporting: reporting(counties.map((c) => c.code)),
        ...rostersOf(counties),
        ...practicesOf(counties, data.asOf),
      };
    }),
    counties: visible.map((c) => ({
      code: c.code,
      name: c.name,
      cityCode: c.cityCode,
      cityName: c.cityName,
      ...figures(deps, c.now, data.asOf, c.previous, c.threeBack, !data.live),
      report: reports.get(c.code)!.status,
      ...rostersOf([c]),
      ...practicesOf([c], data.asOf),
    })),
  };
}

export type CountiesResponse = Awaited<ReturnType<typeof listCounties>>;

export async function getCounty(deps: Deps, scope: Scope, countyCode: string): Promise<CountyAnswer> {
  assertCanRead(scope, checkCountyCode(countyCode, rootArea(deps).code));
  const asOf = today(deps.clock);
  const { previous: before, threeBack: back } = previousMonths(monthOf(asOf));
  // The same inputs as the counties list, so a county reads the same status here as on the dashboard.
  const [aggregate, registry, teams, demo, previous, threeBack] = await Promise.all([
    deps.store.getAggregate(countyCode),
    deps.store.getRegistry(countyCode),
    deps.store.listTeams(countyCode),
    dataNotice(deps),
    monthFigures(deps, before),
    monthFigures(deps, back),
  ]);
  if (!aggregate || !registry) throw new NotFoundError(message('county.unknown', { county: countyCode }));
  const townships = rollUpTownships(registry.townships, inScope(registry), new Map(teams.map((t) => [t.communityCode, t])));
  return {
    code: aggregate.code,
    name: aggregate.name,
    cityCode: aggregate.cityCode,
    cityName: aggregate.cityName,
    ...figures(deps, aggregate, asOf, previous?.counties[countyCode], threeBack?.counties[countyCode]),
    asOf,
    demo,
    townships: townships.map((t) => ({ code: t.code, name: t.name, ...figures(deps, t, asOf) })),
    rosters: rosterSummary(
      teams.filter((t) => !t.excluded).map((t) => t.team),
      asOf,
    ),
    practices: yearOf(aggregate.practices, asOf.slice(0, 4)),
  };
}

export async function listCommunities(deps: Deps, scope: Scope, countyCode: string): Promise<CommunitiesAnswer> {
  assertCanRead(scope, checkCountyCode(countyCode, rootArea(deps).code));
  const [registry, teams, findings, versions] = await Promise.all([
    deps.store.getRegistry(countyCode),
    deps.store.listTeams(countyCode),
    deps.store.listFindings(countyCode),
    deps.store.listRegistryVersions(),
  ]);
  if (!registry) throw new NotFoundError(message('county.unknown', { county: countyCode }));
  const byCode = new Map(teams.map((t) => [t.communityCode, t]));
  const flagged = new Set(findings.map((f) => f.communityCode));
  const townshipName = new Map(registry.townships);
  return {
    county: { code: registry.code, name: registry.name, cityCode: registry.cityCode, cityName: registry.cityName },
    asOf: today(deps.clock),
    // A list read while a registry version is carried out may be half old, half new: it says so.
    registryApplying: unfinishedVersion(versions, versionOn(versions, today(deps.clock))?.version ?? null),
    communities: registry.communities.map(([code, name]) => {
      const team = byCode.get(code);
      const out = registry.outOfScope?.[code];
      return {
        code,
        name,
        // Outside the programme's scope: listed, not counted (why, and whether the demo's rule drew it).
        ...(out ? { outOfScope: { reason: out.reason, label: SCOPE_REASONS[out.reason], simulated: Boolean(out.simulated) } } : {}),
        // 核查发现问题: a supervision check found this team differs from what was reported (open until closed).
        ...(flagged.has(code) ? { finding: true as const } : {}),
        townshipCode: code.slice(0, 9),
        townshipName: townshipName.get(code.slice(0, 9)) ?? '',
        status: !team ? 'none' : team.verdict.meetsStandard ? 'meets-standard' : 'registered',
        team: team
          ? { name: team.team.name, members: team.members, membersFrom: membersFrom(team.team), version: team.version, demo: team.demo }
          : null,
        verdict: team?.verdict ?? null,
      };
    }),
  };
}

export type CommunitiesResponse = Awaited<ReturnType<typeof listCommunities>>;

/** Month-end coverage of the programme's area (its root), a city (4 digits) or a county (6 digits) in it, plus today. */
export async function getTrend(deps: Deps, scope: Scope, rawArea: string | undefined) {
  const root = rootArea(deps);
  const area = checkArea(rawArea ?? root.code, root);
  assertCanReadArea(scope, area);
  const [snapshots, aggregates] = await Promise.all([allMonthFigures(deps), deps.store.listAggregates()]);
  const asOf = today(deps.clock);
  const point = (month: IsoMonth, f: AreaFigures, live: boolean) => ({
    month,
    live,
    communities: f.communities,
    teamsRegistered: f.counters.teamsRegistered,
    teamsMeetingStandard: f.counters.teamsMeetingStandard,
    coverage: coverage(f.counters.teamsMeetingStandard, f.communities),
  });
  const months = snapshots
    .filter((s) => s.month < monthOf(asOf))
    .map((s) =>
      point(
        s.month,
        sumFigures(
          Object.entries(s.counties)
            .filter(([c]) => inArea(area, c))
            .map(([, f]) => f),
        ),
        false,
      ),
    );
  const liveNow = sumFigures(
    aggregates.filter((a) => inArea(area, a.code)).map((a) => ({ communities: a.communities, counters: a.counters })),
  );
  const name =
    area === root.code
      ? root.name
      : area.length === 4
        ? aggregates.find((a) => a.cityCode === area)?.cityName
        : aggregates.find((a) => a.code === area)?.name;
  if (!name) throw new NotFoundError(message('area.unknown', { area }));
  return { area, name, milestones: targetsThrough(deps.book, asOf), months: [...months, point(monthOf(asOf), liveNow, true)] };
}
