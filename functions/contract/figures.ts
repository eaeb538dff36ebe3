// The dashboard's answers: counties with their figures and milestones (live, or a month's figures of
// record), one county by township, a county's communities.
import * as z from 'zod';
import { code, count, counts, instant, isoDate, isoMonth, membersFrom, strict, text, verdict, wireMessage } from './common.js';

export const MILESTONE_STATUSES = ['met', 'on-track', 'at-risk', 'behind', 'maintaining', 'slipping', 'below'] as const;
export const REPORT_STATUSES = ['reported', 'confirmed', 'late', 'overdue', 'pending', 'untracked'] as const;
export const reportStatus = z.enum(REPORT_STATUSES);

export const milestoneRef = strict({ due: isoDate, target: z.number() }).meta({ id: 'Milestone' });
export const milestoneView = strict({
  asOf: isoDate,
  mode: z.enum(['build-out', 'maintenance']),
  coverage: z.number(),
  target: milestoneRef,
  lastDue: milestoneRef.nullable(),
  decided: z.boolean(),
  targetCommunities: count,
  gap: count,
  monthsLeft: count,
  pacePerMonthNeeded: z.number().nullable(),
  status: z.enum(MILESTONE_STATUSES),
}).meta({ id: 'MilestoneView', description: '对照目标的进度 / where the area stands against its target' });

const figuresShape = {
  communities: count,
  teamsRegistered: count,
  teamsMeetingStandard: count,
  members: count,
  failures: counts.meta({ description: '未达标队伍数，按规则 / teams failing, by rule' }),
  coverage: z
    .number()
    .min(0)
    .max(1)
    .meta({ description: '达标覆盖率（达标队伍 ÷ 社区）/ coverage: teams meeting the standard ÷ communities' }),
  changeThisMonth: z.number().int().nullable(),
  recentPacePerMonth: z.number().nullable(),
  forecastFullCoverage: isoDate.nullable(),
  milestone: milestoneView,
};
export const figures = strict(figuresShape).meta({ id: 'Figures' });

export const completeness = z
  .record(reportStatus, count)
  .meta({ id: 'Completeness', description: '各报送状态的县数 / counties by report status' });

export const monthRecord = strict({
  instant: instant.nullable(),
  version: z.number().int().min(1),
  source: z.string(),
  takenAt: instant,
  stored: z.boolean(),
  ruleSetId: z.string().nullable(),
  reason: z.string().nullable(),
  reasonMessage: wireMessage
    .optional()
    .meta({ description: '系统写的更正原因（按调用方语言）/ a correction’s reason the system wrote, in the caller’s language' }),
}).meta({ id: 'MonthRecordRef', description: '月末定格数的记录：时刻、版本、来源 / which record of a month the figures are' });

const registryApplying = strict({ version: z.number().int(), since: instant }).nullable().meta({
  description:
    '一个较新的名录版本正在应用（部分社区和队伍可能仍按旧名录），否则 null / a newer registry version being applied (some communities and teams may still be as in the old registry), else null',
});

export const registryRef = strict({
  version: z.number().int(),
  effectiveFrom: isoDate,
  source: z.string(),
  simulated: z.boolean(),
  communities: count,
  inScope: count,
  applying: registryApplying,
}).meta({ id: 'RegistryRef', description: '数字所依据的社区名录版本 / the registry version the figures rest on' });

export const basis = strict({
  programmeId: z.string(),
  programme: text,
  milestones: z.array(milestoneRef),
  ruleSetId: z.string(),
  registry: registryRef.nullable(),
}).meta({ id: 'Basis', description: '数字依据：规划、标准版本、名录版本 / what the figures rest on' });

export const demoNotice = strict({ simulated: z.literal(true), label: text, seededAt: instant.optional() })
  .nullable()
  .meta({ id: 'DemoNotice', description: '模拟演示数据时注明 / set when the data is simulated' });

export const phase = strict({ id: z.string(), name: text, from: isoDate, to: isoDate }).nullable();

/** An area's rosters today: how far they have replaced typed counts, and the duplicates that stand. */
export const rosterSummary = strict({
  teams: count,
  withRoster: count,
  onRosters: count,
  typed: count,
  duplicates: count,
  suspected: count,
  unchecked: count,
}).meta({
  id: 'RosterSummary',
  description:
    '今日队员名册情况：计入的队伍数及其中有名册的；名册计入人数与无名册队伍的自报人数；重复在册、疑似重复、未查重人数 / the rosters today: counted teams and those with a roster; members counted from rosters and typed by teams without one; duplicates, suspected duplicates, members kept by name',
});

