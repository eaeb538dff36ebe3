// Where a county (or the province) stands against the programme on a given date: during a build-out,
// against its milestones; after the last one (the maintenance years), against the year-end target.
import { addMonths, monthOf, monthsBetween, type IsoDate } from './dates.js';
import type { Milestone, Programme } from './programme.js';
import { coverage as share } from './aggregate.js';

/** Build-out statuses (reaching a milestone), then maintenance ones (keeping the year-end target). */
export type MilestoneStatus = 'met' | 'on-track' | 'at-risk' | 'behind' | 'maintaining' | 'slipping' | 'below';
export const BUILD_OUT_STATUSES = ['met', 'on-track', 'at-risk', 'behind'] as const;
export const MAINTENANCE_STATUSES = ['maintaining', 'slipping', 'below'] as const;

/** Each status's words, for the page, the emails and the exports alike. */
export const STATUS_WORDS: Record<MilestoneStatus, { zh: string; en: string }> = {
  met: { zh: '已达标', en: 'Met' },
  'on-track': { zh: '进度正常', en: 'On track' },
  'at-risk': { zh: '有风险', en: 'At risk' },
  behind: { zh: '滞后', en: 'Behind' },
  maintaining: { zh: '保持达标', en: 'Maintaining' },
  slipping: { zh: '有下滑风险', en: 'Slipping' },
  below: { zh: '低于目标', en: 'Below target' },
};

export interface MilestoneView {
  asOf: IsoDate;
  /** Reaching milestones, or keeping the year-end target once the last milestone is decided. */
  mode: 'build-out' | 'maintenance';
  coverage: number;
  /** The milestone in view: the next one due (still on its due date, until the day is over), or the last once all are past. */
  target: Milestone;
  /** The latest milestone already decided (its due date over), if any. */
  lastDue: Milestone | null;
  /** Whether the target itself is decided: its due date is over, so it is met or missed, not open. */
  decided: boolean;
  /** Communities that must meet the standard by target.due. */
  targetCommunities: number;
  /** Communities still needed for the target (0 when met). */
  gap: number;
  /** Calendar months left until target.due, counting its own month (0 on the due date and once it is decided). */
  monthsLeft: number;
  /** Communities per month needed to close the gap in time (the whole gap on the due date); null once decided, and in maintenance when nothing is short. */
  pacePerMonthNeeded: number | null;
  status: MilestoneStatus;
}

export interface MilestoneInput {
  communities: number;
  meeting: number;
  asOf: IsoDate;
  /** Communities newly meeting the standard per month recently (e.g. the last three months' mean). */
  recentPacePerMonth?: number;
  /**
   * The figures are those at the end of `asOf` (24:00, a month's record), not during it: a
   * milestone due that day is then decided — met or missed — not still open.
   */
  dayClosed?: boolean;
}

/**
 * Status: `behind` when a milestone already decided was missed, or the target itself is decided and
 * missed; `met` when the target is reached; otherwise `on-track` if the recent pace (or, without
 * one, the coverage against a straight line from the previous milestone) is enough, else `at-risk`.
 * A milestone is decided once its due date is over: after it, or at its end when `dayClosed` (the
 * figures of record at 24:00). During its due date the live view still shows it open.
 */
