// Who has reported: each county reports every month, by writing teams (the form or an import) or,
// when nothing changed, by confirming 本月无变化. A county that did neither by the programme's
// deadline (the 25th by default, 24:00 Asia/Shanghai) is overdue. Pure: the instants come in.
import { monthOf, type IsoMonth } from './dates.js';
import { ValidationError } from './errors.js';
import { message, type WireMessage } from './messages/index.js';
import type { Text } from './standard.js';

export interface ReportingRules {
  /** Reports are due by 24:00 (Asia/Shanghai) on this day of each month. */
  deadlineDay: number;
  /** The reminder goes this many days before the deadline, to counties not yet reported. */
  remindDaysBefore: number;
  /** The first month reports were tracked; months before it are not counted either way. */
  from: IsoMonth;
}

/** What a county did in a month, as stored: its writes (form or import) and its confirmation. */
export interface MonthReport {
  countyCode: string;
  month: IsoMonth;
  /** Team writes that count as reporting, and the first and last of them (ISO instants). */
  writes: number;
  firstWriteAt?: string;
  lastWriteAt?: string;
  lastBy?: string;
  /** 本月无变化: who confirmed and when (the first confirmation stands). */
  confirmedAt?: string;
  confirmedBy?: string;
  note?: string;
  /** The note as a message of the catalogue, when the system wrote it (an import that changed nothing). */
  noteMessage?: WireMessage;
  demo?: boolean;
}

export type ReportStatus = 'reported' | 'confirmed' | 'late' | 'overdue' | 'pending' | 'untracked';

export const REPORT_WORDS: Record<ReportStatus, Text> = {
  reported: { zh: '已报送', en: 'Reported' },
  confirmed: { zh: '确认无变化', en: 'No change confirmed' },
  late: { zh: '逾期报送', en: 'Reported late' },
  overdue: { zh: '逾期未报', en: 'Overdue' },
  pending: { zh: '待报送', en: 'Not yet reported' },
  untracked: { zh: '未统计', en: 'Not tracked' },
};

/**
 * A write counts as the county's report when a person made it: the form, an import or a roster change (not
 * seeding, lapses, re-evaluations or a count handed over from another county's roster).
 */
export function countsAsReport(source: string): boolean {
  return source === 'form' || source === 'roster' || source.startsWith('import:') || source.startsWith('roster-import:');
}

/** The month (Asia/Shanghai) an instant falls in. */
export function reportMonth(instant: string): IsoMonth {
  return monthOf(new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10));
}

/** The deadline day of a month (Asia/Shanghai). */
export function deadlineDate(month: IsoMonth, rules: ReportingRules): string {
  return `${month}-${String(rules.deadlineDay).padStart(2, '0')}`;
}

/** The end of the deadline day, 24:00 Asia/Shanghai, as an ISO instant. */
export function deadlineInstant(month: IsoMonth, rules: ReportingRules): string {
  return `${deadlineDate(month, rules)}T16:00:00.000Z`;
}

/** The day the reminder goes out (Asia/Shanghai). */
export function reminderDay(month: IsoMonth, rules: ReportingRules): string {
  return `${month}-${String(Math.max(1, rules.deadlineDay - rules.remindDaysBefore)).padStart(2, '0')}`;
}

/** When the county first reported in the month: its first counted write or its confirmation, whichever came first. */
export function reportedAt(report: Pick<MonthReport, 'writes' | 'firstWriteAt' | 'confirmedAt'> | undefined): string | undefined {
  const times = [report?.writes ? report.firstWriteAt : undefined, report?.confirmedAt].filter((t): t is string => !!t);
  return times.sort()[0];
}

/** A county's status for a month, at `now` (ISO); untracked under a programme that tracks no reports, or before it began to. */
export function reportStatus(
  report: MonthReport | undefined,
  month: IsoMonth,
  rules: ReportingRules | undefined,
  now: string,
): ReportStatus {
  if (!rules || month < rules.from) return 'untracked';
  const deadline = deadlineInstant(month, rules);
  const at = reportedAt(report);
  if (at) {
    if (at >= deadline) return 'late';
    // on time; 确认无变化 only while no team was written (a change after a confirmation makes it a report)
    return report!.writes ? 'reported' : 'confirmed';
  }
  return now >= deadline ? 'overdue' : 'pending';
}

export type Completeness = Record<ReportStatus, number>;

export function completeness(statuses: ReportStatus[]): Completeness {
  const out: Completeness = { reported: 0, confirmed: 0, late: 0, overdue: 0, pending: 0, untracked: 0 };
  for (const s of statuses) out[s] += 1;
  return out;
}

/** A county's record over months: on time (reported or confirmed), late, missed (overdue); untracked and pending months are left out. */
export function reportHistory(statuses: ReportStatus[]): { onTime: number; late: number; missed: number } {
  const c = completeness(statuses);
  return { onTime: c.reported + c.confirmed, late: c.late, missed: c.overdue };
}

/** A confirmation may be for the current month only: not a month to come, nor one already over. */
export function checkConfirmation(rawMonth: string, currentMonth: IsoMonth, rules: ReportingRules | undefined): IsoMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(rawMonth))
    throw new ValidationError(message('confirm.month.format', { raw: rawMonth.slice(0, 20) }), [
      { field: 'month', message: message('month.format.short') },
    ]);
  if (rawMonth > currentMonth)
    throw new ValidationError(message('confirm.month.future', { month: rawMonth }), [
      { field: 'month', message: message('confirm.month.onlyCurrent', { current: currentMonth }) },
    ]);
  if (rawMonth < currentMonth)
    throw new ValidationError(message('confirm.month.past', { month: rawMonth, current: currentMonth }), [
      { field: 'month', message: message('confirm.month.onlyCurrent', { current: currentMonth }) },
    ]);
  if (!rules || rawMonth < rules.from)
    throw new ValidationError(message('confirm.month.untracked', { month: rawMonth }), [
      { field: 'month', message: rules ? message('confirm.tracked.from', { from: rules.from }) : message('confirm.tracked.none') },
    ]);
  return rawMonth;
}
