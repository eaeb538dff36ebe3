// A supervision campaign (督导检查) as data: its design (area, year, deadline, sample size, LQAS
// thresholds, published seed, the registry version it samples), each check an inspector records,
// what a check finds against what the county reported, and the campaign's results — every
// county classified, every estimate with its interval and the number of checks it rests on.
import * as z from 'zod';
import { inArea, type RootArea } from './area.js';
import { isIsoDate, type IsoDate } from './dates.js';
import { ValidationError } from './errors.js';
import { checkWith, fieldIssues, issueList } from './issues.js';
import { message } from './messages/index.js';
import { classify, decisionRule, stratifiedEstimate, wilson, type CountyClass, type DecisionRule } from './sampling.js';
import { MAX_COUNT } from './team.js';
import { MAX_ATTENDEES, MEMBERSHIP_ID } from './practices.js';
import { plainText } from './text.js';

export const DEFAULT_DESIGN = { sampleSize: 19, upper: 0.95, lower: 0.8 } as const;

/** A share between 0 and 1 (its label comes from the field's path). */
const share = () => z.number({ error: 'share.notFraction' }).gt(0, { error: 'share.notAboveZero' }).lt(1, { error: 'share.notBelowOne' });

/** The names of a campaign's and a check's fields, in both languages. */
const CAMPAIGN_LABELS: Record<string, { zh: string; en: string }> = {
  name: { zh: '检查名称', en: 'Campaign name' },
  year: { zh: '年度', en: 'The year' },
  area: { zh: '检查范围', en: 'The area' },
  deadline: { zh: '截止日期', en: 'The deadline' },
  sampleSize: { zh: '每县抽样数', en: 'The sample size per county' },
  method: { zh: '核查方式', en: 'The method' },
  teamExists: { zh: '队伍是否存在', en: 'Whether the team exists' },
  members: { zh: '实有队员人数', en: 'Members found' },
  rules: { zh: '规则核查结果', en: 'The rules checked' },
  note: { zh: '说明', en: 'Note' },
  evidence: { zh: '佐证材料编号', en: 'Evidence reference' },
  upper: { zh: '达标阈值', en: 'The pass threshold' },
  lower: { zh: '不达标阈值', en: 'The fail threshold' },
};
const campaignLabel = (path: string) => CAMPAIGN_LABELS[path] ?? path;

export const campaignShape = z
  .object({
    name: plainText(60),
    year: z
      .int({ error: 'campaign.year.notInteger' })
      .min(2021, { error: 'campaign.year.tooEarly' })
      .max(2099, { error: 'campaign.year.tooLate' }),
    /** The programme's root area, or a city (4 digits) under a province's: the counties it inspects (checked in parseCampaign). */
    area: z.string({ error: 'campaign.area.required' }).max(12),
    deadline: z.string({ error: 'campaign.deadline.required' }).refine(isIsoDate, { error: 'campaign.deadline.invalid' }),
    sampleSize: z
      .int({ error: 'campaign.sampleSize.notInteger' })
      .min(5, { error: 'campaign.sampleSize.tooSmall' })
      .max(60, { error: 'campaign.sampleSize.tooLarge' })
      .default(DEFAULT_DESIGN.sampleSize),
    upper: share().default(DEFAULT_DESIGN.upper),
    lower: share().default(DEFAULT_DESIGN.lower),
  })
  .strict()
  .refine((c) => c.upper > c.lower, { error: 'campaign.thresholds.order', path: ['upper'] })
  // The year's inspection ends in that year or early in the next (the figures it is compared with are the year's end).
  .refine((c) => c.deadline >= `${c.year}-01-01` && c.deadline <= `${c.year + 1}-03-31`, {
    error: 'campaign.deadline.window',
    path: ['deadline'],
  });
export type CampaignInput = z.infer<typeof campaignShape>;

/** Whether a campaign over `area` may be organised in the programme rooted at `root`: the root's own, or a city's under a province. */
export const campaignArea = (area: string, root: string) =>
  area === root || (root.length === 2 && /^\d{4}$/.test(area) && inArea(root, area));