/** An area's trainings and drills this year, from the teams' activity logs. */
export const practiceYear = strict({
  year: z.string(),
  events: count,
  people: count,
}).meta({
  id: 'PracticeYear',
  description:
    '今年培训演练（活动记录）：场次与人次；自报的培训演练日期不计入 / trainings and drills this year from the activity logs: events and attendances; typed training dates are not counted',
});

export const countiesAnswer = strict({
  month: isoMonth,
  live: z.boolean(),
  asOf: isoDate,
  record: monthRecord.nullable(),
  phase,
  basis,
  demo: demoNotice,
  totals: strict({
    ...figuresShape,
    plannedCommunities: count.optional(),
    reporting: completeness,
    rosters: rosterSummary.optional().meta({ description: '今日（当月实时数据时给出）/ today (given for the live month)' }),
    practices: practiceYear.optional().meta({ description: '今年（当月实时数据时给出）/ this year (given for the live month)' }),
  }),
  cities: z.array(
    strict({
      code,
      name: z.string(),
      ...figuresShape,
      reporting: completeness,
      rosters: rosterSummary.optional().meta({ description: '今日（当月实时数据时给出）/ today (given for the live month)' }),
      practices: practiceYear.optional().meta({ description: '今年（当月实时数据时给出）/ this year (given for the live month)' }),
    }),
  ),
  counties: z.array(
    strict({
      code,
      name: z.string(),
      cityCode: code,
      cityName: z.string(),
      ...figuresShape,
      report: reportStatus,
      rosters: rosterSummary.optional().meta({ description: '今日（当月实时数据时给出）/ today (given for the live month)' }),
      practices: practiceYear.optional().meta({ description: '今年（当月实时数据时给出）/ this year (given for the live month)' }),
    }),
  ),
}).meta({ id: 'Counties' });
export type CountiesAnswer = z.infer<typeof countiesAnswer>;
export type CountyRow = CountiesAnswer['counties'][number];

export const countyAnswer = strict({
  code,
  name: z.string(),
  cityCode: code,
  cityName: z.string(),
  ...figuresShape,
  asOf: isoDate,
  demo: demoNotice,
  townships: z.array(strict({ code, name: z.string(), ...figuresShape })),
  rosters: rosterSummary,
  practices: practiceYear,
}).meta({ id: 'County' });
export type CountyAnswer = z.infer<typeof countyAnswer>;

export const communitiesAnswer = strict({
  county: strict({ code, name: z.string(), cityCode: code, cityName: z.string() }),
  asOf: isoDate,
  registryApplying,
  communities: z.array(
    strict({
      code,
      name: z.string(),
      outOfScope: strict({ reason: z.string(), label: text, simulated: z.boolean() })
        .optional()
        .meta({ description: '不计入方案范围及原因 / outside the programme’s scope, and why' }),
      finding: z.literal(true).optional().meta({ description: '核查发现问题，待销号 / a check found a discrepancy, not yet closed' }),
      townshipCode: code,
      townshipName: z.string(),
      status: z.enum(['none', 'meets-standard', 'registered']),
      team: strict({
        name: z.string(),
        members: count,
        membersFrom,
        version: z.number().int().min(1),
        demo: z.boolean().optional(),
      }).nullable(),
      verdict: verdict.nullable(),
    }),
  ),
}).meta({ id: 'Communities' });
export type CommunitiesAnswer = z.infer<typeof communitiesAnswer>;
export type CommunityRow = CommunitiesAnswer['communities'][number];

/** An area's coverage month by month: the ended months' figures of record, and today's. */
export const trendAnswer = strict({
  area: code,
  name: z.string(),
  milestones: z.array(strict({ due: isoDate, target: z.number() })),
  months: z.array(
    strict({
      month: isoMonth,
      live: z
        .boolean()
        .meta({ description: '当月为今日实时数，其余为月末定格数 / the current month is live, the others are figures of record' }),
      communities: count,
      teamsRegistered: count,
      teamsMeetingStandard: count,
      coverage: z.number(),
    }),
  ),
}).meta({ id: 'Trend' });
export type TrendAnswer = z.infer<typeof trendAnswer>;
