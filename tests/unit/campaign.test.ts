// A campaign's design, a check and what it finds, as pure functions.
import { describe, expect, it } from 'vitest';
import {
  areaResult,
  countyResult,
  judgeCheck,
  parseCampaign,
  parseCheck,
  progressLine,
  ruleFor,
  verificationText,
} from '#core/campaign.js';
import { bulletin } from '#core/bulletin.js';
import { decisionRule, stratifiedEstimate, wilson } from '#core/sampling.js';
import { rootAreaOf } from '#core/programme.js';

/** The programme's root area the campaigns below are organised in. */
const GX = rootAreaOf({ region: '45', regionName: '广西壮族自治区' });

const RULES = ['members-min', 'insurance'];
const reported = { exists: true, members: 24, failed: [] as string[] };

describe('the design', () => {
  it('fills the defaults (19 a county, 95 % / 80 %) and refuses what cannot be a campaign', () => {
    expect(parseCampaign({ name: '年度督导检查', year: 2026, area: '45', deadline: '2026-12-31' }, '2026-12-02', GX)).toMatchObject({
      sampleSize: 19,
      upper: 0.95,
      lower: 0.8,
    });
    for (const [body, text] of [
      [{ name: '检查', year: 2026, area: '4601', deadline: '2026-12-31' }, '检查范围'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-01' }, '已过'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-31', upper: 0.7, lower: 0.8 }, '必须高于'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-31', sampleSize: 3 }, '不少于 5'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-31', seed: 'mine' }, '随机种子由系统抽取'],
      [{ name: '=cmd', year: 2026, area: '45', deadline: '2026-12-31' }, '不能以'],
    ] as const)
      expect(() => parseCampaign(body, '2026-12-02', GX), text).toThrow(text);
  });
});

describe('the year and its deadline', () => {
  it("a campaign's deadline falls in its year or by the end of March after it", () => {
    const base = { name: '检查', area: '45' };
    expect(parseCampaign({ ...base, year: 2026, deadline: '2027-03-31' }, '2026-12-01', GX).year).toBe(2026);
    expect(() => parseCampaign({ ...base, year: 2021, deadline: '2026-12-31' }, '2026-12-01', GX)).toThrow('截止日期应在检查年度内');
    expect(() => parseCampaign({ ...base, year: 2030, deadline: '2026-12-31' }, '2026-12-01', GX)).toThrow('截止日期应在检查年度内');
  });
});

