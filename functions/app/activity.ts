// A team's activity log (活动记录): its county office records the trainings, drills, call-outs (出动) and service
// hours of its team, naming the members of the roster who took part; attendance (考勤) and the year's 场次 and
// 人次 follow. Each event judges the team again (the standard's practice rules read the log), through the one
// team write path; an event recorded by mistake is withdrawn with a reason, never deleted.
// The people's messages (core/messages/zh-CN-people.ts): this module speaks them.
import '#core/messages/zh-CN-people.js';
import {
  activityInputShape,
  activityTally,
  ACTIVITY_LABELS,
  attendanceOf,
  eventConflict,
  logOf,
  MAX_LOG_EVENTS,
  MEMBERSHIP_ID,
  type ActivityEvent,
} from '#core/activity.js';
import { AlreadyThereError, NotFoundError, ValidationError } from '#core/errors.js';
import { listed, message, noteOf, type Message } from '#core/messages/index.js';
import { redactPhones } from '#core/personal.js';
import { activeOn, typedPart } from '#core/roster-counts.js';
import { assertCanRead, assertCanWrite, checkCommunityCode, countyOfCommunity, formatScope } from '#core/scope.js';
import type { ActivityAnswer, ActivityView } from '#contract/activity.js';
import { reasonBody } from '#contract/bodies.js';
import type { StoredMembership } from '#store/roster.js';
import type { Relog } from '#store/activity.js';
import type { Caller } from './caller.js';
import { rootArea, today, type Deps } from './deps.js';
import { bodyOf, plainTextOf } from './input.js';
import { nextTeam } from './teams.js';

const REASON = { zh: '原因', en: 'The reason' };
const labelOf = (path: string) => ACTIVITY_LABELS[path.split('.')[0]] ?? path;
const refusal = (field: string, why: Message) => new ValidationError(why, [{ field, message: why }]);

/** A community of the programme the caller may read, or write, whose team is registered (closed or not, to read). */
async function teamOf(deps: Deps, caller: Caller, communityCode: string, write: boolean) {
  checkCommunityCode(communityCode, rootArea(deps).code);
  const county = countyOfCommunity(communityCode);
  if (write) assertCanWrite(caller.scope, county);
  else assertCanRead(caller.scope, county);
  const team = await deps.store.getTeam(communityCode);
  if (!team || (write && team.excluded)) throw new NotFoundError(message('team.none', { community: communityCode }));
  return team;
}

/** How an event write judges the team again: the log of its events as they will be, as the caller's write. */
function relogFor(deps: Deps, caller: Caller, why?: Message): Relog {
  return (team, events) => {
    const log = logOf(events, today(deps.clock));
    const input = {
      ...typedPart(team.team),
      ...(team.team.roster ? { roster: team.team.roster } : {}),
      ...(log ? { log } : {}),
    };
    const audit = { updatedBy: `${formatScope(caller.scope)}/${caller.user}`, source: 'activity', demo: team.demo };
    return { ...nextTeam(deps, team.communityCode, input, team, audit, true), ...(why ? noteOf(why) : {}) };
  };
}

/** An event as the API shows it: the members who took part by name (blank once their personal data was erased). */
function viewOf(event: ActivityEvent, names: Map<string, string>): ActivityView {
  return {
    id: event.id,
    kind: event.kind,
    date: event.date,
    hours: event.hours,
    title: event.title,
    summary: event.summary,
    attendees: event.attendees.map((id) => ({ id, name: names.get(id) ?? '' })),
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    withdrawn: event.withdrawn ?? null,
  };
}

const namesOf = (roster: StoredMembership[]) => new Map(roster.map((m) => [m.id, m.name]));

/**
 * The team's log for the year asked (this year by default, to today): its events, latest first (withdrawn ones
 * marked), the 场次, 人次 and hours by kind, and each member's attendance (考勤).
 */
export async function getActivity(deps: Deps, caller: Caller, communityCode: string, year?: string): Promise<ActivityAnswer> {
  const asOf = today(deps.clock);
  const y = year ?? asOf.slice(0, 4);
  if (!/^\d{4}$/.test(y) || y > asOf.slice(0, 4) || y < '1949')
    throw refusal(
      'year',
      message('field.dateRange', { label: { zh: '年份', en: 'The year' }, earliest: '1949', latest: asOf.slice(0, 4) }),
    );
  await teamOf(deps, caller, communityCode, false);
  const [events, roster] = await Promise.all([deps.store.listActivity(communityCode), deps.store.listRoster(communityCode)]);
  const from = `${y}-01-01`;
  const to = `${y}-12-31` < asOf ? `${y}-12-31` : asOf;
  const names = namesOf(roster);
  const attendance = attendanceOf(events, from, to);
  return {
    community: communityCode,
    asOf,
    period: { from, to },
    tally: activityTally(events, from, to),
    attendance: roster
      // on the team on some day of the period, or named by one of its events
      .filter((m) => attendance.has(m.id) || (m.joined <= to && (m.left === null || m.left > from)))
      .map((m) => {
        const a = attendance.get(m.id);
        return {
          member: m.id,
          name: m.name,
          current: m.left === null,
          events: a?.events ?? 0,
          hours: a?.hours ?? 0,
          byKind: a?.byKind ?? { training: 0, drill: 0, callout: 0, service: 0 },
          last: a?.last ?? null,
        };
      })
      .sort((a, b) => b.events - a.events || a.name.localeCompare(b.name, 'zh-CN')),
    events: events
      .filter((e) => e.date >= from && e.date <= to)
      .sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt))
      .map((e) => viewOf(e, names)),
  };
}

