import { describe, expect, it } from 'vitest';
import { evaluateMilestone } from '../../functions/core/milestones.js';
import { GUANGXI_2021, phaseOn } from '../../functions/core/programme.js';

const at = (asOf: string, meeting: number, communities = 100, recentPacePerMonth?: number) =>
  evaluateMilestone(GUANGXI_2021, { communities, meeting, asOf, recentPacePerMonth });

describe('milestones of the Guangxi plan', () => {
  it('in the first month the 50% target of 2021-12-31 is in view', () => {
    const m = at('2021-05-20', 0);
    expect(m.target).toEqual({ due: '2021-12-31', target: 0.5 });
    expect(m.lastDue).toBeNull();
    expect(m).toMatchObject({ targetCommunities: 50, gap: 50, monthsLeft: 7, status: 'on-track' });
  });

  it('on the due date the milestone is still the one in view', () => {
    expect(at('2021-12-31', 50)).toMatchObject({ target: { due: '2021-12-31' }, status: 'met', gap: 0 });
  });

  it('a county that missed 50% at the end of 2021 is behind in 2022', () => {
    expect(at('2022-01-01', 49)).toMatchObject({ lastDue: { target: 0.5 }, target: { target: 0.8 }, status: 'behind' });
  });

  it('between milestones, coverage below the straight line is at risk, above it on track', () => {
    // 2022-07: half-way from 50% to 80% → 66% expected
    expect(at('2022-07-15', 60).status).toBe('at-risk');
    expect(at('2022-07-15', 70).status).toBe('on-track');
  });

  it('a recent pace, when given, decides between on track and at risk', () => {
    const m = at('2022-07-15', 70, 100, 1);
    expect(m.pacePerMonthNeeded).toBeCloseTo(10 / 5);
    expect(m.status).toBe('at-risk');
    expect(at('2022-07-15', 70, 100, 2).status).toBe('on-track');
  });

  it('after the last milestone, anything below 100% is behind and the whole gap is due now', () => {
    expect(at('2024-03-01', 97)).toMatchObject({ status: 'behind', gap: 3, monthsLeft: 0, pacePerMonthNeeded: 3 });
    expect(at('2024-03-01', 100).status).toBe('met');
  });

  it('targets round up to whole communities', () => {
    expect(at('2021-06-01', 0, 161).targetCommunities).toBe(81);
  });

  it('phases follow the plan', () => {
    expect(phaseOn(GUANGXI_2021, '2021-05-10')?.id).toBe('mobilise');
    expect(phaseOn(GUANGXI_2021, '2022-03-01')?.id).toBe('advance');
    expect(phaseOn(GUANGXI_2021, '2024-05-31')?.id).toBe('review');
    expect(phaseOn(GUANGXI_2021, '2024-06-01')).toBeNull();
  });
});
