// What a team's record keeps of its activity log for its verdict, and what its county's aggregate keeps of it:
// the practices (trainings and drills) by event, each member's last, and the 场次 / 人次 by year. Pure, small and
// free of the event's input schema (core/activity.ts), so that every bundle judging teams or reading figures can carry it.
import { addMonths, type IsoDate } from './dates.js';
import { countsOn, type Roster } from './roster-counts.js';

export const ACTIVITY_KINDS = ['training', 'drill', 'callout', 'service'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The kinds a standard's rules read (培训演练): a call-out or an hour of service is no practice. */
export const PRACTICE_KINDS = ['training', 'drill'] as const satisfies readonly ActivityKind[];
export type PracticeKind = (typeof PRACTICE_KINDS)[number];
const isPractice = (kind: ActivityKind): kind is PracticeKind => (PRACTICE_KINDS as readonly string[]).includes(kind);

/** The longest window a rule may look back (a standard's months are at most 60): older entries leave the team's record. */
export const LOG_MONTHS = 60;

/** The most members one event names (a county-wide drill of every team is recorded team by team). */
export const MAX_ATTENDEES = 300;

/** A membership id as the API hands them out (a UUID). */
export const MEMBERSHIP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An event as the log reads it (core/activity.ts ActivityEvent is the whole record). */
export interface LoggedEvent {
  id: string;
  kind: ActivityKind;
  date: IsoDate;
  attendees: readonly string[];
  withdrawn?: unknown;
}

/** A practice as the team's record keeps it: for its verdict, and for its county's tally (its 人次). */
export interface LogEntry {
  kind: PracticeKind;
  date: IsoDate;
  /** The members who took part. */
  people: number;
}

/**
 * What the team's record keeps of its log: its practices by event id, and each member's last practice of each
 * kind by membership id. Entries may come back blank where the month-end rebuild undoes the write that added
 * them (as a roster's do): such an entry is none.
 */
export interface ActivityLog {
  events: Record<string, LogEntry | null>;
  attended: Record<string, Partial<Record<PracticeKind, IsoDate | null>> | null>;
}

/**
 * The team's log as its record keeps it on `today`: the practices of the events not withdrawn, from LOG_MONTHS
 * months back, and each member's last practice of each kind among them. Null when none is left.
 */
export function logOf(events: readonly LoggedEvent[], today: IsoDate): ActivityLog | null {
  const from = addMonths(today, -LOG_MONTHS);
  const log: ActivityLog = { events: {}, attended: {} };
  const kept = events.filter((e) => !e.withdrawn && isPractice(e.kind) && e.date >= from && e.date <= today);
  for (const e of kept) {
    const kind = e.kind as PracticeKind;
    log.events[e.id] = { kind, date: e.date, people: e.attendees.length };
    for (const member of e.attendees) {
      const last = (log.attended[member] ??= {});
      if (!last[kind] || last[kind] < e.date) last[kind] = e.date;
    }
  }
  return kept.length ? log : null;
}

/** The log's practices of the kinds, latest first, on or before `asOf`. */
export function practiceDates(log: ActivityLog | undefined, kinds: readonly PracticeKind[], asOf: IsoDate): IsoDate[] {
  return Object.values(log?.events ?? {})
    .filter((e): e is LogEntry => !!e?.date && kinds.includes(e.kind) && e.date <= asOf)
    .map((e) => e.date)
    .sort()
    .reverse();
}

/**
 * The last practice of the kinds that each member counted on `asOf` attended, when it is on or before that day:
 * one date per member (null for none), for the attended-share rule. The record keeps each member's last only,
 * so a day before it reads none: a past day is judged on the team as it stood then (core/record.ts teamAt).
 */
export function lastPractices(
  roster: Roster | undefined,
  log: ActivityLog | undefined,
  kinds: readonly PracticeKind[],
  asOf: IsoDate,
): (IsoDate | null)[] {
  return Object.entries(roster ?? {})
    .filter(([, e]) => !!e?.joined && countsOn(e, asOf))
    .map(([id]) => {
      const attended = log?.attended[id];
      const dates = kinds.map((k) => attended?.[k] ?? null).filter((d): d is IsoDate => d !== null && d <= asOf);
      return dates.length ? dates.sort()[dates.length - 1] : null;
    });
}

/**
 * Practices (trainings and drills) by year: 场次 under `${year}.events`, 人次 under `${year}.people`. A team's from
 * its log; a county's kept on its aggregate, moved with every team write by the difference, as its counters are.
 * The log keeps LOG_MONTHS months: years older than that fade out of the tally as entries leave the log.
 */
export type PracticeTally = Record<string, number>;

/** A team's tally, from the log its record keeps (blank entries are none). */
export function practiceTally(log: ActivityLog | undefined): PracticeTally {
  const out: PracticeTally = {};
  for (const e of Object.values(log?.events ?? {})) {
    if (!e?.date) continue;
    const year = e.date.slice(0, 4);
    out[`${year}.events`] = (out[`${year}.events`] ?? 0) + 1;
    out[`${year}.people`] = (out[`${year}.people`] ?? 0) + (e.people ?? 0);
  }
  return out;
}

/** Tallies added (sign 1) or one taken from the other (sign -1), key by key; keys that come to 0 are dropped. */
export function combineTallies(a: PracticeTally, b: PracticeTally, sign: 1 | -1 = 1): PracticeTally {
  const out: PracticeTally = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + sign * v;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0));
}

/** Tallies summed (a county's teams', a city's counties', a province's). */
export const sumTallies = (list: readonly PracticeTally[]): PracticeTally => list.reduce((a, b) => combineTallies(a, b), {});

/** The change to a county's tally when a team's log goes from `before` to `after` (undefined: none, or not counted). */
export const tallyDelta = (before: ActivityLog | undefined, after: ActivityLog | undefined): PracticeTally =>
  combineTallies(practiceTally(after), practiceTally(before), -1);

/** One year of a tally: its 场次 and 人次. */
export const yearOf = (tally: PracticeTally, year: string) => ({
  year,
  events: tally[`${year}.events`] ?? 0,
  people: tally[`${year}.people`] ?? 0,
});