describe('a check', () => {
  it('needs what was found, for every rule, unless the team was unreachable', () => {
    expect(parseCheck({ method: 'unreachable', note: '三次拨打无人接听' }, RULES)).toEqual({
      method: 'unreachable',
      note: '三次拨打无人接听',
    });
    expect(() => parseCheck({ method: 'unreachable' }, RULES)).toThrow('写明联系经过');
    expect(() => parseCheck({ method: 'phone' }, RULES)).toThrow('请填写队伍是否存在');
    expect(() => parseCheck({ method: 'phone', teamExists: true, members: 20, rules: { 'members-min': true } }, RULES)).toThrow(
      '请填写标准“insurance”',
    );
    expect(() =>
      parseCheck({ method: 'phone', teamExists: true, members: 20, rules: { 'members-min': true, insurance: true, extra: true } }, RULES),
    ).toThrow('现行标准没有这条');
    expect(() => parseCheck({ method: 'email' }, RULES)).toThrow('核查方式');
    expect(parseCheck({ method: 'visit', teamExists: false }, RULES)).toEqual({ method: 'visit', teamExists: false });
  });

  it('is confirmed when what was found is what was reported, else names each difference', () => {
    expect(
      judgeCheck({ method: 'phone', teamExists: true, members: 24, rules: { 'members-min': true, insurance: true } }, reported, RULES),
    ).toEqual({ outcome: 'confirmed', findings: [], verified: true });
    expect(
      judgeCheck({ method: 'visit', teamExists: true, members: 18, rules: { 'members-min': false, insurance: true } }, reported, RULES),
    ).toEqual({
      outcome: 'discrepancy',
      verified: false,
      findings: [
        { field: 'members', reported: 24, found: 18 },
        { field: 'rules.members-min', reported: true, found: false },
      ],
    });
    expect(judgeCheck({ method: 'visit', teamExists: false }, reported, RULES)).toEqual({
      outcome: 'discrepancy',
      verified: false,
      findings: [{ field: 'teamExists', reported: true, found: false }],
    });
    // a team reported as failing insurance, found insured: a discrepancy in the county's favour, and verified
    expect(
      judgeCheck(
        { method: 'phone', teamExists: true, members: 24, rules: { 'members-min': true, insurance: true } },
        { ...reported, failed: ['insurance'] },
        RULES,
      ),
    ).toMatchObject({ outcome: 'discrepancy', verified: true, findings: [{ field: 'rules.insurance', reported: false, found: true }] });
    expect(judgeCheck({ method: 'unreachable' }, reported, RULES)).toEqual({ outcome: 'unreachable', findings: [], verified: false });
  });

  it('names the roster members the inspector did not meet by their place on it, never by phone', () => {
    const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const rostered = { ...reported, members: 5, roster: [id(1), id(2), id(3), id(4), id(5)] };
    const found = { method: 'visit' as const, teamExists: true, members: 5, rules: { 'members-min': true, insurance: true } };
    expect(judgeCheck({ ...found, met: [id(5), id(1), id(2), id(3), id(4)] }, rostered, RULES)).toMatchObject({
      outcome: 'confirmed',
      findings: [],
    });
    expect(judgeCheck({ ...found, met: [id(1), id(4)] }, rostered, RULES).findings).toEqual([
      { field: 'roster', reported: 5, found: 2, missing: [2, 3, 5] },
    ]);
    // no tick list sent (a phone check), or no roster reported: no roster finding
    expect(judgeCheck(found, rostered, RULES).findings).toEqual([]);
    expect(judgeCheck({ ...found, met: [] }, { ...reported, members: 5 }, RULES).findings).toEqual([]);
    expect(() => parseCheck({ ...found, met: ['13900112233'] }, RULES)).toThrow();
    expect(() => parseCheck({ ...found, met: [id(1), id(1)] }, RULES)).toThrow();
    expect(parseCheck({ ...found, met: [id(1)] }, RULES).met).toEqual([id(1)]);
  });

  it("a county's result counts what its checks found so far", () => {
    const checks = [
      ...Array(16).fill({ outcome: 'confirmed', verified: true }),
      { outcome: 'discrepancy', verified: false },
      { outcome: 'unreachable', verified: false },
    ];
    const rule = decisionRule(19, 0.95, 0.8);
    expect(rule.d).toBe(17);
    expect(countyResult('451026', 130, rule, checks)).toMatchObject({
      sampled: 19,
      checked: 18,
      verified: 16,
      discrepancies: 1,
      unreachable: 1,
      class: 'incomplete',
      discrepancyRate: 1 / 18,
    });
    expect(countyResult('451026', 130, rule, [...checks, { outcome: 'confirmed', verified: true }])).toMatchObject({ class: 'pass' });
    expect(countyResult('451026', 130, rule, [])).toMatchObject({ class: 'incomplete', discrepancyRate: null });
  });

  it('a county with fewer communities than the sample size is judged by the rule for that many', () => {
    const rule = decisionRule(19, 0.95, 0.8);
    expect(ruleFor(rule, 19)).toBe(rule);
    expect(ruleFor(rule, 10)).toMatchObject({ n: 10, d: decisionRule(10, 0.95, 0.8).d });
    expect(countyResult('x', 10, ruleFor(rule, 10), Array(10).fill({ outcome: 'confirmed', verified: true }))).toMatchObject({
      sampled: 10,
      class: 'pass',
    });
    expect(countyResult('x', 0, ruleFor(rule, 0), [])).toMatchObject({ sampled: 0, class: 'incomplete' });
  });

  it('a county checked in full (a census) has its exact share, with no interval to widen it', () => {
    const rule = ruleFor(decisionRule(19, 0.95, 0.8), 8);
    const all = [...Array(7).fill({ outcome: 'confirmed', verified: true }), { outcome: 'discrepancy', verified: false }];
    expect(countyResult('x', 8, rule, all)).toMatchObject({ census: true, estimate: { estimate: 7 / 8, low: 7 / 8, high: 7 / 8 } });
    const some = countyResult('x', 130, decisionRule(19, 0.95, 0.8), all);
    expect(some.census).toBe(false);
    expect(some.estimate.low).toBeLessThan(7 / 8);
  });
});

