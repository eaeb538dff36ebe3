import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#core/dates.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { evaluate, ruleIdsOf, type RuleSet } from '#core/rules.js';
import { MEMBER_CATEGORY_IDS, type TeamInput } from '#core/team.js';
import { goodTeam } from '#tests/helpers/team.js';
import { withRule } from '#tests/helpers/standards.js';

const v1 = GUANGXI_STANDARD_V1;
const RULE_IDS = ruleIdsOf(v1);

describe('rule set v1 (Guangxi default)', () => {
  it('a complete team meets the standard and the verdict says until when', () => {
    const verdict = evaluate(goodTeam(), v1, '2023-06-15');
    expect(verdict.meetsStandard).toBe(true);
    expect(verdict.failed).toEqual([]);
    // insurance ends 2024-03-01 (covered through that day); training 2023-04-20 + 12 months = 2024-04-20
    expect(verdict.holdsUntil).toBe('2024-03-01');
  });

  it('19 members fail members-min with the count and the threshold', () => {
    const team = goodTeam({ members: { ...goodTeam().members, volunteers: 0 } });
    const verdict = evaluate(team, v1, '2023-06-15');
    expect(verdict.meetsStandard).toBe(false);
    expect(verdict.failed.map((f) => f.ruleId)).toEqual(['members-min']);
    expect(verdict.failed[0].values).toEqual({ members: 19, required: 20 });
    expect(verdict.failed[0].message.zh).toBe('队员 19 人，少于 20 人');
  });

  it('lists every failed rule, not just the first', () => {
    const team = goodTeam({
      rules: { charter: false, memberCode: true, trainingDrills: true, assessment: false },
      management: { commandSystem: true, serviceHours: false, attendance: true },
      equipment: false,
      insuredMembers: 3,
      lastTrainingOn: null,
    });
    const verdict = evaluate(team, v1, '2023-06-15');
    expect(verdict.failed.map((f) => f.ruleId)).toEqual(['written-rules', 'management', 'equipment', 'insurance', 'training']);
    expect(verdict.failed[0].message.zh).toBe('缺少组织章程、考核评价制度');
    expect(verdict.failed[1].values).toEqual({ missing: ['serviceHours'] });
  });

  it('a policy "至 X 日二十四时止" covers its last day X; the team lapses the day after', () => {
    const team = goodTeam({ insuranceExpiresOn: '2023-07-01' });
    expect(evaluate(team, v1, '2023-06-30').meetsStandard).toBe(true);
    const onTheDay = evaluate(team, v1, '2023-07-01');
    expect(onTheDay.meetsStandard).toBe(true);
    expect(onTheDay.holdsUntil).toBe('2023-07-01');
    const after = evaluate(team, v1, '2023-07-02');
    expect(after.meetsStandard).toBe(false);
    expect(after.failed[0]).toMatchObject({
      ruleId: 'insurance',
      values: { insuranceExpiresOn: '2023-07-01' },
      message: { zh: '保险已于 2023-07-01 到期' },
    });
  });

  it('a yearly policy ending on 12-31 still counts in the year-end figure', () => {
    const team = goodTeam({ insuranceExpiresOn: '2023-12-31', lastTrainingOn: '2023-06-01' });
    expect(evaluate(team, v1, '2023-12-31').meetsStandard).toBe(true);
    expect(evaluate(team, v1, '2024-01-01').failed.map((f) => f.ruleId)).toEqual(['insurance']);
  });

  it('the stricter reading is a parameter of the rule set: a policy then stops counting on its end date', () => {
    const strict = withRule(v1, 'insurance', { coversEndDate: false });
    const team = goodTeam({ insuranceExpiresOn: '2023-07-01' });
    expect(evaluate(team, strict, '2023-06-30')).toMatchObject({ meetsStandard: true, holdsUntil: '2023-06-30' });
    expect(evaluate(team, strict, '2023-07-01').failed.map((f) => f.ruleId)).toEqual(['insurance']);
  });

  it('a training exactly 12 months ago still counts; a day more does not', () => {
    const team = goodTeam({ lastTrainingOn: '2022-06-15', insuranceExpiresOn: '2025-01-01' });
    expect(evaluate(team, v1, '2023-06-15').meetsStandard).toBe(true);
    expect(evaluate(team, v1, '2023-06-16').failed.map((f) => f.ruleId)).toEqual(['training']);
  });

  it('a training on 2023-02-28 still counts on 2024-02-29 (found by the property below)', () => {
    const team = goodTeam({ lastTrainingOn: '2023-02-28', insuranceExpiresOn: '2025-01-01' });
    expect(evaluate(team, v1, '2023-06-15').holdsUntil).toBe('2024-02-29');
    expect(evaluate(team, v1, '2024-02-29').meetsStandard).toBe(true);
    expect(evaluate(team, v1, '2024-03-01').meetsStandard).toBe(false);
  });

  it('thresholds are parameters: another programme may ask for 30 members', () => {
    const strict: RuleSet = { ...withRule(v1, 'min-members', { min: 30 }), id: 'strict' };
    const verdict = evaluate(goodTeam(), strict, '2023-06-15');
    expect(verdict.failed[0].values).toEqual({ members: 24, required: 30 });
  });

  it('a rule set may leave rules out', () => {
    const membersOnly: RuleSet = { ...v1, id: 'members-only', rules: v1.rules.filter((r) => r.id === 'members-min') };
    expect(evaluate(goodTeam({ equipment: false, lastTrainingOn: null }), membersOnly, '2023-06-15').meetsStandard).toBe(true);
  });
});

