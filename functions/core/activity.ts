// A team's activity log (活动记录): the trainings, drills, call-outs (出动) and service (服务时长) its county
// office records for it (谁组织谁记录: teams have no login of their own), each naming the roster's members who
// took part. Pure: an event's input, what refuses a new event against those held, and over a period the
// attendance (考勤) per member and the 场次 / 人次. What the team's record keeps of it is core/practices.ts.
// The people's messages (core/messages/zh-CN-people.ts): this module speaks them.
import './messages/zh-CN-people.js';
import * as z from 'zod';
import { addMonths, type IsoDate } from './dates.js';
import { ACTIVITY_KINDS, LOG_MONTHS, MAX_ATTENDEES, MEMBERSHIP_ID, type ActivityKind } from './practices.js';
import { dayField } from './roster-input.js';
import { plainText } from './text.js';

export * from './practices.js';

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
