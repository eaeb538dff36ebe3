import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate, monthEnd, monthRange, monthsBetween, shanghaiDate } from '#core/dates.js';

describe('calendar dates', () => {
  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2022-06-15', 12)).toBe('2023-06-15');
  });

  it('counts calendar months and lists them', () => {
    expect(monthsBetween('2021-05', '2021-12')).toBe(7);
    expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthEnd('2024-02')).toBe('2024-02-29');
  });

  it('gives the Asia/Shanghai date of an instant', () => {
    expect(shanghaiDate(new Date('2023-12-31T15:59:59Z'))).toBe('2023-12-31');
    expect(shanghaiDate(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });

  it('knows real dates from look-alikes', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-00-10')).toBe(false);
    expect(isIsoDate('2023-12-00')).toBe(false);
    expect(isIsoDate('0099-01-01')).toBe(false);
  });

  it('agrees with the calendar on every day-like string (the Date round trip as the oracle)', () => {
    const oracle = (v: string) => {
      const [y, m, d] = v.split('-').map(Number);
      return y >= 100 && new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === v;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const v = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        expect(isIsoDate(v)).toBe(oracle(v));
      }),
      { numRuns: 20_000 },
    );
  });
});
