// A team's activity log (活动记录): the trainings, drills, call-outs (出动) and service (服务时长) its county
// office records for it (谁组织谁记录: teams have no login of their own), each naming the roster's members who
// took part. Pure: an event's input, what the team's record keeps of the log for its verdict (dates and each
// member's last attendance, no names), and over a period the attendance (考勤) per member and the 场次 / 人次.
import * as z from 'zod';
import { addMonths, type IsoDate } from './dates.js';
import { countsOn, type Roster } from './roster-counts.js';
import { dayField } from './roster-input.js';
import { plainText } from './text.js';

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

/** An event's fields as a county writes them, with their names in both languages. */
export const ACTIVITY_LABELS: Record<string, { zh: string; en: string }> = {
  kind: { zh: '活动类型', en: 'Kind' },
  date: { zh: '日期', en: 'Date' },
  hours: { zh: '时长（小时）', en: 'Hours' },
  title: { zh: '内容', en: 'What it was' },
  summary: { zh: '情况说明', en: 'What was done' },
  attendees: { zh: '参加队员', en: 'Members who took part' },
};

/**
 * An event as the county records it: its kind, day, how many hours each member named took part (service: the
 * hours served, travel excluded), what it was (a drill's subject, a call-out's emergency), what was done, and
 * the members of the team's roster who took part (at least one: 人次 counts persons, not a typed number).
 */
export const activityInputShape = z
  .object({
    kind: z.enum(ACTIVITY_KINDS, { error: 'activity.kind.invalid' }),
    date: dayField(),
    hours: z
      .number({ error: 'activity.hours.invalid' })
      .positive({ error: 'activity.hours.invalid' })
      .max(72, { error: 'activity.hours.invalid' })
      .refine((h) => Number.isInteger(h * 2), { error: 'activity.hours.invalid' }),
    title: plainText(100),
    // a blank summary is none
    summary: z
      .preprocess((s) => (typeof s === 'string' && s.trim() === '' ? undefined : s), plainText(500).optional())
      .transform((s) => s ?? ''),
    attendees: z
      .array(z.string().regex(MEMBERSHIP_ID, { error: 'activity.attendee.invalid' }))
      .min(1, { error: 'activity.attendees.none' })
      .max(MAX_ATTENDEES, { error: 'activity.attendees.tooMany' })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'activity.attendees.repeated' }),
  })
  .strict();
export type ActivityInput = z.infer<typeof activityInputShape>;

/** An event as kept: what was recorded, by whom and when, and its withdrawal (the record stays). */
export interface ActivityEvent extends ActivityInput {
  id: string;
  community: string;
  recordedAt: string;
  recordedBy: string;
  withdrawn?: { at: string; by: string; reason: string };
}

/** The most events a team's log holds in LOG_MONTHS months: far above any real team's (a drill a day), it keeps the team's record small. */
export const MAX_LOG_EVENTS = 1500;

/** The hours in a day: no member takes part in more, across the events of one day. */
const DAY_HOURS = 24;

/**
 * Why a new event cannot join the team's events held (none: null). The same kind, day and subject as one held
 * and not withdrawn is the same event sent twice (a retry, a double click); a member whose hours that day would
 * pass 24 was not at all of them; a log past MAX_LOG_EVENTS is no real team's.
 */
export function eventConflict(
  held: readonly ActivityEvent[],
  event: ActivityInput,
  today: IsoDate,
): { kind: 'same'; event: ActivityEvent } | { kind: 'overfull'; members: string[] } | { kind: 'full' } | null {
  const live = held.filter((e) => !e.withdrawn);
  const same = live.find((e) => e.kind === event.kind && e.date === event.date && e.title === event.title);
  if (same) return { kind: 'same', event: same };
  const sameDay = live.filter((e) => e.date === event.date);
  const overfull = event.attendees.filter(
    (m) => sameDay.reduce((h, e) => h + (e.attendees.includes(m) ? e.hours : 0), event.hours) > DAY_HOURS,
  );
  if (overfull.length) return { kind: 'overfull', members: overfull };
  const from = addMonths(today, -LOG_MONTHS);
  if (live.filter((e) => e.date >= from).length >= MAX_LOG_EVENTS) return { kind: 'full' };
  return null;
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
export function logOf(events: readonly ActivityEvent[], today: IsoDate): ActivityLog | null {
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

/** What a period's events of one kind add up to. */
export interface ActivityTally {
  /** 场次: events. */
  events: number;
  /** 人次: attendances (a member at three drills is three). */
  attendances: number;
  /** Hours served by the members together (an event's hours for each member named). */
  memberHours: number;
}

const emptyTally = (): ActivityTally => ({ events: 0, attendances: 0, memberHours: 0 });

/** The events not withdrawn dated from `from` to `to` (both included). */
const within = (events: readonly ActivityEvent[], from: IsoDate, to: IsoDate) =>
  events.filter((e) => !e.withdrawn && e.date >= from && e.date <= to);

/** The team's 场次, 人次 and hours by kind over a period. */
export function activityTally(events: readonly ActivityEvent[], from: IsoDate, to: IsoDate): Record<ActivityKind, ActivityTally> {
  const out = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, emptyTally()])) as Record<ActivityKind, ActivityTally>;
  for (const e of within(events, from, to)) {
    const t = out[e.kind];
    t.events++;
    t.attendances += e.attendees.length;
    t.memberHours += e.hours * e.attendees.length;
  }
  return out;
}

/** 考勤: each member's events and hours over a period, by kind (members who took part in none are absent). */
export function attendanceOf(
  events: readonly ActivityEvent[],
  from: IsoDate,
  to: IsoDate,
): Map<string, { events: number; hours: number; byKind: Record<ActivityKind, number>; last: IsoDate }> {
  const out = new Map<string, { events: number; hours: number; byKind: Record<ActivityKind, number>; last: IsoDate }>();
  for (const e of within(events, from, to))
    for (const member of e.attendees) {
      const a = out.get(member) ?? {
        events: 0,
        hours: 0,
        byKind: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>,
        last: e.date,
      };
      a.events++;
      a.hours += e.hours;
      a.byKind[e.kind]++;
      if (a.last < e.date) a.last = e.date;
      out.set(member, a);
    }
  return out;
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

/** The change to a county's tally when a team's log goes from `before` to `after` (undefined: none, or not counted). */
export const tallyDelta = (before: ActivityLog | undefined, after: ActivityLog | undefined): PracticeTally =>
  combineTallies(practiceTally(after), practiceTally(before), -1);

/** One year of a tally: its 场次 and 人次. */
export const yearOf = (tally: PracticeTally, year: string) => ({
  year,
  events: tally[`${year}.events`] ?? 0,
  people: tally[`${year}.people`] ?? 0,
});
