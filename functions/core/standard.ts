// The team standard (建设标准) as data: a versioned document of rules, each an instance of a small
// vocabulary of rule kinds with its parameters, its words (titles and failure messages, zh and en)
// and where it comes from (a document's text, or the province's reading of it). Pure: the zod
// schema that refuses a malformed standard, and the one evaluation of a team under a standard.
import * as z from 'zod';
import { addDays, addMonths, isIsoDate, type IsoDate } from './dates.js';
import { checkWith, fieldIssues } from './issues.js';
import { listed, message, type Message } from './messages/index.js';
import type { FieldIssue } from './errors.js';
import { MEMBER_CATEGORY_IDS, type MemberCategory, type TeamInput } from './team.js';
import { certifiedLastDays, insuredLastDays, membersByCategory, membersFrom, membersOn, type JudgedTeam } from './roster-counts.js';
import { bilingualText, PROTOTYPE_KEYS, plainText, recordKey } from './text.js';
import { LOG_MONTHS, PRACTICE_KINDS, lastPractices, practiceDates } from './practices.js';

// A standard's words reach the form, the template's column headers, the emails and the bulletins: the rules of every text.
const text = (max = 200) => bilingualText(max);
// A rule's message may name its values in braces ({members}, {required}): plain names only, never an object's machinery
// ({constructor}) and no other braces (an ICU plural is not filled in, and would be shown as written).
const PLACEHOLDERS = /\{([^{}]*)\}/g;
const placeholdersPlain = (t: string) =>
  !/[{}]/.test(t.replace(PLACEHOLDERS, '')) &&
  [...t.matchAll(PLACEHOLDERS)].every(([, name]) => /^[a-z][A-Za-z]{0,30}$/.test(name) && !PROTOTYPE_KEYS.has(name));
const ruleMessage = () =>
  z
    .object({
      zh: plainText(200).refine(placeholdersPlain, { error: 'standard.message.placeholder' }),
      en: plainText(200).refine(placeholdersPlain, { error: 'standard.message.placeholder' }),
    })
    .strict();
export type Text = { zh: string; en: string };
const isoDate = z.string().refine(isIsoDate, { error: 'field.notDate' });
const itemId = recordKey();
/** A team field a rule may read: the legacy ones of the Guangxi template, or one of the standard's own. */
const fieldPath = z
  .string()
  .regex(/^(rules|management)\.[A-Za-z]+$|^equipment$|^(checklist|extra|roles)\.[a-z][A-Za-z0-9-]{0,39}$/, {
    error: 'standard.fieldPath',
  })
  .refine((p) => !PROTOTYPE_KEYS.has(p.split('.')[1] ?? ''), { error: 'field.badKey' });

const source = z
  .object({
    document: plainText(200),
    clause: plainText(300).optional(),
    /** The document's own words, or the province's interpretation of them. */
    basis: z.enum(['text', 'interpretation']),
    note: text(400).optional(),
  })
  .strict();

const ruleBase = { id: itemId, title: text(), source };
const item = z.object({ id: itemId, label: text(60), field: fieldPath.optional() }).strict();

