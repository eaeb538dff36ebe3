// What a team's verdict reads of its roster: each membership's category and days, with no name and no
// phone, kept on the team's own record (the `roster` of a team, by membership id) so that the verdict as of
// any date, today's or a past month-end's, counts the members active that day. Pure, and free of the
// identity hash (core/roster.ts), so that every bundle judging teams can carry it.
import type { ActivityLog } from './practices.js';
import type { IsoDate } from './dates.js';
import { MEMBER_CATEGORY_IDS, memberTotal, type MemberCategory, type TeamInput } from './team.js';

/** See core/roster.ts: counted, 重复在册, 疑似重复, 未查重, and 另一人（共用手机号）once a county says so. */
export type MembershipStanding = 'counts' | 'duplicate' | 'suspected' | 'unchecked' | 'distinct';
export const MEMBERSHIP_STANDINGS = [
  'counts',
  'duplicate',
  'suspected',
  'unchecked',
  'distinct',
] as const satisfies readonly MembershipStanding[];

/** One membership as its team's verdict reads it. */
export interface RosterEntry {
  category: MemberCategory;
  joined: IsoDate;
  /** The day they left (not active from that day on), or null. */
  left: IsoDate | null;
  insuredThrough: IsoDate | null;
  /** The last day the member's certificate is valid, when one is recorded. */
  certifiedThrough?: IsoDate | null;
  standing: MembershipStanding;
  /**
   * The first day the membership counts toward its team: the day it joined, or the day the count was handed
   * to it (a 重复在册 membership whose counting twin ended); null for one that has never counted.
   */
  countsFrom: IsoDate | null;
}

/**
 * A team's roster by membership id. An entry may come back blank (all its fields null) where the month-end
 * rebuild undoes the write that added it: such an entry is no membership.
 */
export type Roster = Record<string, RosterEntry | null>;

/** A team as it is judged: what the county typed, and its roster and activity log when it has them. */
export type JudgedTeam = TeamInput & { roster?: Roster; log?: ActivityLog };

/**
 * A team as a county's form or file gives it (which never carries a roster or a log), with the roster and the
 * log of the team as it is held: each is changed by its own writes only.
 */
export const withRosterOf = (team: TeamInput, held: { team: JudgedTeam } | null | undefined): JudgedTeam => ({
  ...team,
  ...(held?.team.roster ? { roster: held.team.roster } : {}),
  ...(held?.team.log ? { log: held.team.log } : {}),
});

/** What a county's form or file compares with what it sent: the team without its roster and log. */
export function typedPart(team: JudgedTeam): TeamInput {
  const { roster: _roster, log: _log, ...typed } = team;
  return typed;
}

/** A roster's order, as every page and check lists it: members on the team first, by the day they joined, then those who left. */
export const byRosterOrder = (
  a: { id: string; joined: IsoDate; left: IsoDate | null },
  b: { id: string; joined: IsoDate; left: IsoDate | null },
) => Number(a.left !== null) - Number(b.left !== null) || a.joined.localeCompare(b.joined) || a.id.localeCompare(b.id);

/** Active on `date`: joined on or before it, not yet left. */
export const activeOn = (m: Pick<RosterEntry, 'joined' | 'left'>, date: IsoDate): boolean =>
  m.joined <= date && (m.left === null || date < m.left);

/** When a membership counts from (records written before the field existed: the day it joined, unless a duplicate). */
export const countsFromOf = (m: Pick<RosterEntry, 'joined' | 'standing'> & { countsFrom?: IsoDate | null }): IsoDate | null =>
  m.countsFrom !== undefined ? m.countsFrom : m.standing === 'duplicate' ? null : m.joined;

/** Counted toward its team on `date`: active, and counting by then. */
export function countsOn(m: Pick<RosterEntry, 'joined' | 'left' | 'standing'> & { countsFrom?: IsoDate | null }, date: IsoDate): boolean {
  const from = countsFromOf(m);
  return activeOn(m, date) && from !== null && from <= date;
}

export interface RosterCounts {
  /** Active members who count (a duplicate counts on its other roster only). */
  members: number;
  byCategory: Record<MemberCategory, number>;
  /** Of them, insured through the date. */
  insured: number;
  /** Of them, kept by name with no mobile (未查重). */
  unchecked: number;
  /** Active memberships counted elsewhere that day (重复在册), and counted here though unresolved (疑似重复). */
  duplicates: number;
  suspected: number;
}

type Countable = Pick<RosterEntry, 'category' | 'joined' | 'left' | 'insuredThrough' | 'standing'> & { countsFrom?: IsoDate | null };

/** The entries of a roster that are memberships (see Roster: a blank one is not). */
export const entriesOf = (roster: Roster | undefined): RosterEntry[] =>
  Object.values(roster ?? {}).filter((e): e is RosterEntry => !!e?.joined);

/** A team's counts on `date`, from its memberships (or a roster's entries). */
export function rosterCounts(memberships: Iterable<Countable>, date: IsoDate): RosterCounts {
  const byCategory = Object.fromEntries(MEMBER_CATEGORY_IDS.map((c) => [c, 0])) as Record<MemberCategory, number>;
  const counts: RosterCounts = { members: 0, byCategory, insured: 0, unchecked: 0, duplicates: 0, suspected: 0 };
  for (const m of memberships) {
    if (!activeOn(m, date)) continue;
    if (!countsOn(m, date)) {
      counts.duplicates++;
      continue;
    }
    counts.members++;
    byCategory[m.category]++;
    if (m.insuredThrough !== null && m.insuredThrough >= date) counts.insured++;
    if (m.standing === 'unchecked') counts.unchecked++;
    if (m.standing === 'suspected') counts.suspected++;
  }
  return counts;
}

