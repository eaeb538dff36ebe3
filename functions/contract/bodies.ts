// The JSON bodies of the write routes whose rules live in the app layer (a reason, a note, a day):
// each strict, so a mistyped or unknown field is a 400 and never dropped. The handlers check a body
// with these (app/input.ts `bodyOf`) and the contract documents the same objects. The team, the
// campaign, the check, the standard and the yearly summary have their schemas beside their rules in functions/core.
import * as z from 'zod';

const text = (zh: string, en: string) => z.string().meta({ description: `${zh} / ${en}` });
const day = (zh: string, en: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.notDate' })
    .meta({ description: `${zh}（YYYY-MM-DD）/ ${en} (YYYY-MM-DD)` });

/** A reason (1 to 200 characters, held to the rules of every text). */
export const reasonBody = z.strictObject({ reason: text('原因（必填，1 至 200 字）', 'the reason (required, 1 to 200 characters)') });

/** A nil report: an optional note. */
export const confirmationBody = z.strictObject({
  note: text('备注（可选，至多 200 字）', 'a note (optional, at most 200 characters)').nullable().optional(),
});

/** A standard draft's preview: the day judged (default the draft's effective date). */
export const previewBody = z.strictObject({ asOf: day('按此日判定', 'the day judged').optional() });

/** A standard draft's publication: the day it takes effect (default the draft's). */
export const publishBody = z.strictObject({ effectiveFrom: day('施行日期', 'the effective date').optional() });

/** An answer to a discrepancy (core/campaign.ts): what the county or the organiser says, over the answer it read. */
export const answerBody = z.strictObject({
  campaignId: z.string().regex(/^[\w-]{1,40}$/),
  communityCode: z.string().regex(/^\d{12}$/),
  action: z.enum(['corrected', 'disputed', 'closed']),
  reason: text('说明（有异议时必填，1 至 200 字）', 'an explanation (required when disputed, 1 to 200 characters)').optional(),
  version: z.int().min(1).max(999_999).optional().meta({
    description:
      '所看到答复的版本号（GET 列表中 answer.version）；首次答复不带。已有更新的答复时 409，不写入 / the version of the answer read (answer.version in the GET list); none for the first answer. 409 and nothing written when a newer answer exists',
  }),
});

/** A registry change set as JSON: its rows, or a full edition to compare (its own rules in core/registry.ts). */
export const changeSetBody = z.strictObject({
  effectiveFrom: day('生效日期', 'the effective date'),
  source: text('来源（如民政部门文件）', 'the source (e.g. the civil affairs notice)'),
  note: text('说明（可选）', 'a note (optional)').optional(),
  changes: z
    .array(z.unknown())
    .optional()
    .meta({ description: '变更行 / the change rows: { kind, code, name, target, scopeReason, reason }' }),
  edition: z.unknown().optional().meta({ description: '完整名录（data:extract 的输出）/ a full edition (the data:extract output)' }),
});

/** A scope's monthly-summary recipients: at most 20 addresses. */
export const recipientsBody = z.strictObject({
  emails: z
    .array(z.email({ error: 'recipients.email.invalid' }).max(254))
    .max(20, { error: 'recipients.tooMany' })
    .meta({ description: '收件人邮箱（至多 20 个）/ the addresses (20 at most)' }),
});
