// A campaign's design, a check and what it finds, as pure functions.
import { describe, expect, it } from 'vitest';
import { countyResult, judgeCheck, parseCampaign, parseCheck, ruleFor } from '../../functions/core/campaign.js';
import { decisionRule } from '../../functions/core/sampling.js';

const RULES = ['members-min', 'insurance'];
const reported = { exists: true, members: 24, failed: [] as string[] };

describe('the design', () => {
  it('fills the defaults (19 a county, 95 % / 80 %) and refuses what cannot be a campaign', () => {
    expect(parseCampaign({ name: '年度督导检查', year: 2026, area: '45', deadline: '2026-12-31' }, '2026-12-02')).toMatchObject({ sampleSize: 19, upper: 0.95, lower: 0.8 });
    for (const [body, text] of [
      [{ name: '检查', year: 2026, area: '4601', deadline: '2026-12-31' }, '检查范围'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-01' }, '已过'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-31', upper: 0.7, lower: 0.8 }, '必须高于'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-31', sampleSize: 3 }, '不少于 5'],
      [{ name: '检查', year: 2026, area: '45', deadline: '2026-12-31', seed: 'mine' }, '随机种子由系统抽取'],
      [{ name: '=cmd', year: 2026, area: '45', deadline: '2026-12-31' }, '不能以'],
    ] as const) expect(() => parseCampaign(body, '2026-12-02'), text).toThrow(text);
  });
});

describe('a check', () => {
  it('needs what was found, for every rule, unless the team was unreachable', () => {
    expect(parseCheck({ method: 'unreachable' }, RULES)).toEqual({ method: 'unreachable' });
    expect(() => parseCheck({ method: 'phone' }, RULES)).toThrow('请填写队伍是否存在');
    expect(() => parseCheck({ method: 'phone', teamExists: true, members: 20, rules: { 'members-min': true } }, RULES)).toThrow('请填写标准“insurance”');
    expect(() => parseCheck({ method: 'phone', teamExists: true, members: 20, rules: { 'members-min': true, insurance: true, extra: true } }, RULES)).toThrow('现行标准没有这条');
    expect(() => parseCheck({ method: 'email' }, RULES)).toThrow('核查方式');
    expect(parseCheck({ method: 'visit', teamExists: false }, RULES)).toEqual({ method: 'visit', teamExists: false });
  });

  it('is confirmed when what was found is what was reported, else names each difference', () => {
    expect(judgeCheck({ method: 'phone', teamExists: true, members: 24, rules: { 'members-min': true, insurance: true } }, reported, RULES)).toEqual({ outcome: 'confirmed', findings: [], verified: true });
    expect(judgeCheck({ method: 'visit', teamExists: true, members: 18, rules: { 'members-min': false, insurance: true } }, reported, RULES))
      .toEqual({ outcome: 'discrepancy', verified: false, findings: [{ field: 'members', reported: 24, found: 18 }, { field: 'rules.members-min', reported: true, found: false }] });
    expect(judgeCheck({ method: 'visit', teamExists: false }, reported, RULES)).toEqual({ outcome: 'discrepancy', verified: false, findings: [{ field: 'teamExists', reported: true, found: false }] });
    // a team reported as failing insurance, found insured: a discrepancy in the county's favour, and verified
    expect(judgeCheck({ method: 'phone', teamExists: true, members: 24, rules: { 'members-min': true, insurance: true } }, { ...reported, failed: ['insurance'] }, RULES))
      .toMatchObject({ outcome: 'discrepancy', verified: true, findings: [{ field: 'rules.insurance', reported: false, found: true }] });
    expect(judgeCheck({ method: 'unreachable' }, reported, RULES)).toEqual({ outcome: 'unreachable', findings: [], verified: false });
  });

  it('a county\'s result counts what its checks found so far', () => {
    const checks = [...Array(16).fill({ outcome: 'confirmed', verified: true }), { outcome: 'discrepancy', verified: false }, { outcome: 'unreachable', verified: false }];
    const rule = decisionRule(19, 0.95, 0.8);
    expect(rule.d).toBe(17);
    expect(countyResult('451026', 130, rule, checks)).toMatchObject({ sampled: 19, checked: 18, verified: 16, discrepancies: 1, unreachable: 1, class: 'incomplete', discrepancyRate: 1 / 18 });
    expect(countyResult('451026', 130, rule, [...checks, { outcome: 'confirmed', verified: true }])).toMatchObject({ class: 'pass' });
    expect(countyResult('451026', 130, rule, [])).toMatchObject({ class: 'incomplete', discrepancyRate: null });
  });

  it('a county with fewer communities than the sample size is judged by the rule for that many', () => {
    const rule = decisionRule(19, 0.95, 0.8);
    expect(ruleFor(rule, 19)).toBe(rule);
    expect(ruleFor(rule, 10)).toMatchObject({ n: 10, d: decisionRule(10, 0.95, 0.8).d });
    expect(countyResult('x', 10, ruleFor(rule, 10), Array(10).fill({ outcome: 'confirmed', verified: true }))).toMatchObject({ sampled: 10, class: 'pass' });
    expect(countyResult('x', 0, ruleFor(rule, 0), [])).toMatchObject({ sampled: 0, class: 'incomplete' });
  });
});