describe('what the emails and the yearly summary say of a campaign', () => {
  const progress = {
    name: '2026 年度督导检查',
    area: '45',
    deadline: '2026-12-31',
    counties: { '451026': { sampled: 19, checked: 19 }, '451002': { sampled: 19, checked: 4 }, '450102': { sampled: 19, checked: 0 } },
  };

  it("progress counts only the reader's counties and names those behind, most remaining first", () => {
    const p = progressLine(progress, ['451026', '451002', '450102'], '2026-11-30', GX)!;
    expect(p.line).toBe(
      '2026 年度督导检查（自治区组织，截止 2026-12-31）：已核查 23 / 57 个抽查社区，1 个县（市、区）已完成，2 个未完成。',
    );
    expect(p.behind.map((b) => b.code)).toEqual(['450102', '451002']);
    expect(progressLine(progress, ['451026'], '2026-11-30', GX)!.line).toContain(
      '已核查 19 / 19 个抽查社区，1 个县（市、区）已完成，0 个未完成',
    );
    expect(progressLine(progress, ['451002'], '2027-01-31', GX)!.line).toContain('1 个逾期未完成');
    expect(progressLine(progress, ['450921'], '2026-11-30', GX)).toBeNull();
  });

  it('the yearly summary gives results only once the deadline has passed, with the interval and what it rests on', () => {
    const c = { name: '2025 年度督导检查', deadline: '2025-12-31' };
    expect(verificationText({ ...c, ended: false }, [], areaResult([]), true)).toBe(
      '2025 年度督导检查正在进行（截止 2025-12-31），核查结果截止后写入。',
    );
    const rule = decisionRule(19, 0.95, 0.8);
    const checks = [
      ...Array(17).fill({ outcome: 'confirmed', verified: true }),
      { outcome: 'discrepancy', verified: false },
      { outcome: 'unreachable', verified: false },
    ];
    const a = countyResult('451026', 130, rule, checks);
    const county = verificationText({ ...c, ended: true }, [a], areaResult([a]), true);
    expect(county).toContain('抽查本县（市、区）19 个社区（村），核实达标 17 个，核实覆盖率 89.5%（95% 置信区间');
    expect(county).toContain('判定：达标；发现与报送不符 1 个（5.3%），联系不上 1 个。');
    const b = countyResult('451002', 200, rule, Array(19).fill({ outcome: 'discrepancy', verified: false }));
    const area = verificationText({ ...c, ended: true }, [a, b], areaResult([a, b]), false);
    expect(area).toContain('抽查 2 个县（市、区）的 38 个社区（村）');
    expect(area).toContain('判定达标 1 个县（市、区），未达标 1 个，样本未完成 0 个；发现与报送不符 20 个（52.6%）');
  });

  it('the bulletin names the counties whose sample was left unfinished, judged neither way', () => {
    const rule = decisionRule(19, 0.95, 0.8);
    const done = countyResult('451026', 130, rule, Array(19).fill({ outcome: 'confirmed', verified: true }));
    const half = countyResult('451002', 200, rule, Array(9).fill({ outcome: 'confirmed', verified: true }));
    const b = bulletin({
      name: '检查',
      year: 2026,
      seed: 'abc',
      seedHash: 'h',
      interim: true,
      registryVersion: 1,
      rule,
      reportedAsOf: '2026 年底',
      counties: [
        { ...done, name: '那坡县', cityName: '百色市', reportedCoverage: 1 },
        { ...half, name: '右江区', cityName: '百色市', reportedCoverage: 0.9 },
      ],
      whole: '全区',
      area: { name: '全区', ...areaResult([done, half]) },
    });
    expect(b.unfinished).toEqual(['451002']);
    expect(b.commend).toEqual(['451026']);
    expect(b.html).toContain('以下县（市、区）样本未完成核查，未作判定：百色市右江区（9/19）。');
    expect(b.html).toContain('报送覆盖率为2026 年底各县报送的达标覆盖率。');
  });
});

