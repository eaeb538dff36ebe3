// What every figure an official reads rests on, pinned where it can slip: each rule's words and
// values (zh and en), each threshold at its edge, the plan's own facts, roll-ups, snapshots and the
// arithmetic of pace and forecast. Mutation testing (npm run test:mutation) holds these files to 85 %.
import { describe, expect, it } from 'vitest';
import { coverage, isZero, zeroCounters } from '#core/aggregate.js';
import { areaFigures } from '#core/figures.js';
import { evaluateMilestone, forecastCompletion } from '#core/milestones.js';
import { GUANGXI_2021, GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { describeProgramme, phaseOn, type Programme } from '#core/programme.js';
import { rollUpTownships } from '#core/rollup.js';
import { dateLimits, evaluate } from '#core/rules.js';
import { decodeFigures, encodeFigures, sumFigures } from '#core/snapshot.js';
import { parseTeamInput } from '#core/team.js';
import { goodTeam } from '#tests/helpers/team.js';
import { issueText } from '#core/issues.js';
import type { ValidationError } from '#core/errors.js';

const v1 = GUANGXI_STANDARD_V1;
const failedOf = (team: Parameters<typeof evaluate>[0], asOf = '2023-06-15') => evaluate(team, v1, asOf).failed;

describe('each rule says, in Chinese and English, what failed and with which values', () => {
  it('members-min: the count and the threshold; exactly 20 members passes', () => {
    const base = goodTeam();
    const twenty = {
      ...base.members,
      communityStaff: 6,
      veterans: 4,
      formerFirefighters: 1,
      localUnitStaff: 3,
      medicalStaff: 2,
      propertySecurity: 2,
      volunteers: 1,
      purchasedServices: 1,
    };
    expect(failedOf({ ...base, members: twenty, insuredMembers: 20 })).toEqual([]);
    expect(failedOf({ ...base, members: { ...twenty, volunteers: 0 }, insuredMembers: 19 })).toEqual([
      {
        ruleId: 'members-min',
        message: { zh: '队员 19 人，少于 20 人', en: '19 members, fewer than 20' },
        values: { members: 19, required: 20 },
      },
    ]);
  });

  it('written rules and management name every missing item, in order', () => {
    expect(failedOf(goodTeam({ rules: { charter: false, memberCode: true, trainingDrills: false, assessment: true } }))).toEqual([
      {
        ruleId: 'written-rules',
        message: { zh: '缺少组织章程、培训演练制度', en: 'Missing charter, training and drills' },
        values: { missing: ['charter', 'trainingDrills'] },
      },
    ]);
    expect(failedOf(goodTeam({ management: { commandSystem: true, serviceHours: false, attendance: true } }))).toEqual([
      {
        ruleId: 'management',
        message: { zh: '缺少服务时长登记', en: 'Missing service-hours register' },
        values: { missing: ['serviceHours'] },
      },
    ]);
  });

  it('equipment, insurance (too few insured, no date, ended) and training (none, too old)', () => {
    expect(failedOf(goodTeam({ equipment: false }))).toEqual([
      { ruleId: 'equipment', message: { zh: '未配备基本救援装备', en: 'No basic rescue equipment' }, values: { equipment: false } },
    ]);
    expect(failedOf(goodTeam({ insuredMembers: 23 }))).toEqual([
      {
        ruleId: 'insurance',
        message: { zh: '参保 23 人，少于队员 24 人', en: '23 insured of 24 members' },
        values: { insuredMembers: 23, members: 24, insuranceExpiresOn: '2024-03-01', asOf: '2023-06-15' },
      },
    ]);
    expect(failedOf(goodTeam({ insuranceExpiresOn: null }))[0]).toMatchObject({
      ruleId: 'insurance',
      message: { zh: '未填写保险到期日期', en: 'No insurance expiry date' },
    });
    expect(failedOf(goodTeam({ insuranceExpiresOn: '2023-06-14' }))[0].message).toEqual({
      zh: '保险已于 2023-06-14 到期',
      en: 'Insurance expired on 2023-06-14',
    });
    expect(failedOf(goodTeam({ lastTrainingOn: null }))).toEqual([
      {
        ruleId: 'training',
        message: { zh: '没有培训演练记录', en: 'No training recorded' },
        values: { lastTrainingOn: null, withinMonths: 12, asOf: '2023-06-15' },
      },
    ]);
    expect(failedOf(goodTeam({ lastTrainingOn: '2022-06-14' }))[0].message).toEqual({
      zh: '最近培训演练于 2022-06-14，已超过 12 个月',
      en: 'Last training on 2022-06-14, over 12 months ago',
    });
  });

  it('a training on the day evaluated counts; one dated the next day does not', () => {
    expect(failedOf(goodTeam({ lastTrainingOn: '2023-06-15' }))).toEqual([]);
    expect(failedOf(goodTeam({ lastTrainingOn: '2023-06-16' })).map((f) => f.ruleId)).toEqual(['training']);
  });

  it("the verdict holds until the earliest of the time-bound rules' last days", () => {
    expect(evaluate(goodTeam({ insuranceExpiresOn: '2023-09-01', lastTrainingOn: '2023-04-20' }), v1, '2023-06-15').holdsUntil).toBe(
      '2023-09-01',
    );
    expect(evaluate(goodTeam({ insuranceExpiresOn: '2024-09-01', lastTrainingOn: '2023-04-20' }), v1, '2023-06-15').holdsUntil).toBe(
      '2024-04-20',
    );
  });

  it("every rule has its title, with its threshold, in both languages, and says whether it is the plan's text or the province's reading", () => {
    expect(Object.fromEntries(v1.rules.map((r) => [r.id, [r.title, r.source.basis]]))).toEqual({
      'members-min': [{ zh: '队员人数达标（20人以上）', en: 'Enough members (20 or more)' }, 'text'],
      'written-rules': [
        { zh: '规章制度齐全（章程、守则、培训演练、考核评价）', en: 'Written rules in place (charter, code, drills, assessment)' },
        'text',
      ],
      management: [
        { zh: '管理机制健全（组织指挥、服务时长、考勤考评）', en: 'Management in place (command, service hours, attendance)' },
        'text',
      ],
      equipment: [{ zh: '配备基本救援装备', en: 'Basic rescue equipment' }, 'text'],
      insurance: [{ zh: '队员意外伤害保险有效（全员参保）', en: 'Members insured (every member)' }, 'interpretation'],
      training: [{ zh: '一年内开展培训演练（12个月内）', en: 'Trained within a year (12 months)' }, 'interpretation'],
    });
  });

  it("the plausible window for dates: from the standard's earliest date, insurance up to five years ahead", () => {
    expect(dateLimits(v1, '2026-12-01')).toEqual({ earliest: '2000-01-01', insuranceLatest: '2031-12-01' });
    expect(dateLimits({ dates: { earliest: '2010-01-01', insuranceYearsAhead: 2 } }, '2024-02-29')).toEqual({
      earliest: '2010-01-01',
      insuranceLatest: '2026-02-28',
    });
  });
});

describe("the team as submitted: each field's own message", () => {
  const issues = (body: unknown, options?: Parameters<typeof parseTeamInput>[2]) => {
    try {
      parseTeamInput(body, '2023-06-15', options);
      return [];
    } catch (e) {
      return (e as ValidationError).issues.map((i) => ({ field: i.field, message: issueText(i) }));
    }
  };
  it('types: a phone that is not text, dates that are not text', () => {
    expect(issues(goodTeam({ leader: { name: '李', phone: 13800138000 as unknown as string } }))).toEqual([
      { field: 'leader.phone', message: '队长电话必须是文字' },
    ]);
    expect(issues(goodTeam({ insuranceExpiresOn: 20240301 as unknown as string }))).toEqual([
      { field: 'insuranceExpiresOn', message: '保险到期日期必须是有效日期（如 2022-03-15）' },
    ]);
    expect(issues(goodTeam({ lastTrainingOn: 'soon' }))).toEqual([
      { field: 'lastTrainingOn', message: '最近培训演练日期必须是有效日期（如 2022-03-15）' },
    ]);
  });

  it('each text field names itself, and a body that is no team is told so', () => {
    expect(issues(goodTeam({ name: 12345 as unknown as string }))).toEqual([{ field: 'name', message: '队伍名称必须是文字' }]);
    expect(issues(goodTeam({ leader: { name: '', phone: '13800138000' } }))).toEqual([
      { field: 'leader.name', message: '队长姓名不能为空' },
    ]);
    expect(issues(goodTeam({ leader: { name: '李'.repeat(51), phone: '13800138000' } }))).toEqual([
      { field: 'leader.name', message: '队长姓名不能超过 50 个字' },
    ]);
    expect(issues({ ...goodTeam(), leader: { name: '李建华' } })).toEqual([{ field: 'leader.phone', message: '队长电话不能为空' }]);
    expect(issues({ ...goodTeam(), colour: 'red' })).toEqual([{ field: 'colour', message: '未知字段：colour' }]);
    expect(issues({ ...goodTeam(), colour: 'red', size: 2 })).toEqual([{ field: 'colour,size', message: '未知字段：colour、size' }]);
    expect(issues(goodTeam({ insuranceExpiresOn: '2100-01-01' }))).toEqual([
      { field: 'insuranceExpiresOn', message: '保险到期日期应在 1949-10-01 到 2099-12-31 之间' },
    ]);
    expect(issues(null)).toEqual([{ field: '(body)', message: expect.any(String) }]);
    expect(() => parseTeamInput(null, '2023-06-15')).toThrow('队伍信息有误，请按提示修改后重新提交');
    expect(parseTeamInput(goodTeam({ leader: { name: ' 李建华 ', phone: ' 13800138000 ' } }), '2023-06-15').leader).toEqual({
      name: '李建华',
      phone: '13800138000',
    });
  });

  it('phones: whole mainland mobiles (11 digits) or landlines with or without the dash, nothing around them', () => {
    for (const phone of ['13800138000', '0771-5551234', '07715551234', '010-12345678'])
      expect(issues(goodTeam({ leader: { name: '李', phone } })), phone).toEqual([]);
    for (const phone of ['138001380001', 'x13800138000', '13800138000x', '0771-5551234x', 'a0771-5551234', '0771--5551234']) {
      expect(issues(goodTeam({ leader: { name: '李', phone } })), phone).toEqual([
        { field: 'leader.phone', message: '队长电话必须是中国大陆手机号（11 位）或固定电话（区号-号码）' },
      ]);
    }
  });

  it('a training before the team was founded, or dated tomorrow; one on the founding day or today is fine', () => {
    expect(issues(goodTeam({ establishedOn: '2022-01-01', lastTrainingOn: '2021-12-31' }))).toEqual([
      { field: 'lastTrainingOn', message: '最近培训演练日期不能早于成立日期' },
    ]);
    expect(issues(goodTeam({ establishedOn: '2022-01-01', lastTrainingOn: '2022-01-01' }))).toEqual([]);
    expect(issues(goodTeam({ lastTrainingOn: '2023-06-16' }))).toEqual([
      { field: 'lastTrainingOn', message: '最近培训演练日期 2023-06-16 不能晚于今天（2023-06-15）' },
    ]);
    expect(issues(goodTeam({ lastTrainingOn: '2023-06-15' }))).toEqual([]);
    expect(issues(goodTeam({ establishedOn: '2023-06-16' }))).toContainEqual({
      field: 'establishedOn',
      message: '成立日期 2023-06-16 不能晚于今天（2023-06-15）',
    });
  });

  it("the standard's window names each date: training and insurance too early, insurance too late", () => {
    const limits = { earliest: '2020-01-01', insuranceLatest: '2025-01-01' };
    expect(
      issues(goodTeam({ establishedOn: '2019-05-01', lastTrainingOn: '2019-12-31', insuranceExpiresOn: '2019-12-01' }), { limits }),
    ).toEqual([
      { field: 'establishedOn', message: '成立日期 2019-05-01 早于 2020-01-01，请核对是否填错' },
      { field: 'lastTrainingOn', message: '最近培训演练日期 2019-12-31 早于 2020-01-01，请核对是否填错' },
      { field: 'insuranceExpiresOn', message: '保险到期日期 2019-12-01 早于 2020-01-01，请核对是否填错' },
    ]);
    expect(issues(goodTeam({ insuranceExpiresOn: '2025-01-02' }), { limits })).toEqual([
      { field: 'insuranceExpiresOn', message: '保险到期日期 2025-01-02 晚于 2025-01-01，请核对是否填错' },
    ]);
  });

  it('one combining mark on a letter is a name (é, written as e + U+0301); the masked phone passes only for the phone it stands for', () => {
    expect(issues(goodTeam({ name: 'Pe\u0301ng 队' }))).toEqual([]);
    const masked = { name: '李建华', phone: '138****8000' };
    expect(issues(goodTeam({ leader: masked }), { maskedPhone: '138****8000' })).toEqual([]);
    expect(issues(goodTeam({ leader: masked }), { maskedPhone: '139****8000' })).toEqual([
      { field: 'leader.phone', message: expect.stringMatching(/打码/) },
    ]);
    expect(issues(goodTeam({ leader: masked }))).toEqual([{ field: 'leader.phone', message: expect.stringMatching(/打码/) }]);
    expect(issues({ ...goodTeam(), leader: null }, { maskedPhone: '138****8000' })).toEqual([
      { field: 'leader', message: expect.any(String) },
    ]);
  });
});

describe("the plan's own facts (seed 001)", () => {
  it('name, province, start, the planned count, milestones and phases', () => {
    expect(GUANGXI_2021).toMatchObject({
      id: 'gx-2021',
      provinceCode: '45',
      start: '2021-05-01',
      plannedCommunities: 16_197,
      plannedCounties: 111,
      name: {
        zh: '八桂应急先锋社区响应队建设三年行动计划（2021—2023年）',
        en: 'Guangxi community response teams, three-year plan 2021–2023',
      },
      milestones: [
        { due: '2021-12-31', target: 0.5 },
        { due: '2022-12-31', target: 0.8 },
        { due: '2023-12-31', target: 1 },
      ],
    });
    expect(GUANGXI_2021.phases).toEqual([
      { id: 'mobilise', name: { zh: '动员部署', en: 'Mobilisation' }, from: '2021-05-01', to: '2021-05-31' },
      { id: 'launch', name: { zh: '全面启动', en: 'Full launch' }, from: '2021-06-01', to: '2021-12-31' },
      { id: 'advance', name: { zh: '稳步推进', en: 'Steady advance' }, from: '2022-01-01', to: '2022-12-31' },
      { id: 'decisive', name: { zh: '决战决胜', en: 'Decisive year' }, from: '2023-01-01', to: '2023-12-31' },
      { id: 'review', name: { zh: '总结经验', en: 'Review' }, from: '2024-01-01', to: '2024-05-31' },
    ]);
    expect(v1).toMatchObject({
      id: 'gx-2021',
      version: 1,
      effectiveFrom: '2021-05-01',
      dates: { earliest: '2000-01-01', insuranceYearsAhead: 5 },
    });
    expect(v1.rules.map((r) => [r.id, r.kind])).toEqual([
      ['members-min', 'min-members'],
      ['written-rules', 'checklist'],
      ['management', 'checklist'],
      ['equipment', 'flag'],
      ['insurance', 'insurance'],
      ['training', 'trained-within'],
    ]);
    expect(v1.rules.find((r) => r.kind === 'min-members')).toMatchObject({ min: 20 });
    expect(v1.rules.find((r) => r.kind === 'insurance')).toMatchObject({ minShare: 1, coversEndDate: true });
    expect(v1.rules.find((r) => r.kind === 'trained-within')).toMatchObject({ months: 12 });
  });

  it('a phase holds from its first day to its last', () => {
    expect(phaseOn(GUANGXI_2021, '2021-06-01')?.id).toBe('launch');
    expect(phaseOn(GUANGXI_2021, '2021-05-31')?.id).toBe('mobilise');
    expect(phaseOn(GUANGXI_2021, '2021-04-30')).toBeNull();
  });

  it('the programme as the API describes it names each rule with its title', () => {
    const d = describeProgramme(GUANGXI_2021);
    expect(d.ruleSet).toEqual({
      ...v1,
      ref: 'gx-2021-v1',
      params: {
        minMembers: 20,
        trainingWithinMonths: 12,
        insuranceCoversEndDate: true,
        earliestDate: '2000-01-01',
        insuranceYearsAhead: 5,
      },
    });
    expect(d.milestones).toEqual(GUANGXI_2021.milestones);
  });
});

describe('figures of an area', () => {
  const area = (meeting: number, communities = 100) => ({
    communities,
    counters: { ...zeroCounters(), teamsRegistered: meeting + 5, teamsMeetingStandard: meeting, members: meeting * 25 },
  });

  it('change over the month, the mean of the last three months, and the forecast at that pace', () => {
    const f = areaFigures(GUANGXI_2021, area(70), '2022-07-31', area(64), area(52));
    expect(f).toMatchObject({ coverage: 0.7, changeThisMonth: 6, recentPacePerMonth: 6, forecastFullCoverage: '2022-12-31' }); // 30 to go at 6 a month: 5 months
    const none = areaFigures(GUANGXI_2021, area(70), '2022-07-31');
    expect(none).toMatchObject({ changeThisMonth: null, recentPacePerMonth: null, forecastFullCoverage: null });
    expect(none.milestone.status).toBe(evaluateMilestone(GUANGXI_2021, { communities: 100, meeting: 70, asOf: '2022-07-31' }).status);
  });

  it("a month's record on a due date decides the milestone; the live view of that day does not", () => {
    expect(areaFigures(GUANGXI_2021, area(79), '2022-12-31', area(78), area(70), true).milestone).toMatchObject({
      decided: true,
      status: 'behind',
    });
    expect(areaFigures(GUANGXI_2021, area(79), '2022-12-31', area(78), area(70)).milestone).toMatchObject({ decided: false });
  });

  it('forecast: done already, never at no pace, and whole months at a pace', () => {
    expect(forecastCompletion({ communities: 100, meeting: 100, asOf: '2023-01-15', pacePerMonth: 0 })).toBe('2023-01-15');
    expect(forecastCompletion({ communities: 100, meeting: 101, asOf: '2023-01-15', pacePerMonth: null })).toBe('2023-01-15');
    expect(forecastCompletion({ communities: 100, meeting: 90, asOf: '2023-01-15', pacePerMonth: 0 })).toBeNull();
    expect(forecastCompletion({ communities: 100, meeting: 90, asOf: '2023-01-15', pacePerMonth: -2 })).toBeNull();
    expect(forecastCompletion({ communities: 100, meeting: 90, asOf: '2023-01-15', pacePerMonth: 3 })).toBe('2023-05-15');
    expect(forecastCompletion({ communities: 100, meeting: 99, asOf: '2023-01-15', pacePerMonth: 0.5 })).toBe('2023-03-15');
  });

  it('milestones listed out of order are read in date order', () => {
    const shuffled: Programme = { ...GUANGXI_2021, milestones: [...GUANGXI_2021.milestones].reverse() };
    expect(evaluateMilestone(shuffled, { communities: 100, meeting: 0, asOf: '2021-06-01' }).target.due).toBe('2021-12-31');
  });

  it('exactly at the straight line from the last milestone is on track; a community short is at risk', () => {
    // 2022-07: 7 of 12 months from 50 % to 80 % → 67.5 %
    expect(evaluateMilestone(GUANGXI_2021, { communities: 1000, meeting: 675, asOf: '2022-07-15' }).status).toBe('on-track');
    expect(evaluateMilestone(GUANGXI_2021, { communities: 1000, meeting: 674, asOf: '2022-07-15' }).status).toBe('at-risk');
    // just at the last milestone's target is not behind
    expect(evaluateMilestone(GUANGXI_2021, { communities: 100, meeting: 50, asOf: '2022-02-01' }).status).not.toBe('behind');
    expect(evaluateMilestone(GUANGXI_2021, { communities: 100, meeting: 49, asOf: '2022-02-01' }).status).toBe('behind');
  });
});

describe('counters, roll-ups and snapshots', () => {
  it('zero is zero in every field, failures included', () => {
    expect(isZero(zeroCounters())).toBe(true);
    for (const change of [{ teamsRegistered: 1 }, { teamsMeetingStandard: -1 }, { members: 3 }])
      expect(isZero({ ...zeroCounters(), ...change })).toBe(false);
    expect(isZero({ ...zeroCounters(), failures: { ...zeroCounters().failures, training: 1 } })).toBe(false);
  });

  it('coverage of an area with no communities is 0, not a division by zero', () => {
    expect(coverage(0, 0)).toBe(0);
    expect(coverage(5, 0)).toBe(0);
    expect(coverage(1, 4)).toBe(0.25);
  });

  it('townships count their own communities and teams; communities of no listed township are left out', () => {
    const meets = { members: 24, verdict: { meetsStandard: true, failed: [] } };
    const fails = {
      members: 12,
      verdict: { meetsStandard: false, failed: [{ ruleId: 'members-min' as const, message: { zh: '', en: '' }, values: {} }] },
    };
    const areas = rollUpTownships(
      [
        ['450102001', '新民街道'],
        ['450102002', '兴东街道'],
      ],
      [
        ['450102001001', 'a'],
        ['450102001002', 'b'],
        ['450102002001', 'c'],
        ['450102009001', 'x'],
      ],
      new Map([
        ['450102001001', meets],
        ['450102001002', fails],
        ['450102009001', meets],
      ]),
    );
    expect(areas).toEqual([
      {
        code: '450102001',
        name: '新民街道',
        communities: 2,
        counters: { teamsRegistered: 2, teamsMeetingStandard: 1, members: 36, failures: { ...zeroCounters().failures, 'members-min': 1 } },
      },
      { code: '450102002', name: '兴东街道', communities: 1, counters: zeroCounters() },
    ]);
  });

  it("a snapshot's numbers go in and come out as they were; sums add every field", () => {
    const f = {
      communities: 80,
      counters: {
        teamsRegistered: 70,
        teamsMeetingStandard: 60,
        members: 1700,
        failures: { ...zeroCounters().failures, insurance: 4, training: 6, equipment: 1 },
      },
    };
    // failures by rule id (any standard's rules), the zero ones left out
    expect(encodeFigures(f)).toEqual([80, 70, 60, 1700, { equipment: 1, insurance: 4, training: 6 }]);
    expect(decodeFigures(encodeFigures(f))).toEqual(f);
    // items written before standards were data hold the six Guangxi v1 rules by position
    expect(decodeFigures([80, 70, 60, 1700, 0, 0, 0, 1, 4, 6])).toEqual(f);
    expect(decodeFigures([3, 2, 1, 50])).toEqual({
      communities: 3,
      counters: { teamsRegistered: 2, teamsMeetingStandard: 1, members: 50, failures: zeroCounters().failures },
    });
    expect(sumFigures([f, f])).toEqual({
      communities: 160,
      counters: {
        teamsRegistered: 140,
        teamsMeetingStandard: 120,
        members: 3400,
        failures: { ...zeroCounters().failures, insurance: 8, training: 12, equipment: 2 },
      },
    });
  });
});
