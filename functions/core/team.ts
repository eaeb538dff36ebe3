// The team (社区响应队) as counties submit it: the contract shared by API, import and frontend.
import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { addDays, isIsoDate, type IsoDate } from './dates.js';
import { ValidationError, type FieldIssue } from './errors.js';

z.config(zhCN());

/** Member categories of 建设要求(二), in template order, with their zh-CN column headers. */
export const MEMBER_CATEGORIES = {
  communityStaff: { zh: '社区工作人员', en: 'Community staff' },
  veterans: { zh: '退役军人', en: 'Veterans' },
  formerFirefighters: { zh: '退出消防员', en: 'Former firefighters' },
  localUnitStaff: { zh: '辖区单位工作人员', en: 'Local unit staff' },
  medicalStaff: { zh: '社区医疗服务中心医疗人员', en: 'Medical staff' },
  propertySecurity: { zh: '物业保安', en: 'Property security' },
  volunteers: { zh: '其他志愿者', en: 'Other volunteers' },
  purchasedServices: { zh: '政府购买服务人员', en: 'Purchased services' },
} as const;
export type MemberCategory = keyof typeof MEMBER_CATEGORIES;
export const MEMBER_CATEGORY_IDS = Object.keys(MEMBER_CATEGORIES) as MemberCategory[];

export const WRITTEN_RULES = {
  charter: { zh: '组织章程', en: 'Charter' },
  memberCode: { zh: '队员守则', en: 'Member code' },
  trainingDrills: { zh: '培训演练制度', en: 'Training and drills' },
  assessment: { zh: '考核评价制度', en: 'Assessment and evaluation' },
} as const;
export const MANAGEMENT = {
  commandSystem: { zh: '组织指挥系统', en: 'Command system' },
  serviceHours: { zh: '服务时长登记', en: 'Service-hours register' },
  attendance: { zh: '考勤考评', en: 'Attendance' },
} as const;

/** Counts above this are typing errors, not teams. */
export const MAX_COUNT = 10_000;

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

// Characters a name never needs, each able to forge or hide text in an email, a file or a screen:
// control characters and line breaks (a fake section in a plain-text email), bidirectional
// overrides (text that reads backwards), and lone surrogates (broken UTF-16).
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Every other format character (zero-width ones, soft hyphens, tags, annotations, a BOM inside): invisible, never needed.
const FORMAT = /\p{Cf}/u;
const LONE_SURROGATE = /\p{Cs}/u;
// Three combining marks on one letter stack into unreadable text ("Zalgo"); names need at most two.
const STACKED_MARKS = /\p{M}{3,}/u;
const INVISIBLE = /[\s\p{Cf}\u115F\u1160\u180E\u2800\u3164\uFFA0]/gu;

// Text that a spreadsheet would run as a formula is refused at the door (CSV/formula injection).
export const plainText = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `${label}不能为空`, abort: true })
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .refine((s) => !CONTROL.test(s), { error: `${label}不能包含换行、制表符或其他控制字符` })
    .refine((s) => !BIDI.test(s), { error: `${label}不能包含改变文字方向的控制符` })
    .refine((s) => BIDI.test(s) || !FORMAT.test(s) || s.replace(INVISIBLE, '') === '', {
      error: `${label}不能包含零宽字符等不可见的格式字符`,
    })
    .refine((s) => !STACKED_MARKS.test(s), { error: `${label}不能包含叠加的组合符号` })
    .refine((s) => !LONE_SURROGATE.test(s), { error: `${label}包含无效的字符编码` })
    .refine((s) => s.replace(INVISIBLE, '') !== '', { error: `${label}不能只有空白或不可见字符` })
    .refine((s) => !/^[=+\-@\t\r]/.test(s), { error: `${label}不能以 = + - @ 开头` });

