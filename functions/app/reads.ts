// Read use cases: counties with figures and milestones, one county by township, its communities.
import { coverage, zeroCounters } from '../core/aggregate.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { evaluateMilestone } from '../core/milestones.js';
import { phaseOn } from '../core/programme.js';
import { rollUp, rollUpTownships, type Area } from '../core/rollup.js';
import { assertCanRead, canReadCounty, type Scope } from '../core/scope.js';
import type { CountyAggregate } from '../store/store.js';
import { today, type Deps } from './deps.js';

export const DEMO_LABEL = { zh: '模拟演示数据', en: 'Simulated demo data' };

function figures(deps: Deps, area: Pick<Area, 'communities' | 'counters'>) {
  const asOf = today(deps.clock);
  const { teamsRegistered, teamsMeetingStandard, members, failures } = area.counters;
  return {
    communities: area.communities,
    teamsRegistered,
    teamsMeetingStandard,
    members,
    failures,
    coverage: coverage(teamsMeetingStandard, area.communities),
    milestone: evaluateMilestone(deps.programme, { communities: area.communities, meeting: teamsMeetingStandard, asOf }),
  };
}

const countyView = (deps: Deps, c: CountyAggregate) => ({ code: c.code, name: c.name, cityCode: c.cityCode, cityName: c.cityName, ...figures(deps, c) });

async function dataNotice(deps: Deps) {
  const meta = await deps.store.getMeta();
  return meta?.demo ? { simulated: true, label: DEMO_LABEL, seededAt: meta.seededAt } : null;
}

/** The counties the caller may see, with cities and a total for the whole scope. */
export async function listCounties(deps: Deps, scope: Scope) {
  const [aggregates, demo] = await Promise.all([deps.store.listAggregates(), dataNotice(deps)]);
  const visible = aggregates.filter((c) => canReadCounty(scope, c.code)).sort((a, b) => a.code.localeCompare(b.code));
  const cities = rollUp(visible, (c) => c.cityCode, (c) => c.cityName);
  const [total] = rollUp(visible, () => scope.kind === 'province' ? '45' : scope.code, () => '');
  const asOf = today(deps.clock);
  return {
    asOf,
    phase: phaseOn(deps.programme, asOf),
    demo,
    totals: {
      ...figures(deps, total ?? { communities: 0, counters: zeroCounters() }),
      ...(scope.kind === 'province' ? { plannedCommunities: deps.programme.plannedCommunities } : {}),
    },
    cities: cities.map((c) => ({ code: c.code, name: c.name, ...figures(deps, c) })),
    counties: visible.map((c) => countyView(deps, c)),
  };
}

export async function getCounty(deps: Deps, scope: Scope, countyCode: string) {
  if (!/^45\d{4}$/.test(countyCode)) throw new ValidationError(`县（区）代码 ${countyCode} 格式不对：应为 45 开头的 6 位数字`);
  assertCanRead(scope, countyCode);
  const [aggregate, registry, teams, demo] = await Promise.all([
    deps.store.getAggregate(countyCode), deps.store.getRegistry(countyCode), deps.store.listTeams(countyCode), dataNotice(deps),
  ]);
  if (!aggregate || !registry) throw new NotFoundError(`没有县（区）${countyCode}`);
  const townships = rollUpTownships(registry.townships, registry.communities, new Map(teams.map((t) => [t.communityCode, t])));
  return {
    ...countyView(deps, aggregate),
    asOf: today(deps.clock),
    demo,
    townships: townships.map((t) => ({ code: t.code, name: t.name, ...figures(deps, t) })),
  };
}

export async function listCommunities(deps: Deps, scope: Scope, countyCode: string) {
  if (!/^45\d{4}$/.test(countyCode)) throw new ValidationError(`县（区）代码 ${countyCode} 格式不对：应为 45 开头的 6 位数字`);
  assertCanRead(scope, countyCode);
  const [registry, teams] = await Promise.all([deps.store.getRegistry(countyCode), deps.store.listTeams(countyCode)]);
  if (!registry) throw new NotFoundError(`没有县（区）${countyCode}`);
  const byCode = new Map(teams.map((t) => [t.communityCode, t]));
  const townshipName = new Map(registry.townships);
  return {
    county: { code: registry.code, name: registry.name },
    communities: registry.communities.map(([code, name]) => {
      const team = byCode.get(code);
      return {
        code, name,
        townshipCode: code.slice(0, 9),
        townshipName: townshipName.get(code.slice(0, 9)) ?? '',
        status: !team ? 'none' : team.verdict.meetsStandard ? 'meets-standard' : 'registered',
        team: team ? { name: team.team.name, members: team.members, version: team.version, demo: team.demo } : null,
        verdict: team?.verdict ?? null,
      };
    }),
  };
}

export type CountiesResponse = Awaited<ReturnType<typeof listCounties>>;
