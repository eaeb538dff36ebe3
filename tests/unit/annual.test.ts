// 分年度总结 as pure functions: the draft written out from the figures, the office's sections checked,
// the years that may be drafted, and the status a summary has on a day.
import { describe, expect, it } from 'vitest';
import { annualDue, annualStatus, checkSections, checkYear, draftSections, SECTION_TITLES, type AnnualInput } from '#core/annual.js';

const input = (over: Partial<AnnualInput> = {}): AnnualInput => ({
  year: 2026,
  scope: { kind: 'county', code: '451026', name: '百色市那坡县' },
  asOfMonth: '2026-12',
  end: { communities: 130, teamsRegistered: 128, teamsMeetingStandard: 120, members: 3100, coverage: 120 / 130 },
  start: { communities: 131, teamsRegistered: 125, teamsMeetingStandard: 110, members: 2900, coverage: 110 / 131 },
  target: 0.95,
  registryVersion: 2,
  lapses: 14,
  registryChanges: 3,
  reporting: { onTime: 10, late: 1, missed: 1 },
  failures: [
    { title: '队员意外伤害保险', teams: 6 },
    { title: '培训演练', teams: 3 },
  ],
  verification: null,
  ...over,
});

describe('draftSections', () => {
  it('writes the year out from the figures, and leaves what was done and what comes next to the office', () => {
    const [overview, practice, problems, plans] = draftSections(input());
    expect(overview.title.zh).toBe('一、基本情况');
    expect(overview.body).toContain(
      '截至2026 年底，百色市那坡县方案范围内共有社区（村）130 个，已建社区响应队 128 支，其中达到建设标准 120 支，达标覆盖率 92.3%',
    );
    expect(overview.body).toContain('达标队伍 +10 支');
    expect(overview.body).toContain('尚差 4 个社区（村）'); // ceil(0.95 × 130) = 124
    expect(overview.body).toContain('重新判定 14 次');
    expect(overview.body).toContain('名录第 2 版');
    expect(overview.body).toContain('按时 10 个月，逾期报送 1 个月，逾期未报 1 个月');
    expect(overview.body).toContain('督导检查（核查）结果尚未录入');
    expect(practice.body).toBe('');
    expect(problems.body).toBe('未达标队伍中，问题主要集中在：队员意外伤害保险（6 支）、培训演练（3 支）。\n尚有 2 个社区（村）未建队。');
    expect(plans.body).toBe('');
  });

  it("groups a province's counts by thousands (524,535 people), never its years or versions", () => {
    const end = { communities: 16_163, teamsRegistered: 16_010, teamsMeetingStandard: 15_377, members: 524_535, coverage: 15_377 / 16_163 };
    const start = {
      communities: 16_163,
      teamsRegistered: 14_000,
      teamsMeetingStandard: 12_900,
      members: 400_000,
      coverage: 12_900 / 16_163,
    };
    const [overview, , problems] = draftSections(
      input({ scope: { kind: 'province', code: '45', name: '广西壮族自治区' }, end, start, lapses: 12_345, registryVersion: 12 }),
    );
    expect(overview.body).toContain('共有社区（村）16,163 个，已建社区响应队 16,010 支，其中达到建设标准 15,377 支');
    expect(overview.body).toContain('队员共 524,535 人');
    expect(overview.body).toContain('达标队伍 +2,477 支');
    expect(overview.body).toContain('重新判定 12,345 次');
    expect(overview.body).toContain('截至2026 年底');
    expect(overview.body).toContain('名录第 12 版');
    expect(problems.body).toContain('尚有 153 个社区（村）未建队');
  });

  it("says when the year has not ended, and lists a roll-up's parts not yet submitted", () => {
    const [overview] = draftSections(
      input({
        asOfMonth: '2026-11',
        start: null,
        lapses: null,
        registryChanges: 0,
        target: null,
        end: { communities: 10, teamsRegistered: 10, teamsMeetingStandard: 10, members: 200, coverage: 1 },
        scope: { kind: 'city', code: '4510', name: '百色市' },
        parts: [
          { code: '451002', name: '右江区', status: 'submitted' },
          { code: '451026', name: '那坡县', status: 'draft' },
        ],
      }),
    );
    expect(overview.body).toContain('2026-11 月底（年度尚未结束');
    expect(overview.body).not.toContain('与上年底相比');
    expect(overview.body).not.toContain('年底目标');
    expect(overview.body).toContain('已提交 1 个，共 2 个；未提交：那坡县');
    expect(draftSections(input({ failures: [], end: { ...input().end, teamsRegistered: 130 } }))[2].body).toBe('');
  });
});

