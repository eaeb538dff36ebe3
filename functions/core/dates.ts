// Calendar dates as ISO strings ('YYYY-MM-DD'), computed without time zones except where named.
export type IsoDate = string;
export type IsoMonth = string; // 'YYYY-MM'

const DAY_MS = 86_400_000;

function parts(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-');
  return [Number(y), Number(m), Number(d)];
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days in a month of the Gregorian calendar (m 1–12). */
const daysIn = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : 30 + ((m + (m >> 3)) & 1);

/** A real day written YYYY-MM-DD (years before 100 are not: Date.UTC reads them as 19xx). Called for every date of every row, so by arithmetic. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parts(value);
  return y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return fromUtc(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** Same day n months later, clamped to the month's last day (2023-01-31 + 1 → 2023-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

export function monthEnd(month: IsoMonth): IsoDate {
  const [y, m] = month.split('-').map(Number);
  return fromUtc(Date.UTC(y, m, 0));
}

export function addMonthsToMonth(month: IsoMonth, n: number): IsoMonth {
  return monthOf(addMonths(`${month}-01`, n));
}

/** Whole months from a to b counted by calendar month (2021-05 → 2021-12 is 7). */
export function monthsBetween(a: IsoMonth, b: IsoMonth): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma);
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const out: IsoMonth[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}

/** The time of day in Asia/Shanghai of an instant, HH:mm (a 429 says when to come back). */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving) of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return fromUtc(instant.getTime() + 8 * 3_600_000);
}
