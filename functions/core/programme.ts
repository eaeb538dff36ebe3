// The programme: scope, milestones, phases and the rule set. Guangxi 2021–2023 is the default.
import type { IsoDate } from './dates.js';
import { RULE_IDS, RULES, type RuleSet, type Text } from './rules.js';

export interface Milestone {
  due: IsoDate;
  /** Share of communities whose team meets the standard, 0..1. */
  target: number;
}

export interface Phase {
  id: string;
  name: Text;
  from: IsoDate;
  to: IsoDate;
}

export interface Programme {
  id: string;
  name: Text;
  provinceCode: string;
  start: IsoDate;
  /** The plan's own count of communities (the registry may list more). */
  plannedCommunities: number;
  plannedCounties: number;
  milestones: Milestone[];
  phases: Phase[];
  ruleSet: RuleSet;
}

export const GUANGXI_RULE_SET_V1: RuleSet = {
  id: 'gx-2021-v1',
  version: 1,
  rules: RULE_IDS,
  // earliestDate and insuranceYearsAhead are the province's plausibility window, not the plan's text:
  // no team of this programme predates 2000, and accident policies run a year (5 years is generous).
  params: { minMembers: 20, trainingWithinMonths: 12, insuranceCoversEndDate: true, earliestDate: '2000-01-01', insuranceYearsAhead: 5 },
};

export const GUANGXI_2021: Programme = {
  id: 'gx-2021',
  name: { zh: '八桂应急先锋社区响应队建设三年行动（2021—2023年）', en: 'Guangxi community response teams, three-year plan 2021–2023' },
  provinceCode: '45',
  start: '2021-05-01',
  plannedCommunities: 16_197,
  plannedCounties: 111,
  milestones: [
    { due: '2021-12-31', target: 0.5 },
    { due: '2022-12-31', target: 0.8 },
    { due: '2023-12-31', target: 1 },
  ],
  phases: [
    { id: 'mobilise', name: { zh: '动员部署', en: 'Mobilisation' }, from: '2021-05-01', to: '2021-05-31' },
    { id: 'launch', name: { zh: '全面启动', en: 'Full launch' }, from: '2021-06-01', to: '2021-12-31' },
    { id: 'advance', name: { zh: '稳步推进', en: 'Steady advance' }, from: '2022-01-01', to: '2022-12-31' },
    { id: 'decisive', name: { zh: '决战决胜', en: 'Decisive year' }, from: '2023-01-01', to: '2023-12-31' },
    { id: 'review', name: { zh: '总结经验', en: 'Review' }, from: '2024-01-01', to: '2024-05-31' },
  ],
  ruleSet: GUANGXI_RULE_SET_V1,
};

export function phaseOn(programme: Programme, date: IsoDate): Phase | null {
  return programme.phases.find((p) => p.from <= date && date <= p.to) ?? null;
}

/** The programme as the API describes it: rules with their titles and thresholds. */
export function describeProgramme(programme: Programme) {
  return {
    ...programme,
    ruleSet: {
      ...programme.ruleSet,
      rules: programme.ruleSet.rules.map((id) => ({ id, title: RULES[id].title })),
    },
  };
}
