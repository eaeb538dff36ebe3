// The rule set a team is judged by: a standard (functions/core/standard.ts), the data the province
// publishes. This module keeps the names the rest of the code judges by.
import { dateLimitsOf, judge, type Standard, type Verdict } from './standard.js';
import type { IsoDate } from './dates.js';
import type { JudgedTeam } from './roster-counts.js';

export type { FailedRule, Verdict } from './standard.js';
export { insuranceLastDay, lastDayWithin } from './standard.js';

/** A rule set is a published standard. */
export type RuleSet = Standard;
export type RuleId = string;

/** Evaluates every rule of the set as of a date and says how long the verdict holds. */
export function evaluate(team: JudgedTeam, ruleSet: RuleSet, asOf: IsoDate): Verdict {
  return judge(team, ruleSet, asOf);
}

/** The plausible window for a team's dates under a rule set, on `today`. */
export const dateLimits = (ruleSet: Pick<RuleSet, 'dates'>, today: IsoDate) => dateLimitsOf(ruleSet, today);

/** The rule ids of a set, in its order. */
export const ruleIdsOf = (ruleSet: Pick<RuleSet, 'rules'>) => ruleSet.rules.map((r) => r.id);

/** A rule's title in the set, or its id for a rule no longer in it. */
export const ruleTitle = (ruleSet: Pick<RuleSet, 'rules'>, id: string) =>
  ruleSet.rules.find((r) => r.id === id)?.title ?? { zh: id, en: id };

/** A rule set's insurance convention: a policy covers its last day unless the set says otherwise. */
export function coversEndDate(ruleSet: Pick<RuleSet, 'rules'>): boolean {
  for (const r of ruleSet.rules) if (r.kind === 'insurance') return r.coversEndDate;
  return true;
}

/** A rule set's training window in months, when it has one. */
export function trainingMonths(ruleSet: Pick<RuleSet, 'rules'>): number | null {
  for (const r of ruleSet.rules) if (r.kind === 'trained-within') return r.months;
  return null;
}
