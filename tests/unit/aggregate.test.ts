import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsOf, delta, sumCounters, zeroCounters, type TeamContribution } from '#core/aggregate.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { ruleIdsOf } from '#core/rules.js';

const RULE_IDS = ruleIdsOf(GUANGXI_STANDARD_V1);

const arbTeam: fc.Arbitrary<TeamContribution | null> = fc.option(
  fc
    .record({
      members: fc.nat({ max: 80 }),
      failedIds: fc.subarray([...RULE_IDS]),
    })
    .map(({ members, failedIds }) => ({
      members,
      verdict: {
        meetsStandard: failedIds.length === 0,
        failed: failedIds.map((ruleId) => ({ ruleId, message: { zh: '', en: '' }, values: {} })),
      },
    })),
  { nil: null },
);

describe('aggregation arithmetic', () => {
  it('summing the deltas of any sequence of writes equals a recount of the final teams', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 9 }), arbTeam), { maxLength: 200 }), (writes) => {
        const state = new Map<number, TeamContribution | null>();
        let counters = zeroCounters();
        for (const [community, next] of writes) {
          counters = sumCounters([counters, delta(state.get(community) ?? null, next)]);
          state.set(community, next);
        }
        expect(counters).toEqual(sumCounters([...state.values()].map(countsOf)));
      }),
    );
  });

  it('a team counts once as registered, once as meeting the standard when it does, and once per failed rule', () => {
    fc.assert(
      fc.property(arbTeam, (team) => {
        const c = countsOf(team);
        expect(c.teamsRegistered).toBe(team ? 1 : 0);
        expect(c.teamsMeetingStandard).toBe(team?.verdict.meetsStandard ? 1 : 0);
        expect(Object.values(c.failures).reduce((a, b) => a + b, 0)).toBe(team?.verdict.failed.length ?? 0);
      }),
    );
  });

  it('a write that changes nothing has a zero delta', () => {
    fc.assert(
      fc.property(arbTeam, (team) => {
        expect(delta(team, team)).toEqual(zeroCounters());
      }),
    );
  });
});
