import { describe, expect, it } from 'vitest';
import { zeroCounters } from '#core/aggregate.js';
import { GUANGXI_2021 } from '#app/programmes.js';
import type { AreaFigures } from '#core/snapshot.js';
import { composeCity, composeCounty, composeProvince, escapeHtml, type CountyMonth, type SummaryInput } from '#core/summary.js';

const fig = (communities: number, registered: number, meeting: number, failures: Partial<Record<string, number>> = {}): AreaFigures => {
  const counters = zeroCounters();
  Object.assign(counters, { teamsRegistered: registered, teamsMeetingStandard: meeting, members: registered * 25 });
  Object.assign(counters.failures, failures);
  return { communities, counters };
};

const counties: CountyMonth[] = [
  {
    code: '450102',
    name: '兴宁区',
    cityCode: '4501',
    cityName: '南宁市',
    now: fig(80, 70, 60, { insurance: 4, training: 6 }),
    previous: fig(80, 60, 45),
    threeBack: fig(80, 40, 30),
  },
  {
    code: '450103',
    name: '青秀区',
    cityCode: '4501',
    cityName: '南宁市',
    now: fig(119, 60, 40, { 'members-min': 20 }),
    previous: fig(119, 50, 38),
    threeBack: fig(119, 40, 31),
  },
  {
    code: '450202',
    name: '城中区',
    cityCode: '4502',
    cityName: '柳州市',
    now: fig(50, 50, 50),
    previous: fig(50, 45, 44),
    threeBack: fig(50, 30, 29),
  },
];
const input = (month: string, overrides: Partial<SummaryInput> = {}): SummaryInput => ({
  programme: GUANGXI_2021,
  month,
  counties,
  drift: { counties: 3, corrected: [] },
  demo: false,
  ...overrides,
});