describe('each refusal, by its message and field', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return { name: (e as Error).name, msg: (e as { msg: unknown }).msg, issues: (e as { issues: unknown }).issues };
    }
    return null;
  };
  const base = { name: '检查', year: 2026, area: '45', deadline: '2026-12-31' };

  it('a campaign: a chosen seed, a past deadline, equal thresholds, a body that is not an object', () => {
    expect(refusal(() => parseCampaign({ ...base, deadline: '2026-12-01', seed: 'x' }, '2026-12-02', GX))).toEqual({
      name: 'ValidationError',
      msg: { id: 'campaign.seed.fixed' },
      issues: [{ field: 'seed', message: { id: 'campaign.seed.fixed.short' } }],
    });
    expect(refusal(() => parseCampaign({ ...base, deadline: '2026-12-01' }, '2026-12-02', GX))).toEqual({
      name: 'ValidationError',
      msg: { id: 'campaign.deadline.past', params: { deadline: '2026-12-01' } },
      issues: [{ field: 'deadline', message: { id: 'campaign.deadline.past.short' } }],
    });
    const order = { id: 'campaign.thresholds.order', params: { label: { zh: '达标阈值', en: 'The pass threshold' } } };
    expect(refusal(() => parseCampaign({ ...base, upper: 0.8, lower: 0.8 }, '2026-12-02', GX))).toEqual({
      name: 'ValidationError',
      msg: { id: 'campaign.invalid', params: { issues: order } },
      issues: [{ field: 'upper', message: order }],
    });
    const body = { id: 'field.invalid', params: { label: { zh: '请求内容', en: 'The request body' } } };
    for (const value of [null, 'seed', 7])
      expect(refusal(() => parseCampaign(value, '2026-12-02', GX))).toEqual({
        name: 'ValidationError',
        msg: { id: 'campaign.invalid', params: { issues: body } },
        issues: [{ field: 'body', message: body }],
      });
  });

  it('a campaign may end today, or on the first day of its year', () => {
    expect(parseCampaign({ ...base, deadline: '2026-12-02' }, '2026-12-02', GX).deadline).toBe('2026-12-02');
    expect(parseCampaign({ ...base, deadline: '2026-01-01' }, '2025-12-02', GX).deadline).toBe('2026-01-01');
  });

  it('a check: the members and every rule when the team exists, nothing more when it does not', () => {
    expect(refusal(() => parseCheck({ method: 'phone', teamExists: true }, RULES))?.issues).toEqual([
      { field: 'members', message: { id: 'check.members.required' } },
      { field: 'rules.members-min', message: { id: 'check.rule.required', params: { id: 'members-min' } } },
      { field: 'rules.insurance', message: { id: 'check.rule.required', params: { id: 'insurance' } } },
    ]);
    expect(refusal(() => parseCheck({ method: 'visit' }, RULES))?.issues).toEqual([
      { field: 'teamExists', message: { id: 'check.teamExists.required' } },
    ]);
    expect(refusal(() => parseCheck({ method: 'unreachable' }, RULES))?.issues).toEqual([
      { field: 'note', message: { id: 'check.unreachable.note' } },
    ]);
    expect(refusal(() => parseCheck({ method: 'unreachable', note: '无人接听', rules: { extra: true } }, RULES))?.issues).toEqual([
      { field: 'rules.extra', message: { id: 'check.rule.unknown', params: { id: 'extra' } } },
    ]);
    expect(parseCheck({ method: 'visit', teamExists: false, rules: { insurance: false } }, RULES)).toEqual({
      method: 'visit',
      teamExists: false,
      rules: { insurance: false },
    });
  });

  it('a team found with no rule answered holds none of them', () => {
    expect(judgeCheck({ method: 'visit', teamExists: true, members: 24 }, reported, RULES)).toEqual({
      outcome: 'discrepancy',
      verified: false,
      findings: [
        { field: 'rules.members-min', reported: true, found: false },
        { field: 'rules.insurance', reported: true, found: false },
      ],
    });
  });
});

