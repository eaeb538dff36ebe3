// 通报: a campaign's results as the office circulates them. The order, the rows, the lists and the
// text are the document: each is checked as it is printed.
import { describe, expect, it } from 'vitest';
import { BULLETIN_COLUMNS, type BulletinInput, bulletin } from '#core/bulletin.js';
import type { CountyResult } from '#core/campaign.js';

const rule = { n: 19, d: 16, upper: 0.95, lower: 0.8, alpha: 0.0755, beta: 0.1329 };

/** A county's result as the bulletin reads it (written out, so each tie below is exact). */
const county = (
  code: string,
  name: string,
  r: Partial<BulletinInput['counties'][number]> & Pick<CountyResult, 'class'>,
): BulletinInput['counties'][number] => ({
  code,
  name,
  cityName: '南宁市',
  size: 100,
  sampled: 19,
  checked: 19,
  verified: 17,
  discrepancies: 1,
  unreachable: 1,
  census: false,
  estimate: { estimate: 0.9, low: 0.7, high: 0.97 },
  discrepancyRate: 1 / 19,
  reportedCoverage: 0.95,
  ...r,
});

const counties = [
  county('450102', '兴宁区', { class: 'pass' }),
  county('450103', '青秀区', { class: 'pass', estimate: { estimate: 0.9, low: 0.75, high: 0.97 } }),
  county('450105', '江南区', { class: 'pass', checked: 10, verified: 9 }),
  county('450101', '市辖区', { class: 'pass' }),
  county('450107', '西乡塘区', {
    class: 'fail',
    verified: 10,
    estimate: { estimate: 0.526316, low: 0.31, high: 0.73 },
    discrepancies: 9,
    discrepancyRate: 9 / 19,
    reportedCoverage: 0.987654,
  }),
  county('450108', '良庆区', {
    class: 'incomplete',
    checked: 0,
    verified: 0,
    estimate: { estimate: 0, low: 0, high: 1 },
    discrepancyRate: null,
  }),
  county('450109', '邕宁区', { class: 'incomplete', checked: 4, verified: 3, estimate: { estimate: 0.75, low: 0.3, high: 0.95 } }),
  county('450110', '武鸣区', {
    class: 'incomplete',
    size: 0,
    sampled: 0,
    checked: 0,
    verified: 0,
    estimate: { estimate: 0, low: 0, high: 1 },
    discrepancyRate: null,
  }),
];

const input = (over: Partial<BulletinInput> = {}): BulletinInput => ({
  name: '2026 年度督导检查',
  year: 2026,
  seed: null,
  seedHash: 'abc123',
  interim: false,
  registryVersion: 3,
  rule,
  counties,
  reportedAsOf: '2026-12-31',
  whole: '全区',
  area: { name: '全区', estimate: 0.81234, low: 0.7456, high: 0.8678, checks: 114, counties: 6, coveredShare: 0.6543 },
  ...over,
});

