// The API's contract, route by route: what each does (zh-CN and English), who may call it, the body it
// takes (the zod schemas the handlers validate with) and the answers it gives. functions/api/openapi.ts
// turns it, with the route table (routes.json), into the OpenAPI 3.1 document served at
// GET /api/openapi.json; the integration tests check every answer they receive against that document.
import * as z from 'zod';
import { annualBody } from '#core/annual.js';
import { campaignShape, checkShape } from '#core/campaign.js';
import { answerBody, confirmationBody, previewBody, publishBody, reasonBody, recipientsBody } from './bodies.js';
import { standardSchema } from '#core/standard.js';
import { teamInputShape } from '#core/team.js';
import { REVEALS_PER_HOUR } from '#core/personal.js';
import { code, instant, isoDate, isoMonth, strict, text } from './common.js';
import { importQuery, param, registryChangesQuery, rosterImportQuery } from './queries.js';
import { communitiesAnswer, countiesAnswer, countyAnswer, figures, trendAnswer } from './figures.js';
import { healthAnswer, programmeAnswer } from './programme.js';
import { nationAnswer } from './nation.js';
import { membershipEndAnswer, membershipView, rosterAnswer } from './roster.js';
import { activityAnswer, activityView } from './activity.js';
import { activityInputShape } from '#core/activity.js';
import { membershipCorrectionShape, membershipEndShape, membershipInputShape, membershipResolveShape } from '#core/roster-input.js';
import { annualAnswer } from './annual.js';
import * as standards from './standards.js';
import { importReport, rosterImportReport } from './imports.js';
import { confirmationAnswer, countyReportsAnswer, monthReports } from './reports.js';
import { registryPlan, registryResume, registryVersionChanges, registryVersions } from './registry.js';
import { areaRetentionAnswer, countyRetentionAnswer } from './retention.js';
import { historyAnswer, teamAnswer } from './teams.js';
import * as campaigns from './campaigns.js';

/** An object whose named keys are promised; it may carry more (new fields are additions, not breaks). */
const open = <T extends z.core.$ZodLooseShape>(shape: T) => z.looseObject(shape);

/** A draft: the standard's document; its id is the path's, its version the next one, its date by default tomorrow. */
const draftBody = open({
  id: z.string().optional(),
  version: z.number().int().optional(),
  effectiveFrom: isoDate.optional(),
  title: text,
  source: open({ document: z.string() }),
  rules: z.array(open({ id: z.string(), kind: z.string() })).min(1),
  dates: open({ earliest: isoDate }),
}).meta({
  description: '与 POST /api/standards 同一标准文件，逐项校验见 400 / the same document as POST /api/standards, checked rule by rule (400)',
});

/** What each failure status means (the same words as the document's responses). */
export const FAILURES: Record<number, [zh: string, en: string]> = {
  400: [
    '请求有误（含该接口未列出的查询参数），逐项见 details；未写入任何内容',
    'Invalid request (a query parameter the route does not list included), item by item in details; nothing written',
  ],
  401: ['未登录或凭证无效', 'Not signed in, or the token is invalid'],
  403: ['不在调用者的范围内', "Outside the caller's scope"],
  404: ['找不到', 'Not found'],
  409: [
    '版本冲突、同一导入进行中，或该队员已在本队名册中；未写入',
    'Version conflict, the same import in progress, or the member already on the roster; nothing written',
  ],
  413: ['内容过大', 'Payload too large'],
  429: [
    '已达调用者的次数上限（如每小时查看完整电话数）；请按 Retry-After 重试',
    "The caller's limit is reached (e.g. full phones an hour): retry after Retry-After",
  ],
  500: ['服务器内部错误', 'Internal error'],
  503: ['系统繁忙，未写入，请按 Retry-After 重试', 'Busy, nothing written: retry after Retry-After'],
};

export { errorBody } from './errors.js';

/** A body: JSON (its schema), an uploaded file (raw or multipart/form-data), or either. */
type Body = z.ZodType | 'file' | 'file-or-json';
/** An answer: JSON (its schema) or a file. */
export type Answer = z.ZodType | 'xlsx' | 'csv' | 'html' | [json: z.ZodType, file: 'xlsx'];