describe('monthly summary composition', () => {
  it('the province email in the month the 50% milestone falls due', () => {
    const s = composeProvince(input('2021-12'));
    // 150 of 249 communities meet the standard: 60.2%
    expect(s.subject).toBe('【社区响应队月报】2021年12月 全区达标覆盖率 60.2%（目标 50.0%）');
    expect(s.figures).toMatchObject({ communities: 249, teamsMeetingStandard: 150, changeThisMonth: 23 });
    expect(s.figures.milestone).toMatchObject({ status: 'met', target: { due: '2021-12-31' } });
    expect(s.text).toContain('全区：249 个社区（村），已建队 180 支，达标 150 支，达标覆盖率 60.2%。');
    expect(s.text).toContain('本月净增达标 +23');
    expect(s.text).toContain('柳州市 | 100.0% | +6 | 0 | 已达标');
    expect(s.text).toContain('已逐支队伍重新统计，3 个县（市、区）的汇总数全部相符。');
    expect(s.text).not.toMatch(/对账|偏差/);
    expect(s.text).toContain('队员人数达标（20人以上） | 20');
    // the failure table names the standard and its version
    expect(s.text).toContain(`标准：${GUANGXI_2021.ruleSet.title.zh}，第 1 版`);
    // the counties furthest behind come first: 青秀区 needs 60 - 40 = 20 for 50%
    const behind = s.text.split('距目标最远的')[1];
    const [first, second] = [behind.indexOf('青秀区'), behind.indexOf('兴宁区')];
    expect(first).toBeGreaterThanOrEqual(0); // both are listed...
    expect(second).toBeGreaterThan(first); // ...and the one further behind first
  });

  it('the first month of the programme has no change or pace to show', () => {
    const first = counties.map((c) => ({ ...c, previous: undefined, threeBack: undefined }));
    const s = composeProvince(input('2021-05', { counties: first }));
    expect(s.figures.changeThisMonth).toBeNull();
    expect(s.figures.recentPacePerMonth).toBeNull();
    expect(s.text).toContain('本月净增达标 —');
    expect(s.text).toContain('近三个月月均净增达标 — 个');
  });

  it('says so when reconciliation corrected a county', () => {
    const s = composeProvince(
      input('2022-06', { drift: { counties: 3, corrected: [{ countyCode: '450103', fields: ['teamsRegistered'] }] } }),
    );
    expect(s.text).toContain('1 个县（市、区）的汇总数与之不符，已按逐支队伍统计的结果更正：450103（已建队数）');
  });

  it('a city email covers its counties only', () => {
    const s = composeCity(input('2022-06'), '4501');
    expect(s.figures).toMatchObject({ communities: 199, teamsMeetingStandard: 100 });
    expect(s.text).toContain('兴宁区');
    expect(s.text).not.toContain('城中区');
  });

  it('a county email lists townships, gaps with reasons, and verdicts running out next month', () => {
    const s = composeCounty(input('2022-06'), '450102', {
      asOf: '2022-07-01',
      townships: [{ code: '450102001', name: '民生街道', figures: fig(13, 13, 12) }],
      gaps: [
        {
          code: '450102001005',
          name: '南梧社区',
          townshipName: '民生街道',
          teamName: '南梧响应队',
          failed: [{ ruleId: 'insurance', message: { zh: '保险已于 2022-05-01 到期', en: '' } }],
        },
        { code: '450102001006', name: '古城社区', townshipName: '民生街道', teamName: null, failed: [] },
      ],
      lapsingNextMonth: [
        { code: '450102001001', name: '民主社区', teamName: '民主响应队', holdsUntil: '2022-07-14', reasons: ['保险到期'] },
      ],
    });
    expect(s.scope).toBe('county:450102');
    expect(s.text).toContain('民生街道 | 13 | 13 | 12 | 92.3%');
    expect(s.text).toContain('南梧社区 | 民生街道 | 南梧响应队 | 保险已于 2022-05-01 到期');
    expect(s.text).toContain('古城社区 | 民生街道 | 未建队 | 尚未登记响应队');
    expect(s.text).toContain('2022年7月到期、将不再达标的队伍：1 支');
    expect(s.html).toContain('<td style="padding:4px 8px;border-bottom:1px solid #ddd">2022-07-14</td>');
  });

  it('HTML needs no external images or scripts and escapes what it prints', () => {
    const s = composeProvince(input('2022-06', { counties: [{ ...counties[0], name: '<script>x</script>' }, ...counties.slice(1)] }));
    expect(s.html).not.toMatch(/<script|<img|src=|<link/i);
    expect(s.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(escapeHtml('"a" & \'b\'')).toBe('&quot;a&quot; &amp; &#39;b&#39;');
  });

  it('monthly reporting: counts and the late or silent counties for the province and a city; a county told when it did not report', () => {
    const reported = counties.map((c, i) => ({ ...c, report: (['overdue', 'reported', 'late'] as const)[i] }));
    const programme = { ...GUANGXI_2021, reporting: { deadlineDay: 25, remindDaysBefore: 3, from: '2024-06' } };
    const province = composeProvince(input('2026-11', { counties: reported, programme }));
    expect(province.text).toContain('■ 月度报送（每月 25 日 24:00 前报送或确认本月无变化）');
    expect(province.text).toContain('按期报送 1 个，确认无变化 0 个，逾期报送 1 个，逾期未报 1 个（共 3 个县（市、区））。');
    expect(province.text).toContain('南宁市兴宁区 | 逾期未报');
    expect(province.text).toContain('柳州市城中区 | 逾期报送');
    expect(province.text).not.toContain('南宁市青秀区 | 已报送'); // only the late and the silent are listed
    const city = composeCity(input('2026-11', { counties: reported, programme }), '4501');
    expect(city.text).toContain('按期报送 1 个，确认无变化 0 个，逾期报送 0 个，逾期未报 1 个（共 2 个县（市、区））。');
    const lists = { asOf: '2026-11-30', townships: [], gaps: [], lapsingNextMonth: [] };
    expect(composeCounty(input('2026-11', { counties: reported, programme }), '450102', lists).text).toContain(
      '本月报送：逾期未报。请于每月 25 日 24:00 前报送队伍变化，或在系统中确认本月无变化。',
    );
    expect(composeCounty(input('2026-11', { counties: reported, programme }), '450103', lists).text).toContain('本月报送：已报送。');
    expect(composeCounty(input('2026-11', { counties: reported, programme }), '450103', lists).text).not.toContain('请于每月');
    // before reporting was tracked: nothing said
    const untracked = counties.map((c) => ({ ...c, report: 'untracked' as const }));
    expect(composeProvince(input('2022-06', { counties: untracked })).text).not.toContain('月度报送');
    expect(composeCounty(input('2022-06', { counties: untracked }), '450102', lists).text).not.toContain('本月报送');
  });

  it('demo data says so at the top', () => {
    expect(composeProvince(input('2022-06', { demo: true })).text).toContain('【模拟演示数据】');
  });
});

describe('the rosters in the monthly summary', () => {
  const tally = (teams: number, withRoster: number, suspected: number) => ({
    teams,
    withRoster,
    onRosters: withRoster * 25,
    typed: (teams - withRoster) * 24,
    duplicates: 2,
    suspected,
    unchecked: 1,
  });
  const rosters = {
    at: '2022-01-01 08:00',
    byCounty: { '450102': tally(70, 50, 3), '450103': tally(60, 10, 0), '450202': tally(50, 0, 5) },
    // the practices of the month's year (2021) are read, not those of the year it is sent in (2022)
    practices: {
      '450102': { '2022.events': 3, '2022.people': 40, '2021.events': 9, '2021.people': 100 },
      '450202': { '2022.events': 1, '2022.people': 12 },
    },
  };

  it('the province’s: the area summed, as of the sending, and the counties with unresolved 疑似重复, most first', () => {
    const { text } = composeProvince(input('2021-12', { rosters }));
    expect(text).toContain('队员名册（截至 2022-01-01 08:00，为发送时的情况，非月末数）');
    expect(text).toContain('有队员名册的队伍 60 / 180 支；名册计入 1500 人，其余队伍为自报人数（无名册）2880 人。');
    expect(text).toContain('重复在册 6 人（已计入其他队伍，不重复计数）；疑似重复 8 人待县级核实；未查重（无手机号）3 人。');
    expect(text).toContain('2021 年培训演练（活动记录）9 场、100 人次。');
    expect(text.indexOf('柳州市城中区 | 5')).toBeGreaterThan(0);
    expect(text.indexOf('柳州市城中区 | 5')).toBeLessThan(text.indexOf('南宁市兴宁区 | 3'));
    expect(text).not.toContain('南宁市青秀区 | 0');
  });

  it('a city’s and a county’s: their own counties only; a county lists none; no tally, no block', () => {
    expect(composeCity(input('2021-12', { rosters }), '4502').text).toContain('有队员名册的队伍 0 / 50 支');
    const county = composeCounty(input('2021-12', { rosters }), '450102', {
      asOf: '2021-12-31',
      townships: [],
      gaps: [],
      lapsingNextMonth: [],
    }).text;
    expect(county).toContain('有队员名册的队伍 50 / 70 支');
    expect(county).toContain('2021 年培训演练（活动记录）9 场、100 人次。');
    expect(composeCity(input('2021-12', { rosters }), '4502').text).toContain('2021 年培训演练（活动记录）0 场、0 人次。');
    expect(county).not.toContain('疑似重复（待核实） |');
    expect(composeProvince(input('2021-12')).text).not.toContain('队员名册');
  });
});