const count = (label: string) =>
  z
    .int({ error: `${label}必须是整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(MAX_COUNT, { error: `${label}不能超过 ${MAX_COUNT}` });

const KEY = /^[a-z][A-Za-z0-9-]{0,39}$/;
const yesNo = (label: string) => z.boolean({ error: `${label}必须填写 是 或 否` });
/** Dates outside this window are typing errors whatever the standard says (a year 0, a 2202 for 2022). */
const EARLIEST = '1949-10-01';
const LATEST = '2099-12-31';
const date = (label: string) =>
  z
    .string({ error: `${label}必须是有效日期（如 2022-03-15）` })
    .trim()
    .refine(isIsoDate, { abort: true }) // the schema's own message; a date that does not exist is not also out of range
    .refine((d) => d >= EARLIEST && d <= LATEST, { error: `${label}应在 ${EARLIEST} 到 ${LATEST} 之间` });

function categoryShape<K extends string>(defs: Record<K, { zh: string }>, field: (label: string) => z.ZodType) {
  return z
    .object(Object.fromEntries(Object.entries<{ zh: string }>(defs).map(([k, v]) => [k, field(v.zh)])) as Record<K, z.ZodType>)
    .strict();
}

export const teamInputShape = z
  .object({
    name: plainText('队伍名称', 100),
    leader: z
      .object({
        name: plainText('队长姓名', 50),
        phone: z
          .string({ error: '队长电话必须是文字' })
          .trim()
          .refine((p) => !/^\d{3}\*{4}\d{4}$/.test(p), {
            error: '队长电话是打码的号码（139****0001，市或自治区下载的文件里就是这样）：请填写完整号码，或用本县（市、区）自己下载的文件',
            abort: true,
          })
          .refine((p) => MOBILE.test(p) || LANDLINE.test(p), { error: '队长电话必须是中国大陆手机号（11 位）或固定电话（区号-号码）' }),
      })
      .strict(),
    establishedOn: date('成立日期'),
    members: categoryShape(MEMBER_CATEGORIES, count),
    // The checklists of the Guangxi template; a standard that reads them makes them required (see `required`).
    rules: categoryShape(WRITTEN_RULES, yesNo).optional(),
    management: categoryShape(MANAGEMENT, yesNo).optional(),
    equipment: yesNo('基本救援装备').optional(),
    insuredMembers: count('参保人数'),
    insuranceExpiresOn: date('保险到期日期').nullable().default(null),
    lastTrainingOn: date('最近培训演练日期').nullable().default(null),
    // What other standards ask for: named checklist items (the team's, or its community's 六有),
    // role holders (1+1+N), further counts (certified members, full-time staff), the drill log.
    checklist: z.record(z.string().regex(KEY, { error: '清单项名称不对' }), yesNo('清单项')).optional(),
    roles: z.record(z.string().regex(KEY, { error: '角色名称不对' }), count('角色人数')).optional(),
    extra: z.record(z.string().regex(KEY, { error: '项目名称不对' }), count('数量')).optional(),
    drills: z.array(date('演练日期')).max(400, { error: '演练记录最多 400 条' }).optional(),
  })
  .strict();

export interface TeamInput {
  name: string;
  leader: { name: string; phone: string };
  establishedOn: IsoDate;
  members: Record<MemberCategory, number>;
  rules?: Record<keyof typeof WRITTEN_RULES, boolean>;
  management?: Record<keyof typeof MANAGEMENT, boolean>;
  equipment?: boolean;
  insuredMembers: number;
  insuranceExpiresOn: IsoDate | null;
  lastTrainingOn: IsoDate | null;
  checklist?: Record<string, boolean>;
  roles?: Record<string, number>;
  extra?: Record<string, number>;
  drills?: IsoDate[];
}

/** A field a standard asks of every team (a template column, a form field): its path, kind and label. */
export interface RequiredField {
  path: string;
  kind: 'bool' | 'count' | 'dates';
  label: { zh: string; en: string };
}

/** A valid number standing in for a masked one while the rest of the team is checked. */
const PLACEHOLDER_PHONE = '13000000000';

/**
 * Validates a submitted team as of `today` (Asia/Shanghai): the shape, then dates that cannot be in
 * the future. `maskedPhone`: the masked number the caller was shown (139****0001); sent back
 * unchanged it passes, and the caller puts the stored number in its place.
 */
export interface DateLimits {
  /** No date of a team (founded, trained, insured until) before this: a typing error (1949 for 2019). */
  earliest: IsoDate;
  /** Insurance ending after this is a typing error (2099 for 2029). */
  insuranceLatest: IsoDate;
}

export function parseTeamInput(
  body: unknown,
  today: IsoDate,
  options: { maskedPhone?: string; limits?: DateLimits; required?: RequiredField[] } = {},
): TeamInput {
  const leader = (body as { leader?: { phone?: unknown } } | null)?.leader;
  const keepsMasked = Boolean(options.maskedPhone) && typeof leader === 'object' && leader !== null && leader.phone === options.maskedPhone;
  const result = teamInputShape.safeParse(keepsMasked ? { ...(body as object), leader: { ...leader, phone: PLACEHOLDER_PHONE } } : body);
  if (result.success && keepsMasked) (result.data as TeamInput).leader.phone = options.maskedPhone!;
  const issues: FieldIssue[] = result.success
    ? []
    : result.error.issues.map((i) => ({
        field: i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys.join(',') : '(body)'),
        message: i.code === 'unrecognized_keys' ? `未知字段：${(i as { keys: string[] }).keys.join('、')}` : i.message,
      }));
  // The standard in force decides which of the optional fields a team must have (said even when other fields are wrong).
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  for (const f of isObject ? (options.required ?? []) : []) {
    if (issues.some((i) => i.field === f.path)) continue;
    const value = f.path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], result.success ? result.data : body);
    const ok = f.kind === 'bool' ? typeof value === 'boolean' : f.kind === 'count' ? Number.isInteger(value) : Array.isArray(value);
    if (!ok)
      issues.push({
        field: f.path,
        message:
          f.kind === 'bool'
            ? `${f.label.zh}必须填写 是 或 否`
            : f.kind === 'count'
              ? `${f.label.zh}必须填写（0 或正整数）`
              : `${f.label.zh}必须填写（可为空列表）`,
      });
  }
  if (result.success) {
    const team = result.data as TeamInput;
    const tomorrow = addDays(today, 1);
    if (team.establishedOn >= tomorrow)
      issues.push({ field: 'establishedOn', message: `成立日期 ${team.establishedOn} 不能晚于今天（${today}）` });
    if (team.lastTrainingOn && team.lastTrainingOn >= tomorrow) {
      issues.push({ field: 'lastTrainingOn', message: `最近培训演练日期 ${team.lastTrainingOn} 不能晚于今天（${today}）` });
    }
    if (team.lastTrainingOn && team.lastTrainingOn < team.establishedOn) {
      issues.push({ field: 'lastTrainingOn', message: '最近培训演练日期不能早于成立日期' });
    }
    const limits = options.limits;
    if (limits) {
      const early = (field: 'establishedOn' | 'lastTrainingOn' | 'insuranceExpiresOn', label: string) => {
        const d = team[field];
        if (d && d < limits.earliest) issues.push({ field, message: `${label} ${d} 早于 ${limits.earliest}，请核对是否填错` });
      };
      early('establishedOn', '成立日期');
      early('lastTrainingOn', '最近培训演练日期');
      early('insuranceExpiresOn', '保险到期日期');
      if (team.insuranceExpiresOn && team.insuranceExpiresOn > limits.insuranceLatest) {
        issues.push({
          field: 'insuranceExpiresOn',
          message: `保险到期日期 ${team.insuranceExpiresOn} 晚于 ${limits.insuranceLatest}，请核对是否填错`,
        });
      }
    }
    if (issues.length === 0) return team;
  }
  throw new ValidationError('队伍信息有误，请按提示修改后重新提交', issues);
}

export function memberTotal(team: Pick<TeamInput, 'members'>): number {
  return MEMBER_CATEGORY_IDS.reduce((sum, k) => sum + team.members[k], 0);
}
