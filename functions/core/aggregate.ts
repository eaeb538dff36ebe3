// County counters and the arithmetic that keeps them exact: every team write carries its delta.
import type { Verdict } from './rules.js';

export interface Counters {
  teamsRegistered: number;
  teamsMeetingStandard: number;
  members: number;
  /** Teams failing each rule, by rule id; a rule no team fails has no entry (the canonical form). */
  failures: Record<string, number>;
}

/** What one stored team contributes to its county's counters. */
export interface TeamContribution {
  members: number;
  verdict: Pick<Verdict, 'meetsStandard' | 'failed'>;
}

export function zeroCounters(): Counters {
  return { teamsRegistered: 0, teamsMeetingStandard: 0, members: 0, failures: {} };
}

export function countsOf(team: TeamContribution | null): Counters {
  const c = zeroCounters();
  if (!team) return c;
  c.teamsRegistered = 1;
  c.teamsMeetingStandard = team.verdict.meetsStandard ? 1 : 0;
  c.members = team.members;
  for (const f of team.verdict.failed) c.failures[f.ruleId] = (c.failures[f.ruleId] ?? 0) + 1;
  return c;
}

function combine(a: Counters, b: Counters, sign: 1 | -1): Counters {
  const failures: Record<string, number> = { ...a.failures };
  for (const [id, n] of Object.entries(b.failures)) {
    const v = (failures[id] ?? 0) + sign * n;
    if (v === 0) delete failures[id];
    else failures[id] = v;
  }
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
  return c.teamsRegistered === 0 && c.teamsMeetingStandard === 0 && c.members === 0 && Object.values(c.failures).every((n) => n === 0);
}

/** Counters in their canonical form: failure entries of 0 dropped (a store may hold them). */
export function canonical(c: Counters): Counters {
  return { ...c, failures: Object.fromEntries(Object.entries(c.failures).filter(([, n]) => n !== 0)) };
}

/** Share of communities whose team meets the standard; 0 when there are no communities. */
export function coverage(meeting: number, communities: number): number {
  return communities > 0 ? meeting / communities : 0;
}
