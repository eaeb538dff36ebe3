// What counts as a renewal: a date moved later or a drill added to a log that had one; a team's
// first registration (a date where there was none) does not.
import { describe, expect, it } from 'vitest';
import { isRenewal } from '#core/retention.js';

describe('renewals', () => {
  it('an insurance end or a training moved later renews; a first date, an earlier one or a removal does not', () => {
    for (const field of ['insuranceExpiresOn', 'lastTrainingOn']) {
      expect(isRenewal({ field, before: '2026-06-30', after: '2027-06-30' })).toBe(true);
      expect(isRenewal({ field, before: null, after: '2027-06-30' })).toBe(false);
      expect(isRenewal({ field, before: undefined, after: '2027-06-30' })).toBe(false);
      expect(isRenewal({ field, before: '2027-06-30', after: '2026-06-30' })).toBe(false);
      expect(isRenewal({ field, before: '2027-06-30', after: '2027-06-30' })).toBe(false);
      expect(isRenewal({ field, before: '2027-06-30', after: null })).toBe(false);
    }
  });

  it('a drill added to a log renews; the first drills of a new team do not; other fields never do', () => {
    expect(isRenewal({ field: 'drills', before: ['2025-10-01'], after: ['2025-10-01', '2026-10-01'] })).toBe(true);
    expect(isRenewal({ field: 'drills', before: [], after: ['2026-10-01'] })).toBe(false);
    expect(isRenewal({ field: 'drills', before: undefined, after: ['2026-10-01'] })).toBe(false);
    expect(isRenewal({ field: 'drills', before: ['2025-10-01', '2026-10-01'], after: ['2026-10-01'] })).toBe(false);
    expect(isRenewal({ field: 'members.volunteers', before: 5, after: 9 })).toBe(false);
  });
});