export interface Operation {
  /** The Lambda that serves it: functions/api/<handler>.ts. */
  handler: 'read' | 'write';
  /** false: no token needed (health and this document; in the China regions a token is needed all the same). */
  auth?: false;
  tag: 'dashboard' | 'teams' | 'files' | 'reports' | 'standards' | 'registry' | 'annual' | 'verification' | 'mail' | 'system';
  summary: [zh: string, en: string];
  /** Who may call it (its words in WHO). */
  who: Who;
  body?: Body;
  /** Its query parameters, each a schema with its description (the validator holds requests to them). */
  query?: z.ZodObject;
  headers?: Record<string, [zh: string, en: string]>;
  answers: Partial<Record<200 | 201, Answer>>;
  /** The answer carries the record's version as its ETag. */
  etag?: true;
  /** It parses or writes a spreadsheet, takes a large upload or reads a whole area: the stack gives it a tighter limit (API stage and firewall). */
  expensive?: true;
  /** Failures beyond those every authorised route may give (400, 401, 403, 404, 500, 503). */
  also?: (409 | 413 | 429)[];
}

const ORGANISER = ['检查组织方（主管单位或市）', "the campaign's organiser (the root office or a city)"] as [string, string];

/**
 * Who may call a route, in the words the document gives and as the access matrix
 * (tests/reliability/access.test.ts) checks every route × every kind of caller against them.
 */
export const WHO = {
  public: ['公开（中国区域需登录：无 ICP 备案不开放匿名接口）', 'public (signed in, in the China regions)'],
  all: ['任何计划的已登录用户（结果按其范围裁剪）', 'any signed-in user of a programme (answers cut to their scope)'],
  read: ['主管单位、所属市、本县（市、区）', "the root office, the county's city and the county itself"],
  write: ['主管单位、本县（市、区）', 'the root office and the county itself'],
  province: ['主管单位（范围 province）', 'the root office (scope province)'],
  ownOffice: ['主管单位；市、县（市、区）各设本级', 'the root office; a city or a county its own'],
  ownCity: ['主管单位、本市', 'the root office and the city itself'],
  organisers: [
    '主管单位、市（市看得到主管单位的检查和本市组织的检查，只含本市各县）',
    "the root office and the cities (a city sees the root office's campaigns and its own, for its counties)",
  ],
  organiser: ORGANISER,
  nation: [
    '应急管理部（范围 nation）：各计划的汇总数，不含个人信息',
    "the national office (scope nation): each programme's totals, no personal data",
  ],
  countyAnswers: [
    '本县（市、区）答复已整改或有异议；组织检查的单位销号',
    "the county answers corrected or disputed; the campaign's organiser closes",
  ],
} as const satisfies Record<string, readonly [zh: string, en: string]>;
export type Who = keyof typeof WHO;

const IF_MATCH = {
  'If-Match': ['更新时必填：所读到的版本号（乐观锁）', 'required to update: the version read (optimistic locking)'] as [string, string],
};
const MONTH = z.object({ month: param(isoMonth, '月份 YYYY-MM，缺省为当前月', 'month YYYY-MM, default the current one') });
const YEAR = z.object({ year: param(z.string().regex(/^\d{4}$/), '年份 YYYY，缺省为今年', 'year YYYY, default this year') });
const AREA = z.object({
  area: param(
    z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
    '区域代码：计划的地区，或其中的市（4 位）、县（6 位）',
    "area code: the programme's area, or a city (4 digits) or a county (6) in it",
  ),
});

