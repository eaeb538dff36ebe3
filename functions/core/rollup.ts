// Roll-ups computed on read: townships from a county's teams, cities and province from county counters.
import { addCounters, countsOf, zeroCounters, type Counters, type TeamContribution } from './aggregate.js';

export interface Area {
  code: string;
  name: string;
  communities: number;
  counters: Counters;
}

/** Per-township figures of one county, from its registry and its teams. */
export function rollUpTownships(
  townships: [string, string][],
  communities: [string, string][],
  teams: Map<string, TeamContribution>,
): Area[] {
  const areas = new Map<string, Area>(townships.map(([code, name]) => [code, { code, name, communities: 0, counters: zeroCounters() }]));
  for (const [code] of communities) {
    const area = areas.get(code.slice(0, 9));
    if (!area) continue;
    area.communities += 1;
    area.counters = addCounters(area.counters, countsOf(teams.get(code) ?? null));
  }
  return [...areas.values()];
}
