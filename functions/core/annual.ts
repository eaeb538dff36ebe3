// 分年度总结: each county's, city's and the province's yearly summary, drafted by the tracker from
// the figures of record (the year's end against the year before, teams that lapsed, registry
// changes, monthly reporting, failures by rule, verification when there is any) into sections the
// office edits and submits upward. Pure: the figures come in; the text comes out.
import * as z from 'zod';
import { type FieldIssue, ValidationError } from './errors.js';
import { issueList } from './issues.js';
import { message } from './messages/index.js';
import type { IsoDate, IsoMonth } from './dates.js';
import { FORMULA_PREFIX } from './text.js';

/** Whose summary: a county's, a city's, or the programme's root office's (`province`, its code the programme's area). */
export type AnnualScope = { kind: 'county' | 'city' | 'province'; code: string; name: string };

export interface AnnualFigures {
  communities: number;
  teamsRegistered: number;
  teamsMeetingStandard: number;
  members: number;
  coverage: number;
}

export interface AnnualInput {
  year: number;
  scope: AnnualScope;
  /** The month whose end the figures describe: December once the year is over, else the last month ended. */
  asOfMonth: IsoMonth;
  end: AnnualFigures;
  /** The figures at the end of the year before (null before the first programme). */
  start: AnnualFigures | null;
  /** The year-end target in force (share of communities), and the registry version the figures rest on. */
  target: number | null;
  registryVersion: number | null;
  /** Teams that stopped meeting the standard on their own during the year (insurance, training); null when not counted. */
  lapses: number | null;
  /** Changes to the registry that took effect in the year, in this area. */
  registryChanges: number;
  /** The area's months of the year: on time, late, missed. */
  reporting: { onTime: number; late: number; missed: number };
  /** Teams failing each rule at the year's end, by the rule's Chinese title, most first. */
  failures: { title: string; teams: number }[];
  /** The year's supervision results, once the inspection records them. */
  verification: string | null;
  /** For a city or the province: its areas' summaries, submitted or not. */
  parts?: { code: string; name: string; status: AnnualStatus }[];
}

export const SECTION_IDS = ['overview', 'practice', 'problems', 'plans'] as const;
export type SectionId = (typeof SECTION_IDS)[number];
export const SECTION_TITLES: Record<SectionId, { zh: string; en: string }> = {
  overview: { zh: '一、基本情况', en: '1. Where things stand' },
  practice: { zh: '二、主要做法和成效', en: '2. What was done' },
  problems: { zh: '三、存在的问题', en: '3. Problems' },
  plans: { zh: '四、下一年度工作打算', en: '4. Plans for next year' },
};
/** Longest section body the office may write (about two printed pages). */
export const MAX_SECTION_CHARS = 5000;

export interface AnnualSection {
  id: SectionId;
  title: { zh: string; en: string };
  body: string;
}

export type AnnualStatus = 'submitted' | 'draft' | 'missing' | 'overdue';
export const ANNUAL_WORDS: Record<AnnualStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  draft: { zh: '编辑中', en: 'Being edited' },
  missing: { zh: '未开始', en: 'Not started' },
  overdue: { zh: '逾期未交', en: 'Overdue' },
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A count as a document writes it: grouped by thousands (524,535), unlike codes and years. */
const n = (x: number) => x.toLocaleString('zh-CN');
const signed = (x: number) => (x > 0 ? `+${n(x)}` : n(x));

/**
 * The date a year's summary is due: 31 January of the next year, once the figures of record at
 * 31 December exist (the tracker's reading of the plan's 分年度总结, not a date in the plan).
 */
export const annualDue = (year: number): IsoDate => `${year + 1}-01-31`;

export function annualStatus(stored: { submittedAt?: string } | null, year: number, today: IsoDate): AnnualStatus {
  if (stored?.submittedAt) return 'submitted';
  if (today > annualDue(year)) return 'overdue';
  return stored ? 'draft' : 'missing';
}