const OPERATIONS = {
  'GET /api/health': {
    handler: 'read',
    auth: false,
    tag: 'system',
    summary: ['健康检查与系统日期（北京时间）', "Health, and the tracker's date (Asia/Shanghai)"],
    who: 'public',
    answers: { 200: healthAnswer },
  },
  'GET /api/openapi.json': {
    handler: 'read',
    auth: false,
    tag: 'system',
    summary: ['本接口文档（OpenAPI 3.1）', 'This document (OpenAPI 3.1)'],
    who: 'public',
    answers: { 200: open({ openapi: z.string(), paths: open({}) }) },
  },
  'GET /api/programme': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['规划：目标、阶段、标准与报送规则', 'The programme: targets, phases, standards, reporting rules'],
    who: 'all',
    answers: { 200: programmeAnswer },
  },
  'GET /api/standards': {
    handler: 'read',
    tag: 'standards',
    summary: ['建设标准及其版本、草案', 'Standards, their versions and drafts'],
    who: 'province',
    answers: { 200: standards.standardsAnswer },
  },
  'POST /api/standards': {
    handler: 'write',
    tag: 'standards',
    summary: ['新建一项标准（第 1 版草案）', 'Create a standard (its first draft)'],
    who: 'province',
    body: standardSchema,
    answers: { 201: standards.standardDraft },
  },
  'GET /api/standards/{id}/{version}': {
    handler: 'read',
    tag: 'standards',
    summary: ['标准的一个版本', 'One version of a standard'],
    who: 'province',
    answers: { 200: standards.standardVersion },
  },
  'POST /api/standards/{id}/drafts': {
    handler: 'write',
    tag: 'standards',
    summary: [
      '起草标准的新版本（id、版本号由路径和已发布版本决定）',
      'Draft a new version of a standard (id and version come from the path and the published versions)',
    ],
    who: 'province',
    body: draftBody,
    answers: { 201: standards.standardDraft },
    also: [409],
  },
  'POST /api/standards/{id}/drafts/{n}/preview': {
    expensive: true,
    handler: 'read',
    tag: 'standards',
    summary: ['预判：按草案重判所有队伍，不写入', 'Preview: every team judged by the draft, nothing written'],
    who: 'province',
    body: previewBody,
    answers: { 200: standards.draftPreview },
  },
  'POST /api/standards/{id}/drafts/{n}/publish': {
    handler: 'write',
    tag: 'standards',
    summary: ['发布草案为新版本（自生效日起重判）', 'Publish a draft as a new version (teams re-judged from its date)'],
    who: 'province',
    body: publishBody,
    answers: {
      200: strict({
        ref: z.string(),
        version: z.number().int(),
        effectiveFrom: isoDate,
        publishedBy: z.string(),
        publishedAt: instant,
        draft: z.number().int().meta({ description: '发布的草案编号 / the draft published' }),
      }),
    },
    also: [409],
  },
  'GET /api/counties': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['各县（市、区）覆盖率：月末定格数或今日实时数', "Coverage by county: the month-end figures of record, or today's"],
    who: 'all',
    query: MONTH,
    answers: {
      200: countiesAnswer,
    },
  },
  'GET /api/trend': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['逐月覆盖率走势（月末定格数）', 'Coverage month by month (figures of record)'],
    who: 'read',
    query: AREA,
    answers: { 200: trendAnswer },
  },
  'GET /api/nation': {
    handler: 'read',
    tag: 'dashboard',
    summary: [
      '全国：各计划的覆盖率并列（按各自标准，不相加）、目标、标准与名录版本',
      "The nation: each programme's coverage side by side (by its own standard, never summed), its target, standard and registry version",
    ],
    who: 'nation',
    answers: { 200: nationAnswer },
  },
  'GET /api/nation/{programme}/counties': {
    handler: 'read',
    tag: 'dashboard',
    summary: [
      '全国：某计划各县（市、区）的覆盖率（只读，无个人信息）',
      "The nation: one programme's coverage by county (read-only, no personal data)",
    ],
    who: 'nation',
    query: MONTH,
    answers: { 200: countiesAnswer },
  },
  'GET /api/nation/{programme}/counties/{code}': {
    handler: 'read',
    tag: 'dashboard',
    summary: [
      '全国：某计划中一个县（市、区）按乡镇（街道）的覆盖率（只读，无个人信息）',
      'The nation: one county of a programme by township (read-only, no personal data)',
    ],
    who: 'nation',
    answers: { 200: countyAnswer },
  },
  'GET /api/nation/{programme}/trend': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['全国：某计划逐月覆盖率走势', "The nation: one programme's coverage month by month"],
    who: 'nation',
    query: AREA,
    answers: { 200: trendAnswer },
  },
  'GET /api/retention': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['队伍保持：到期、失效、续保', 'Keeping teams up: expiring, lapsed, renewed'],
    who: 'read',
    query: AREA,
    answers: { 200: areaRetentionAnswer },
  },
  'GET /api/reports/{month}': {
    handler: 'read',
    tag: 'reports',
    summary: ['某月各县报送情况', 'Which counties reported for a month'],
    who: 'all',
    answers: { 200: monthReports },
  },
  'GET /api/exports/counties.csv': {
    expensive: true,
    handler: 'read',
    tag: 'files',
    summary: ['县区排名 CSV（UTF-8 带 BOM）', 'County ranking as CSV (UTF-8 with BOM)'],
    who: 'all',
    query: MONTH,
    answers: { 200: 'csv' },
  },
  'GET /api/exports/counties.xlsx': {
    expensive: true,
    handler: 'read',
    tag: 'files',
    summary: ['县区排名 Excel', 'County ranking as Excel'],
    who: 'all',
    query: MONTH,
    answers: { 200: 'xlsx' },
  },
  'GET /api/counties/{code}': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['一个县的覆盖率、乡镇与目标', 'One county: coverage, townships, its target'],
    who: 'read',
    answers: { 200: countyAnswer },
  },
  'GET /api/counties/{code}/communities': {
    handler: 'read',
    tag: 'teams',
    summary: ['一个县的社区与队伍', "A county's communities and their teams"],
    who: 'read',
    answers: { 200: communitiesAnswer },
  },
  'GET /api/counties/{code}/retention': {
    handler: 'read',
    tag: 'dashboard',
    summary: ['一个县的队伍保持（含名单）', "A county's teams kept up (with the lists)"],
    who: 'read',
    answers: { 200: countyRetentionAnswer },
  },
  'GET /api/counties/{code}/reports': {
    handler: 'read',
    tag: 'reports',
    summary: ['一个县的月报记录', "A county's monthly reports"],
    who: 'read',
    answers: { 200: countyReportsAnswer },
  },
  'POST /api/counties/{code}/reports/{month}': {
    handler: 'write',
    tag: 'reports',
    summary: ['确认本月无变化（零报告）', 'Confirm no change this month (a nil report)'],
    who: 'write',
    body: confirmationBody,
    answers: { 200: confirmationAnswer },
  },
  'GET /api/counties/{code}/template.xlsx': {
    expensive: true,
    handler: 'read',
    tag: 'files',
    summary: [
      '县级导入模板（每个社区一行，代码与名称已填；已登记队伍见 teams.xlsx）',
      "The county's import template (a row per community, code and name filled in; its teams are in teams.xlsx)",
    ],
    who: 'read',
    answers: { 200: 'xlsx' },
  },
  'GET /api/counties/{code}/teams.xlsx': {
    expensive: true,
    handler: 'read',
    tag: 'files',
    summary: ['县级队伍清单 Excel', "The county's teams as Excel"],
    who: 'read',
    answers: { 200: 'xlsx' },
  },
  'GET /api/communities/{code}/team': {
    handler: 'read',
    tag: 'teams',
    summary: ['一支队伍（ETag 为版本号）', 'One team (its ETag is its version)'],
    who: 'read',
    answers: { 200: teamAnswer },
    etag: true,
  },
  'GET /api/communities/{code}/team/history': {
    handler: 'read',
    tag: 'teams',
    summary: ['队伍的修改历史与电话查看记录', "A team's history and who saw the phone"],
    who: 'read',
    answers: { 200: historyAnswer },
  },
  'PUT /api/communities/{code}/team': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '登记（201）或更新（200，需 If-Match）一支队伍；参保、持证或某一角色的人数多于队员人数时拒绝（400）',
      'Register (201) or update (200, If-Match) a team; refused (400) when the insured, the certified or a role’s holders outnumber the members',
    ],
    who: 'write',
    body: teamInputShape,
    headers: IF_MATCH,
    answers: { 200: teamAnswer, 201: teamAnswer },
    etag: true,
    also: [409, 413],
  },
  'GET /api/communities/{code}/roster': {
    handler: 'read',
    tag: 'teams',
    summary: [
      '队员名册：每名队员的在队期间、类别、保险及是否重复在册；今日计入人数',
      "The team's roster: each member's days on the team, category, insurance and whether they are on another roster; today's counts",
    ],
    who: 'read',
    answers: { 200: rosterAnswer },
  },
  'POST /api/communities/{code}/roster': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '登记一名队员：同一手机号、同一姓名已在其他队伍计入的，记为重复在册、不计入本队',
      'Add a member: one with the same mobile and name already counted on another team is recorded as a duplicate, not counted here',
    ],
    who: 'write',
    body: membershipInputShape,
    answers: { 201: membershipView },
    also: [409],
  },
  'POST /api/communities/{code}/roster/{id}/end': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '队员离队：记录离队日期（记录保留）；若此人原计入本队，计数移交到其所在的另一队',
      'A member leaves: the day is recorded (the record stays); when the person counted here, the count passes to their other team',
    ],
    who: 'write',
    body: membershipEndShape,
    answers: { 200: membershipEndAnswer },
  },
  'POST /api/communities/{code}/roster/{id}/correct': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '更正在队队员的人员类别或意外伤害保险到期日（如每年续保）：计入情况不变，队伍重新判定',
      "Correct a current member's category or insured-through date (a yearly renewal, say): how they count stays, and the team is judged again",
    ],
    who: 'write',
    body: membershipCorrectionShape,
    answers: { 200: membershipView },
  },
  'POST /api/communities/{code}/roster/{id}/resolve': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '核实疑似重复：同一人则改为重复在册、不再计入本队；共用手机号的另一人则继续计入',
      'Resolve a possible duplicate: the same person is recorded as on another roster and no longer counted here; another person sharing the phone keeps counting',
    ],
    who: 'write',
    body: membershipResolveShape,
    answers: { 200: membershipView },
    also: [409],
  },
  'POST /api/communities/{code}/roster/{id}/erase': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '删除已离队队员的个人信息（姓名、手机号）：须写明原因，留痕（不留原值）；人数统计不变。在队队员须先办理离队',
      "Erase a departed member's personal data (name, mobile): a reason is required and recorded (never the values); every count stays. A current member must leave first",
    ],
    who: 'write',
    body: reasonBody,
    answers: { 200: membershipView },
    also: [409],
  },
  'GET /api/communities/{code}/events': {
    handler: 'read',
    tag: 'teams',
    summary: [
      '活动记录：培训、演练、出动、服务，各有参加的名册队员；一年的场次、人次、时长与每名队员的考勤',
      "The activity log: trainings, drills, call-outs and service, each with the roster members who took part; a year's events, attendances and hours, and each member's attendance",
    ],
    who: 'read',
    query: YEAR,
    answers: { 200: activityAnswer },
  },
  'POST /api/communities/{code}/events': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '记录一次活动（谁组织谁记录）：参加者须为当天在队的名册队员；队伍重新判定（演练次数、参训比例等规则读取活动记录）',
      'Record an event (who organises it records it): those who took part must be on the roster that day; the team is judged again (the drill and attendance rules read the log)',
    ],
    who: 'write',
    body: activityInputShape,
    answers: { 201: activityView },
    also: [409],
  },
  'POST /api/communities/{code}/events/{id}/withdraw': {
    handler: 'write',
    tag: 'teams',
    summary: [
      '撤销一条误录的活动记录：须写明原因，留痕；记录保留、不再计入，队伍重新判定',
      'Withdraw an event recorded by mistake: a reason is required and recorded; the record stays, no longer counted, and the team is judged again',
    ],
    who: 'write',
    body: reasonBody,
    answers: { 200: activityView },
    also: [409],
  },
  'POST /api/communities/{code}/team/phone': {
    handler: 'write',
    tag: 'teams',
    summary: [
      `查看队长完整电话：须写明原因，留痕；每人每小时最多 ${REVEALS_PER_HOUR} 次，超出 429（Retry-After 为到下一整点的秒数）`,
      `See the leader's full phone: a reason is required, and recorded; at most ${REVEALS_PER_HOUR} an hour a caller, then 429 (Retry-After: seconds to the next hour)`,
    ],
    who: 'read',
    body: reasonBody,
    answers: { 200: strict({ communityCode: code, phone: z.string(), revealedAt: instant }) },
    also: [429],
  },
  'POST /api/communities/{code}/team/personal-data/erase': {
    handler: 'write',
    tag: 'teams',
    summary: ['删除队长个人信息', "Erase the leader's personal data"],
    who: 'write',
    body: reasonBody,
    answers: { 200: teamAnswer },
    etag: true,
    also: [409],
  },
  'POST /api/counties/{code}/imports': {
    expensive: true,
    handler: 'write',
    tag: 'files',
    summary: [
      '导入县级模板（?dryRun=true 只预检）：写入检查通过的行，逐行说明',
      'Import the county template (?dryRun=true checks only): the rows that pass are written, each row reported',
    ],
    who: 'write',
    body: 'file',
    query: importQuery,
    headers: { 'Idempotency-Key': ['重复提交同一文件时返回同一结果', 'the same file sent again gets the same answer'] },
    answers: { 200: [importReport, 'xlsx'] },
    also: [409, 413],
  },
  'POST /api/counties/{code}/roster-imports': {
    expensive: true,
    handler: 'write',
    tag: 'files',
    summary: [
      '导入队员名册（模板的“队员名册”表，或 UTF-8/GBK 的 CSV；?dryRun=true 只预检）：逐行新增、更正、离队，每队一次写入，逐行说明',
      "Import a roster (the template's 队员名册 sheet, or a CSV in UTF-8 or GBK; ?dryRun=true checks only): members added, corrected or ended row by row, one write a team, each row reported",
    ],
    who: 'write',
    body: 'file',
    query: rosterImportQuery,
    headers: { 'Idempotency-Key': ['重复提交同一文件时返回同一结果', 'the same file sent again gets the same answer'] },
    answers: { 200: rosterImportReport },
    also: [409, 413],
  },
  'GET /api/recipients': {
    handler: 'read',
    tag: 'mail',
    summary: ['月报邮件收件人', 'Recipients of the monthly emails'],
    who: 'all',
    answers: {
      200: strict({
        recipients: z.array(
          strict({ scope: z.string(), emails: z.array(z.string()), updatedBy: z.string().optional(), updatedAt: instant.optional() }),
        ),
      }),
    },
  },
  'PUT /api/recipients/{scope}': {
    handler: 'write',
    tag: 'mail',
    summary: ['设置一个范围的收件人', "Set a scope's recipients"],
    who: 'ownOffice',
    body: recipientsBody,
    answers: { 200: strict({ scope: z.string(), emails: z.array(z.string()), updatedAt: instant, asOf: isoDate }) },
  },
  'GET /api/summaries/{month}': {
    handler: 'read',
    tag: 'mail',
    summary: ['某月月报邮件预览', "Preview a month's summary email"],
    who: 'read',
    query: z.object({
      scope: param(
        z.string(),
        '范围：province、city:4501、county:451026；缺省为调用者自己的范围',
        "scope: province, city:4501, county:451026; the caller's own by default",
      ),
    }),
    answers: { 200: strict({ scope: z.string(), subject: z.string(), text: z.string(), html: z.string(), figures }) },
  },
  'GET /api/registry/versions': {
    handler: 'read',
    tag: 'registry',
    summary: ['社区名录的版本', "The registry's versions"],
    who: 'all',
    answers: { 200: registryVersions },
  },
  'GET /api/registry/versions/{version}/changes': {
    handler: 'read',
    tag: 'registry',
    summary: ['名录一个版本的变更（市、县只见本区域的）', 'The changes of one registry version (a city or county sees those in its area)'],
    who: 'all',
    answers: { 200: registryVersionChanges },
  },
  'POST /api/registry/changes': {
    expensive: true,
    handler: 'write',
    tag: 'registry',
    summary: [
      '变更社区名录（撤并、新设、改名；?dryRun=true 只预检）',
      'Change the registry (merge, create, rename; ?dryRun=true checks only)',
    ],
    who: 'province',
    body: 'file-or-json',
    query: registryChangesQuery,
    answers: { 200: [registryPlan, 'xlsx'] },
    also: [409, 413],
  },
  'POST /api/registry/versions/{version}/resume': {
    handler: 'write',
    tag: 'registry',
    summary: ['继续应用中断的名录版本', 'Resume applying an interrupted registry version'],
    who: 'province',
    answers: { 200: registryResume },
    also: [409],
  },
  'GET /api/counties/{code}/annual/{year}': {
    handler: 'read',
    tag: 'annual',
    summary: ['县级年度总结', "A county's yearly summary"],
    who: 'read',
    answers: { 200: annualAnswer },
  },
  'PUT /api/counties/{code}/annual/{year}': {
    handler: 'write',
    tag: 'annual',
    summary: ['保存县级年度总结（If-Match）', "Save a county's yearly summary (If-Match)"],
    who: 'write',
    body: annualBody,
    headers: IF_MATCH,
    answers: { 200: annualAnswer },
    also: [409, 413],
  },
  'GET /api/cities/{code}/annual/{year}': {
    handler: 'read',
    tag: 'annual',
    summary: ['市级年度总结', "A city's yearly summary"],
    who: 'ownCity',
    answers: { 200: annualAnswer },
  },
  'PUT /api/cities/{code}/annual/{year}': {
    handler: 'write',
    tag: 'annual',
    summary: ['保存市级年度总结（If-Match）', "Save a city's yearly summary (If-Match)"],
    who: 'ownCity',
    body: annualBody,
    headers: IF_MATCH,
    answers: { 200: annualAnswer },
    also: [409, 413],
  },
  'GET /api/province/annual/{year}': {
    handler: 'read',
    tag: 'annual',
    summary: ['主管单位（全区、全省…）年度总结', "The root office's yearly summary (the whole area)"],
    who: 'province',
    answers: { 200: annualAnswer },
  },
  'PUT /api/province/annual/{year}': {
    handler: 'write',
    tag: 'annual',
    summary: ['保存主管单位年度总结（If-Match）', "Save the root office's yearly summary (If-Match)"],
    who: 'province',
    body: annualBody,
    headers: IF_MATCH,
    answers: { 200: annualAnswer },
    also: [409, 413],
  },
  'POST /api/campaigns': {
    handler: 'write',
    tag: 'verification',
    summary: ['发起抽查（督导检查）：按公开种子抽样', 'Open a verification campaign: a sample drawn from a published seed'],
    who: 'organisers',
    body: campaignShape,
    answers: { 201: campaigns.campaignView },
    also: [409],
  },
  'GET /api/campaigns': {
    handler: 'read',
    tag: 'verification',
    summary: ['抽查列表', 'Verification campaigns'],
    who: 'organisers',
    answers: { 200: campaigns.campaignList },
  },
  'GET /api/campaigns/{id}': {
    handler: 'read',
    tag: 'verification',
    summary: ['一次抽查及各县进度', "A campaign and each county's progress"],
    who: 'organisers',
    answers: { 200: campaigns.campaignView },
  },
  'PUT /api/campaigns/{id}/checks/{communityCode}': {
    handler: 'write',
    tag: 'verification',
    summary: ['记录一次核查（首次 201；更新 200，需 If-Match）', 'Record a check (201 first; 200 to update, If-Match)'],
    who: 'organiser',
    body: checkShape,
    headers: IF_MATCH,
    answers: { 200: campaigns.check, 201: campaigns.check },
    etag: true,
    also: [409],
  },
  'POST /api/campaigns/{id}/counties/{code}/checklist': {
    handler: 'write',
    tag: 'verification',
    summary: ['打开一县的核查清单（显示电话，留痕）', "Open a county's checklist (shows phones, recorded)"],
    who: 'organiser',
    answers: { 200: campaigns.checklist },
  },
  'GET /api/campaigns/{id}/results': {
    handler: 'read',
    tag: 'verification',
    summary: ['抽查结果：各县、市、全区的核实率与置信区间', 'Results: verified share with intervals by county, city and area'],
    who: 'organisers',
    answers: { 200: campaigns.results },
  },
  'GET /api/counties/{code}/discrepancies': {
    handler: 'read',
    tag: 'verification',
    summary: ['一县待答复的核查不符', "A county's discrepancies to answer"],
    who: 'read',
    answers: { 200: campaigns.discrepancies },
  },
  'POST /api/counties/{code}/discrepancies': {
    handler: 'write',
    tag: 'verification',
    summary: ['答复一处核查不符：已整改、有异议或销号', 'Answer a discrepancy: corrected, disputed or closed'],
    who: 'countyAnswers',
    body: answerBody,
    answers: { 200: campaigns.answer },
    also: [409],
  },
  'GET /api/campaigns/{id}/bulletin.xlsx': {
    expensive: true,
    handler: 'read',
    tag: 'verification',
    summary: ['抽查通报 Excel', 'The campaign bulletin as Excel'],
    who: 'organisers',
    answers: { 200: 'xlsx' },
  },
  'GET /api/campaigns/{id}/bulletin.html': {
    handler: 'read',
    tag: 'verification',
    summary: ['抽查通报（可打印网页）', 'The campaign bulletin as a printable page'],
    who: 'organisers',
    answers: { 200: 'html' },
  },
} satisfies Record<string, Operation>;

