// The national office's reads (应急管理部): each programme's totals side by side, and one programme's
// counties and trend, read as its root office reads them. Only figures: no team, community, leader or phone.
import { levelOf } from '#core/area.js';
import { NotFoundError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import type { Scope } from '#core/scope.js';
import { standardRef } from '#core/standard.js';
import { shanghaiDate } from '#core/dates.js';
import type { NationAnswer } from '#contract/nation.js';
import { getCounty, getTrend, listCounties } from './reads.js';
import { programmeAt, rootArea, type Deps, type Tenancy } from './deps.js';

/** What a programme's root office reads: its whole area. */
const WHOLE_AREA: Scope = { kind: 'province' };

/** One programme of the deployment, by its area; a 404 for an area that is none. */
async function programmeDeps(tenancy: Tenancy, area: string): Promise<Deps> {
  if (!tenancy.areas.includes(area)) throw new NotFoundError(message('nation.programme.unknown', { area }));
  return tenancy.of(area);
}

/** Every programme's totals today, each by its own standard and registry: listed, never added up. */
export async function nationOverview(tenancy: Tenancy): Promise<NationAnswer> {
  const programmes: NationAnswer['programmes'] = [];
  for (const area of tenancy.areas) {
    const deps = await tenancy.of(area);
    const counties = await listCounties(deps, WHOLE_AREA);
    const { ruleSet, id, name } = programmeAt(deps, counties.asOf);
    const root = rootArea(deps);
    const { totals } = counties;
    programmes.push({
      area: { code: root.code, name: root.name, level: levelOf(root.code) },
      programme: { id, name },
      standard: {
        ref: standardRef(ruleSet),
        title: ruleSet.title,
        rules: ruleSet.rules.map((r) => ({ id: r.id, kind: r.kind, title: r.title })),
      },
      registry: counties.basis.registry,
      asOf: counties.asOf,
      communities: totals.communities,
      teamsRegistered: totals.teamsRegistered,
      teamsMeetingStandard: totals.teamsMeetingStandard,
      coverage: totals.coverage,
      milestone: totals.milestone,
      demo: counties.demo,
    });
  }
  return { asOf: shanghaiDate(tenancy.clock.now()), programmes, summed: false };
}

/** One programme's counties (a month's, or today's), as its root office reads them. */
export async function nationCounties(tenancy: Tenancy, area: string, month: string | undefined) {
  return listCounties(await programmeDeps(tenancy, area), WHOLE_AREA, month);
}

/** One county of a programme by township (a county programme's own children), as its root office reads it. */
export async function nationCounty(tenancy: Tenancy, area: string, county: string) {
  return getCounty(await programmeDeps(tenancy, area), WHOLE_AREA, county);
}

/** One programme's trend: its whole area, or a city or county in it. */
export async function nationTrend(tenancy: Tenancy, area: string, part: string | undefined) {
  return getTrend(await programmeDeps(tenancy, area), WHOLE_AREA, part);
}
