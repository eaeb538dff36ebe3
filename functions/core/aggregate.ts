// County counters and the arithmetic that keeps them exact: every team write carries its delta.
import { RULE_IDS, type RuleId, type Verdict } from './rules.js';

export interface Counters {
  teamsRegistered: number;
  teamsMeetingStandard: number;
  members: number;
  failures: Record<RuleId, number>;
}

/** What one stored team contributes to its county's counters. */
export interface TeamContribution {
  members: number;
  verdict: Pick<Verdict, 'meetsStandard' | 'failed'>;
}

export function zeroCounters(): Counters {
  return {
    teamsRegistered: 0,
    teamsMeetingStandard: 0,
    members: 0,
    failures: Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as Record<RuleId, number>,
  };
}

export function countsOf(team: TeamContribution | null): Counters {
  const c = zeroCounters();
  if (!team) return c;
  c.teamsRegistered = 1;
  c.teamsMeetingStandard = team.verdict.meetsStandard ? 1 : 0;
  c.members = team.members;
  for (const f of team.verdict.failed) c.failures[f.ruleId] += 1;
  return c;
}

function combine(a: Counters, b: Counters, sign: 1 | -1): Counters {
  const failures = { ...a.failures };
  for (const id of Object.keys(b.failures) as RuleId[]) failures[id] = (failures[id] ?? 0) + sign * b.failures[id];
  return {
    teamsRegistered: a.teamsRegistered + sign * b.teamsRegistered,
    teamsMeetingStandard: a.teamsMeetingStandard + sign * b.teamsMeetingStandard,
    members: a.members + sign * b.members,
    failures,
  };
}

export const addCounters = (a: Counters, b: Counters) => combine(a, b, 1);
export const subtractCounters = (a: Counters, b: Counters) => combine(a, b, -1);

/** The change to a county's counters when a team goes from `before` to `after`. */
export function delta(before: TeamContribution | null, after: TeamContribution | null): Counters {
  return subtractCounters(countsOf(after), countsOf(before));
}

export function sumCounters(list: Iterable<Counters>): Counters {
  let total = zeroCounters();
  for (const c of list) total = addCounters(total, c);
  return total;
}

export function isZero(c: Counters): boolean {
  return c.teamsRegistered === 0 && c.teamsMeetingStandard === 0 && c.members === 0 &&
    Object.values(c.failures).every((n) => n === 0);
}

/** Share of communities whose team meets the standard; 0 when there are no communities. */
export function coverage(meeting: number, communities: number): number {
  return communities > 0 ? meeting / communities : 0;
}
