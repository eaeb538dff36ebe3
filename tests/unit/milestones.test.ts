import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#core/dates.js';
import { evaluateMilestone } from '#core/milestones.js';
import { GUANGXI_2021 } from '#app/programmes.js';
import { phaseOn } from '#core/programme.js';

const at = (asOf: string, meeting: number, communities = 100, recentPacePerMonth?: number, dayClosed = false) =>
  evaluateMilestone(GUANGXI_2021, { communities, meeting, asOf, recentPacePerMonth, dayClosed });

describe('milestones of the Guangxi plan', () => {
  it('in the first month the 50% target of 2021-12-31 is in view', () => {
    const m = at('2021-05-20', 0);
    expect(m.target).toEqual({ due: '2021-12-31', target: 0.5 });
    expect(m.lastDue).toBeNull();
    expect(m).toMatchObject({ targetCommunities: 50, gap: 50, monthsLeft: 7, status: 'on-track' });
  });

  it('during its due date the milestone is still open; at the end of the day it is decided', () => {
    expect(at('2021-12-31', 50)).toMatchObject({ target: { due: '2021-12-31' }, status: 'met', gap: 0, decided: false });
    expect(at('2021-12-31', 49)).toMatchObject({
      target: { due: '2021-12-31' },
      decided: false,
      monthsLeft: 0,
      pacePerMonthNeeded: 1,
      status: 'at-risk',
    });
    expect(at('2021-12-31', 49, 100, 5).status).toBe('at-risk'); // 4 minutes before midnight is not "on track"
    expect(at('2021-12-30', 49, 100, 5).status).toBe('on-track');
    // the month's record (24:00 on 12-31): met or behind, no pace to close it
    expect(at('2021-12-31', 49, 100, 5, true)).toMatchObject({
      target: { due: '2021-12-31' },
      decided: true,
      status: 'behind',
      gap: 1,
      monthsLeft: 0,
      pacePerMonthNeeded: null,
    });
    expect(at('2021-12-31', 50, 100, 0, true)).toMatchObject({ decided: true, status: 'met', lastDue: { due: '2021-12-31' } });
  });

  it('the 2022 year end of a county at 78.8 % of its 80 % is 滞后, however fast its recent pace', () => {
    expect(at('2022-12-31', 63, 80, 10, true)).toMatchObject({ status: 'behind', gap: 1, target: { target: 0.8 } });
    expect(at('2022-12-31', 64, 80, 0, true)).toMatchObject({ status: 'met', gap: 0 });
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

  it('after the last milestone, anything below 100% is behind, and no monthly pace is asked of a date gone by', () => {
    expect(at('2024-03-01', 97)).toMatchObject({ status: 'behind', gap: 3, monthsLeft: 0, pacePerMonthNeeded: null, decided: true });
    expect(at('2024-03-01', 100).status).toBe('met');
  });

  it('two milestones already past: the later one is the last decided, and missing the earlier keeps a county behind', () => {
    const m = at('2023-03-01', 85);
    expect(m.lastDue).toEqual({ due: '2022-12-31', target: 0.8 });
    expect(m.target).toEqual({ due: '2023-12-31', target: 1 });
    expect(m.status).not.toBe('behind');
    expect(at('2023-03-01', 79).status).toBe('behind');
  });

  describe('at, just before and just after every due date (properties)', () => {
    const dues = GUANGXI_2021.milestones;
    const arb = fc.record({
      due: fc.constantFrom(...dues),
      communities: fc.integer({ min: 1, max: 500 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      pace: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: undefined }),
    });

    it('the day before the due date the milestone is open with a month to go; on the day, live, the whole gap is due today', () => {
      fc.assert(
        fc.property(arb, ({ due, communities, share, pace }) => {
          const meeting = Math.floor(share * communities);
          const before = at(addDays(due.due, -1), meeting, communities, pace, true);
          expect(before).toMatchObject({ target: due, decided: false, monthsLeft: 1, pacePerMonthNeeded: before.gap });
          const during = at(due.due, meeting, communities, pace);
          expect(during).toMatchObject({ target: due, decided: false, monthsLeft: 0, pacePerMonthNeeded: during.gap });
          // with a gap left on its last day a milestone is never "on track", whatever the recent pace
          if (during.gap > 0) expect(['at-risk', 'behind']).toContain(during.status);
        }),
      );
    });

    it('at the end of the due date, and the day after, the milestone is met or behind, nothing else', () => {
      fc.assert(
        fc.property(arb, ({ due, communities, share, pace }) => {
          const meeting = Math.floor(share * communities);
          const closed = at(due.due, meeting, communities, pace, true);
          expect(closed.decided).toBe(true);
          expect(closed.lastDue).toEqual(due);
          expect(closed.status).toBe(meeting >= Math.ceil(due.target * communities - 1e-9) ? 'met' : 'behind');
          expect(closed.pacePerMonthNeeded).toBeNull();
          const after = at(addDays(due.due, 1), meeting, communities, pace);
          expect(after.lastDue).toEqual(due);
          if (meeting < Math.ceil(due.target * communities - 1e-9)) expect(after.status).toBe('behind');
        }),
      );
    });
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
