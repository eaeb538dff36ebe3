// Composes the monthly summary emails (zh-CN, HTML and plain text): one for the province, one per
// city, one per county. Pure: the figures come in, the messages come out.
import { sumTallies, yearOf, type PracticeTally } from './practices.js';
import { progressLine, type CampaignProgress } from './campaign.js';
import { addMonthsToMonth, monthEnd, type IsoDate, type IsoMonth } from './dates.js';
import { areaFigures, type Figures } from './figures.js';
import { STATUS_WORDS } from './milestones.js';
import type { Programme } from './programme.js';
import { REPORT_WORDS, type ReportStatus } from './reporting.js';
import { ruleTitle, type FailedRule } from './rules.js';
import { sumFigures, type AreaFigures } from './snapshot.js';
import { sumRosterSummaries, type RosterSummary } from './roster-counts.js';

export interface CountyMonth {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  now: AreaFigures;
  previous?: AreaFigures;
  threeBack?: AreaFigures;
  /** How the county reported that month (untracked before reporting began). */
  report?: ReportStatus;
}

export interface DriftReport {
  counties: number;
  /** Counties whose aggregate disagreed with a recount (and was corrected). */
  corrected: { countyCode: string; fields: string[] }[];
}

export interface SummaryInput {
  programme: Programme;
  month: IsoMonth;
  counties: CountyMonth[];
  /** The reconciliation run before sending; null in a preview, which does not reconcile. */
  drift: DriftReport | null;
  demo: boolean;
  /** The registry version in force at the month's end: its number, source, and each county's units (in scope or not). */
  registry?: { version: number; source: string; simulated: boolean; communities: Record<string, number> } | null;
  /** Supervision campaigns open during the month, with checks made by its end (the province's and cities' emails). */
  campaigns?: CampaignProgress[];
  /** Each county's open 核查发现问题 raised by the month's end (the county's email: its answers are due). */
  findings?: Record<string, number>;
  /** Each county's rosters as the summary is composed (`at`, Asia/Shanghai): a month's record keeps none. */
  rosters?: { at: string; byCounty: Record<string, RosterSummary>; practices?: Record<string, PracticeTally> };
}

/** What the coverage is divided by, and the registry beside it, where the two differ. */
function denominators(input: SummaryInput, list: CountyMonth[], f: Figures, planned?: number): string[] {
  const r = input.registry;
  if (!r) return planned === undefined ? [] : [`计划口径社区（村）数 ${planned}，名册 ${f.communities}。`];
  const all = list.reduce((n, c) => n + (r.communities[c.code] ?? c.now.communities), 0);
  const parts = [`达标率以方案范围内的 ${f.communities} 个社区（村）为分母`];
  if (planned !== undefined && planned !== f.communities) parts.push(`计划口径 ${planned} 个`);
  if (all !== f.communities) parts.push(`名录共 ${all} 个`);
  return [`${parts.join('，')}（名录第 ${r.version} 版，${r.source}${r.simulated ? '，范围按模拟规则划定' : ''}）。`];
}

/**
 * What a county's email lists beyond its figures: its teams as they stood at the end of the month
 * (the same instant as the headline), judged as of its last day. `simulated`: a month of the demo's
 * told past, whose teams cannot be rebuilt, so no list is given.
 */
export interface CountyLists {
  asOf: IsoDate;
  simulated?: boolean;
  townships: { code: string; name: string; figures: AreaFigures }[];
  gaps: { code: string; name: string; townshipName: string; teamName: string | null; failed: Pick<FailedRule, 'ruleId' | 'message'>[] }[];
  lapsingNextMonth: { code: string; name: string; teamName: string; holdsUntil: IsoDate; reasons: string[] }[];
}

export interface Summary {
  scope: string;
  subject: string;
  text: string;
  html: string;
  /** The headline figures, as the API gives them for the same month. */
  figures: Figures;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));
const monthZh = (m: IsoMonth) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Text for the plain-text part: no value can start a line of its own (a name with a line break
 * could forge a section, a notice with an address), nor hide text with direction overrides.
 */
export function plainLine(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ');
}

