// Where a county (or the province) stands against the plan's milestones on a given date.
import { addMonths, monthOf, monthsBetween, type IsoDate } from './dates.js';
import type { Milestone, Programme } from './programme.js';
import { coverage as share } from './aggregate.js';

export type MilestoneStatus = 'met' | 'on-track' | 'at-risk' | 'behind';

export interface MilestoneView {
  asOf: IsoDate;
  coverage: number;
  /** The milestone being worked towards: the next one due, or the last once all are past. */
  target: Milestone;
  /** The latest milestone already due, if any. */
  lastDue: Milestone | null;
  /** Communities that must meet the standard by target.due. */
  targetCommunities: number;
  /** Communities still needed for the target (0 when met). */
  gap: number;
  /** Calendar months left until target.due (0 once it has passed). */
  monthsLeft: number;
  /** Communities per month needed to close the gap in time (the whole gap when no month is left). */
  pacePerMonthNeeded: number;
  status: MilestoneStatus;
}

export interface MilestoneInput {
  communities: number;
  meeting: number;
  asOf: IsoDate;
  /** Communities newly meeting the standard per month recently (e.g. the last three months' mean). */
  recentPacePerMonth?: number;
}

/**
 * Status: `behind` when a milestone already due was missed (or the last one is past and unmet);
 * `met` when the target in view is reached; otherwise `on-track` if the recent pace (or, without
 * one, the coverage against a straight line from the previous milestone) is enough, else `at-risk`.
 */
export function evaluateMilestone(programme: Programme, input: MilestoneInput): MilestoneView {
  const { communities, meeting, asOf } = input;
  const milestones = [...programme.milestones].sort((a, b) => a.due.localeCompare(b.due));
  const coverage = share(meeting, communities);
  const lastDue = [...milestones].reverse().find((m) => m.due < asOf) ?? null;
  const target = milestones.find((m) => m.due >= asOf) ?? milestones[milestones.length - 1];
  const targetCommunities = Math.ceil(target.target * communities - 1e-9);
  const gap = Math.max(0, targetCommunities - meeting);
  const monthsLeft = target.due >= asOf ? Math.max(1, monthsBetween(monthOf(asOf), monthOf(target.due))) : 0;
  const pacePerMonthNeeded = monthsLeft > 0 ? gap / monthsLeft : gap;

  let status: MilestoneStatus;
  if (lastDue && meeting < Math.ceil(lastDue.target * communities - 1e-9)) status = 'behind';
  else if (gap === 0) status = 'met';
  else if (monthsLeft === 0) status = 'behind';
  else if (input.recentPacePerMonth !== undefined) status = input.recentPacePerMonth >= pacePerMonthNeeded ? 'on-track' : 'at-risk';
  else {
    const from = lastDue ?? { due: programme.start, target: 0 };
    const span = monthsBetween(monthOf(from.due), monthOf(target.due)) || 1;
    const elapsed = Math.min(span, Math.max(0, monthsBetween(monthOf(from.due), monthOf(asOf))));
    const expected = from.target + (target.target - from.target) * (elapsed / span);
    status = coverage + 1e-9 >= expected ? 'on-track' : 'at-risk';
  }
  return { asOf, coverage, target, lastDue, targetCommunities, gap, monthsLeft, pacePerMonthNeeded, status };
}

/**
 * The date every community would meet the standard at `pacePerMonth` (communities per month),
 * counted in whole months from `asOf`; null when the pace is not positive.
 */
export function forecastCompletion(input: { communities: number; meeting: number; asOf: IsoDate; pacePerMonth: number | null }): IsoDate | null {
  const remaining = input.communities - input.meeting;
  if (remaining <= 0) return input.asOf;
  if (!input.pacePerMonth || input.pacePerMonth <= 0) return null;
  return addMonths(input.asOf, Math.ceil(remaining / input.pacePerMonth));
}
