// Month-end snapshots: every county's figures at the end of a month, in one compact item.
import { addCounters, zeroCounters, type Counters } from './aggregate.js';
import type { IsoMonth } from './dates.js';
import type { WireMessage } from './messages/index.js';

/** The rule order of snapshots written before failures were kept by name (Guangxi v1). */
const LEGACY_RULE_IDS = ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'];

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
  /** The reason as a message of the catalogue, when the system wrote it. */
  reasonMessage?: WireMessage;
  /** The registry version in force at the month's end, and its communities (in scope or not): the figures' registry. */
  registryVersion?: number;
  registryCommunities?: number;
}

/** [communities, registered, meeting, members, { ruleId: failing teams }] — failures by name, so any standard fits. */
export type EncodedFigures = [number, number, number, number, Record<string, number>] | number[];

export function encodeFigures(f: AreaFigures): EncodedFigures {
  const c = f.counters;
  return [
    f.communities,
    c.teamsRegistered,
    c.teamsMeetingStandard,
    c.members,
    Object.fromEntries(Object.entries(c.failures).filter(([, n]) => n !== 0)),
  ];
}

/** Reads either form: failures by name, or (older items) by position in the Guangxi v1 order. */
export function decodeFigures(values: EncodedFigures): AreaFigures {
  const counters = zeroCounters();
  [counters.teamsRegistered, counters.teamsMeetingStandard, counters.members] = [Number(values[1]), Number(values[2]), Number(values[3])];
  const tail = values[4];
  if (tail && typeof tail === 'object') {
    for (const [id, n] of Object.entries(tail)) if (Number(n) !== 0) counters.failures[id] = Number(n);
  } else {
    LEGACY_RULE_IDS.forEach((id, i) => {
      const n = Number(values[4 + i] ?? 0);
      if (n) counters.failures[id] = n;
    });
  }
  return { communities: Number(values[0]), counters };
}

export function sumFigures(list: AreaFigures[]): AreaFigures {
  let counters = zeroCounters();
  let communities = 0;
  for (const f of list) {
    communities += f.communities;
    counters = addCounters(counters, f.counters);
  }
  return { communities, counters };
}
