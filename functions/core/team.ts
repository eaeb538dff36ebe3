// The team (社区响应队) as counties submit it: the contract shared by API, import and frontend.
import * as z from 'zod';
import { addDays, isIsoDate, type IsoDate } from './dates.js';
import { ValidationError, type FieldIssue } from './errors.js';
import { checkWith, fieldIssues, type Label } from './issues.js';
import { message } from './messages/index.js';
import { plainText, recordKey } from './text.js';

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
/** A mobile as clerks also write it (138-1234-5678, +86 138 1234 5678, 0086…): kept as its 11 digits. */
const WRITTEN_MOBILE = /^(?:\+86|0086)?(1[3-9]\d{9})$/;
const mobileDigits = (p: string) => WRITTEN_MOBILE.exec(p.replace(/[\s-]/g, ''))?.[1] ?? p;

const count = () => z.int().min(0).max(MAX_COUNT);

const yesNo = () => z.boolean();
/** Dates outside this window are typing errors whatever the standard says (a year 0, a 2202 for 2022). */
const EARLIEST = '1949-10-01';
const LATEST = '2099-12-31';
const date = () =>
  z
    .string({ error: 'field.notDate' })
    .trim()
    .refine(isIsoDate, { error: 'field.notDate', abort: true }) // a date that does not exist is not also out of range
    .refine((d) => d >= EARLIEST && d <= LATEST, { error: 'field.dateRange', params: { earliest: EARLIEST, latest: LATEST } });

function categoryShape<K extends string, F extends z.ZodType>(defs: Record<K, unknown>, field: () => F) {
  return z.object(Object.fromEntries(Object.keys(defs).map((k) => [k, field()])) as Record<K, F>).strict();
}

/** Each field's name in both languages, by its path (members.veterans, leader.phone, drills.3 …). */
const LABELS: Record<string, { zh: string; en: string }> = {
  name: { zh: '队伍名称', en: 'Team name' },
  leader: { zh: '队长', en: 'The leader' },
  'leader.name': { zh: '队长姓名', en: "Leader's name" },
  'leader.phone': { zh: '队长电话', en: "Leader's phone" },
  establishedOn: { zh: '成立日期', en: 'Founded on' },
  equipment: { zh: '基本救援装备', en: 'Basic rescue equipment' },
  insuredMembers: { zh: '参保人数', en: 'Members insured' },
  insuranceExpiresOn: { zh: '保险到期日期', en: 'Insurance ends on' },
  lastTrainingOn: { zh: '最近培训演练日期', en: 'Last training or drill' },
  checklist: { zh: '清单项', en: 'Checklist item' },
  roles: { zh: '角色人数', en: 'Role holders' },
  'extra.certifiedMembers': { zh: '持证人数', en: 'Certified members' },
  extra: { zh: '数量', en: 'Count' },
  drills: { zh: '演练日期', en: 'Drill date' },
  // the groups as a whole (a body without them)
  members: { zh: '各类队员人数', en: 'Members by category' },
  rules: { zh: '制度建设', en: 'Written rules' },
  management: { zh: '管理机制', en: 'Management' },
};
const GROUPS: Record<string, Record<string, { zh: string; en: string }>> = {
  members: MEMBER_CATEGORIES,
  rules: WRITTEN_RULES,
  management: MANAGEMENT,
};
/** The name of a team's field, in both languages (`otherwise`, or the path, when the field is not the team's). */
export function teamFieldLabel(path: string, otherwise: string = path): Label {
  const [head, key] = path.split('.');
  return LABELS[path] ?? GROUPS[head]?.[key] ?? LABELS[head] ?? otherwise;
}

export const teamInputShape = z
  .object({
    name: plainText(100),
    leader: z
      .object({
        name: plainText(50),
        phone: z
          .string()
          .trim()
          .overwrite(mobileDigits)
          .refine((p) => !/^\d{3}\*{4}\d{4}$/.test(p), { error: 'field.phone.masked', abort: true })
          .refine((p) => MOBILE.test(p) || LANDLINE.test(p), { error: 'field.phone.invalid' }),
      })
      .strict(),
    establishedOn: date(),
    members: categoryShape(MEMBER_CATEGORIES, count),
    // The checklists of the Guangxi template; a standard that reads them makes them required (see `required`).
    rules: categoryShape(WRITTEN_RULES, yesNo).optional(),
    management: categoryShape(MANAGEMENT, yesNo).optional(),
    equipment: yesNo().optional(),
    insuredMembers: count(),
    insuranceExpiresOn: date().nullable().default(null),
    lastTrainingOn: date().nullable().default(null),
    // What other standards ask for: named checklist items (the team's, or its community's 六有),
    // role holders (1+1+N), further counts (certified members, full-time staff), the drill log.
    checklist: z.record(recordKey(), yesNo()).optional(),
    roles: z.record(recordKey(), count()).optional(),
    extra: z.record(recordKey(), count()).optional(),
    drills: z.array(date()).max(400).optional(),
  })
  .strict();

