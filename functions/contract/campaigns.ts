// Supervision (督导检查) as the API shows it: a campaign and its samples, a check, a county's checklist,
// the results with their intervals, and the discrepancies a county answers.
import * as z from 'zod';
import { code, count, instant, isoDate, share, strict, text, wireMessage } from './common.js';

const outcome = z.enum(['confirmed', 'discrepancy', 'unreachable']);
const answerStatus = z.enum(['open', 'corrected', 'disputed', 'closed']);

/** A value a check compares: whether a team exists, its members, whether a rule holds. */
const compared = z.union([z.boolean(), z.number()]);

export const finding = strict({
  field: z.string().meta({
    description: 'teamExists、members、roster（名册）或 rules.<规则> / teamExists, members, roster or rules.<rule>',
  }),
  reported: compared,
  found: compared,
  missing: z.array(z.number().int().min(1)).optional().meta({
    description:
      'roster：核查未见到的队员在名册中的序号（1 为第一名；不给手机号）/ roster: the places on the roster (1 = first) of the members the inspector did not meet (never a phone)',
  }),
}).meta({ id: 'Finding', description: '县里报的与核查看到的不同 / what the county reported against what the check found' });

export const decisionRule = strict({
  n: count,
  d: count.meta({ description: '至少 d 个核实才判达标 / a county passes with at least d of its n checks verified' }),
  upper: share,
  lower: share,
  alpha: share.meta({ description: '生产方风险 / producer’s risk' }),
  beta: share.meta({ description: '使用方风险 / consumer’s risk' }),
}).meta({ id: 'DecisionRule', description: '批质量保证抽样（LQAS）的判定规则 / the LQAS decision rule' });

/** What every view of a campaign carries. */
const campaignFields = {
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  area: code,
  deadline: isoDate,
  sampleSize: count,
  upper: share,
  lower: share,
  seed: z.string().nullable().meta({
    description: '种子：组织方随时可见，其他人截止日后可见 / the seed: the organiser’s always, everyone else’s after the deadline',
  }),
  seedHash: z.string(),
  rule: decisionRule,
  registryVersion: z.number().int(),
  createdBy: z.string(),
  createdAt: instant,
  demo: z.boolean().optional(),
};

export const campaignEntry = strict({ ...campaignFields, counties: z.array(code) }).meta({ id: 'CampaignEntry' });
export const campaignList = strict({ campaigns: z.array(campaignEntry) });

export const campaignView = strict({
  ...campaignFields,
  open: z.boolean(),
  method: text.meta({ description: '抽样与判定方法 / how the sample is drawn and a county judged' }),
  counties: z.record(
    z.string(),
    strict({
      size: count,
      checked: count,
      remaining: count,
      overdue: z.boolean(),
      sample: z.array(code).optional(),
      checks: z.array(
        strict({
          communityCode: code,
          outcome: outcome.nullable(),
          version: z.number().int().min(1).nullable(),
          verified: z.boolean().nullable(),
        }),
      ),
    }),
  ),
}).meta({ id: 'Campaign' });

export const check = strict({
  communityCode: code,
  method: z.enum(['phone', 'visit', 'unreachable']),
  methodLabel: text.optional(),
  teamExists: z.boolean().optional(),
  members: count.optional(),
  rules: z.record(z.string(), z.boolean()).optional(),
  met: z.array(z.string()).optional().meta({ description: '见到的名册队员（队员记录编号）/ the roster members met (membership ids)' }),
  note: z.string().optional(),
  evidence: z.string().optional(),
  reported: strict({
    exists: z.boolean(),
    members: count,
    failed: z.array(z.string()),
    roster: z
      .array(z.string())
      .optional()
      .meta({ description: '有名册时，计入的队员（按名册顺序）/ with a roster, the members it counted, in its order' }),
  }).meta({
    description: '首次核查时县里报的 / what the county reported when the community was first checked',
  }),
  outcome,
  findings: z.array(finding),
  verified: z.boolean(),
  version: z.number().int().min(1),
  firstAt: instant.optional(),
  at: instant,
  by: z.string(),
}).meta({ id: 'Check' });

export const checklist = strict({
  campaignId: z.string(),
  county: code,
  open: z.boolean(),
  phonesShown: count,
  communities: z.array(
    strict({
      communityCode: code,
      name: z.string(),
      townshipName: z.string(),
      team: strict({
        name: z.string(),
        leader: strict({ name: z.string(), phone: z.string() }),
        members: count,
        meetsStandard: z.boolean(),
      }).nullable(),
      check: check.nullable(),
    }),
  ),
});

/** An estimate with its 95 % interval, and what it rests on. */
const estimate = strict({ estimate: share, low: share, high: share });
const areaEstimate = strict({
  code,
  estimate: share,
  low: share,
  high: share,
  checks: count,
  counties: count,
  coveredShare: share,
});

export const countyResult = strict({
  code,
  size: count,
  sampled: count,
  checked: count,
  verified: count,
  discrepancies: count,
  unreachable: count,
  class: z.enum(['pass', 'fail', 'incomplete']),
  census: z.boolean(),
  estimate,
  discrepancyRate: share.nullable(),
});

export const results = strict({
  id: z.string(),
  name: z.string(),
  rule: decisionRule,
  registryVersion: z.number().int(),
  seed: z.string().nullable(),
  seedHash: z.string(),
  interim: z.boolean(),
  counties: z.array(countyResult),
  cities: z.array(areaEstimate),
  area: areaEstimate,
}).meta({ id: 'CampaignResults' });

const answerFields = {
  communityCode: code,
  version: z.number().int().min(1).meta({
    description: "答复的版本号：再答复或销号时放入 version / the answer's version: send it as `version` to answer again or close",
  }),
  reason: z.string().optional(),
  reasonMessage: wireMessage.optional(),
  by: z.string(),
  at: instant,
  history: z.array(
    strict({ status: z.string(), reason: z.string().optional(), reasonMessage: wireMessage.optional(), by: z.string(), at: instant }),
  ),
};

export const discrepancies = strict({
  county: code,
  discrepancies: z.array(
    strict({
      campaignId: z.string(),
      campaignName: z.string(),
      campaignArea: code,
      deadline: isoDate,
      communityCode: code,
      at: instant,
      findings: z.array(finding),
      status: answerStatus,
      answer: strict({ ...answerFields, status: answerStatus }).nullable(),
    }),
  ),
});

export const answer = strict({ ...answerFields, status: z.enum(['corrected', 'disputed', 'closed']), words: text });

export type CampaignEntry = z.infer<typeof campaignEntry>;
export type CampaignView = z.infer<typeof campaignView>;
export type Check = z.infer<typeof check>;
export type Checklist = z.infer<typeof checklist>;
export type CountyResult = z.infer<typeof countyResult>;
export type Results = z.infer<typeof results>;
export type Discrepancies = z.infer<typeof discrepancies>;
export type AnswerAnswer = z.infer<typeof answer>;
