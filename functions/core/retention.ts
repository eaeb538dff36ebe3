// Keeping coverage up, year after year: which teams lapsed in the last 30 days (and why), which are
// due for renewal in the next 30/60/90 days (and for what), and which renewed this month. Every team
// judged afresh on the day, under the standard in force. Pure.
import { addDays, type IsoDate } from './dates.js';
import type { FieldChange } from './diff.js';
import { judge, standardRef, type Standard, type Text } from './standard.js';
import type { TeamInput } from './team.js';

export const RENEWAL_WINDOWS = [30, 60, 90] as const;
const LAPSE_WINDOW = 30;

export interface RetentionTeam {
  communityCode: string;
  team: TeamInput;
  /** Its audit records written this month (the renewals among them are counted). */
  changesThisMonth?: FieldChange[][];
}

export interface DueTeam {
  communityCode: string;
  /** The last day it still meets the standard. */
  holdsUntil: IsoDate;
  /** What runs out the day after: the rules that would fail then. */
  rules: { id: string; title: Text }[];
}

export interface LapsedTeam {
  communityCode: string;
  /** The first day it no longer met the standard. */
  lapsedOn: IsoDate;
  rules: { id: string; title: Text }[];
}

export interface Retention {
  asOf: IsoDate;
  /** The standard the figures were judged under. */
  ruleSetId: string;
  teams: number;
  meeting: number;
  lapsed: { days: number; count: number; byRule: Record<string, number>; list: LapsedTeam[] };
  /** Teams meeting the standard whose verdict runs out within each window (cumulative: 60 includes 30). */
  due: { within: Record<(typeof RENEWAL_WINDOWS)[number], number>; byRule: Record<string, number>; list: DueTeam[] };
  renewedThisMonth: number;
}

/** A change that renews: an insurance end or a training moved later, or a drill added to a log that had one (a first date is a registration, not a renewal). */
export function isRenewal(change: FieldChange): boolean {
  if (change.field === 'insuranceExpiresOn' || change.field === 'lastTrainingOn') {
    return typeof change.after === 'string' && typeof change.before === 'string' && change.after > change.before;
  }
  return (
    change.field.startsWith('drills') &&
    Array.isArray(change.before) &&
    change.before.length > 0 &&
    Array.isArray(change.after) &&
    change.after.length > change.before.length
  );
}

export function retention(teams: RetentionTeam[], standard: Standard, asOf: IsoDate, listed = Infinity): Retention {
  const title = (id: string) => standard.rules.find((r) => r.id === id)?.title ?? { zh: id, en: id };
  const rulesOf = (ids: string[]) => ids.map((id) => ({ id, title: title(id) }));
  const lapsed: LapsedTeam[] = [];
  const due: DueTeam[] = [];
  const lapsedByRule: Record<string, number> = {};
  const dueByRule: Record<string, number> = {};
  let meeting = 0;
  let renewed = 0;
  const horizon = addDays(asOf, RENEWAL_WINDOWS[RENEWAL_WINDOWS.length - 1]);
  const since = addDays(asOf, -LAPSE_WINDOW);
  for (const t of teams) {
    if (t.changesThisMonth?.some((changes) => changes.some(isRenewal))) renewed += 1;
    const now = judge(t.team, standard, asOf);
    if (now.meetsStandard) {
      meeting += 1;
      if (now.holdsUntil && now.holdsUntil <= horizon) {
        const ids = judge(t.team, standard, addDays(now.holdsUntil, 1)).failed.map((f) => f.ruleId);
        for (const id of ids) dueByRule[id] = (dueByRule[id] ?? 0) + 1;
        due.push({ communityCode: t.communityCode, holdsUntil: now.holdsUntil, rules: rulesOf(ids) });
      }
      continue;
    }
    // Lapsed within the window: it met the standard 30 days ago and does not now; it stopped the day after that verdict ran out.
    const then = judge(t.team, standard, since);
    if (then.meetsStandard && then.holdsUntil) {
      const ids = now.failed.map((f) => f.ruleId);
      for (const id of ids) lapsedByRule[id] = (lapsedByRule[id] ?? 0) + 1;
      lapsed.push({ communityCode: t.communityCode, lapsedOn: addDays(then.holdsUntil, 1), rules: rulesOf(ids) });
    }
  }
  due.sort((a, b) => a.holdsUntil.localeCompare(b.holdsUntil) || a.communityCode.localeCompare(b.communityCode));
  lapsed.sort((a, b) => b.lapsedOn.localeCompare(a.lapsedOn) || a.communityCode.localeCompare(b.communityCode));
  const within = Object.fromEntries(
    RENEWAL_WINDOWS.map((d) => [d, due.filter((x) => x.holdsUntil <= addDays(asOf, d)).length]),
  ) as Retention['due']['within'];
  return {
    asOf,
    ruleSetId: standardRef(standard),
    teams: teams.length,
    meeting,
    lapsed: { days: LAPSE_WINDOW, count: lapsed.length, byRule: lapsedByRule, list: lapsed.slice(0, listed) },
    due: { within, byRule: dueByRule, list: due.slice(0, listed) },
    renewedThisMonth: renewed,
  };
}

/** Retention figures of several areas added up (the lists left out: a province's are read county by county). */
export function sumRetention(parts: Retention[], asOf: IsoDate, ruleSetId: string): Retention {
  const add = (maps: Record<string, number>[]) =>
    maps.reduce<Record<string, number>>((out, m) => {
      for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
      return out;
    }, {});
  return {
    asOf,
    ruleSetId,
    teams: parts.reduce((n, p) => n + p.teams, 0),
    meeting: parts.reduce((n, p) => n + p.meeting, 0),
    lapsed: {
      days: LAPSE_WINDOW,
      count: parts.reduce((n, p) => n + p.lapsed.count, 0),
      byRule: add(parts.map((p) => p.lapsed.byRule)),
      list: [],
    },
    due: {
      within: Object.fromEntries(
        RENEWAL_WINDOWS.map((d) => [d, parts.reduce((n, p) => n + p.due.within[d], 0)]),
      ) as Retention['due']['within'],
      byRule: add(parts.map((p) => p.due.byRule)),
      list: [],
    },
    renewedThisMonth: parts.reduce((n, p) => n + p.renewedThisMonth, 0),
  };
}