const arbTeam: fc.Arbitrary<TeamInput> = fc
  .record({
    members: fc.record(
      Object.fromEntries(MEMBER_CATEGORY_IDS.map((k) => [k, fc.nat({ max: 8 })])) as Record<
        keyof TeamInput['members'],
        fc.Arbitrary<number>
      >,
    ),
    equipment: fc.boolean(),
    insuredMembers: fc.nat({ max: 70 }),
    charter: fc.boolean(),
    insuranceDays: fc.option(fc.integer({ min: -400, max: 400 }), { nil: null }),
    trainingDays: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  })
  .map(({ members, equipment, insuredMembers, charter, insuranceDays, trainingDays }) =>
    goodTeam({
      members,
      equipment,
      insuredMembers,
      rules: { ...goodTeam().rules, charter },
      establishedOn: '2021-05-01',
      insuranceExpiresOn: insuranceDays === null ? null : addDays('2023-06-15', insuranceDays),
      lastTrainingOn: trainingDays === null ? null : addDays('2023-06-15', -trainingDays),
    }),
  );

describe('rule properties', () => {
  it('a team meets the standard exactly when no rule failed, and each failure is a known rule once', () => {
    fc.assert(
      fc.property(arbTeam, (team) => {
        const verdict = evaluate(team, v1, '2023-06-15');
        expect(verdict.meetsStandard).toBe(verdict.failed.length === 0);
        const ids = verdict.failed.map((f) => f.ruleId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(RULE_IDS).toContain(id);
      }),
    );
  });

  it('the verdict holds through holdsUntil and changes the day after; without one, no time-bound rule passes', () => {
    let bounded = 0;
    fc.assert(
      fc.property(arbTeam, (team) => {
        const verdict = evaluate(team, v1, '2023-06-15');
        const ids = verdict.failed.map((f) => f.ruleId);
        if (!verdict.holdsUntil) {
          // nothing runs out: both time-bound rules fail already
          expect(ids).toEqual(expect.arrayContaining(['insurance', 'training']));
          return;
        }
        bounded += 1;
        const last = evaluate(team, v1, verdict.holdsUntil);
        const after = evaluate(team, v1, addDays(verdict.holdsUntil, 1));
        expect(last.failed.map((f) => f.ruleId)).toEqual(ids);
        // the day after, the same failures and at least one more
        expect(after.failed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(ids));
        expect(after.failed.length).toBeGreaterThan(ids.length);
      }),
      { numRuns: 300 },
    );
    expect(bounded).toBeGreaterThan(50); // the property ran on teams that do run out, not only on the early return
  });

  it('time only takes a passing team out of the standard, never into it; until holdsUntil it stays in', () => {
    let passing = 0;
    // half the teams drawn pass today: a complete team with its insurance and training dates spread out
    const passingTeam = fc
      .record({ ahead: fc.integer({ min: 0, max: 400 }), ago: fc.integer({ min: 0, max: 365 }) })
      .map(({ ahead, ago }) =>
        goodTeam({
          establishedOn: '2021-05-01',
          insuranceExpiresOn: addDays('2023-06-15', ahead),
          lastTrainingOn: addDays('2023-06-15', -ago),
        }),
      );
    fc.assert(
      fc.property(fc.oneof(arbTeam, passingTeam), fc.integer({ min: 1, max: 600 }), (team, days) => {
        const now = evaluate(team, v1, '2023-06-15');
        const day = addDays('2023-06-15', days);
        const later = evaluate(team, v1, day);
        if (!now.meetsStandard) expect(later.meetsStandard).toBe(false);
        else {
          passing += 1;
          expect(later.meetsStandard).toBe(day <= now.holdsUntil!);
        }
      }),
      { numRuns: 300 },
    );
    expect(passing).toBeGreaterThan(100);
  });
});
