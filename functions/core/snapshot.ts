// Month-end snapshots: every county's figures at the end of a month, in one compact item.
import { zeroCounters, type Counters } from './aggregate.js';
import type { IsoMonth } from './dates.js';
import { RULE_IDS } from './rules.js';

export interface AreaFigures {
  communities: number;
  counters: Counters;
}

export interface MonthSnapshot {
  month: IsoMonth;
  counties: Record<string, AreaFigures>;
}

/** A month's figures as recorded: which version, by whom, and why a later version corrects an earlier one. */
export interface MonthRecord extends MonthSnapshot {
  /** 1 for the first record of a month; a correction is the next version, never an overwrite. */
  version: number;
  /** seed (the demo's story), month-end (computed as of the month's end from the teams' history), or a correction. */
  source: string;
  takenAt: string;
  /** The instant the figures describe (24:00 on the month's last day, Asia/Shanghai); absent for seeded months. */
  instant?: string;
  ruleSetId?: string;
  reason?: string;
}

/** [communities, registered, meeting, members, ...failures in RULE_IDS order] */
export function encodeFigures(f: AreaFigures): number[] {
  const c = f.counters;
  return [f.communities, c.teamsRegistered, c.teamsMeetingStandard, c.members, ...RULE_IDS.map((id) => c.failures[id] ?? 0)];
}

export function decodeFigures(values: number[]): AreaFigures {
  const counters = zeroCounters();
  [counters.teamsRegistered, counters.teamsMeetingStandard, counters.members] = [values[1], values[2], values[3]];
  RULE_IDS.forEach((id, i) => { counters.failures[id] = values[4 + i] ?? 0; });
  return { communities: values[0], counters };
}

export function sumFigures(list: AreaFigures[]): AreaFigures {
  const counters = zeroCounters();
  let communities = 0;
  for (const f of list) {
    communities += f.communities;
    counters.teamsRegistered += f.counters.teamsRegistered;
    counters.teamsMeetingStandard += f.counters.teamsMeetingStandard;
    counters.members += f.counters.members;
    for (const id of RULE_IDS) counters.failures[id] += f.counters.failures[id] ?? 0;
  }
  return { communities, counters };
}
