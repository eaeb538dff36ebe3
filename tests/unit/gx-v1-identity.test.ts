// Guangxi v1 as data judges exactly as the rules did when they were code. The oracle below is the
// code as it stood before the standard moved to data/standards/gx-2021.v1.json (frozen here, used
// nowhere else): the two must agree on every team of the seeded province, at four dates either side
// of the plan's milestones and of today, and on any team fast-check can build.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { countyRegistries } from '#app/registry.js';
import { addDays, addMonths, type IsoDate } from '#core/dates.js';
import { evaluate } from '#core/rules.js';
import { MEMBER_CATEGORY_IDS, memberTotal, parseTeamInput, type TeamInput } from '#core/team.js';
import { demoCounty } from '#local/demo.js';
import { goodTeam, type GuangxiTeam } from '#tests/helpers/team.js';

type Failed = [ruleId: string, values: Record<string, unknown>];

/** The v1 rules as code (commit a6bdd6d, functions/core/rules.ts), reduced to what a verdict decides. */
function oracle(team: GuangxiTeam, asOf: IsoDate): { meets: boolean; holdsUntil: IsoDate | null; failed: Failed[] } {
  const failed: Failed[] = [];
  let holdsUntil: IsoDate | null = null;
  const hold = (d: IsoDate) => {
    if (!holdsUntil || d < holdsUntil) holdsUntil = d;
  };
  const lastDayWithin = (date: IsoDate, months: number) => {
    let day = addMonths(date, months);
    while (addMonths(addDays(day, 1), -months) <= date) day = addDays(day, 1);
    return day;
  };
  const members = memberTotal(team);
  if (members < 20) failed.push(['members-min', { members, required: 20 }]);
  const missing = (flags: Record<string, boolean>, order: string[]) => order.filter((k) => !flags[k]);
  const rules = missing(team.rules, ['charter', 'memberCode', 'trainingDrills', 'assessment']);
  if (rules.length) failed.push(['written-rules', { missing: rules }]);
  const management = missing(team.management, ['commandSystem', 'serviceHours', 'attendance']);
  if (management.length) failed.push(['management', { missing: management }]);
  if (!team.equipment) failed.push(['equipment', { equipment: false }]);
  const values = { insuredMembers: team.insuredMembers, members, insuranceExpiresOn: team.insuranceExpiresOn, asOf };
  if (team.insuredMembers < members || !team.insuranceExpiresOn || team.insuranceExpiresOn < asOf) failed.push(['insurance', values]);
  else hold(team.insuranceExpiresOn);
  const last = team.lastTrainingOn;
  if (last && last >= addMonths(asOf, -12) && last <= asOf) hold(lastDayWithin(last, 12));
  else failed.push(['training', { lastTrainingOn: last, withinMonths: 12, asOf }]);
  return { meets: failed.length === 0, holdsUntil, failed };
}

const judged = (team: TeamInput, asOf: IsoDate) => {
  const v = evaluate(team, GUANGXI_STANDARD_V1, asOf);
  return { meets: v.meetsStandard, holdsUntil: v.holdsUntil, failed: v.failed.map((f): Failed => [f.ruleId, f.values]) };
};

const DATES: IsoDate[] = ['2021-12-31', '2023-06-15', '2023-12-31', '2026-11-20', '2027-06-01'];

describe('Guangxi v1 as data judges as v1 as code did', () => {
  // 83,000 judgements: seconds here, minutes under Stryker's instrumentation for each mutant it covers,
  // so the mutation run (vitest.unit.config.ts sets MUTATION_RUN) leaves it to the property below.
  it.skipIf(process.env.MUTATION_RUN === '1')('on every team of the seeded province, at five dates', { timeout: 60_000 }, () => {
    const teams = countyRegistries()
      .flatMap((r) => demoCounty(r, '2026-11-20'))
      .map((t) => parseTeamInput(t.team, '2026-11-20') as GuangxiTeam);
    expect(teams.length).toBeGreaterThan(16_000);
    let differing = 0;
    const outcomes = new Set<string>();
    for (const asOf of DATES) {
      for (const team of teams) {
        const [a, b] = [judged(team, asOf), oracle(team, asOf)];
        if (JSON.stringify(a) !== JSON.stringify(b)) differing += 1;
        outcomes.add(`${a.meets}|${a.failed.map((f) => f[0]).join(',')}`);
      }
    }
    expect(differing).toBe(0);
    // the province is not one outcome repeated: met, and each rule failing, all occur
    expect([...outcomes].some((o) => o.startsWith('true'))).toBe(true);
    for (const id of ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'])
      expect([...outcomes].some((o) => o.includes(id))).toBe(true);
  });

  it('on any team, at any date of the plan and after', () => {
    const flags = (keys: string[]) =>
      fc.record(Object.fromEntries(keys.map((k) => [k, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>);
    const arbTeam = fc.record({
      members: fc.record(
        Object.fromEntries(MEMBER_CATEGORY_IDS.map((k) => [k, fc.nat({ max: 6 })])) as Record<
          keyof TeamInput['members'],
          fc.Arbitrary<number>
        >,
      ),
      rules: flags(['charter', 'memberCode', 'trainingDrills', 'assessment']),
      management: flags(['commandSystem', 'serviceHours', 'attendance']),
      equipment: fc.boolean(),
      insuredMembers: fc.nat({ max: 50 }),
      insuranceDays: fc.option(fc.integer({ min: -800, max: 800 }), { nil: null }),
      trainingDays: fc.option(fc.integer({ min: -30, max: 800 }), { nil: null }),
      asOfDays: fc.integer({ min: 0, max: 2400 }),
    });
    fc.assert(
      fc.property(arbTeam, (r) => {
        const asOf = addDays('2021-05-01', r.asOfDays);
        const team = goodTeam({
          members: r.members,
          rules: r.rules as GuangxiTeam['rules'],
          management: r.management as GuangxiTeam['management'],
          equipment: r.equipment,
          insuredMembers: r.insuredMembers,
          insuranceExpiresOn: r.insuranceDays === null ? null : addDays(asOf, r.insuranceDays),
          lastTrainingOn: r.trainingDays === null ? null : addDays(asOf, -r.trainingDays),
        });
        expect(judged(team, asOf)).toEqual(oracle(team, asOf));
      }),
      { numRuns: 3000 },
    );
  });
});