describe('results, as the bulletin and the yearly summary print them', () => {
  const rule = decisionRule(19, 0.95, 0.8);
  const confirmed = { outcome: 'confirmed' as const, verified: true };
  const found = (n: number, ok: number) => [
    ...Array(ok).fill(confirmed),
    ...Array(n - ok).fill({ outcome: 'discrepancy', verified: false }),
  ];

  it('a county with no community in scope is no census and has no estimate', () => {
    expect(countyResult('x', 0, ruleFor(rule, 0), [])).toMatchObject({ census: false, estimate: { estimate: 0, low: 0, high: 1 } });
  });

  it("an area's interval is never narrower than the pooled checks' Wilson interval of the counties with two or more", () => {
    const counties = [countyResult('a', 130, rule, found(19, 19)), countyResult('b', 90, rule, found(19, 19))];
    const area = areaResult(counties);
    expect(area.low).toBe(wilson(38, 38).low);
    expect(area.high).toBe(1);
    // a county with one check weighs in the estimate but not in the pooled interval
    expect(areaResult([...counties, countyResult('c', 40, rule, found(1, 0))]).low).toBeLessThanOrEqual(wilson(38, 38).low);
    const mixed = [countyResult('a', 130, rule, found(19, 12)), countyResult('b', 900, rule, found(19, 19))];
    const m = areaResult(mixed);
    const s = stratifiedEstimate(mixed.map((c) => ({ size: c.size, checked: c.checked, confirmed: c.verified })));
    const pooled = wilson(31, 38);
    expect(m.estimate).toBe(s.estimate);
    expect(m.low).toBe(Math.min(s.low, pooled.low));
    expect(m.high).toBe(Math.max(s.high, pooled.high));
    expect(m.high).toBeGreaterThan(Math.min(s.high, pooled.high));
    expect(m.low).toBeLessThan(Math.max(s.low, pooled.low));
    // with no county checked twice, the stratified estimate stands as it is
    const ones = [countyResult('a', 130, rule, found(1, 1)), countyResult('b', 90, rule, found(1, 0))];
    expect(areaResult(ones)).toEqual(stratifiedEstimate(ones.map((c) => ({ size: c.size, checked: c.checked, confirmed: c.verified }))));
  });

  it("progress: a city's campaign, due on the month's last day, not yet overdue; the furthest behind first, then by code", () => {
    const p = {
      name: '南宁市抽查',
      area: '4501',
      deadline: '2026-11-30',
      counties: { '450103': { sampled: 19, checked: 10 }, '450102': { sampled: 19, checked: 10 }, '450105': { sampled: 19, checked: 2 } },
    };
    const line = progressLine(p, ['450102', '450103', '450105'], '2026-11-30', GX)!;
    expect(line.line).toBe('南宁市抽查（地级市组织，截止 2026-11-30）：已核查 22 / 57 个抽查社区，0 个县（市、区）已完成，3 个未完成。');
    expect(line.behind.map((b) => b.code)).toEqual(['450105', '450102', '450103']);
  });

  it("a county's paragraph when nothing was checked, or everything; the area's when no check was made", () => {
    const c = { name: '检查', deadline: '2025-12-31', ended: true };
    const none = countyResult('451026', 130, rule, []);
    expect(verificationText(c, [none], areaResult([none]), true)).toBe('检查：本县（市、区）抽查 19 个社区（村），未完成核查。');
    const all = countyResult('x', 8, ruleFor(rule, 8), found(8, 8));
    expect(verificationText(c, [all], areaResult([all]), true)).toBe(
      '检查：抽查本县（市、区）8 个社区（村），核实达标 8 个，核实覆盖率 100.0%（全部核查），判定：达标；发现与报送不符 0 个（0.0%），联系不上 0 个。',
    );
    expect(verificationText(c, [none], areaResult([none]), false)).toMatch(
      /判定达标 0 个县（市、区），未达标 0 个，样本未完成 1 个；发现与报送不符 0 个，联系不上 0 个。$/,
    );
  });
});