export function parseCampaign(body: unknown, today: IsoDate, root: RootArea): CampaignInput {
  // An organiser who chose the seed could choose its sample.
  if (body && typeof body === 'object' && 'seed' in body)
    throw new ValidationError(message('campaign.seed.fixed'), [{ field: 'seed', message: message('campaign.seed.fixed.short') }]);
  const parsed = checkWith(campaignShape, body);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues, campaignLabel, 'body');
    throw new ValidationError(message('campaign.invalid', { issues: issueList(issues) }), issues);
  }
  if (!campaignArea(parsed.data.area, root.code)) {
    const refused = message('campaign.area.format', { area: root.code });
    throw new ValidationError(refused, [{ field: 'area', message: refused }]);
  }
  if (parsed.data.deadline < today)
    throw new ValidationError(message('campaign.deadline.past', { deadline: parsed.data.deadline }), [
      { field: 'deadline', message: message('campaign.deadline.past.short') },
    ]);
  return parsed.data;
}

export const METHODS = {
  phone: { zh: '电话联系队长', en: 'Reached the leader by phone' },
  visit: { zh: '实地查看', en: 'Visited on site' },
  unreachable: { zh: '联系不上', en: 'Unreachable' },
} as const;
export type CheckMethod = keyof typeof METHODS;

export interface CheckInput {
  method: CheckMethod;
  /** What the inspector found; absent when unreachable. */
  teamExists?: boolean;
  members?: number;
  /** Each rule of the standard: confirmed (true) or not (false). */
  rules?: Record<string, boolean>;
  /** The members of the team's roster the inspector met (membership ids), when the team has a roster. */
  met?: string[];
  note?: string;
  evidence?: string;
}

/** A check's body: its shape (the rules' ids are those of the standard it is judged under, see parseCheck). */
export const checkShape = z
  .object({
    method: z.enum(['phone', 'visit', 'unreachable'], { error: 'check.method.invalid' }),
    teamExists: z.boolean({ error: 'check.teamExists.yesNo' }).optional(),
    members: z
      .int({ error: 'check.members.notInteger' })
      .min(0, { error: 'check.members.negative' })
      .max(MAX_COUNT, { error: 'check.members.tooLarge' })
      .optional(),
    rules: z.record(z.string().max(40), z.boolean({ error: 'check.rule.yesNo' })).optional(),
    met: z
      .array(z.string().regex(MEMBERSHIP_ID, { error: 'check.met.invalid' }))
      .max(MAX_ATTENDEES, { error: 'check.met.tooMany' })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'check.met.repeated' })
      .optional(),
    note: plainText(200).optional(),
    evidence: plainText(200).optional(),
  })
  .strict();

/** A check as the inspector sends it, against the rules of the standard in force. */
export function parseCheck(body: unknown, ruleIds: string[]): CheckInput {
  const parsed = checkWith(checkShape, body);
  const issues = parsed.success ? [] : fieldIssues(parsed.error.issues, campaignLabel, 'body');
  // Unreachable is a finding too (it counts as not verified): it says how the inspector tried.
  if (parsed.success && parsed.data.method === 'unreachable' && !parsed.data.note)
    issues.push({ field: 'note', message: message('check.unreachable.note') });
  if (parsed.success && parsed.data.method !== 'unreachable') {
    const c = parsed.data;
    if (c.teamExists === undefined) issues.push({ field: 'teamExists', message: message('check.teamExists.required') });
    if (c.teamExists) {
      if (c.members === undefined) issues.push({ field: 'members', message: message('check.members.required') });
      for (const id of ruleIds)
        if (c.rules?.[id] === undefined) issues.push({ field: `rules.${id}`, message: message('check.rule.required', { id }) });
    }
  }
  // Whatever the method, only the rules of the standard the check is judged under may be named (an unreachable team confirms none).
  if (parsed.success)
    for (const id of Object.keys(parsed.data.rules ?? {}))
      if (!ruleIds.includes(id)) issues.push({ field: `rules.${id}`, message: message('check.rule.unknown', { id: id.slice(0, 40) }) });
  if (issues.length) throw new ValidationError(message('check.invalid', { issues: issueList(issues) }), issues);
  return parsed.data as CheckInput;
}

/** What the county reported for the community when the check was made. */
export interface Reported {
  exists: boolean;
  members: number;
  /** Rules the reported team fails (empty when it meets the standard). */
  failed: string[];
  /** The members its roster counted, in the roster's order (membership ids), when the team had one. */
  roster?: string[];
}