/** The sections as the tracker drafts them: the figures written out; what was done and what comes next left to the office. */
export function draftSections(input: AnnualInput): AnnualSection[] {
  const { end, start, scope, year } = input;
  const yearEnd = input.asOfMonth === `${year}-12`;
  const at = yearEnd ? `${year} 年底` : `${input.asOfMonth} 月底（年度尚未结束，年底数据将于次年 1 月 1 日起自动更新）`;
  const overview = [
    `截至${at}，${scope.name}方案范围内共有社区（村）${n(end.communities)} 个，已建社区响应队 ${n(end.teamsRegistered)} 支，其中达到建设标准 ${n(end.teamsMeetingStandard)} 支，达标覆盖率 ${pct(end.coverage)}；队员共 ${n(end.members)} 人。`,
    start
      ? `与上年底相比，达标队伍 ${signed(end.teamsMeetingStandard - start.teamsMeetingStandard)} 支，覆盖率 ${signed(Number(((end.coverage - start.coverage) * 100).toFixed(1)))} 个百分点，已建队伍 ${signed(end.teamsRegistered - start.teamsRegistered)} 支。`
      : '',
    input.target !== null
      ? `年底目标为达标覆盖率不低于 ${pct(input.target)}，${end.coverage >= input.target ? '已完成' : `尚差 ${n(Math.ceil(input.target * end.communities) - end.teamsMeetingStandard)} 个社区（村）`}。`
      : '',
    input.lapses !== null ? `全年系统因保险到期、培训超期对队伍重新判定 ${n(input.lapses)} 次。` : '',
    input.registryChanges
      ? `本年度名录变更 ${input.registryChanges} 项（撤并、更名、新设等），数据按${input.registryVersion ? `名录第 ${input.registryVersion} 版` : '现行名录'}统计。`
      : '',
    `月度报送：按时 ${input.reporting.onTime} 个月，逾期报送 ${input.reporting.late} 个月，逾期未报 ${input.reporting.missed} 个月。`,
    input.verification ?? '本年度督导检查（核查）结果尚未录入。',
    input.parts?.length
      ? `下级年度总结：已提交 ${input.parts.filter((p) => p.status === 'submitted').length} 个，共 ${input.parts.length} 个${
          input.parts.some((p) => p.status !== 'submitted')
            ? `；未提交：${input.parts
                .filter((p) => p.status !== 'submitted')
                .map((p) => p.name)
                .join('、')}`
            : ''
        }。`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  const problems = input.failures.length
    ? [
        `未达标队伍中，问题主要集中在：${input.failures
          .slice(0, 5)
          .map((f) => `${f.title}（${n(f.teams)} 支）`)
          .join('、')}。`,
        end.teamsRegistered < end.communities ? `尚有 ${n(end.communities - end.teamsRegistered)} 个社区（村）未建队。` : '',
      ]
        .filter(Boolean)
        .join('\n')
    : end.teamsRegistered < end.communities
      ? `尚有 ${n(end.communities - end.teamsRegistered)} 个社区（村）未建队。`
      : '';
  const body: Record<SectionId, string> = { overview, practice: '', problems, plans: '' };
  return SECTION_IDS.map((id) => ({ id, title: SECTION_TITLES[id], body: body[id] }));
}

const BAD_TEXT = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** The sections as the office sends them: every known section as text (line breaks allowed), nothing else. */
export function checkSections(value: unknown): Record<SectionId, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ValidationError(message('annual.sections.shape', { shape: '{ overview, practice, problems, plans }' }), [
      { field: 'sections', message: message('field.object.short') },
    ]);
  const out = {} as Record<SectionId, string>;
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(value))
    if (!(SECTION_IDS as readonly string[]).includes(key))
      issues.push({ field: `sections.${key}`, message: message('annual.section.unknown', { key: key.slice(0, 20) }) });
  for (const id of SECTION_IDS) {
    const body = (value as Record<string, unknown>)[id] ?? '';
    const title = SECTION_TITLES[id];
    if (typeof body !== 'string') {
      issues.push({ field: `sections.${id}`, message: message('annual.section.notText', { title }) });
      continue;
    }
    const text = body.replace(/\r\n?/g, '\n');
    if (text.length > MAX_SECTION_CHARS)
      issues.push({ field: `sections.${id}`, message: message('annual.section.tooLong', { title, max: MAX_SECTION_CHARS }) });
    else if (BAD_TEXT.test(text.replace(/[\n\t]/g, '')))
      issues.push({ field: `sections.${id}`, message: message('annual.section.badChars', { title }) });
    // A section may be pasted into a spreadsheet cell: like every text, it does not start as a formula.
    else if (FORMULA_PREFIX.test(text.trim()))
      issues.push({ field: `sections.${id}`, message: message('annual.section.formula', { title }) });
    else out[id] = text.trim();
  }
  if (issues.length)
    throw new ValidationError(message('annual.sections.invalid', { count: issues.length, issues: issueList(issues) }), issues);
  return out;
}

/** Which year's summary may be read or written on `today`: from the first programme's year, once December has begun. */
export function checkYear(raw: string, firstYear: number, today: IsoDate): number {
  if (!/^\d{4}$/.test(raw)) throw new ValidationError(message('annual.year.format', { raw: raw.slice(0, 10) }));
  const year = Number(raw);
  const current = Number(today.slice(0, 4));
  const december = Number(today.slice(5, 7)) === 12;
  if (year < firstYear) throw new ValidationError(message('annual.year.beforePlan', { year, first: firstYear }));
  if (year > current || (year === current && !december)) throw new ValidationError(message('annual.year.notYet', { year }));
  return year;
}

/** A yearly summary: its sections, and whether it is submitted (final) with this save. */
export const annualBody = z.strictObject({
  sections: z.unknown().meta({
    description: `各段文字：${SECTION_IDS.join('、')}（每段至多 ${MAX_SECTION_CHARS} 字，可换行）/ the sections' texts: ${SECTION_IDS.join(', ')} (at most ${MAX_SECTION_CHARS} characters each, line breaks allowed)`,
  }),
  submit: z.boolean().optional().meta({ description: 'true：提交（之后不可再改）/ true: submit (final)' }),
});