/** Every route, by its key ("GET /api/counties"). */
export const CONTRACT: Readonly<Record<string, Operation>> = OPERATIONS;

/** The route keys a handler serves: its dispatch table must name exactly these, or it does not compile. */
export type RouteKeysOf<H extends Operation['handler']> = {
  [K in keyof typeof OPERATIONS]: (typeof OPERATIONS)[K]['handler'] extends H ? K : never;
}[keyof typeof OPERATIONS];

/** A route's key ("GET /api/counties"). */
export type RouteKey = keyof typeof OPERATIONS;
type Ops = typeof OPERATIONS;
type Json<A> = A extends z.ZodType ? z.output<A> : A extends readonly [infer J extends z.ZodType, 'xlsx'] ? z.output<J> : never;

/** What a route answers as JSON (its 200, else its 201): the frontend's types come from here, not from copies. */
export type AnswerOf<K extends RouteKey> = Ops[K]['answers'] extends { 200: infer A }
  ? Json<A>
  : Ops[K]['answers'] extends { 201: infer A }
    ? Json<A>
    : never;

/** A route's query parameters, as the URL carries them (the schema's input; never when it takes none). */
export type QueryOf<K extends RouteKey> = Ops[K] extends { query: infer Q extends z.ZodObject } ? z.input<Q> : never;

/** The routes that answer with a file (a spreadsheet, a CSV, a page, or a dry run's checked copy). */
export type FileRouteKey = {
  [K in RouteKey]: Ops[K]['answers'] extends { 200: infer A }
    ? A extends 'xlsx' | 'csv' | 'html' | readonly [unknown, 'xlsx']
      ? K
      : never
    : never;
}[RouteKey];

/** What a route takes as a JSON body (the schema's input; never when it takes none, or only a file). */
export type BodyOf<K extends RouteKey> = Ops[K] extends { body: infer B extends z.ZodType } ? z.input<B> : never;

/** The routes that take an uploaded file (raw or multipart/form-data), alone or instead of JSON. */
export type FileBodyKey = { [K in RouteKey]: Ops[K] extends { body: 'file' | 'file-or-json' } ? K : never }[RouteKey];
