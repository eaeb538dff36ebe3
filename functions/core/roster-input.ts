// A roster's input, as a county writes it (the form, the API): kept apart from core/roster.ts so the
// contract, which every handler loads at start, takes the schema without the hashing behind identities.
// The people's messages (core/messages/zh-CN-people.ts): this module speaks them.
import './messages/zh-CN-people.js';
import * as z from 'zod';
import { isIsoDate } from './dates.js';
import { MEMBER_CATEGORY_IDS, type MemberCategory } from './team.js';
import { plainText } from './text.js';

/** A mainland mobile number as written anywhere (full-width digits, spaces, dashes, +86, 0086): its 11 digits, or null. */
export function normaliseMobile(written: string): string | null {
  const plain = written.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  return /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(plain)?.[1] ?? null;
}

/** A membership's fields as a county writes them, with their names in both languages. */
export const MEMBERSHIP_LABELS: Record<string, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'Name' },
  mobile: { zh: '手机号', en: 'Mobile' },
  category: { zh: '人员类别', en: 'Category' },
  role: { zh: '队内职务', en: 'Role' },
  joined: { zh: '入队日期', en: 'Joined on' },
  insuredThrough: { zh: '意外伤害保险到期日', en: 'Insured through' },
  certifiedThrough: { zh: '证书有效期至', en: 'Certified through' },
  left: { zh: '离队日期', en: 'Left on' },
};

/** Dates outside this window are typing errors (a year 0100, a 2202 for 2022), as for a team's dates. */
export const EARLIEST_DAY = '1949-10-01';
const LATEST = '2099-12-31';
/** A day as a county writes it: a real date within the plausible window. */
export const dayField = () =>
  z
    .string({ error: 'field.notDate' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.notDate', abort: true })
    .refine(isIsoDate, { error: 'field.notDate', abort: true })
    .refine((d) => d >= EARLIEST_DAY && d <= LATEST, { error: 'field.dateRange', params: { earliest: EARLIEST_DAY, latest: LATEST } });

/** A mobile number written into a name would be shown unmasked wherever names are: refused. */
const holdsMobile = (name: string) => /1[3-9]\d{9}/.test(name.normalize('NFKC').replace(/[\s-]/g, ''));

/** A role on the team as written (blank: none); a phone in it would be shown unmasked wherever the roster is: refused. */
const roleField = () =>
  z.preprocess(
    (r) => (typeof r === 'string' && r.trim() === '' ? null : r),
    plainText(20)
      .refine((r) => !holdsMobile(r), { error: 'roster.role.mobile' })
      .nullable()
      .optional(),
  );

/**
 * A new member as the county writes them: a name, a mainland mobile (optional: a member without one is
 * kept by name, 未查重), a category of the plan's list, the day they joined and the day their insurance runs to.
 * No ID number or birth date: no seed asks for them, and the law asks for the minimum (PIPL Art. 6).
 */
export const membershipInputShape = z
  .object({
    name: plainText(50).refine((n) => !holdsMobile(n), { error: 'roster.name.mobile' }),
    mobile: z
      .string()
      .trim()
      .refine((m) => normaliseMobile(m) !== null, { error: 'roster.mobile.invalid' })
      .transform((m) => normaliseMobile(m)!)
      .nullable()
      .optional()
      .transform((m) => m ?? null),
    category: z.enum(MEMBER_CATEGORY_IDS as [MemberCategory, ...MemberCategory[]], { error: 'roster.category.invalid' }),
    /** The member's role on the team (队长、副队长、联络员 …), as the county words it; none: a member. */
    role: roleField().transform((r) => r ?? null),
    joined: dayField(),
    insuredThrough: dayField()
      .nullable()
      .optional()
      .transform((d) => d ?? null),
    /** The last day the member's certificate (应急救护证 and the like, as the standard reads it) is valid; none: null. */
    certifiedThrough: dayField()
      .nullable()
      .optional()
      .transform((d) => d ?? null),
  })
  .strict()
  .refine((m) => m.insuredThrough === null || m.insuredThrough >= m.joined, {
    error: 'roster.insured.beforeJoined',
    path: ['insuredThrough'],
  });
export type MembershipInput = z.infer<typeof membershipInputShape>;

/** The end of a membership: the day the member left (from that day on they are no longer on the team). */
export const membershipEndShape = z.object({ left: dayField() }).strict();

/**
 * A correction of a current membership: its category, or the day its insurance runs to (the yearly renewal);
 * at least one. The name and the mobile are the person's: a wrong one is ended and added again.
 */
export const membershipCorrectionShape = z
  .object({
    category: z.enum(MEMBER_CATEGORY_IDS as [MemberCategory, ...MemberCategory[]], { error: 'roster.category.invalid' }).optional(),
    role: roleField(),
    insuredThrough: dayField().nullable().optional(),
    certifiedThrough: dayField().nullable().optional(),
  })
  .strict()
  .refine((b) => b.category !== undefined || b.role !== undefined || b.insuredThrough !== undefined || b.certifiedThrough !== undefined, {
    error: 'roster.correction.empty',
  });

/** A county's answer to a 疑似重复: whether the member is the same person as the one the phone counts for. */
export const membershipResolveShape = z.object({ samePerson: z.boolean() }).strict();