export interface Finding {
  field: string;
  /** Whether a team exists, its members, or whether a rule holds. */
  reported: boolean | number;
  found: boolean | number;
  /** For the roster: the places on it (1 = first) of the members the inspector did not meet; never a phone. */
  missing?: number[];
}

export type Outcome = 'confirmed' | 'discrepancy' | 'unreachable';

/**
 * What a check finds: confirmed (what was found is what was reported), a discrepancy (which fields,
 * reported vs found), or unreachable. `verified`: a team was found that meets every rule — what
 * the campaign's coverage counts (an unreachable team is not verified: the conservative reading).
 */
export function judgeCheck(
  check: CheckInput,
  reported: Reported,
  ruleIds: string[],
): { outcome: Outcome; findings: Finding[]; verified: boolean } {
  if (check.method === 'unreachable') return { outcome: 'unreachable', findings: [], verified: false };
  const findings: Finding[] = [];
  const exists = Boolean(check.teamExists);
  if (exists !== reported.exists) findings.push({ field: 'teamExists', reported: reported.exists, found: exists });
  if (exists && reported.exists) {
    if (check.members !== reported.members) findings.push({ field: 'members', reported: reported.members, found: check.members ?? 0 });
    // The members the inspector met, against the roster as reported: those not met named by their place on it.
    if (check.met && reported.roster?.length) {
      const met = new Set(check.met);
      const missing = reported.roster.flatMap((id, i) => (met.has(id) ? [] : [i + 1]));
      if (missing.length)
        findings.push({ field: 'roster', reported: reported.roster.length, found: reported.roster.length - missing.length, missing });
    }
    for (const id of ruleIds) {
      const said = !reported.failed.includes(id);
      const found = Boolean(check.rules?.[id]);
      if (said !== found) findings.push({ field: `rules.${id}`, reported: said, found });
    }
  }
  const verified = exists && ruleIds.every((id) => check.rules?.[id] === true);
  return { outcome: findings.length ? 'discrepancy' : 'confirmed', findings, verified };
}

/** A county's LQAS class in words (the bulletin's and the yearly summary's). */
export const CLASS_WORDS = { pass: '达标', fail: '未达标', incomplete: '样本未完成' } as const;

export interface CountyResult {
  code: string;
  /** The county's communities in the programme's scope (its weight), and its sample. */
  size: number;
  sampled: number;
  checked: number;
  verified: number;
  discrepancies: number;
  unreachable: number;
  class: CountyClass;
  /** Every community in scope was checked: the estimate is the county's exact share, with no interval. */
  census: boolean;
  estimate: { estimate: number; low: number; high: number };
  discrepancyRate: number | null;
}

/** The rule a county is judged by: the campaign's, or for a county with fewer communities than the sample size (all of them checked), the rule for that many. */
export function ruleFor(
  campaign: Pick<DecisionRule, 'n' | 'upper' | 'lower'> & Pick<DecisionRule, 'd'>,
  sampled: number,
): Pick<DecisionRule, 'n' | 'd'> {
  if (sampled >= campaign.n) return campaign;
  return sampled === 0 ? { n: 0, d: 0 } : decisionRule(sampled, campaign.upper, campaign.lower);
}

/** A county's result from its checks so far. */
export function countyResult(
  code: string,
  size: number,
  rule: Pick<DecisionRule, 'n' | 'd'>,
  checks: { outcome: Outcome; verified: boolean }[],
): CountyResult {
  const verified = checks.filter((c) => c.verified).length;
  const discrepancies = checks.filter((c) => c.outcome === 'discrepancy').length;
  const census = size > 0 && checks.length >= size;
  return {
    code,
    size,
    sampled: rule.n,
    checked: checks.length,
    verified,
    discrepancies,
    unreachable: checks.filter((c) => c.outcome === 'unreachable').length,
    // A county with no community to check (none in scope) is never classed.
    class: rule.n === 0 ? 'incomplete' : classify(rule, verified, checks.length),
    census,
    estimate: census ? { estimate: verified / size, low: verified / size, high: verified / size } : wilson(verified, checks.length),
    discrepancyRate: checks.length ? discrepancies / checks.length : null,
  };
}

/**
 * An area's verified coverage: the stratified estimate over its counties, and what it rests on.
 * Over a city's few counties the normal approximation runs narrow (and collapses to a point when
 * every check confirmed), so the interval is never narrower than the Wilson interval of the pooled
 * checks of the counties it uses.
 */