describe('checkSections', () => {
  it('keeps line breaks, trims, fills a missing section with nothing', () => {
    expect(checkSections({ overview: '  第一段\r\n第二段 ', plans: '明年' })).toEqual({
      overview: '第一段\n第二段',
      practice: '',
      problems: '',
      plans: '明年',
    });
  });
  it('names every bad section: unknown, not text, too long, hidden characters', () => {
    try {
      checkSections({ extra: 'x', practice: 3, problems: 'x'.repeat(5001), plans: 'a\u200bb' });
      throw new Error('no error');
    } catch (e) {
      expect((e as Error).message).toMatch(/^年度总结有 4 处不符合要求/);
      expect((e as { issues: { field: string }[] }).issues.map((i) => i.field)).toEqual([
        'sections.extra',
        'sections.practice',
        'sections.problems',
        'sections.plans',
      ]);
    }
    expect(() => checkSections(null)).toThrow('sections 应为对象');
    expect(() => checkSections(['a'])).toThrow('sections 应为对象');
  });
});

describe('years and statuses', () => {
  it('drafts a year from 1 December; never before the programme, never ahead', () => {
    expect(checkYear('2026', 2021, '2026-12-01')).toBe(2026);
    expect(checkYear('2025', 2021, '2026-06-01')).toBe(2025);
    expect(() => checkYear('2026', 2021, '2026-11-30')).toThrow('2026-12-01 起起草');
    expect(() => checkYear('2027', 2021, '2026-12-01')).toThrow('起草');
    expect(() => checkYear('2020', 2021, '2026-12-01')).toThrow('计划开始');
    expect(() => checkYear('26', 2021, '2026-12-01')).toThrow('四位数字');
  });
  it('is submitted, being edited, not started, or overdue after 31 January', () => {
    expect(annualDue(2026)).toBe('2027-01-31');
    expect(annualStatus({ submittedAt: '2027-02-03T00:00:00Z' }, 2026, '2027-03-01')).toBe('submitted');
    expect(annualStatus({}, 2026, '2027-01-31')).toBe('draft');
    expect(annualStatus(null, 2026, '2027-01-31')).toBe('missing');
    expect(annualStatus({}, 2026, '2027-02-01')).toBe('overdue');
    expect(annualStatus(null, 2026, '2027-02-01')).toBe('overdue');
  });
});

describe('the draft, as printed', () => {
  const overviewOf = (over: Partial<AnnualInput> = {}) => draftSections(input(over))[0].body.split('\n');

  it('writes the overview line by line, in this order', () => {
    expect(overviewOf()).toEqual([
      '截至2026 年底，百色市那坡县方案范围内共有社区（村）130 个，已建社区响应队 128 支，其中达到建设标准 120 支，达标覆盖率 92.3%；队员共 3,100 人。',
      '与上年底相比，达标队伍 +10 支，覆盖率 +8.3 个百分点，已建队伍 +3 支。',
      '年底目标为达标覆盖率不低于 95.0%，尚差 4 个社区（村）。',
      '全年系统因保险到期、培训超期对队伍重新判定 14 次。',
      '本年度名录变更 3 项（撤并、更名、新设等），数据按名录第 2 版统计。',
      '月度报送：按时 10 个月，逾期报送 1 个月，逾期未报 1 个月。',
      '本年度督导检查（核查）结果尚未录入。',
    ]);
  });

  it('writes a fall with its sign, no change as 0, a target met exactly as done, and the supervision paragraph when there is one', () => {
    const lines = overviewOf({
      start: { communities: 130, teamsRegistered: 128, teamsMeetingStandard: 124, members: 3000, coverage: 124 / 130 },
      end: { communities: 130, teamsRegistered: 128, teamsMeetingStandard: 117, members: 3100, coverage: 0.9 },
      target: 0.9,
      registryVersion: null,
      lapses: 0,
      verification: '2026 年度督导检查：……',
    });
    expect(lines[1]).toBe('与上年底相比，达标队伍 -7 支，覆盖率 -5.4 个百分点，已建队伍 0 支。');
    expect(lines[2]).toBe('年底目标为达标覆盖率不低于 90.0%，已完成。');
    expect(lines[3]).toBe('全年系统因保险到期、培训超期对队伍重新判定 0 次。');
    expect(lines[4]).toBe('本年度名录变更 3 项（撤并、更名、新设等），数据按现行名录统计。');
    expect(lines[6]).toBe('2026 年度督导检查：……');
  });

  it('says every part has submitted when all have, and names the rest when not', () => {
    const parts = (statuses: ('submitted' | 'draft' | 'missing' | 'overdue')[]) =>
      overviewOf({ parts: statuses.map((status, i) => ({ code: `45100${i}`, name: `县${i}`, status })) }).at(-1);
    expect(parts(['submitted', 'submitted'])).toBe('下级年度总结：已提交 2 个，共 2 个。');
    expect(parts(['draft', 'submitted', 'overdue', 'missing'])).toBe('下级年度总结：已提交 1 个，共 4 个；未提交：县0、县2、县3。');
    expect(overviewOf({ parts: [] }).at(-1)).toBe('本年度督导检查（核查）结果尚未录入。');
  });

  it('names the five rules most failed, and the communities with no team only when there are some', () => {
    const failures = ['甲', '乙', '丙', '丁', '戊', '己'].map((title, i) => ({ title, teams: 1_200 - i }));
    expect(draftSections(input({ failures }))[2].body).toBe(
      '未达标队伍中，问题主要集中在：甲（1,200 支）、乙（1,199 支）、丙（1,198 支）、丁（1,197 支）、戊（1,196 支）。\n尚有 2 个社区（村）未建队。',
    );
    const full = { ...input().end, teamsRegistered: 130 };
    expect(draftSections(input({ failures, end: full }))[2].body).toMatch(/戊（1,196 支）。$/);
    expect(draftSections(input({ failures: [], end: { ...full, teamsRegistered: 100 } }))[2].body).toBe('尚有 30 个社区（村）未建队。');
  });
});