type Cell = string | number;
interface Block {
  title: string;
  head?: string[];
  rows?: Cell[][];
  lines?: string[];
  note?: string;
}

function render(title: string, intro: string[], blocks: Block[], demo: boolean) {
  const cells = (r: Cell[]) => r.map((c) => plainLine(String(c))).join(' | ');
  const text = [
    plainLine(title),
    '='.repeat(20),
    ...(demo ? ['【模拟演示数据】本邮件数字由程序生成，仅供演示。', ''] : []),
    ...intro.map(plainLine),
    '',
    ...blocks.flatMap((b) => [
      `■ ${plainLine(b.title)}`,
      ...(b.lines ?? []).map(plainLine),
      ...(b.head ? [cells(b.head)] : []),
      ...(b.rows ?? []).map(cells),
      ...(b.note ? [plainLine(b.note)] : []),
      '',
    ]),
    '此邮件由社区响应队建设进度系统自动发送。',
  ].join('\n');
  const th = 'style="text-align:left;padding:4px 8px;border-bottom:2px solid #999;background:#f2f2f2"';
  const td = 'style="padding:4px 8px;border-bottom:1px solid #ddd"';
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:16px;font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#222;background:#fff">
<h1 style="font-size:20px;color:#9f1c1c;margin:0 0 12px">${escapeHtml(title)}</h1>
${demo ? '<p style="background:#fff4ce;border:1px solid #e0c060;padding:6px 10px">【模拟演示数据】本邮件数字由程序生成，仅供演示。</p>' : ''}
${intro.map((l) => `<p style="margin:4px 0">${escapeHtml(l)}</p>`).join('\n')}
${blocks
  .map(
    (b) => `<h2 style="font-size:16px;margin:18px 0 6px">${escapeHtml(b.title)}</h2>
${(b.lines ?? []).map((l) => `<p style="margin:2px 0">${escapeHtml(l)}</p>`).join('')}
${
  b.head
    ? `<table style="border-collapse:collapse;font-size:13px" cellpadding="0" cellspacing="0"><tr>${b.head.map((h) => `<th ${th}>${escapeHtml(h)}</th>`).join('')}</tr>
${(b.rows ?? []).map((r) => `<tr>${r.map((c) => `<td ${td}>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('\n')}</table>`
    : ''
}
${b.note ? `<p style="color:#666;font-size:12px">${escapeHtml(b.note)}</p>` : ''}`,
  )
  .join('\n')}
<p style="color:#888;font-size:12px;margin-top:24px">此邮件由社区响应队建设进度系统自动发送。</p>
</body></html>`;
  return { text, html };
}

function headline(f: Figures, label: string): string[] {
  const m = f.milestone;
  const change = `本月净增达标 ${signed(f.changeThisMonth)}`;
  const recent = `近三个月月均净增达标 ${f.recentPacePerMonth === null ? '—' : f.recentPacePerMonth.toFixed(1)} 个`;
  const first = `${label}：${f.communities} 个社区（村），已建队 ${f.teamsRegistered} 支，达标 ${f.teamsMeetingStandard} 支，达标覆盖率 ${pct(f.coverage)}。`;
  if (m.mode === 'maintenance') {
    // The years after the plan: keeping the year-end target, not reaching a milestone.
    return [
      first,
      `${change}；巩固目标：${m.target.due} 年底达标覆盖率不低于 ${pct(m.target.target)}，${m.decided ? (m.gap === 0 ? '已完成' : `未完成，差 ${m.gap} 个社区`) : m.gap === 0 ? `目前高于目标 ${f.teamsMeetingStandard - m.targetCommunities} 个社区` : `目前差 ${m.gap} 个社区`}，状态：${STATUS_WORDS[m.status].zh}。`,
      `${recent}。`,
    ];
  }
  return [
    first,
    m.decided
      ? `${change}；${m.target.due} 截止的目标 ${pct(m.target.target)}：${m.gap === 0 ? '已完成' : `未完成，差 ${m.gap} 个社区`}，状态：${STATUS_WORDS[m.status].zh}。`
      : `${change}；当前目标 ${pct(m.target.target)}（${m.target.due} 截止），状态：${STATUS_WORDS[m.status].zh}。`,
    m.decided ? `${recent}。` : `距目标还需 ${m.gap} 个社区达标；所需月均 ${m.pacePerMonthNeeded!.toFixed(1)} 个，${recent}。`,
  ];
}

const COUNTER_WORDS: Record<string, string> = { teamsRegistered: '已建队数', teamsMeetingStandard: '达标队数', members: '队员数' };
/** A corrected counter in words: 已建队数, or 未达标原因“…”队伍数 for a rule's failures. */
const fieldWords = (input: SummaryInput, field: string) =>
  COUNTER_WORDS[field] ?? (field.startsWith('fail_') ? `“${ruleTitle(input.programme.ruleSet, field.slice(5)).zh}”未达标队伍数` : field);

/** Teams failing each rule of the standard in force (and any rule of an earlier version still counted), by the standard's own titles. */
function failureBlock(input: SummaryInput, f: Figures): Block {
  const ruleSet = input.programme.ruleSet;
  const ids = [...ruleSet.rules.map((r) => r.id), ...Object.keys(f.failures).filter((id) => !ruleSet.rules.some((r) => r.id === id))];
  return {
    title: `未达标原因（支队伍；标准：${ruleSet.title.zh}，第 ${ruleSet.version} 版）`,
    head: ['规则', '队伍数'],
    rows: ids.map((id) => [ruleTitle(ruleSet, id).zh, f.failures[id] ?? 0]),
  };
}

/**
 * The rosters of an area's counties: how far named rosters have replaced typed counts, and the duplicates that
 * stand, as of the sending (not the month's end), with the counties that have unresolved 疑似重复 (`listed`: at most
 * this many, most first; 0 for a county's own email). Names and phones never: only counts.
 */
function rosterBlocks(input: SummaryInput, list: CountyMonth[], listed: number): Block[] {
  if (!input.rosters) return [];
  const of = (code: string) => input.rosters!.byCounty[code];
  const r = sumRosterSummaries(list.flatMap((c) => (of(c.code) ? [of(c.code)] : [])));
  if (r.teams === 0) return [];
  // the month's year (a December sent in January counts December's year), as the log stands at the sending
  const year = input.month.slice(0, 4);
  const practices = yearOf(sumTallies(list.map((c) => input.rosters!.practices?.[c.code] ?? {})), year);
  const suspected = list
    .filter((c) => (of(c.code)?.suspected ?? 0) > 0)
    .sort((a, b) => of(b.code).suspected - of(a.code).suspected || a.code.localeCompare(b.code))
    .slice(0, listed);
  return [
    {
      title: `队员名册（截至 ${input.rosters.at}，为发送时的情况，非月末数）`,
      lines: [
        `有队员名册的队伍 ${r.withRoster} / ${r.teams} 支；名册计入 ${r.onRosters} 人，其余队伍为自报人数（无名册）${r.typed} 人。`,
        `重复在册 ${r.duplicates} 人（已计入其他队伍，不重复计数）；疑似重复 ${r.suspected} 人待县级核实；未查重（无手机号）${r.unchecked} 人。`,
        `${year} 年培训演练（活动记录）${practices.events} 场、${practices.people} 人次。`,
      ],
      ...(suspected.length
        ? {
            head: ['县（市、区）', '疑似重复（待核实）', '有名册队伍'],
            rows: suspected.map((c) => [`${c.cityName}${c.name}`, of(c.code).suspected, `${of(c.code).withRoster} / ${of(c.code).teams}`]),
          }
        : {}),
    },
  ];
}

function countyRows(list: (CountyMonth & { f: Figures })[]): Cell[][] {
  return list.map((c) => [
    `${c.cityName}${c.name}`,
    pct(c.f.coverage),
    signed(c.f.changeThisMonth),
    c.f.milestone.gap,
    STATUS_WORDS[c.f.milestone.status].zh,
  ]);
}

function withFigures(input: SummaryInput, list: CountyMonth[]) {
  const asOf = monthEnd(input.month);
  return list.map((c) => ({ ...c, f: areaFigures(input.programme, c.now, asOf, c.previous, c.threeBack, true) }));
}

function areaTotal(input: SummaryInput, list: CountyMonth[]): Figures {
  const all = (pick: (c: CountyMonth) => AreaFigures | undefined) =>
    list.every((c) => pick(c)) ? sumFigures(list.map((c) => pick(c)!)) : undefined;
  return areaFigures(
    input.programme,
    sumFigures(list.map((c) => c.now)),
    monthEnd(input.month),
    all((c) => c.previous),
    all((c) => c.threeBack),
    true,
  );
}

/** Monthly reporting over a list of counties: the counts by status, and who was late or did not report. Nothing before reporting was tracked. */
function reportingBlocks(input: SummaryInput, list: CountyMonth[]): Block[] {
  const tracked = list.filter((c) => c.report && c.report !== 'untracked');
  if (!tracked.length) return [];
  const count = (s: ReportStatus) => tracked.filter((c) => c.report === s).length;
  const deadline = input.programme.reporting ? `每月 ${input.programme.reporting.deadlineDay} 日 24:00 前` : '';
  const missed = tracked.filter((c) => c.report === 'overdue' || c.report === 'late');
  return [
    {
      title: `月度报送（${deadline}报送或确认本月无变化）`,
      lines: [
        `按期报送 ${count('reported')} 个，确认无变化 ${count('confirmed')} 个，逾期报送 ${count('late')} 个，逾期未报 ${count('overdue')} 个（共 ${tracked.length} 个县（市、区））。`,
      ],
      ...(missed.length
        ? { head: ['县（市、区）', '报送情况'], rows: missed.map((c) => [`${c.cityName}${c.name}`, REPORT_WORDS[c.report!].zh]) }
        : {}),
    },
  ];
}

/** 督导检查 progress over a list of counties, each open campaign that covers them; the counties furthest behind named. */
function campaignBlocks(input: SummaryInput, list: CountyMonth[], n: number): Block[] {
  const names = new Map(list.map((c) => [c.code, `${c.cityName}${c.name}`]));
  return (input.campaigns ?? []).flatMap((p) => {
    const progress = progressLine(
      p,
      list.map((c) => c.code),
      monthEnd(input.month),
      input.programme.area,
    );
    if (!progress) return [];
    const behind = progress.behind.slice(0, n);
    return [
      {
        title: '督导检查进度',
        lines: [progress.line],
        ...(behind.length
          ? { head: ['县（市、区）', '已核查', '抽查数'], rows: behind.map((b) => [names.get(b.code) ?? b.code, b.checked, b.sampled]) }
          : {}),
        ...(progress.behind.length > behind.length
          ? { note: `另有 ${progress.behind.length - behind.length} 个县（市、区）未完成。` }
          : {}),
      },
    ];
  });
}

/** Counties furthest behind (largest gap) and those that moved most this month. */
function laggardsAndMovers(counties: (CountyMonth & { f: Figures })[], n: number): Block[] {
  const behind = [...counties]
    .sort((a, b) => b.f.milestone.gap - a.f.milestone.gap || a.f.coverage - b.f.coverage || a.code.localeCompare(b.code))
    .slice(0, n);
  const movers = [...counties]
    .sort((a, b) => (b.f.changeThisMonth ?? 0) - (a.f.changeThisMonth ?? 0) || a.code.localeCompare(b.code))
    .slice(0, n);
  const head = ['县（市、区）', '覆盖率', '本月净增', '缺口', '状态'];
  return [
    { title: `距目标最远的 ${behind.length} 个县（市、区）`, head, rows: countyRows(behind) },
    { title: `本月进展最多的 ${movers.length} 个县（市、区）`, head, rows: countyRows(movers) },
  ];
}

export function composeProvince(input: SummaryInput): Summary {
  const counties = withFigures(input, input.counties);
  const total = areaTotal(input, input.counties);
  const cityCodes = [...new Set(input.counties.map((c) => c.cityCode))].sort();
  const cities = cityCodes
    .map((code) => {
      const list = input.counties.filter((c) => c.cityCode === code);
      return { name: list[0].cityName, f: areaTotal(input, list) };
    })
    .sort((a, b) => b.f.coverage - a.f.coverage);
  const drift = !input.drift
    ? '本预览未做数据核对；正式发送前，系统会逐支队伍重新统计，核对各县（市、区）汇总数。'
    : input.drift.corrected.length === 0
      ? `已逐支队伍重新统计，${input.drift.counties} 个县（市、区）的汇总数全部相符。`
      : `已逐支队伍重新统计，${input.drift.corrected.length} 个县（市、区）的汇总数与之不符，已按逐支队伍统计的结果更正：${input.drift.corrected.map((d) => `${d.countyCode}（${d.fields.map((f) => fieldWords(input, f)).join('、')}）`).join('；')}。`;
  const title = `社区响应队建设月报 · ${monthZh(input.month)} · ${input.programme.area.name}`;
  const { text, html } = render(
    title,
    [
      ...headline(total, input.programme.area.words.whole),
      ...denominators(input, input.counties, total, input.programme.plannedCommunities),
    ],
    [
      {
        title: '各地级市',
        head: ['地级市', '覆盖率', '本月净增', '缺口', '状态'],
        rows: cities.map((c) => [
          c.name,
          pct(c.f.coverage),
          signed(c.f.changeThisMonth),
          c.f.milestone.gap,
          STATUS_WORDS[c.f.milestone.status].zh,
        ]),
      },
      ...laggardsAndMovers(counties, 10),
      ...reportingBlocks(input, input.counties),
      ...campaignBlocks(input, input.counties, 10),
      ...rosterBlocks(input, input.counties, 10),
      failureBlock(input, total),
      { title: '数据核对', lines: [drift] },
    ],
    input.demo,
  );
  return {
    scope: 'province',
    subject: `【社区响应队月报】${monthZh(input.month)} ${input.programme.area.words.whole}达标覆盖率 ${pct(total.coverage)}（目标 ${pct(total.milestone.target.target)}）`,
    text,
    html,
    figures: total,
  };
}

export function composeCity(input: SummaryInput, cityCode: string): Summary {
  const list = input.counties.filter((c) => c.cityCode === cityCode);
  if (list.length === 0) throw new Error(`no counties in city ${cityCode}`);
  const counties = withFigures(input, list);
  const total = areaTotal(input, list);
  const cityName = list[0].cityName;
  const title = `社区响应队建设月报 · ${monthZh(input.month)} · ${cityName}`;
  const ranked = [...counties].sort((a, b) => b.f.coverage - a.f.coverage || a.code.localeCompare(b.code));
  const { text, html } = render(
    title,
    [...headline(total, cityName), ...denominators(input, list, total)],
    [
      { title: '各县（市、区）', head: ['县（市、区）', '覆盖率', '本月净增', '缺口', '状态'], rows: countyRows(ranked) },
      ...laggardsAndMovers(counties, Math.min(10, counties.length)).slice(0, 1),
      ...reportingBlocks(input, list),
      ...campaignBlocks(input, list, list.length),
      ...rosterBlocks(input, list, list.length),
      failureBlock(input, total),
    ],
    input.demo,
  );
  return {
    scope: `city:${cityCode}`,
    subject: `【社区响应队月报】${monthZh(input.month)} ${cityName}达标覆盖率 ${pct(total.coverage)}`,
    text,
    html,
    figures: total,
  };
}

export function composeCounty(input: SummaryInput, countyCode: string, lists: CountyLists): Summary {
  const county = input.counties.find((c) => c.code === countyCode);
  if (!county) throw new Error(`no county ${countyCode}`);
  const [c] = withFigures(input, [county]);
  const name = `${county.cityName}${county.name}`;
  const title = `社区响应队建设月报 · ${monthZh(input.month)} · ${name}`;
  const at = `截至 ${lists.asOf} 24:00`;
  const late = county.report === 'overdue' || county.report === 'late';
  const reported =
    county.report && county.report !== 'untracked'
      ? [
          `本月报送：${REPORT_WORDS[county.report].zh}。${late ? `请于每月 ${input.programme.reporting?.deadlineDay ?? 25} 日 24:00 前报送队伍变化，或在系统中确认本月无变化。` : ''}`,
        ]
      : [];
  const { text, html } = render(
    title,
    [...headline(c.f, name), ...denominators(input, [county], c.f), ...reported],
    [
      ...(lists.simulated
        ? [{ title: '各乡镇（街道）与社区（村）名单', lines: ['该月为模拟演示数据的历史月份，数字由模拟情景给出，名单无法按月末重建。'] }]
        : [
            {
              title: `各乡镇（街道）（${at}）`,
              head: ['乡镇（街道）', '社区（村）', '已建队', '达标', '覆盖率'],
              rows: lists.townships.map((t) => [
                t.name,
                t.figures.communities,
                t.figures.counters.teamsRegistered,
                t.figures.counters.teamsMeetingStandard,
                pct(t.figures.communities ? t.figures.counters.teamsMeetingStandard / t.figures.communities : 0),
              ]),
            },
            {
              title: `尚未建队或未达标的社区（村）：${lists.gaps.length} 个（${at}）`,
              head: ['社区（村）', '乡镇（街道）', '队伍', '原因'],
              rows: lists.gaps.map((g) => [
                g.name,
                g.townshipName,
                g.teamName ?? '未建队',
                g.teamName ? g.failed.map((f) => f.message.zh).join('；') : '尚未登记响应队',
              ]),
            },
            {
              title: `${monthZh(addMonthsToMonth(input.month, 1))}到期、将不再达标的队伍：${lists.lapsingNextMonth.length} 支（按${at}的状态）`,
              head: ['社区（村）', '队伍', '达标至', '原因'],
              rows: lists.lapsingNextMonth.map((l) => [l.name, l.teamName, l.holdsUntil, l.reasons.join('、')]),
              note: lists.lapsingNextMonth.length ? '请在到期前续保或组织培训演练。' : undefined,
            },
          ]),
      // A county sees no sample: only what the checks found in it, to answer.
      ...(input.findings?.[countyCode]
        ? [
            {
              title: `核查发现问题：${input.findings[countyCode]} 个尚未销号（${lists.asOf} 24:00）`,
              lines: [
                '督导检查发现这些社区（村）的队伍与报送情况不符。尚未答复的，请在系统“核查发现问题”中逐条整改（修改队伍）或说明异议；已答复的，等待核查单位销号。',
              ],
            },
          ]
        : []),
      ...rosterBlocks(input, [county], 0),
      failureBlock(input, c.f),
    ],
    input.demo,
  );
  return {
    scope: `county:${countyCode}`,
    subject: `【社区响应队月报】${monthZh(input.month)} ${name}达标覆盖率 ${pct(c.f.coverage)}`,
    text,
    html,
    figures: c.f,
  };
}

/** The reminder a county gets before the deadline when it has not reported this month: short, with the two ways to report. */
export function composeReminder(input: {
  countyCode: string;
  countyName: string;
  cityName: string;
  month: IsoMonth;
  deadline: IsoDate;
  demo: boolean;
  /** The programme's root office, as the note names it (自治区). */
  organiser: string;
}): Pick<Summary, 'scope' | 'subject' | 'text' | 'html'> {
  const name = `${input.cityName}${input.countyName}`;
  const title = `社区响应队月度报送提醒 · ${monthZh(input.month)} · ${name}`;
  const { text, html } = render(
    title,
    [`${name}${monthZh(input.month)}尚未报送社区响应队变化，截止时间为 ${input.deadline} 24:00。`],
    [
      {
        title: '如何报送',
        lines: ['有变化：在系统中修改或导入队伍（下载本县队伍表，更新后导入）。', '无变化：在本县页面点击“本月无变化，确认报送”。'],
        note: `逾期未报的县（市、区）将列入${input.organiser}和地级市月报。`,
      },
    ],
    input.demo,
  );
  return {
    scope: `county:${input.countyCode}`,
    subject: `【社区响应队】${monthZh(input.month)}月度报送提醒：${input.deadline} 24:00 截止`,
    text,
    html,
  };
}
