// Monthly reporting as pure rules: what counts as a report, the deadline at 24:00 Shanghai on the
// programme's day, each status, a county's record, and which months a confirmation may name.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.js';
import {
  checkConfirmation,
  completeness,
  countsAsReport,
  deadlineDate,
  deadlineInstant,
  reminderDay,
  reportedAt,
  reportHistory,
  reportMonth,
  reportStatus,
  REPORT_WORDS,
  type MonthReport,
  type ReportingRules,
} from '#core/reporting.js';

const rules: ReportingRules = { deadlineDay: 25, remindDaysBefore: 3, from: '2024-06' };
const report = (over: Partial<MonthReport>): MonthReport => ({ countyCode: '450102', month: '2026-12', writes: 0, ...over });

describe('monthly reporting', () => {
  it("a person's write counts (the form, an import, a roster change), not the machine's (seeding, lapses, re-evaluations, erasure, a hand-over)", () => {
    expect(countsAsReport('form')).toBe(true);
    expect(countsAsReport('roster')).toBe(true);
    expect(countsAsReport('import:abc-1')).toBe(true);
    expect(countsAsReport('roster-import:abc-1')).toBe(true);
    for (const s of ['seed', 'lapse', 'reevaluate', 'erasure', 'import', 'formx', 'handover', 'rosterx', 'roster-import'])
      expect(countsAsReport(s), s).toBe(false);
  });

  it("months and deadlines are Shanghai's: 24:00 on the 25th is 16:00 UTC that day", () => {
    expect(reportMonth('2026-11-30T15:59:59.999Z')).toBe('2026-11');
    expect(reportMonth('2026-11-30T16:00:00.000Z')).toBe('2026-12');
    expect(deadlineDate('2026-12', rules)).toBe('2026-12-25');
    expect(deadlineDate('2027-02', { ...rules, deadlineDay: 5 })).toBe('2027-02-05');
    expect(deadlineInstant('2026-12', rules)).toBe('2026-12-25T16:00:00.000Z');
    expect(deadlineInstant('2027-02', { ...rules, deadlineDay: 5 })).toBe('2027-02-05T16:00:00.000Z');
    expect(reminderDay('2026-12', rules)).toBe('2026-12-22');
    expect(reminderDay('2026-12', { ...rules, deadlineDay: 2, remindDaysBefore: 5 })).toBe('2026-12-01');
    expect(reminderDay('2026-12', { ...rules, remindDaysBefore: 0 })).toBe('2026-12-25');
  });

  it('each status: reported or confirmed by the deadline, late after it, overdue once it passed with nothing, pending before', () => {
    const now = '2026-12-20T02:00:00.000Z';
    const after = '2026-12-26T02:00:00.000Z';
    expect(reportStatus(undefined, '2026-12', rules, now)).toBe('pending');
    expect(reportStatus(undefined, '2026-12', rules, after)).toBe('overdue');
    expect(reportStatus(undefined, '2026-12', rules, '2026-12-25T16:00:00.000Z')).toBe('overdue'); // 24:00 on the 25th
    expect(reportStatus(undefined, '2026-12', rules, '2026-12-25T15:59:59.999Z')).toBe('pending');
    const wrote = report({
      writes: 3,
      firstWriteAt: '2026-12-03T01:00:00.000Z',
      lastWriteAt: '2026-12-27T01:00:00.000Z',
      lastBy: 'county:450102/a',
    });
    expect(reportStatus(wrote, '2026-12', rules, after)).toBe('reported');
    const confirmed = report({ confirmedAt: '2026-12-25T15:59:00.000Z', confirmedBy: 'county:450102/a' });
    expect(reportStatus(confirmed, '2026-12', rules, after)).toBe('confirmed');
    expect(reportStatus(report({ confirmedAt: '2026-12-25T16:00:00.000Z' }), '2026-12', rules, after)).toBe('late');
    expect(reportStatus(report({ writes: 1, firstWriteAt: '2026-12-28T01:00:00.000Z' }), '2026-12', rules, after)).toBe('late');
    // on time by the first act; a team written after a confirmation makes it a report (it changed after all)
    expect(
      reportStatus(
        report({ writes: 1, firstWriteAt: '2026-12-10T00:00:00.000Z', confirmedAt: '2026-12-05T00:00:00.000Z' }),
        '2026-12',
        rules,
        after,
      ),
    ).toBe('reported');
    expect(
      reportStatus(
        report({ writes: 1, firstWriteAt: '2026-12-27T00:00:00.000Z', confirmedAt: '2026-12-05T00:00:00.000Z' }),
        '2026-12',
        rules,
        after,
      ),
    ).toBe('reported');
    expect(
      reportStatus(
        report({ writes: 1, firstWriteAt: '2026-12-05T00:00:00.000Z', confirmedAt: '2026-12-10T00:00:00.000Z' }),
        '2026-12',
        rules,
        after,
      ),
    ).toBe('reported');
    // a record with no counted write and no confirmation is no report
    expect(reportStatus(report({ writes: 0, firstWriteAt: '2026-12-05T00:00:00.000Z' }), '2026-12', rules, after)).toBe('overdue');
    expect(reportedAt(report({ writes: 0, firstWriteAt: '2026-12-05T00:00:00.000Z' }))).toBeUndefined();
    expect(reportedAt(undefined)).toBeUndefined();
    // before reporting was tracked, or under a programme that tracks none
    expect(reportStatus(undefined, '2024-05', rules, after)).toBe('untracked');
    expect(reportStatus(wrote, '2026-12', undefined, after)).toBe('untracked');
  });

  it("counts by status, a county's record (untracked and pending months left out), the words", () => {
    const statuses = ['reported', 'confirmed', 'late', 'overdue', 'pending', 'untracked', 'reported', 'overdue'] as const;
    expect(completeness([...statuses])).toEqual({ reported: 2, confirmed: 1, late: 1, overdue: 2, pending: 1, untracked: 1 });
    expect(reportHistory([...statuses])).toEqual({ onTime: 3, late: 1, missed: 2 });
    expect(REPORT_WORDS.overdue.zh).toBe('逾期未报');
    expect(REPORT_WORDS.confirmed.zh).toBe('确认无变化');
    expect(Object.keys(REPORT_WORDS).sort()).toEqual(['confirmed', 'late', 'overdue', 'pending', 'reported', 'untracked']);
  });

  it('a confirmation names this month only: not one to come, not one over, not a malformed one', () => {
    expect(checkConfirmation('2026-12', '2026-12', rules)).toBe('2026-12');
    const refused = (raw: string, r: ReportingRules | null = rules) => {
      try {
        checkConfirmation(raw, '2026-12', r ?? undefined);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).message;
      }
      throw new Error(`accepted ${raw}`);
    };
    expect(refused('2027-01')).toMatch(/还没有到/);
    expect(refused('2026-11')).toMatch(/已结束，不能补报/);
    expect(refused('2026-13')).toMatch(/应为 YYYY-MM/);
    expect(refused('2026-1')).toMatch(/应为 YYYY-MM/);
    expect(refused('x'.repeat(100)).length).toBeLessThan(60);
    expect(refused('2026-12', null)).toMatch(/不在报送统计期内/);
    expect(refused('2026-12', { ...rules, from: '2027-01' })).toMatch(/不在报送统计期内/);
  });
});
