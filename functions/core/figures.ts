// The figures shown for any area (province, city, county, township) at a date: counts, coverage,
// change over the month, the pace of the last three months, the milestone and a forecast.
import { coverage } from './aggregate.js';
import type { IsoDate } from './dates.js';
import { evaluateMilestone, forecastCompletion } from './milestones.js';
import type { Programme } from './programme.js';
import type { AreaFigures } from './snapshot.js';

/**
 * `dayClosed`: the figures are those at the end of `asOf` (a month's record), so a milestone due
 * that day is decided; during the day (the live view) it is still open.
 */
export function areaFigures(
  programme: Pick<Programme, 'milestones' | 'start' | 'maintenance'>,
  area: AreaFigures,
  asOf: IsoDate,
  previous?: AreaFigures,
  threeBack?: AreaFigures,
  dayClosed = false,
) {
  const { teamsRegistered, teamsMeetingStandard, members, failures } = area.counters;
  const recentPacePerMonth = threeBack ? (teamsMeetingStandard - threeBack.counters.teamsMeetingStandard) / 3 : undefined;
  const milestone = evaluateMilestone(programme, {
    communities: area.communities,
    meeting: teamsMeetingStandard,
    asOf,
    recentPacePerMonth,
    dayClosed,
  });
  return {
    communities: area.communities,
    teamsRegistered,
    teamsMeetingStandard,
    members,
    failures,
    coverage: coverage(teamsMeetingStandard, area.communities),
    changeThisMonth: previous ? teamsMeetingStandard - previous.counters.teamsMeetingStandard : null,
    recentPacePerMonth: recentPacePerMonth ?? null,
    // When full coverage comes at this pace: a build-out question; the maintenance years keep a target instead.
    forecastFullCoverage:
      milestone.mode === 'maintenance'
        ? null
        : forecastCompletion({
            communities: area.communities,
            meeting: teamsMeetingStandard,
            asOf,
            pacePerMonth: recentPacePerMonth ?? null,
          }),
    milestone,
  };
}

export type Figures = ReturnType<typeof areaFigures>;