export const ruleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...ruleBase,
      kind: z.literal('min-members'),
      min: z.int().min(1).max(1000),
      /** Member categories that count (all when absent). */
      categories: z
        .array(z.enum(MEMBER_CATEGORY_IDS as [string, ...string[]]))
        .min(1)
        .optional(),
      messages: z.object({ tooFew: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('checklist'),
      /** Whose checklist: the team's (its rules, management) or the community's (六有). */
      target: z.enum(['team', 'community']),
      items: z.array(item).min(1).max(20),
      messages: z.object({ missing: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('flag'),
      field: fieldPath,
      /** The column's and the form field's name (the title when absent). */
      label: text(60).optional(),
      messages: z.object({ missing: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('insurance'),
      /** Share of members that must be insured (1: every one). */
      minShare: z.number().min(0).max(1),
      /** And at least this many insured, whatever the share (e.g. the one 应急管理员 of 1+1+N). */
      atLeast: z.int().min(0).max(1000).optional(),
      /** A policy "至 X 日二十四时止" covers X (true), or ends the day before (false). */
      coversEndDate: z.boolean(),
      messages: z.object({ tooFewInsured: ruleMessage(), noDate: ruleMessage(), expired: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('trained-within'),
      months: z.int().min(1).max(60),
      messages: z.object({ none: ruleMessage(), tooOld: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('drills-count'),
      atLeast: z.int().min(1).max(52),
      withinMonths: z.int().min(1).max(60),
      /** From this day on only the activity log's drills count; before it the drill dates a county typed count too. */
      logOnlyFrom: isoDate.optional(),
      messages: z.object({ tooFew: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('certified-share'),
      share: z.number().min(0).max(1),
      messages: z.object({ tooFew: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('attended-share'),
      /** Share of the members counted who took part in a practice of the kinds within the months (考勤). */
      share: z.number().min(0).max(1),
      withinMonths: z.int().min(1).max(LOG_MONTHS),
      kinds: z
        .array(z.enum(PRACTICE_KINDS))
        .min(1)
        .refine((k) => new Set(k).size === k.length, { error: 'standard.kinds.repeated' }),
      messages: z.object({ tooFew: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('min-field'),
      field: fieldPath,
      label: text(60),
      min: z.int().min(0).max(100_000),
      messages: z.object({ tooFew: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('max-field'),
      field: fieldPath,
      label: text(60),
      max: z.int().min(0).max(100_000),
      messages: z.object({ tooMany: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('roles'),
      roles: z
        .array(z.object({ id: itemId, label: text(60), min: z.int().min(1).max(100) }).strict())
        .min(1)
        .max(10),
      messages: z.object({ missing: ruleMessage() }).strict(),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      kind: z.literal('roster'),
      /** From this day a team's members must be on a named roster (队员名册): typed counts alone no longer meet the standard. */
      from: isoDate,
      messages: z.object({ none: ruleMessage() }).strict(),
    })
    .strict(),
]);

export type RuleDef = z.infer<typeof ruleSchema>;
export type RuleKind = RuleDef['kind'];

export const standardSchema = z
  .object({
    id: itemId,
    version: z.int().min(1).max(999),
    title: text(),
    effectiveFrom: isoDate,
    source: source.omit({ basis: true }),
    rules: z.array(ruleSchema).min(1).max(30),
    /** Dates a team's record may plausibly hold under this standard. */
    dates: z.object({ earliest: isoDate, insuranceYearsAhead: z.int().min(1).max(20) }).strict(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: 'standard.rule.duplicate', params: { id: r.id } });
      seen.add(r.id);
    });
    const items = new Set<string>();
    for (const [i, r] of s.rules.entries()) {
      if (r.kind !== 'checklist') continue;
      r.items.forEach((it, j) => {
        const field = it.field ?? `checklist.${it.id}`;
        if (items.has(field))
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'items', j, 'id'], message: 'standard.item.duplicate', params: { field } });
        items.add(field);
      });
    }
  });

export type Standard = z.infer<typeof standardSchema>;

/** The id a verdict names its standard by, e.g. gx-2021-v1. */
export const standardRef = (s: Pick<Standard, 'id' | 'version'>) => `${s.id}-v${s.version}`;

export interface FailedRule {
  ruleId: string;
  message: Text;
  /** The values that failed the rule, e.g. { members: 12, required: 20 }. */
  values: Record<string, string | number | boolean | null | string[]>;
}

export interface Verdict {
  asOf: IsoDate;
  /** The standard and version the verdict was judged under (gx-2021-v1). */
  ruleSetId: string;
  meetsStandard: boolean;
  failed: FailedRule[];
  /** Last day on which this verdict still holds; after it, time alone changes it (insurance, training, drills). */
  holdsUntil: IsoDate | null;
}

interface Outcome {
  failed?: Omit<FailedRule, 'ruleId'>;
  /** For a passing time-bound rule: its last passing day. */
  holdsUntil?: IsoDate;
}

/** Fills {name} in both languages; a list is joined 、 in Chinese and ", " (lower-cased) in English. */
export function fill(message: Text, vars: Record<string, string | number | boolean | null | Text[]>): Text {
  const put = (lang: 'zh' | 'en') =>
    message[lang].replace(/\{(\w+)\}/g, (whole, key: string) => {
      // Only the rule's own values: a {constructor} or {toString} in a message names nothing, and stays as written.
      const v = Object.hasOwn(vars, key) ? vars[key] : undefined;
      if (v === undefined) return whole;
      if (Array.isArray(v)) return lang === 'zh' ? v.map((t) => t.zh).join('、') : v.map((t) => t.en.toLowerCase()).join(', ');
      return String(v);
    });
  return { zh: put('zh'), en: put('en') };
}

/** A field of the team a rule reads (a legacy path, or checklist.x / extra.x / roles.x). */
export function fieldOf(team: TeamInput, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], team);
}

/**
 * The last day on which `date` is still within `months` months before it. Month arithmetic clamps
 * (2024-02-29 minus 12 months is 2023-02-28), so a training on 2023-02-28 still counts on 2024-02-29.
 */
export function lastDayWithin(date: IsoDate, months: number): IsoDate {
  let day = addMonths(date, months);
  while (addMonths(addDays(day, 1), -months) <= date) day = addDays(day, 1);
  return day;
}

/** The last day a policy ending on `expires` covers: the day itself (24:00), or the day before under the stricter reading. */
export function insuranceLastDay(expires: IsoDate, coversEndDate: boolean): IsoDate {
  return coversEndDate ? expires : addDays(expires, -1);
}

/** The team's members on `asOf` in the categories (all when absent): from its roster when it has one, else as typed. */
function memberCount(team: JudgedTeam, asOf: IsoDate, categories?: string[]): number {
  if (!categories) return membersOn(team, asOf);
  const by = membersByCategory(team, asOf);
  return categories.reduce((n, k) => n + (by[k as MemberCategory] ?? 0), 0);
}

/** Dates without repeats, newest first, up to `asOf`. */
const newestFirst = (dates: Iterable<IsoDate>, asOf: IsoDate): IsoDate[] =>
  [...new Set(dates)]
    .filter((d) => d <= asOf)
    .sort()
    .reverse();

/** The team's drills and trainings, newest first, up to `asOf`: typed (the drill dates, the last training) and logged. */
const activities = (team: JudgedTeam, asOf: IsoDate): IsoDate[] =>
  newestFirst(
    [...(team.drills ?? []), ...(team.lastTrainingOn ? [team.lastTrainingOn] : []), ...practiceDates(team.log, PRACTICE_KINDS, asOf)],
    asOf,
  );

/** The team's drills, newest first, up to `asOf`: the log's, and the typed dates until a standard counts the log only. */
const drillsOf = (team: JudgedTeam, asOf: IsoDate, logOnlyFrom: IsoDate | undefined): IsoDate[] =>
  newestFirst(
    [...(logOnlyFrom !== undefined && asOf >= logOnlyFrom ? [] : (team.drills ?? [])), ...practiceDates(team.log, ['drill'], asOf)],
    asOf,
  );

function check(rule: RuleDef, team: JudgedTeam, asOf: IsoDate): Outcome {
  const members = memberCount(team, asOf);
  switch (rule.kind) {
    case 'min-members': {
      const counted = memberCount(team, asOf, rule.categories);
      const required = rule.min;
      return counted >= required
        ? {}
        : { failed: { message: fill(rule.messages.tooFew, { members: counted, required }), values: { members: counted, required } } };
    }
    case 'checklist': {
      const absent = rule.items.filter((it) => fieldOf(team, it.field ?? `checklist.${it.id}`) !== true);
      return absent.length === 0
        ? {}
        : {
            failed: {
              message: fill(rule.messages.missing, { missing: absent.map((it) => it.label) }),
              values: { missing: absent.map((it) => it.id) },
            },
          };
    }
    case 'flag': {
      const name = rule.field.split('.').pop()!;
      return fieldOf(team, rule.field) === true ? {} : { failed: { message: fill(rule.messages.missing, {}), values: { [name]: false } } };
    }
    case 'insurance': {
      const required = Math.max(Math.ceil(rule.minShare * members - 1e-9), rule.atLeast ?? 0);
      if (membersFrom(team) === 'roster') {
        // Each member's own cover: the verdict holds while the required number are still covered.
        const covered = insuredLastDays(team, asOf, (through) => insuranceLastDay(through, rule.coversEndDate));
        if (covered.length < required) {
          const values = { insuredMembers: covered.length, members, asOf };
          return { failed: { message: fill(rule.messages.tooFewInsured, { insured: covered.length, members, required }), values } };
        }
        return required > 0 ? { holdsUntil: covered[required - 1] } : {};
      }
      const expires = team.insuranceExpiresOn;
      const values = { insuredMembers: team.insuredMembers, members, insuranceExpiresOn: expires, asOf };
      if (team.insuredMembers < required)
        return { failed: { message: fill(rule.messages.tooFewInsured, { insured: team.insuredMembers, members, required }), values } };
      const lastDay = expires ? insuranceLastDay(expires, rule.coversEndDate) : null;
      if (!lastDay) return { failed: { message: fill(rule.messages.noDate, {}), values } };
      if (lastDay < asOf) return { failed: { message: fill(rule.messages.expired, { expires }), values } };
      return { holdsUntil: lastDay };
    }
    case 'trained-within': {
      // A training dated after the day judged does not count for it; the latest before it, typed or logged, is named.
      const practices = activities(team, asOf);
      const last = practices[0] ?? team.lastTrainingOn ?? null;
      const within = practices.find((d) => d >= addMonths(asOf, -rule.months));
      if (within) return { holdsUntil: lastDayWithin(within, rule.months) };
      return {
        failed: {
          message: last ? fill(rule.messages.tooOld, { last, months: rule.months }) : fill(rule.messages.none, {}),
          values: { lastTrainingOn: last, withinMonths: rule.months, asOf },
        },
      };
    }
    case 'drills-count': {
      const inWindow = drillsOf(team, asOf, rule.logOnlyFrom).filter((d) => d >= addMonths(asOf, -rule.withinMonths));
      if (inWindow.length >= rule.atLeast) {
        const until = lastDayWithin(inWindow[rule.atLeast - 1], rule.withinMonths);
        // the typed dates stop counting on the day the log alone counts: the verdict is judged again then
        const typedEnds = rule.logOnlyFrom !== undefined && asOf < rule.logOnlyFrom ? addDays(rule.logOnlyFrom, -1) : null;
        return { holdsUntil: typedEnds && typedEnds < until ? typedEnds : until };
      }
      return {
        failed: {
          message: fill(rule.messages.tooFew, { count: inWindow.length, atLeast: rule.atLeast, months: rule.withinMonths }),
          values: { drills: inWindow.length, atLeast: rule.atLeast, withinMonths: rule.withinMonths },
        },
      };
    }
    case 'certified-share': {
      // from the roster's certificates when it records any (each valid to its day), else the typed number
      const fromRoster = certifiedLastDays(team, asOf);
      const certified = fromRoster ? fromRoster.length : Number(team.extra?.certifiedMembers ?? 0);
      const required = Math.ceil(rule.share * members - 1e-9);
      if (certified >= required && members > 0) return fromRoster && required > 0 ? { holdsUntil: fromRoster[required - 1] } : {};
      return {
        failed: {
          message: fill(rule.messages.tooFew, { certified, members, required, share: `${Math.round(rule.share * 100)}%` }),
          values: { certifiedMembers: certified, members, required },
        },
      };
    }
    case 'attended-share': {
      const required = Math.ceil(rule.share * members - 1e-9);
      // each member counted who took part stays so until the last day within the months of their last practice
      const lastDays = lastPractices(team.roster, team.log, rule.kinds, asOf)
        .filter((d): d is IsoDate => d !== null && d >= addMonths(asOf, -rule.withinMonths))
        .map((d) => lastDayWithin(d, rule.withinMonths))
        .sort()
        .reverse();
      if (members > 0 && lastDays.length >= required) return required > 0 ? { holdsUntil: lastDays[required - 1] } : {};
      return {
        failed: {
          message: fill(rule.messages.tooFew, {
            attended: lastDays.length,
            members,
            required,
            share: `${Math.round(rule.share * 100)}%`,
            months: rule.withinMonths,
          }),
          values: { attended: lastDays.length, members, required, withinMonths: rule.withinMonths },
        },
      };
    }
    case 'min-field': {
      const value = fieldOf(team, rule.field);
      const n = typeof value === 'number' ? value : null;
      return n !== null && n >= rule.min
        ? {}
        : {
            failed: {
              message: fill(rule.messages.tooFew, { value: n ?? '—', min: rule.min, label: rule.label.zh }),
              values: { [rule.field]: n, min: rule.min },
            },
          };
    }
    case 'max-field': {
      const value = fieldOf(team, rule.field);
      const n = typeof value === 'number' ? value : null;
      return n !== null && n <= rule.max
        ? {}
        : {
            failed: {
              message: fill(rule.messages.tooMany, { value: n ?? '—', max: rule.max, label: rule.label.zh }),
              values: { [rule.field]: n, max: rule.max },
            },
          };
    }
    case 'roles': {
      const short = rule.roles.filter((r) => (team.roles?.[r.id] ?? 0) < r.min);
      return short.length === 0
        ? {}
        : {
            failed: {
              message: fill(rule.messages.missing, { missing: short.map((r) => r.label) }),
              values: { missing: short.map((r) => r.id) },
            },
          };
    }
    case 'roster': {
      if (membersFrom(team) === 'roster') return {};
      // Before the day it applies, a team on typed counts meets it until the day before.
      if (asOf < rule.from) return { holdsUntil: addDays(rule.from, -1) };
      return { failed: { message: fill(rule.messages.none, { from: rule.from }), values: { roster: false, from: rule.from } } };
    }
  }
}

/** Evaluates every rule of the standard as of a date and says how long the verdict holds. */
export function judge(team: JudgedTeam, standard: Standard, asOf: IsoDate): Verdict {
  const failed: FailedRule[] = [];
  let holdsUntil: IsoDate | null = null;
  for (const rule of standard.rules) {
    const outcome = check(rule, team, asOf);
    if (outcome.failed) failed.push({ ruleId: rule.id, ...outcome.failed });
    if (outcome.holdsUntil && (!holdsUntil || outcome.holdsUntil < holdsUntil)) holdsUntil = outcome.holdsUntil;
  }
  return { asOf, ruleSetId: standardRef(standard), meetsStandard: failed.length === 0, failed, holdsUntil };
}

/** The plausible window for a team's dates under a standard, on `today`. */
export function dateLimitsOf(standard: Pick<Standard, 'dates'>, today: IsoDate) {
  return { earliest: standard.dates.earliest, insuranceLatest: addMonths(today, 12 * standard.dates.insuranceYearsAhead) };
}

/**
 * The team fields a standard asks for beyond the base record, in its rules' order: each a template
 * column (and a form field) with its kind and label.
 */
export function standardFields(standard: Standard): { path: string; kind: 'bool' | 'count' | 'dates'; label: Text }[] {
  const out: { path: string; kind: 'bool' | 'count' | 'dates'; label: Text }[] = [];
  const add = (path: string, kind: 'bool' | 'count' | 'dates', label: Text) => {
    if (!out.some((f) => f.path === path)) out.push({ path, kind, label });
  };
  for (const r of standard.rules) {
    if (r.kind === 'checklist') for (const it of r.items) add(it.field ?? `checklist.${it.id}`, 'bool', it.label);
    else if (r.kind === 'flag') add(r.field, 'bool', r.label ?? r.title);
    else if (r.kind === 'roles') for (const role of r.roles) add(`roles.${role.id}`, 'count', role.label);
    else if (r.kind === 'drills-count') add('drills', 'dates', { zh: '演练日期', en: 'Drill dates' });
    else if (r.kind === 'certified-share') add('extra.certifiedMembers', 'count', { zh: '持证人数', en: 'Certified members' });
    else if (r.kind === 'min-field' || r.kind === 'max-field') add(r.field, 'count', r.label);
  }
  return out;
}

/** A standard's fields by the last part of their path, in both languages (rules.2.messages.tooFew → the message). */
const STANDARD_LABELS: Record<string, { zh: string; en: string }> = {
  id: { zh: '编号 id', en: 'The id' },
  version: { zh: '版本号', en: 'The version' },
  title: { zh: '标题', en: 'The title' },
  effectiveFrom: { zh: '施行日期', en: 'The effective date' },
  document: { zh: '依据文件', en: 'The source document' },
  clause: { zh: '条款', en: 'The clause' },
  note: { zh: '说明', en: 'The note' },
  label: { zh: '名称', en: 'The label' },
  field: { zh: '字段', en: 'The field' },
  kind: { zh: '规则类型 kind', en: 'The rule kind' },
  rules: { zh: '规则', en: 'The rules' },
  items: { zh: '清单项', en: 'The items' },
  roles: { zh: '角色', en: 'The roles' },
  messages: { zh: '提示语', en: 'The messages' },
  min: { zh: '最少', en: 'The minimum' },
  max: { zh: '最多', en: 'The maximum' },
  share: { zh: '比例', en: 'The share' },
  minShare: { zh: '参保比例', en: 'The insured share' },
  atLeast: { zh: '至少', en: 'The least number' },
  months: { zh: '月数', en: 'The months' },
  withinMonths: { zh: '月数', en: 'The months' },
  logOnlyFrom: { zh: '仅计活动记录起始日期', en: 'The day from which only the log counts' },
  kinds: { zh: '活动类型', en: 'The kinds of practice' },
  categories: { zh: '人员类别', en: 'The member categories' },
  target: { zh: '对象', en: 'The target' },
  dates: { zh: '日期范围', en: 'The dates' },
  earliest: { zh: '最早日期', en: 'The earliest date' },
  insuranceYearsAhead: { zh: '保险最多提前年数', en: 'The insurance years ahead' },
  zh: { zh: '中文', en: 'The Chinese text' },
  en: { zh: '英文', en: 'The English text' },
};
function standardLabel(path: string): { zh: string; en: string } | string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const name = parts.at(-1) ?? path;
  const own = STANDARD_LABELS[name];
  // A text's language alone says little: name the text it belongs to as well (标题（英文）).
  if ((name === 'zh' || name === 'en') && parts.length > 1) {
    const of = STANDARD_LABELS[parts.at(-2)!] ?? { zh: parts.at(-2)!, en: parts.at(-2)! };
    return { zh: `${of.zh}（${own.zh}）`, en: `${of.en} (${own.en.replace(/^The /, '')})` };
  }
  return own ?? path;
}

/** A standard, checked: the document, or each field's issue (the field as a dotted path, e.g. rules.2.min). */
export function parseStandard(doc: unknown): { ok: true; standard: Standard } | { ok: false; issues: FieldIssue[] } {
  const r = checkWith(standardSchema, doc);
  if (r.success) return { ok: true, standard: r.data };
  const kinds = ruleSchema.options.map((o) => o.shape.kind.value);
  const issues = r.error.issues.map((i) =>
    i.code === 'invalid_union'
      ? {
          ...i,
          code: 'custom' as const,
          message: 'standard.kind.unknown',
          params: { kinds: listed(kinds) },
        }
      : i,
  );
  return { ok: false, issues: fieldIssues(issues, standardLabel, '(standard)') };
}

/** The number the next version of a standard takes: one past the highest published. */
export const nextVersion = (published: Pick<Standard, 'id' | 'version'>[], id: string) =>
  Math.max(0, ...published.filter((s) => s.id === id).map((s) => s.version)) + 1;

/**
 * Whether a version may be published to take effect on `effectiveFrom`: only from tomorrow on (a
 * day already begun, and every past month, keep the verdicts they had), and after every version of
 * the same standard already published (versions take effect in order).
 */
/** How far ahead a version may be published. */
export const MAX_YEARS_AHEAD = 2;

export function publishIssues(
  effectiveFrom: string,
  published: Pick<Standard, 'id' | 'version' | 'effectiveFrom'>[],
  id: string,
  today: IsoDate,
): FieldIssue[] {
  const issue = (m: Message): FieldIssue[] => [{ field: 'effectiveFrom', message: m }];
  if (!isIsoDate(effectiveFrom)) return issue(message('standard.publish.dateFormat'));
  if (effectiveFrom <= today) return issue(message('standard.publish.notAfterToday', { date: effectiveFrom, today }));
  // A version is never withdrawn, and a later one must follow it: a typo (9999-12-31) would freeze the standard for good.
  const latestDay = `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`;
  if (effectiveFrom > latestDay)
    return issue(message('standard.publish.tooFar', { date: effectiveFrom, latest: latestDay, years: MAX_YEARS_AHEAD }));
  const latest = published.filter((s) => s.id === id).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (latest && effectiveFrom <= latest.effectiveFrom)
    return issue(message('standard.publish.beforeLatest', { date: effectiveFrom, version: latest.version, from: latest.effectiveFrom }));
  return [];
}
