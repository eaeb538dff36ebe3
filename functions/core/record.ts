// Figures of record (月末数据): a month's figures are the state at 24:00 on its last day, Asia/Shanghai
// — every team as it stood at that instant (writes before midnight only), judged as of that day —
// whenever they are computed. A team's state at an instant is rebuilt from its current state by
// undoing, newest first, the changes of the versions written at or after the instant, as the audit
// trail records them. Pure: the store hands the teams and their audit records in.
import { countsOf, sumCounters, zeroCounters, type Counters } from './aggregate.js';
import { monthEnd, type IsoMonth } from './dates.js';
import type { FieldChange } from './diff.js';
import { evaluate, type RuleSet } from './rules.js';
import { membersOn, type JudgedTeam } from './roster-counts.js';

/** The instant a month's figures describe: 24:00 on its last day in Asia/Shanghai (UTC+8), as an ISO string. */
export function monthEndInstant(month: IsoMonth): string {
  return `${monthEnd(month)}T16:00:00.000Z`;
}

/** The Shanghai calendar month that has most recently ended at `instant` (ISO). */
export function lastEndedMonth(instant: string): IsoMonth {
  const shanghai = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 7);
  const [y, m] = shanghai.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** What the rebuild needs of a stored team. */
export interface CurrentTeam {
  communityCode: string;
  team: JudgedTeam;
  version: number;
  updatedAt: string;
  /** Closed or outside the programme's scope: it does not count (see core/registry.ts). */
  excluded?: string;
}

/** The audit trail's field for whether a team counts (it is not a field of the team's input). */
export const EXCLUDED_FIELD = '$excluded';

/** What the rebuild needs of an audit record: the version it made, when, and its changes. */
export interface VersionRecord {
  version: number;
  at: string;
  changes: FieldChange[];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let obj = target;
  for (const p of parts.slice(0, -1)) {
    obj[p] = { ...((obj[p] as Record<string, unknown> | undefined) ?? {}) };
    obj = obj[p] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]] = value;
}

/**
 * The team as it stood at `instant`, or null when it did not exist yet or did not count then
 * (closed, or outside the programme's scope). `records` are its audit records (any order, any
 * versions); those at or after the instant are undone, newest first. Personal fields (redacted
 * in the trail) come back blank: no verdict rests on them.
 */
export function teamAt(current: CurrentTeam, records: VersionRecord[], instant: string): JudgedTeam | null {
  if (current.updatedAt < instant) return current.excluded ? null : current.team;
  const later = records.filter((r) => r.at >= instant && r.version <= current.version).sort((a, b) => b.version - a.version);
  // The versions undone must run without a gap from the current one down; a hole would rebuild a state that never was.
  later.forEach((r, i) => {
    if (r.version !== current.version - i)
      throw new Error(`audit trail of ${current.communityCode} misses version ${current.version - i} (written at or after ${instant})`);
  });
  if (later.length === 0)
    throw new Error(`audit trail of ${current.communityCode} has no record of version ${current.version} (written ${current.updatedAt})`);
  const earliest = later[later.length - 1].version;
  if (earliest === 1) return null; // created at or after the instant: it did not exist yet
  // The version before the earliest undone one must be there, and older than the instant: else versions are missing between.
  if (!records.some((r) => r.version === earliest - 1 && r.at < instant))
    throw new Error(`audit trail of ${current.communityCode} misses version ${earliest - 1} (written before ${instant})`);
  const team = structuredClone(current.team) as unknown as Record<string, unknown>;
  let excluded = current.excluded ?? null;
  for (const record of later) {
    for (const change of record.changes) {
      if (change.field === EXCLUDED_FIELD) excluded = (change.before as string | null) ?? null;
      else setPath(team, change.field, change.redacted ? '' : change.before);
    }
  }
  return excluded ? null : (team as unknown as JudgedTeam);
}

export interface CountyRecordInput {
  communities: number;
  teams: CurrentTeam[];
  /** Audit records by community code; only teams written at or after the instant need theirs. */
  records: Map<string, VersionRecord[]>;
}

/** A county's counters at the end of `month`: every team as it stood at the instant, judged as of the last day. */
export function countyAtMonthEnd(input: CountyRecordInput, ruleSet: RuleSet, month: IsoMonth): { communities: number; counters: Counters } {
  const instant = monthEndInstant(month);
  const lastDay = monthEnd(month);
  const counts = input.teams.map((t) => {
    const team = teamAt(t, input.records.get(t.communityCode) ?? [], instant);
    return team ? countsOf({ members: membersOn(team, lastDay), verdict: evaluate(team, ruleSet, lastDay) }) : zeroCounters();
  });
  return { communities: input.communities, counters: sumCounters(counts) };
}
