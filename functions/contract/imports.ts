// An import's report (试导入 and 正式导入): every row accepted or rejected, with the reasons.
import * as z from 'zod';
import { code, count, isoDate, strict, text, wireMessage } from './common.js';
import { fieldChange } from './teams.js';
import { MEMBERSHIP_STANDINGS } from '#core/roster-counts.js';

export const rowError = strict({
  column: z.string(),
  value: z.string(),
  cell: z
    .string()
    .regex(/^[A-Z]{1,3}\d+$/)
    .optional()
    .meta({ description: '文件中的单元格（如 F12）/ the cell in the file, e.g. F12' }),
  ...wireMessage.shape,
});

/** What every import's report says of the file and the run. */
const reportHead = {
  importId: z.string().nullable().meta({ description: "正式导入的编号；预检为 null / the commit's id; null for a dry run" }),
  countyCode: code,
  countyName: z.string(),
  dryRun: z.boolean(),
  asOf: isoDate,
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  sheetName: z.string().nullable(),
  ignoredColumns: z.array(z.string()),
};
const replayed = z
  .boolean()
  .optional()
  .meta({ description: '同一幂等键再次提交：返回首次结果，未重复写入 / the first result, nothing done again' });
/** What every import's row says: where it is, its community, and whether it is taken, with the reasons. */
const rowHead = {
  row: z.number().int(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  status: z.enum(['accepted', 'rejected', 'skipped']),
  errors: z.array(rowError).meta({ description: '逐列的问题 / what is wrong, column by column' }),
  warnings: z.array(wireMessage),
};

export const importRow = strict({
  ...rowHead,
  action: z.enum(['create', 'update', 'unchanged']).optional(),
  baseVersion: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: '该行所依据的队伍版本（0：尚无队伍）；正式导入时回传 / the version judged against; send it back to commit' }),
  verdict: strict({ meetsStandard: z.boolean(), failed: z.array(strict({ ruleId: z.string(), message: text })) }).optional(),
  drops: z
    .literal(true)
    .optional()
    .meta({ description: '该行使达标的队伍降为未达标 / the row takes a team that meets the standard below it' }),
  changes: z.array(fieldChange).optional().meta({
    description:
      '新建时为整条记录，更新时为逐字段的 原值 → 新值（个人信息只记已修改）/ a new team whole, an update field by field, before → after (personal data: only that it changed)',
  }),
});

export type ImportRow = z.infer<typeof importRow>;

export const importReport = strict({
  ...reportHead,
  summary: strict({
    rows: count,
    accepted: count,
    rejected: count,
    skipped: count,
    created: count,
    updated: count,
    unchanged: count,
    meetingStandard: count,
    dropped: count.meta({ description: '降为未达标的行数 / rows that take a team below the standard' }),
  }),
  rows: z.array(importRow),
  replayed,
}).meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReport>;

export const rosterImportRow = strict({
  ...rowHead,
  action: z.enum(['add', 'update', 'end', 'unchanged']).optional().meta({
    description:
      'add 新增队员；update 更正人员类别或保险到期日；end 办理离队；unchanged 名册中已是如此 / a new member; a category or insurance date corrected; a leaving recorded; as the roster has it already',
  }),
  standing: z.enum(MEMBERSHIP_STANDINGS).optional().meta({
    description: '新增队员的计数状态（见 Membership.standing）/ how a new member stands (see Membership.standing)',
  }),
});
export type RosterImportRow = z.infer<typeof rosterImportRow>;

export const rosterImportReport = strict({
  ...reportHead,
  summary: strict({
    rows: count,
    accepted: count,
    rejected: count,
    skipped: count,
    added: count,
    updated: count,
    ended: count,
    unchanged: count,
    teams: count.meta({ description: '名册有变更的队伍数 / teams whose roster the file changes' }),
    dropped: count.meta({ description: '降为未达标的队伍数 / teams the file takes below the standard' }),
  }),
  teams: z
    .array(
      strict({
        communityCode: code,
        communityName: z.string().nullable(),
        rows: count,
        membersBefore: count,
        membersAfter: count,
        meetsBefore: z.boolean(),
        meetsAfter: z.boolean(),
        drops: z.literal(true).optional(),
      }),
    )
    .meta({
      description:
        '每支名册有变更的队伍：今日计入人数与是否达标，导入前后（每队一次写入，即一个新版本）/ each team whose roster changes: members counted today and the verdict, before and after (one write, one version, a team)',
    }),
  rows: z.array(rosterImportRow),
  replayed,
}).meta({ id: 'RosterImportReport' });
export type RosterImportReport = z.infer<typeof rosterImportReport>;