// Each test makes its own bulletin: one made while the file is collected would be made before a mutant is switched on.
describe('the bulletin', () => {
  it('ranks the checked counties by verified coverage, then by the lower end, then by checks, then by code; the unchecked last, unranked', () => {
    const b = bulletin(input());
    expect(b.rows.map((r) => [r[0], r[2]])).toEqual([
      [1, '青秀区'],
      [2, '市辖区'],
      [3, '兴宁区'],
      [4, '江南区'],
      [5, '邕宁区'],
      [6, '西乡塘区'],
      [null, '良庆区'],
      [null, '武鸣区'],
    ]);
  });

  it('gives each row the columns in order, shares rounded to four places, and no figure where nothing was checked', () => {
    const b = bulletin(input());
    expect(BULLETIN_COLUMNS).toHaveLength(b.rows[0].length);
    expect(b.rows[5]).toEqual([6, '南宁市', '西乡塘区', 19, 19, 10, 0.5263, 0.31, 0.73, '未达标', 0.9877, 0.4737]);
    expect(b.rows[6]).toEqual([null, '南宁市', '良庆区', 19, 0, 0, null, null, null, '样本未完成', 0.95, null]);
    expect(b.rows[0][9]).toBe('达标');
  });

  it('commends the passing counties in rank order (ten at most unless told), orders the failing ones rectified, and names the unfinished samples', () => {
    const b = bulletin(input());
    expect(b.commend).toEqual(['450103', '450101', '450102', '450105']);
    expect(bulletin(input({ commend: 2 })).commend).toEqual(['450103', '450101']);
    const many = Array.from({ length: 12 }, (_, i) => county(`4502${String(i).padStart(2, '0')}`, `县${i}`, { class: 'pass' }));
    expect(bulletin(input({ counties: many })).commend).toHaveLength(10);
    expect(b.rectify).toEqual(['450107']);
    // A county with nothing to check (no community in scope) is not an unfinished sample.
    expect(b.unfinished).toEqual(['450109', '450108']);
  });

  it('says what the figures rest on: the registry version, the rule and its risks, the seed or its hash', () => {
    const b = bulletin(input());
    expect(b.title).toBe('2026 年度督导检查情况通报');
    expect(b.headline).toBe(
      '全区核实覆盖率 81.2%（95% 置信区间 74.6%–86.8%，依据 6 个县（市、区）的 114 次核查，这些县占全区社区（村）的 65.4%）。',
    );
    expect(b.method).toBe(
      '本次检查在各县（市、区）按名录第 3 版方案范围内的社区（村），以系统抽取的随机种子（截止后公布；其 SHA-256 为 abc123）抽取 19 个（按 SHA-256（种子:名录版本:社区代码）排序取前 19 个，任何人可据此复核），逐一电话联系队长或实地查看。' +
        '达标判定采用批质量保证抽样（LQAS）：19 个中核实达标不少于 16 个的判为达标；一个县实际覆盖率为 95.0% 时被误判为未达标的概率为 7.5%，实际覆盖率仅 80.0% 时被误判为达标的概率为 13.3%（二项分布精确计算）。' +
        '联系不上的按未核实计。县级核实覆盖率给出 Wilson 95% 置信区间；全区和各市按各县社区数加权分层估计，并给出 95% 置信区间（只计已核查 2 个以上社区的县；县数少的市按正态近似的区间偏窄，故取不窄于其全部核查合并计算的 Wilson 区间，仅供参考）。' +
        '按上述判定规则，实际达标的县也有 7.5% 的可能被列入整改，请结合复查确认。',
    );
    expect(bulletin(input({ seed: 'k9x' })).method).toContain('以随机种子“k9x”抽取 19 个');
  });

  it('prints the page: each section, the table with percentages and dashes, and its date', () => {
    const b = bulletin(input());
    expect(b.html).toMatch(/^<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>2026 年度督导检查情况通报<\/title>/);
    expect(b.html).toContain('<h1>2026 年度督导检查情况通报</h1>');
    expect(b.html).toContain(`<p>${b.headline}</p>`);
    expect(b.html).toContain(
      '<h2>一、通报表扬</h2><p>南宁市青秀区（90.0%）、南宁市市辖区（90.0%）、南宁市兴宁区（90.0%）、南宁市江南区（90.0%）</p>',
    );
    expect(b.html).toContain('<h2>二、限期整改</h2><p>南宁市西乡塘区（52.6%）</p>');
    expect(b.html).toContain(
      '<h2>三、核查未完成</h2><p>以下县（市、区）样本未完成核查，未作判定：南宁市邕宁区（4/19）、南宁市良庆区（0/19）。</p>',
    );
    expect(b.html).toContain(
      `<h2>四、各县（市、区）核查结果</h2><table><thead><tr>${BULLETIN_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`,
    );
    expect(b.html).toContain(
      '<tr><td>6</td><td>南宁市</td><td>西乡塘区</td><td>19</td><td>19</td><td>10</td><td>52.6%</td><td>31.0%</td><td>73.0%</td><td>未达标</td><td>98.8%</td><td>47.4%</td></tr>',
    );
    expect(b.html).toContain(
      '<tr><td>—</td><td>南宁市</td><td>良庆区</td><td>19</td><td>0</td><td>0</td><td>—</td><td>—</td><td>—</td><td>样本未完成</td><td>95.0%</td><td>—</td></tr>',
    );
    expect(b.html).toContain('<p>报送覆盖率为2026-12-31各县报送的达标覆盖率。</p>');
    expect(b.html).toContain(`<h2>五、方法说明</h2><p>${b.method}</p>`);
    expect(b.html).not.toContain('模拟演示数据');
    expect(b.html).not.toContain('中期');
  });

  it('marks an interim bulletin and a demo one, and says so when a list is empty', () => {
    const quiet = bulletin(
      input({ interim: true, demo: true, counties: [county('450102', '兴宁区', { class: 'incomplete', sampled: 0, checked: 0 })] }),
    );
    expect(quiet.title).toBe('2026 年度督导检查情况通报（中期）');
    expect(quiet.html).toContain('<p><strong>模拟演示数据</strong>：本通报由模拟数据生成，不反映任何地方的真实情况。</p>');
    expect(quiet.html).toContain('<p><strong>中期通报</strong>：检查尚未截止或仍有县（市、区）样本未完成，数字会随核查变化。</p>');
    expect(quiet.html).toContain('<h2>一、通报表扬</h2><p>本次无判定达标的县（市、区）。</p>');
    expect(quiet.html).toContain('<h2>二、限期整改</h2><p>本次无判定未达标的县（市、区）。</p>');
    expect(quiet.html).toContain('<h2>三、核查未完成</h2><p>各县（市、区）样本均已完成核查。</p>');
  });

  it('escapes what it prints', () => {
    const odd = bulletin(input({ name: 'A<B>', counties: [county('450102', '<i>区', { class: 'pass', cityName: 'A&B市' })] }));
    expect(odd.html).toContain('<h1>A&lt;B&gt;情况通报</h1>');
    expect(odd.html).toContain('<p>A&amp;B市&lt;i&gt;区（90.0%）</p>');
    expect(odd.html).not.toContain('<i>');
  });
});