/** A team as the API takes it, once checked (the schema's output: the phone's digits, defaults filled in). */
export type TeamInput = z.output<typeof teamInputShape>;

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
  options: {
    maskedPhone?: string;
    limits?: DateLimits;
    required?: RequiredField[];
    /** The checklist, role and count keys (checklist.x, roles.x, extra.x) a team may name; absent: any well-formed key. */
    knownKeys?: ReadonlySet<string>;
  } = {},
): TeamInput {
  const leader = (body as { leader?: { phone?: unknown } } | null)?.leader;
  const keepsMasked = Boolean(options.maskedPhone) && typeof leader === 'object' && leader !== null && leader.phone === options.maskedPhone;
  const result = checkWith(teamInputShape, keepsMasked ? { ...(body as object), leader: { ...leader, phone: PLACEHOLDER_PHONE } } : body);
  if (result.success && keepsMasked) (result.data as TeamInput).leader.phone = options.maskedPhone!;
  const issues: FieldIssue[] = result.success ? [] : fieldIssues(result.error.issues, teamFieldLabel);
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
        message: message(f.kind === 'bool' ? 'field.yesNo' : f.kind === 'count' ? 'field.missing.count' : 'field.missing.dates', {
          label: f.label,
        }),
      });
  }
  // The insured and the role counts against the members are said even when another field is wrong, once the
  // counts they rest on are read: a clerk hears of 40 insured in a team of 12 with the bad phone, not after it.
  if (!result.success && isObject) issues.push(...countIssuesOfPart(body as Record<string, unknown>, issues, options.required ?? []));
  if (result.success) {
    const team = result.data as TeamInput;
    const tomorrow = addDays(today, 1);
    if (team.establishedOn >= tomorrow)
      issues.push({ field: 'establishedOn', message: message('team.establishedOn.future', { date: team.establishedOn, today }) });
    if (team.lastTrainingOn && team.lastTrainingOn >= tomorrow) {
      issues.push({ field: 'lastTrainingOn', message: message('team.lastTraining.future', { date: team.lastTrainingOn, today }) });
    }
    (team.drills ?? []).forEach((d, i) => {
      if (d >= tomorrow) issues.push({ field: `drills.${i}`, message: message('team.drill.future', { date: d, today }) });
    });
    if (options.knownKeys) issues.push(...unknownKeys(team, options.knownKeys));
    if (team.lastTrainingOn && team.lastTrainingOn < team.establishedOn) {
      issues.push({ field: 'lastTrainingOn', message: message('team.lastTraining.beforeEstablished') });
    }
    const limits = options.limits;
    if (limits) {
      const early = (field: 'establishedOn' | 'lastTrainingOn' | 'insuranceExpiresOn') => {
        const d = team[field];
        if (d && d < limits.earliest)
          issues.push({
            field,
            message: message('team.date.tooEarly', { label: teamFieldLabel(field), date: d, earliest: limits.earliest }),
          });
      };
      early('establishedOn');
      early('lastTrainingOn');
      early('insuranceExpiresOn');
      if (team.insuranceExpiresOn && team.insuranceExpiresOn > limits.insuranceLatest) {
        issues.push({
          field: 'insuranceExpiresOn',
          message: message('team.insurance.tooLate', { date: team.insuranceExpiresOn, latest: limits.insuranceLatest }),
        });
      }
    }
    issues.push(...countIssues(team, options.required ?? []));
    if (issues.length === 0) return team;
  }
  throw new ValidationError(message('team.invalid'), issues);
}

/** Checklist items, roles and counts that no standard of the team defines: a typing error, or data nothing judges. */
function unknownKeys(team: TeamInput, known: ReadonlySet<string>): FieldIssue[] {
  return (['checklist', 'roles', 'extra'] as const).flatMap((group) =>
    Object.keys(team[group] ?? {})
      .filter((key) => !known.has(`${group}.${key}`))
      .map((key) => ({ field: `${group}.${key}`, message: message('team.key.unknown', { label: teamFieldLabel(group), key }) })),
  );
}

/** Counts of the members that cannot exceed them: the insured, certified members, each role's holders. */
function countIssues(team: TeamInput, required: RequiredField[]): FieldIssue[] {
  const members = memberTotal(team);
  const issues: FieldIssue[] = [];
  if (team.insuredMembers > members)
    issues.push({ field: 'insuredMembers', message: message('team.insured.overMembers', { insured: team.insuredMembers, members }) });
  const subsets: [string, number][] = [
    ...Object.entries(team.roles ?? {}).map(([k, n]): [string, number] => [`roles.${k}`, n]),
    ['extra.certifiedMembers', team.extra?.certifiedMembers ?? 0],
  ];
  for (const [path, count] of subsets) {
    if (count <= members) continue;
    const label = required.find((f) => f.path === path)?.label ?? teamFieldLabel(path);
    issues.push({ field: path, message: message('team.count.overMembers', { label, count, members }) });
  }
  return issues;
}

/** countIssues over the counts of a body that failed elsewhere: nothing while a member count is unread; only counts without an issue of their own. */
function countIssuesOfPart(body: Record<string, unknown>, issues: FieldIssue[], required: RequiredField[]): FieldIssue[] {
  const wrong = (field: string) => issues.some((i) => i.field === field || i.field.startsWith(`${field}.`));
  const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
  const members = body.members as Record<string, unknown> | null | undefined;
  if (typeof members !== 'object' || members === null || wrong('members') || !MEMBER_CATEGORY_IDS.every((k) => isCount(members[k])))
    return [];
  const counts = (group: 'roles' | 'extra') =>
    Object.fromEntries(
      Object.entries((body[group] ?? {}) as Record<string, unknown>).filter(([k, v]) => isCount(v) && !wrong(`${group}.${k}`)),
    );
  const part = {
    members,
    insuredMembers: isCount(body.insuredMembers) && !wrong('insuredMembers') ? body.insuredMembers : 0,
    roles: counts('roles'),
    extra: counts('extra'),
  } as unknown as TeamInput;
  return countIssues(part, required);
}

export function memberTotal(team: Pick<TeamInput, 'members'>): number {
  return MEMBER_CATEGORY_IDS.reduce((sum, k) => sum + team.members[k], 0);
}