export function evaluateMilestone(
  programme: Pick<Programme, 'milestones' | 'start' | 'maintenance'>,
  input: MilestoneInput,
): MilestoneView {
  const { communities, meeting, asOf } = input;
  const milestones = [...programme.milestones].sort((a, b) => a.due.localeCompare(b.due));
  const over = (m: Milestone) => m.due < asOf || (input.dayClosed === true && m.due === asOf);
  const maintenance = programme.maintenance;
  if (maintenance && (milestones.length === 0 || over(milestones[milestones.length - 1])))
    return maintained(maintenance.target, programme.start, input);
  if (!milestones.length) throw new Error('a programme without milestones needs a maintenance target');
  const coverage = share(meeting, communities);
  const need = (m: Milestone) => Math.ceil(m.target * communities - 1e-9);
  const target = milestones.find((m) => m.due >= asOf) ?? milestones[milestones.length - 1];
  const decided = over(target);
  // The latest decided milestone: the one before the target, or the target itself once decided.
  const lastDue = [...milestones].reverse().find(over) ?? null;
  const targetCommunities = need(target);
  const gap = Math.max(0, targetCommunities - meeting);
  // On the due date itself no month is left: the whole gap is needed today.
  const monthsLeft = decided || target.due === asOf ? 0 : Math.max(1, monthsBetween(monthOf(asOf), monthOf(target.due)));
  const pacePerMonthNeeded = decided ? null : monthsLeft === 0 ? gap : gap / monthsLeft;

  let status: MilestoneStatus;
  // A decided target is its own lastDue: missed, it is behind here; met, its gap is 0.
  if (lastDue && meeting < need(lastDue)) status = 'behind';
  else if (gap === 0) status = 'met';
  else if (monthsLeft === 0)
    status = 'at-risk'; // the due date, still open: no pace can be "on track" now
  else if (input.recentPacePerMonth !== undefined) status = input.recentPacePerMonth >= pacePerMonthNeeded! ? 'on-track' : 'at-risk';
  else {
    const from = lastDue ?? { due: programme.start, target: 0 };
    const span = monthsBetween(monthOf(from.due), monthOf(target.due)) || 1;
    const elapsed = Math.min(span, Math.max(0, monthsBetween(monthOf(from.due), monthOf(asOf))));
    const expected = from.target + (target.target - from.target) * (elapsed / span);
    status = coverage + 1e-9 >= expected ? 'on-track' : 'at-risk';
  }
  return { asOf, mode: 'build-out', coverage, target, lastDue, decided, targetCommunities, gap, monthsLeft, pacePerMonthNeeded, status };
}

/**
 * The maintenance years: the target is the share to keep at the end of the current year (decided at
 * 24:00 on 31 December, when the year's record is taken). `below` when coverage is under it now;
 * `slipping` when it is not, but the recent pace (a net loss) would take it under by the year end;
 * otherwise `maintaining`. No forecast of full coverage: the question is keeping it, not reaching it.
 */
function maintained(share_: number, start: IsoDate, input: MilestoneInput): MilestoneView {
  const { communities, meeting, asOf } = input;
  const coverage = share(meeting, communities);
  const year = Number(asOf.slice(0, 4));
  const yearEnd = (y: number): Milestone => ({ due: `${y}-12-31`, target: share_ });
  const target = yearEnd(year);
  const decided = input.dayClosed === true && asOf === target.due;
  const targetCommunities = Math.ceil(share_ * communities - 1e-9);
  const gap = Math.max(0, targetCommunities - meeting);
  const monthsLeft = decided || asOf === target.due ? 0 : Math.max(1, monthsBetween(monthOf(asOf), monthOf(target.due)));
  const pacePerMonthNeeded = decided || gap === 0 ? null : monthsLeft === 0 ? gap : gap / monthsLeft;
  const pace = input.recentPacePerMonth;
  let status: MilestoneStatus;
  if (gap > 0) status = 'below';
  else if (pace !== undefined && pace < 0 && meeting + pace * monthsLeft < targetCommunities) status = 'slipping';
  else status = 'maintaining';
  return {
    asOf,
    mode: 'maintenance',
    coverage,
    target,
    lastDue: decided ? target : yearEnd(year - 1).due >= start ? yearEnd(year - 1) : null,
    decided,
    targetCommunities,
    gap,
    monthsLeft,
    pacePerMonthNeeded,
    status,
  };
}

/**
 * The date every community would meet the standard at `pacePerMonth` (communities per month),
 * counted in whole months from `asOf`; null when the pace is not positive.
 */
export function forecastCompletion(input: {
  communities: number;
  meeting: number;
  asOf: IsoDate;
  pacePerMonth: number | null;
}): IsoDate | null {
  const remaining = input.communities - input.meeting;
  if (remaining <= 0) return input.asOf;
  if (!input.pacePerMonth || input.pacePerMonth <= 0) return null;
  return addMonths(input.asOf, Math.ceil(remaining / input.pacePerMonth));
}
