// 通报: a campaign's results as the office circulates them — counties ranked by verified coverage,
// those to commend and those to rectify, the method in one paragraph — as table rows (for the XLSX)
// and as a printable HTML page. Pure: the results and names come in.
import { CLASS_WORDS, type CountyResult } from './campaign.js';
import type { DecisionRule } from './sampling.js';
import { escapeHtml } from './summary.js';

export interface BulletinInput {
  name: string;
  year: number;
  /** Null while the campaign is open and the reader is not its organiser: then only its SHA-256. */
  seed: string | null;
  seedHash: string;
  /** Open, or some county's sample unfinished: the bulletin is marked interim. */
  interim: boolean;
  registryVersion: number;
  rule: DecisionRule;
  counties: (CountyResult & { name: string; cityName: string; reportedCoverage: number })[];
  /** When the reported coverage beside the verified one stands: the campaign year's end once it has ended, else today. */
  reportedAsOf: string;
  area: { name: string; estimate: number; low: number; high: number; checks: number; counties: number; coveredShare: number };
  /** The programme's whole area as its documents say it (全区): the method names its estimate. */
  whole: string;
  /** How many to commend at most (the plan's 十佳). */
  commend?: number;
  demo?: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const BULLETIN_COLUMNS = [
  '排名',
  '地级市',
  '县（市、区）',
  '抽查数',
  '已核查',
  '核实达标',
  '核实覆盖率',
  '95%区间下限',
  '95%区间上限',
  '判定',
  '报送覆盖率',
  '差异率',
];

/** The columns that hold shares (0..1), shown as percentages. */
const SHARE_COLUMNS = new Set([6, 7, 8, 10, 11]);
const share = (x: number) => Math.round(x * 10000) / 10000;

export function bulletin(input: BulletinInput) {
  // Ranked by verified coverage; at a tie, by the lower end of the interval (more checks, more weight), then by checks.
  // A county not yet checked is listed last, with no figure.
  const ranked = [...input.counties].sort(
    (a, b) =>
      Number(b.checked > 0) - Number(a.checked > 0) ||
      b.estimate.estimate - a.estimate.estimate ||
      b.estimate.low - a.estimate.low ||
      b.checked - a.checked ||
      a.code.localeCompare(b.code),
  );
  const rows = ranked.map((c, i) => [
    c.checked ? i + 1 : null,
    c.cityName,
    c.name,
    c.sampled,
    c.checked,
    c.verified,
    c.checked ? share(c.estimate.estimate) : null,
    c.checked ? share(c.estimate.low) : null,
    c.checked ? share(c.estimate.high) : null,
    CLASS_WORDS[c.class],
    share(c.reportedCoverage),
    c.discrepancyRate === null ? null : share(c.discrepancyRate),
  ]);
  const commend = ranked.filter((c) => c.class === 'pass').slice(0, input.commend ?? 10);
  const rectify = ranked.filter((c) => c.class === 'fail');
  // A sample left unfinished is judged neither way; it is named, not passed over.
  const unfinished = ranked.filter((c) => c.class === 'incomplete' && c.sampled > 0);
  const { n, d, upper, lower, alpha, beta } = input.rule;
  const seed = input.seed ? `以随机种子“${input.seed}”` : `以系统抽取的随机种子（截止后公布；其 SHA-256 为 ${input.seedHash}）`;
  const method =
    `本次检查在各县（市、区）按名录第 ${input.registryVersion} 版方案范围内的社区（村），${seed}抽取 ${n} 个（按 SHA-256（种子:名录版本:社区代码）排序取前 ${n} 个，任何人可据此复核），逐一电话联系队长或实地查看。` +
    `达标判定采用批质量保证抽样（LQAS）：${n} 个中核实达标不少于 ${d} 个的判为达标；一个县实际覆盖率为 ${pct(upper)} 时被误判为未达标的概率为 ${pct(alpha)}，实际覆盖率仅 ${pct(lower)} 时被误判为达标的概率为 ${pct(beta)}（二项分布精确计算）。` +
    `联系不上的按未核实计。县级核实覆盖率给出 Wilson 95% 置信区间；${input.whole}和各市按各县社区数加权分层估计，并给出 95% 置信区间（只计已核查 2 个以上社区的县；县数少的市按正态近似的区间偏窄，故取不窄于其全部核查合并计算的 Wilson 区间，仅供参考）。` +
    `按上述判定规则，实际达标的县也有 ${pct(alpha)} 的可能被列入整改，请结合复查确认。`;
  const headline = `${input.area.name}核实覆盖率 ${pct(input.area.estimate)}（95% 置信区间 ${pct(input.area.low)}–${pct(input.area.high)}，依据 ${input.area.counties} 个县（市、区）的 ${input.area.checks} 次核查，这些县占${input.area.name}社区（村）的 ${pct(input.area.coveredShare)}）。`;
  const title = `${input.name}情况通报${input.interim ? '（中期）' : ''}`;
  const cell = (v: string | number | null, column: number) =>
    v === null ? '—' : typeof v === 'number' && SHARE_COLUMNS.has(column) ? pct(v) : String(v);
  const table = (head: string[], body: (string | number | null)[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((v, i) => `<td>${escapeHtml(cell(v, i))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:60rem;margin:2rem auto;line-height:1.7;color:#111}h1{text-align:center;color:#9f1c1c}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #999;padding:.2rem .4rem;text-align:center}@media print{body{margin:0}}</style></head><body>
<h1>${escapeHtml(title)}</h1>
${input.demo ? '<p><strong>模拟演示数据</strong>：本通报由模拟数据生成，不反映任何地方的真实情况。</p>' : ''}
${input.interim ? '<p><strong>中期通报</strong>：检查尚未截止或仍有县（市、区）样本未完成，数字会随核查变化。</p>' : ''}
<p>${escapeHtml(headline)}</p>
<h2>一、通报表扬</h2><p>${commend.length ? escapeHtml(commend.map((c) => `${c.cityName}${c.name}（${pct(c.estimate.estimate)}）`).join('、')) : '本次无判定达标的县（市、区）。'}</p>
<h2>二、限期整改</h2><p>${rectify.length ? escapeHtml(rectify.map((c) => `${c.cityName}${c.name}（${pct(c.estimate.estimate)}）`).join('、')) : '本次无判定未达标的县（市、区）。'}</p>
<h2>三、核查未完成</h2><p>${unfinished.length ? escapeHtml(`以下县（市、区）样本未完成核查，未作判定：${unfinished.map((c) => `${c.cityName}${c.name}（${c.checked}/${c.sampled}）`).join('、')}。`) : '各县（市、区）样本均已完成核查。'}</p>
<h2>四、各县（市、区）核查结果</h2>${table(BULLETIN_COLUMNS, rows)}<p>报送覆盖率为${escapeHtml(input.reportedAsOf)}各县报送的达标覆盖率。</p>
<h2>五、方法说明</h2><p>${escapeHtml(method)}</p>
</body></html>`;
  return {
    title,
    headline,
    rows,
    commend: commend.map((c) => c.code),
    rectify: rectify.map((c) => c.code),
    unfinished: unfinished.map((c) => c.code),
    method,
    html,
  };
}
