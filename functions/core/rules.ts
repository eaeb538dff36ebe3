// The team standard (建设标准) as data: a versioned rule set whose thresholds are parameters.
import { addDays, addMonths, type IsoDate } from './dates.js';
import { MANAGEMENT, memberTotal, WRITTEN_RULES, type DateLimits, type TeamInput } from './team.js';

export type RuleId = 'members-min' | 'written-rules' | 'management' | 'equipment' | 'insurance' | 'training';
export const RULE_IDS: readonly RuleId[] = ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'];

export interface RuleSetParams {
  minMembers: number;
  trainingWithinMonths: number;
  /**
   * Whether a policy ending on day X still covers X. Chinese accident-insurance policies run
   * "自……零时起至 X 日二十四时止", so the default is true: a team is insured on its policy's last day.
   */
  insuranceCoversEndDate: boolean;
  /** Dates a team's record may plausibly hold: none before this day, insurance at most this many years ahead. */
  earliestDate: IsoDate;
  insuranceYearsAhead: number;
}

/** The plausible window for a team's dates under a rule set, on `today`. */
export function dateLimits(p: Pick<RuleSetParams, 'earliestDate' | 'insuranceYearsAhead'>, today: IsoDate): DateLimits {
  return { earliest: p.earliestDate, insuranceLatest: addMonths(today, 12 * p.insuranceYearsAhead) };
}

export interface RuleSet {
  id: string;
  version: number;
  rules: readonly RuleId[];
  params: RuleSetParams;
}

export interface Text {
  zh: string;
  en: string;
}

export interface FailedRule {
  ruleId: RuleId;
  message: Text;
  /** The values that failed the rule, e.g. { members: 12, required: 20 }. */
  values: Record<string, string | number | boolean | null | string[]>;
}

export interface Verdict {
  asOf: IsoDate;
  ruleSetId: string;
  meetsStandard: boolean;
  failed: FailedRule[];
  /** Last day on which this verdict still holds; after it, time alone changes it (insurance, training). */
  holdsUntil: IsoDate | null;
}

interface Outcome {
  failed?: Omit<FailedRule, 'ruleId'>;
  /** For a passing time-bound rule: its last passing day. */
  holdsUntil?: IsoDate;
}

type Check = (team: TeamInput, p: RuleSetParams, asOf: IsoDate) => Outcome;

/** Passes when every listed item is present; otherwise names the missing ones. */
function allPresent<K extends string>(flags: Record<K, boolean>, labels: Record<K, Text>): Outcome {
  const absent = (Object.keys(labels) as K[]).filter((k) => !flags[k]);
  return absent.length === 0 ? {} : {
    failed: {
      message: { zh: `缺少${absent.map((k) => labels[k].zh).join('、')}`, en: `Missing ${absent.map((k) => labels[k].en.toLowerCase()).join(', ')}` },
      values: { missing: absent },
    },
  };
}

export const RULES: Record<RuleId, { title: Text; check: Check }> = {
  'members-min': {
    title: { zh: '队员人数达标', en: 'Enough members' },
    check: (team, p) => {
      const members = memberTotal(team);
      return members >= p.minMembers ? {} : {
        failed: {
          message: { zh: `队员 ${members} 人，少于 ${p.minMembers} 人`, en: `${members} members, fewer than ${p.minMembers}` },
          values: { members, required: p.minMembers },
        },
      };
    },
  },
  'written-rules': {
    title: { zh: '规章制度齐全', en: 'Written rules in place' },
    check: (team) => allPresent(team.rules, WRITTEN_RULES),
  },
  management: {
    title: { zh: '管理机制健全', en: 'Management in place' },
    check: (team) => allPresent(team.management, MANAGEMENT),
  },
  equipment: {
    title: { zh: '配备基本救援装备', en: 'Basic rescue equipment' },
    check: (team) => team.equipment ? {} : {
      failed: { message: { zh: '未配备基本救援装备', en: 'No basic rescue equipment' }, values: { equipment: false } },
    },
  },
  insurance: {
    title: { zh: '队员意外伤害保险有效', en: 'Members insured' },
    check: (team, p, asOf) => {
      const members = memberTotal(team);
      const expires = team.insuranceExpiresOn;
      const values = { insuredMembers: team.insuredMembers, members, insuranceExpiresOn: expires, asOf };
      if (team.insuredMembers < members) {
        return { failed: { message: { zh: `参保 ${team.insuredMembers} 人，少于队员 ${members} 人`, en: `${team.insuredMembers} insured of ${members} members` }, values } };
      }
      const lastDay = expires ? insuranceLastDay(expires, p) : null;
      if (!lastDay || lastDay < asOf) {
        return { failed: {
          message: expires
            ? { zh: `保险已于 ${expires} 到期`, en: `Insurance expired on ${expires}` }
            : { zh: '未填写保险到期日期', en: 'No insurance expiry date' },
          values,
        } };
      }
      return { holdsUntil: lastDay };
    },
  },
  training: {
    title: { zh: '一年内开展培训演练', en: 'Trained within a year' },
    check: (team, p, asOf) => {
      const last = team.lastTrainingOn;
      const earliest = addMonths(asOf, -p.trainingWithinMonths);
      if (last && last >= earliest && last <= asOf) return { holdsUntil: lastDayWithin(last, p.trainingWithinMonths) };
      return { failed: {
        message: last
          ? { zh: `最近培训演练于 ${last}，已超过 ${p.trainingWithinMonths} 个月`, en: `Last training on ${last}, over ${p.trainingWithinMonths} months ago` }
          : { zh: '没有培训演练记录', en: 'No training recorded' },
        values: { lastTrainingOn: last, withinMonths: p.trainingWithinMonths, asOf },
      } };
    },
  },
};

/** The last day a policy ending on `expires` covers: the day itself (24:00), or the day before under the stricter reading. */
export function insuranceLastDay(expires: IsoDate, p: Pick<RuleSetParams, 'insuranceCoversEndDate'>): IsoDate {
  return p.insuranceCoversEndDate ? expires : addDays(expires, -1);
}

/**
 * The last day on which `date` is still within `months` months before it. Month arithmetic clamps
 * (2024-02-29 minus 12 months is 2023-02-28), so a training on 2023-02-28 still counts on 2024-02-29.
 */
export function lastDayWithin(date: IsoDate, months: number): IsoDate {
  let day = addMonths(date, months);
  while (addMonths(addDays(day, 1), -months) <= date) day = addDays(day, 1);
  return day;
}

/** Evaluates every rule of the set as of a date and says how long the verdict holds. */
export function evaluate(team: TeamInput, ruleSet: RuleSet, asOf: IsoDate): Verdict {
  const failed: FailedRule[] = [];
  let holdsUntil: IsoDate | null = null;
  for (const ruleId of ruleSet.rules) {
    const outcome = RULES[ruleId].check(team, ruleSet.params, asOf);
    if (outcome.failed) failed.push({ ruleId, ...outcome.failed });
    if (outcome.holdsUntil && (!holdsUntil || outcome.holdsUntil < holdsUntil)) holdsUntil = outcome.holdsUntil;
  }
  return { asOf, ruleSetId: ruleSet.id, meetsStandard: failed.length === 0, failed, holdsUntil };
}