/** Records an event: every member named must be on the team's roster on its day. */
export async function recordActivity(deps: Deps, caller: Caller, communityCode: string, body: unknown): Promise<ActivityView> {
  // who may, then what was sent, then the team: a wrong event is a 400 whatever the team
  checkCommunityCode(communityCode, rootArea(deps).code);
  assertCanWrite(caller.scope, countyOfCommunity(communityCode));
  const input = bodyOf(activityInputShape, body, labelOf);
  const asOf = today(deps.clock);
  if (input.date > asOf)
    throw refusal('date', message('roster.date.future', { label: ACTIVITY_LABELS.date, date: input.date, today: asOf }));
  await teamOf(deps, caller, communityCode, true);
  const roster = await deps.store.listRoster(communityCode);
  const on = new Map(roster.map((m) => [m.id, m]));
  const absent = input.attendees.filter((id) => {
    const m = on.get(id);
    return !m || !activeOn(m, input.date);
  });
  if (absent.length) {
    const shown = absent.slice(0, 10).map((id) => on.get(id)?.name || id);
    throw refusal(
      'attendees',
      message('activity.attendees.notOnRoster', {
        names: listed(absent.length > 10 ? [...shown, `… (${absent.length})`] : shown),
        date: input.date,
      }),
    );
  }
  const event: ActivityEvent = {
    id: globalThis.crypto.randomUUID(),
    community: communityCode,
    ...input,
    // free text is read by every office that reads the team: a phone typed into it is kept masked, as a note's is
    title: redactPhones(input.title),
    summary: redactPhones(input.summary),
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: `${formatScope(caller.scope)}/${caller.user}`,
  };
  const names = (ids: string[]) => listed(ids.slice(0, 10).map((id) => on.get(id)?.name || id));
  // checked against the team's events as the write finds them, so two requests at once cannot both pass it
  const check = (held: ActivityEvent[]) => {
    const conflict = eventConflict(held, event, asOf);
    if (conflict?.kind === 'same')
      throw new AlreadyThereError(message('activity.event.same', { date: event.date, title: event.title, at: conflict.event.recordedAt }));
    if (conflict?.kind === 'overfull')
      throw refusal('attendees', message('activity.hours.overfull', { names: names(conflict.members), date: event.date }));
    if (conflict?.kind === 'full') throw refusal('date', message('activity.log.full', { max: MAX_LOG_EVENTS }));
  };
  const stored = await deps.store.recordActivity(event, relogFor(deps, caller), check);
  if (!stored) throw new NotFoundError(message('team.none', { community: communityCode }));
  return viewOf(stored, namesOf(roster));
}

/** Withdraws an event recorded by mistake, with the reason (kept in the team's history): the record stays, marked. */
export async function withdrawActivity(deps: Deps, caller: Caller, communityCode: string, id: string, body: unknown) {
  checkCommunityCode(communityCode, rootArea(deps).code);
  assertCanWrite(caller.scope, countyOfCommunity(communityCode));
  const reason = redactPhones(
    plainTextOf(
      bodyOf(reasonBody, body, () => REASON),
      'reason',
      REASON,
      true,
    ),
  );
  await teamOf(deps, caller, communityCode, true);
  const current = MEMBERSHIP_ID.test(id) ? await deps.store.getActivity(communityCode, id) : null;
  if (!current)
    throw new NotFoundError(message('activity.event.none', { id: MEMBERSHIP_ID.test(id) ? id : '—', community: communityCode }));
  if (current.withdrawn) throw new AlreadyThereError(message('activity.withdrawn.already', { at: current.withdrawn.at }));
  const withdrawn = { at: deps.clock.now().toISOString(), by: `${formatScope(caller.scope)}/${caller.user}`, reason };
  const stored = await deps.store.withdrawActivity(
    communityCode,
    id,
    withdrawn,
    relogFor(deps, caller, message('note.activity.withdrawn', { reason })),
  );
  // withdrawn by another request between the read and the write
  if (!stored) throw new AlreadyThereError(message('activity.withdrawn.already', { at: withdrawn.at }));
  return viewOf(stored, namesOf(await deps.store.listRoster(communityCode)));
}