describe('each bad section, by its message', () => {
  const issuesOf = (value: unknown) => {
    try {
      checkSections(value);
    } catch (e) {
      return { message: (e as { msg: unknown }).msg, issues: (e as { issues: unknown[] }).issues };
    }
    return null;
  };
  const title = (id: 'overview' | 'practice' | 'problems' | 'plans') => SECTION_TITLES[id];

  it('names the section and the rule it breaks', () => {
    const found = issuesOf({
      extraordinarily_long_key: 'x',
      overview: ' =SUM(A1) ',
      practice: 3,
      problems: 'x'.repeat(5001),
      plans: 'a\u200bb',
    });
    expect(found?.issues).toEqual([
      { field: 'sections.extraordinarily_long_key', message: { id: 'annual.section.unknown', params: { key: 'extraordinarily_long' } } },
      { field: 'sections.overview', message: { id: 'annual.section.formula', params: { title: title('overview') } } },
      { field: 'sections.practice', message: { id: 'annual.section.notText', params: { title: title('practice') } } },
      { field: 'sections.problems', message: { id: 'annual.section.tooLong', params: { title: title('problems'), max: 5000 } } },
      { field: 'sections.plans', message: { id: 'annual.section.badChars', params: { title: title('plans') } } },
    ]);
    expect(found?.message).toMatchObject({ id: 'annual.sections.invalid', params: { count: 5 } });
  });

  it('refuses what is not an object, naming the shape it wants', () => {
    for (const value of [null, 'text', ['a'], 0])
      expect(issuesOf(value)).toEqual({
        message: { id: 'annual.sections.shape', params: { shape: '{ overview, practice, problems, plans }' } },
        issues: [{ field: 'sections', message: { id: 'field.object.short' } }],
      });
  });

  it('takes a section of exactly 5,000 characters, tabs and old Mac line ends', () => {
    expect(checkSections({ overview: 'x'.repeat(5000), practice: 'a\tb\rc' })).toMatchObject({
      overview: 'x'.repeat(5000),
      practice: 'a\tb\nc',
    });
  });

  it('names a year that is not four digits, shortened, and takes the first year of the programme', () => {
    for (const raw of ['2026x', 'x2026', '20261'])
      expect(() => checkYear(raw, 2021, '2026-12-01')).toThrow(
        expect.objectContaining({ msg: { id: 'annual.year.format', params: { raw } } }),
      );
    expect(() => checkYear('x'.repeat(30), 2021, '2026-12-01')).toThrow(
      expect.objectContaining({ msg: { id: 'annual.year.format', params: { raw: 'x'.repeat(10) } } }),
    );
    expect(checkYear('2021', 2021, '2026-12-01')).toBe(2021);
    expect(() => checkYear('2020', 2021, '2026-12-01')).toThrow(
      expect.objectContaining({ msg: { id: 'annual.year.beforePlan', params: { year: 2020, first: 2021 } } }),
    );
  });
});