/** Whether a team's members are counted from its roster (it has one) or are the numbers the county typed (自报人数（无名册）). */
export const membersFrom = (team: JudgedTeam): 'roster' | 'typed' => (entriesOf(team.roster).length > 0 ? 'roster' : 'typed');

/** A team's members on `date` by category: from its roster when it has one, else as typed. */
export function membersByCategory(team: JudgedTeam, date: IsoDate): Record<MemberCategory, number> {
  if (membersFrom(team) === 'typed') return team.members;
  return rosterCounts(entriesOf(team.roster), date).byCategory;
}

/** A team's members on `date`: its roster's count, or the typed total. */
export const membersOn = (team: JudgedTeam, date: IsoDate): number =>
  membersFrom(team) === 'typed' ? memberTotal(team) : rosterCounts(entriesOf(team.roster), date).members;

/**
 * The last day of cover of each member counted on `date` and insured then, latest first: the insurance rule
 * reads it (`lastDay` turns an entry's insured-through date into the last day it covers, by the standard's convention).
 */
export function insuredLastDays(team: JudgedTeam, date: IsoDate, lastDay: (through: IsoDate) => IsoDate): IsoDate[] {
  return entriesOf(team.roster)
    .filter((e) => countsOn(e, date) && e.insuredThrough !== null && lastDay(e.insuredThrough) >= date)
    .map((e) => lastDay(e.insuredThrough!))
    .sort()
    .reverse();
}

/**
 * The certificates of the members counted on `date` and valid then, latest last day first; null when the roster
 * records no certificate at all (the team's typed number of certified members stands): the certified-share rule reads it.
 */
export function certifiedLastDays(team: JudgedTeam, date: IsoDate): IsoDate[] | null {
  const entries = entriesOf(team.roster);
  if (!entries.some((e) => e.certifiedThrough)) return null;
  return entries
    .filter((e) => countsOn(e, date) && !!e.certifiedThrough && e.certifiedThrough >= date)
    .map((e) => e.certifiedThrough!)
    .sort()
    .reverse();
}

/** What a county's (or any area's) teams' rosters say on a date: how far rosters have replaced typed counts. */
export interface RosterSummary {
  /** Teams that count, and of them those with a roster. */
  teams: number;
  withRoster: number;
  /** Members counted from rosters, and members typed by the teams without one (自报人数（无名册）). */
  onRosters: number;
  typed: number;
  /** Active memberships counted elsewhere (重复在册), counted here though unresolved (疑似重复), and kept by name (未查重). */
  duplicates: number;
  suspected: number;
  unchecked: number;
}

/** The rosters of teams on `date` summed (pass the teams that count). */
export function rosterSummary(teams: Iterable<JudgedTeam>, date: IsoDate): RosterSummary {
  const sum: RosterSummary = { teams: 0, withRoster: 0, onRosters: 0, typed: 0, duplicates: 0, suspected: 0, unchecked: 0 };
  for (const team of teams) {
    sum.teams++;
    if (membersFrom(team) === 'typed') {
      sum.typed += memberTotal(team);
      continue;
    }
    const c = rosterCounts(entriesOf(team.roster), date);
    sum.withRoster++;
    sum.onRosters += c.members;
    sum.duplicates += c.duplicates;
    sum.suspected += c.suspected;
    sum.unchecked += c.unchecked;
  }
  return sum;
}

export const ROSTER_SUMMARY_FIELDS = ['teams', 'withRoster', 'onRosters', 'typed', 'duplicates', 'suspected', 'unchecked'] as const;

/** Summaries added (sign 1) or taken one from the other (sign -1), field by field. */
export function combineSummaries(a: RosterSummary, b: RosterSummary, sign: 1 | -1 = 1): RosterSummary {
  const out = { ...a };
  for (const f of ROSTER_SUMMARY_FIELDS) out[f] = a[f] + sign * b[f];
  return out;
}

/**
 * The day a county's roster tally is read on: its current memberships. No membership joins after the day it is
 * recorded nor leaves after the day its leaving is recorded (both are refused), so every day from a write on
 * reads the same tally, and the write and any later recount agree without a clock.
 */
export const TALLY_DAY: IsoDate = '9999-12-31';

/**
 * The change to a county's roster tally when a team goes from `before` to `after` (null: no team that counts):
 * kept on the county's aggregate beside its counters, so the province's counties list says how far rosters have
 * come, and how many 疑似重复 stand unresolved, per county.
 */
export const rosterDelta = (before: JudgedTeam | null, after: JudgedTeam | null): RosterSummary =>
  combineSummaries(rosterSummary(after ? [after] : [], TALLY_DAY), rosterSummary(before ? [before] : [], TALLY_DAY), -1);

export const isZeroSummary = (s: RosterSummary) => ROSTER_SUMMARY_FIELDS.every((f) => s[f] === 0);

/** Areas' summaries summed (a city's counties, a province's). */
export const sumRosterSummaries = (list: readonly RosterSummary[]): RosterSummary =>
  list.reduce((a, b) => combineSummaries(a, b), rosterSummary([], TALLY_DAY));
