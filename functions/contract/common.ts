// The building blocks of the API's answers: dates, codes, counts, text in both languages. Every
// object is strict: an answer carrying a field the contract does not name fails the tests' validator.
import * as z from 'zod';
import { MANAGEMENT, MEMBER_CATEGORIES, WRITTEN_RULES } from '#core/team.js';

export const strict = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape);

export const text = strict({ zh: z.string(), en: z.string() }).meta({ id: 'Text', description: '中文与英文 / Chinese and English' });
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: '日期（北京时间）/ date, Asia/Shanghai' });
export const isoMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .meta({ description: '月份 / month' });
export const instant = z.string().meta({ description: 'ISO 8601 时刻（UTC）/ ISO 8601 instant (UTC)' });
export const code = z
  .string()
  .regex(/^\d{2,12}$/)
  .meta({ description: '行政区划代码 / administrative code' });
export const count = z.number().int().min(0);
/** A share of a whole, 0..1 (coverage, an estimate, a target). */
export const share = z.number().min(0).max(1);
/** Counts by key (a rule id, a status, a window in days). */
export const counts = z.record(z.string(), count);

/** A message a person reads: its id in the catalogue, its parameters, and its text in the caller's language (Accept-Language). */
export const wireMessage = strict({
  messageId: z.string(),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
}).meta({
  id: 'Message',
  description: '消息：编号、参数及按调用方语言写出的文字 / a message: id, parameters, and its text in the caller’s language',
});

/** A failed rule of a verdict, with the values that failed it. */
export const failedRule = strict({
  ruleId: z.string(),
  message: text,
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
}).meta({ id: 'FailedRule' });

export const verdict = strict({
  meetsStandard: z.boolean(),
  asOf: isoDate,
  ruleSetId: z.string().meta({ description: '判定所依据的标准版本 / the standard version the verdict rests on' }),
  failed: z.array(failedRule),
  holdsUntil: isoDate
    .nullable()
    .meta({ description: '此判定保持到（保险或培训到期）/ the verdict holds until (insurance or training runs out)' }),
}).meta({ id: 'Verdict' });

/** One field per key of a list the plan gives (member categories, written rules), each of one schema. */
const keyed = <K extends string, F extends z.ZodType>(keys: Record<K, unknown>, field: F) =>
  strict(Object.fromEntries(Object.keys(keys).map((k) => [k, field])) as Record<K, F>);

/** A team's fields as stored and shown (the form's and the template's; a masked phone as shown to a city or the province). */
/** Where a team's member count comes from: its named roster, or the numbers the county typed (自报人数（无名册）). */
export const membersFrom = z.enum(['roster', 'typed']).meta({
  id: 'MembersFrom',
  description:
    '人数来源：roster 队员名册；typed 自报人数（无名册）/ members counted from the roster, or as the county typed them (no roster)',
});

export const teamFields = strict({
  name: z.string(),
  leader: strict({ name: z.string(), phone: z.string() }),
  establishedOn: isoDate,
  members: keyed(MEMBER_CATEGORIES, count),
  rules: keyed(WRITTEN_RULES, z.boolean()).optional(),
  management: keyed(MANAGEMENT, z.boolean()).optional(),
  equipment: z.boolean().optional(),
  insuredMembers: count,
  insuranceExpiresOn: isoDate.nullable(),
  lastTrainingOn: isoDate.nullable(),
  checklist: z.record(z.string(), z.boolean()).optional(),
  roles: z.record(z.string(), count).optional(),
  extra: z.record(z.string(), count).optional(),
  drills: z.array(isoDate).optional(),
}).meta({ id: 'TeamFields' });
