// A team as the API shows it, and its history: the audit trail and who saw the leader's full phone.
import * as z from 'zod';
import { finding } from './campaigns.js';
import { code, count, instant, isoDate, membersFrom, strict, teamFields, text, verdict, wireMessage } from './common.js';
import { MEMBER_CATEGORY_IDS, type MemberCategory } from '#core/team.js';
import { MEMBERSHIP_STANDINGS } from '#core/roster-counts.js';
import { PRACTICE_KINDS } from '#core/practices.js';

export const openFinding = strict({
  communityCode: code,
  campaignId: z.string(),
  campaignName: z.string(),
  findings: z.array(finding),
  at: instant,
  raisedAt: instant.optional(),
  closedAt: instant.optional(),
}).meta({ id: 'OpenFinding', description: '核查发现问题 / what a supervision check found' });

/** One membership as the verdict reads it: see functions/core/roster-counts.ts. */
const rosterEntry = strict({
  category: z.enum(MEMBER_CATEGORY_IDS as [MemberCategory, ...MemberCategory[]]),
  joined: isoDate,
  left: isoDate.nullable(),
  insuredThrough: isoDate.nullable(),
  certifiedThrough: isoDate.nullable().optional(),
  standing: z.enum(MEMBERSHIP_STANDINGS),
  countsFrom: isoDate.nullable(),
}).meta({ id: 'RosterEntry' });

/** The activity log as the verdict reads it: see functions/core/activity.ts (no name, no phone). */
const activityLog = strict({
  events: z.record(z.string(), strict({ kind: z.enum(PRACTICE_KINDS), date: isoDate, people: count }).nullable()),
  attended: z.record(z.string(), strict({ training: isoDate.nullable().optional(), drill: isoDate.nullable().optional() }).nullable()),
}).meta({ id: 'ActivityLogEntries' });

export const teamAnswer = strict({
  communityCode: code,
  team: teamFields,
  members: count,
  membersFrom,
  roster: z.record(z.string(), rosterEntry.nullable()).optional().meta({
    description: '队员名册各条记录（不含姓名、电话），达标判定所依据 / the roster’s entries the verdict reads (no name, no phone)',
  }),
  log: activityLog.optional().meta({
    description:
      '活动记录中的培训演练（日期、人数）及各队员最近一次参加日期，达标判定所依据 / the log’s trainings and drills (day, people) and each member’s last, which the verdict reads',
  }),
  verdict,
  version: z.number().int().min(1),
  updatedAt: instant,
  updatedBy: z.string(),
  source: z.string().meta({ description: '写入方式：form、import:<编号>、seed、lapse… / how it was written' }),
  demo: z.boolean().optional(),
  note: z.string().optional(),
  noteMessage: wireMessage
    .optional()
    .meta({ description: '系统写的说明（按调用方语言）/ a note the system wrote, in the caller’s language' }),
  erasedAt: instant.optional(),
  excluded: z
    .enum(['closed', 'out-of-scope'])
    .optional()
    .meta({ description: '不计入：已撤销或不在方案范围 / not counted: closed, or outside the scope' }),
  phoneMasked: z
    .literal(true)
    .optional()
    .meta({ description: "队长电话已打码（市、主管单位看到的）/ the leader's phone is masked (as a city or the root office sees it)" }),
  finding: openFinding.optional(),
}).meta({ id: 'Team' });
export type TeamAnswer = z.infer<typeof teamAnswer>;

export const fieldChange = strict({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  redacted: text.optional().meta({ description: '个人信息只记已修改 / personal data: only that it changed' }),
});
export const auditRecord = strict({
  communityCode: code,
  version: z.number().int().min(1),
  at: instant,
  by: z.string(),
  source: z.string(),
  changes: z.array(fieldChange),
  meetsStandard: z.boolean(),
  failedRules: z.array(z.string()),
  note: z.string().optional(),
  noteMessage: wireMessage
    .optional()
    .meta({ description: '系统写的说明（按调用方语言）/ a note the system wrote, in the caller’s language' }),
}).meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof auditRecord>;

export const revealRecord = strict({
  communityCode: code,
  at: instant,
  by: z.string(),
  reason: z.string(),
  reasonMessage: wireMessage.optional(),
}).meta({ id: 'Reveal' });
export type RevealRecord = z.infer<typeof revealRecord>;

export const historyAnswer = strict({ communityCode: code, history: z.array(auditRecord), reveals: z.array(revealRecord) }).meta({
  id: 'TeamHistory',
});
export type HistoryAnswer = z.infer<typeof historyAnswer>;