export function areaResult(counties: CountyResult[]) {
  const s = stratifiedEstimate(counties.map((c) => ({ size: c.size, checked: c.checked, confirmed: c.verified })));
  const used = counties.filter((c) => c.checked >= 2);
  if (!used.length) return s;
  const pooled = wilson(
    used.reduce((n, c) => n + c.verified, 0),
    used.reduce((n, c) => n + c.checked, 0),
  );
  return { ...s, low: Math.min(s.low, pooled.low), high: Math.max(s.high, pooled.high) };
}

export { decisionRule };

/** A campaign's progress over a month, as the monthly emails give it: each county's sample and checks made by the month's end. */
export interface CampaignProgress {
  name: string;
  area: string;
  deadline: string;
  counties: Record<string, { sampled: number; checked: number }>;
}

const pctText = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One campaign's progress in words over some counties (those the reader may see), or null when it covers none of them. */
export function progressLine(
  p: CampaignProgress,
  codes: string[],
  monthEnd: string,
  root: RootArea,
): { line: string; behind: { code: string; sampled: number; checked: number }[] } | null {
  const mine = codes.filter((c) => p.counties[c]).map((code) => ({ code, ...p.counties[code] }));
  if (!mine.length) return null;
  const sampled = mine.reduce((n, c) => n + c.sampled, 0);
  const checked = mine.reduce((n, c) => n + c.checked, 0);
  const done = mine.filter((c) => c.checked >= c.sampled).length;
  const overdue = monthEnd > p.deadline;
  const by = p.area === root.code ? `${root.words.organiser}组织` : '地级市组织';
  return {
    line: `${p.name}（${by}，截止 ${p.deadline}）：已核查 ${checked} / ${sampled} 个抽查社区，${done} 个县（市、区）已完成，${mine.length - done} 个${overdue ? '逾期' : ''}未完成。`,
    behind: mine
      .filter((c) => c.checked < c.sampled)
      .sort((a, b) => b.sampled - b.checked - (a.sampled - a.checked) || a.code.localeCompare(b.code)),
  };
}

/**
 * The yearly summary's verification paragraph from a campaign's results over the area: once its
 * deadline has passed (before, the county would learn how far its sample had got).
 */
export function verificationText(
  c: { name: string; deadline: string; ended: boolean },
  counties: CountyResult[],
  area: ReturnType<typeof areaResult>,
  county: boolean,
): string {
  if (!c.ended) return `${c.name}正在进行（截止 ${c.deadline}），核查结果截止后写入。`;
  // The checks the estimate rests on (counties with two or more); discrepancies over every check made.
  const checked = county ? counties[0].checked : area.checks;
  const made = counties.reduce((n, x) => n + x.checked, 0);
  const discrepancies = counties.reduce((n, x) => n + x.discrepancies, 0);
  const unreachable = counties.reduce((n, x) => n + x.unreachable, 0);
  const tail = `发现与报送不符 ${discrepancies} 个${made ? `（${pctText(discrepancies / made)}）` : ''}，联系不上 ${unreachable} 个。`;
  if (county) {
    const [x] = counties;
    if (!x.checked) return `${c.name}：本县（市、区）抽查 ${x.sampled} 个社区（村），未完成核查。`;
    const interval = x.census ? '（全部核查）' : `（95% 置信区间 ${pctText(x.estimate.low)}–${pctText(x.estimate.high)}）`;
    return `${c.name}：抽查本县（市、区）${x.checked} 个社区（村），核实达标 ${x.verified} 个，核实覆盖率 ${pctText(x.estimate.estimate)}${interval}，判定：${CLASS_WORDS[x.class]}；${tail}`;
  }
  const count = (k: CountyResult['class']) => counties.filter((x) => x.class === k).length;
  return (
    `${c.name}：抽查 ${area.counties} 个县（市、区）的 ${checked} 个社区（村），核实覆盖率 ${pctText(area.estimate)}（95% 置信区间 ${pctText(area.low)}–${pctText(area.high)}，所核县占社区 ${pctText(area.coveredShare)}）；` +
    `判定达标 ${count('pass')} 个县（市、区），未达标 ${count('fail')} 个，样本未完成 ${count('incomplete')} 个；${tail}`
  );
}
