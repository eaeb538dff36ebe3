// Monthly reporting (月度报送): a county's months, and a 本月无变化 confirmation.
import * as z from 'zod';
import { code, count, instant, isoDate, isoMonth, strict, text, wireMessage } from './common.js';
import { completeness, reportStatus } from './figures.js';

export const monthReport = strict({
  countyCode: code,
  month: isoMonth,
  writes: count,
  firstWriteAt: instant.optional(),
  lastWriteAt: instant.optional(),
  lastBy: z.string().optional(),
  confirmedAt: instant.optional(),
  confirmedBy: z.string().optional(),
  note: z.string().optional(),
  noteMessage: wireMessage
    .optional()
    .meta({ description: '系统写的备注（按调用方语言）/ a note the system wrote, in the caller’s language' }),
  demo: z.boolean().optional(),
}).meta({ id: 'MonthReport', description: '县的当月报送：写入、确认 / what a county did in a month' });

export const reportingRules = strict({ deadline: isoDate, deadlineInstant: instant, from: isoMonth }).nullable();

export const countyReportsAnswer = strict({
  county: code,
  month: isoMonth,
  rules: reportingRules,
  months: z.array(strict({ month: isoMonth, status: reportStatus, words: text, report: monthReport.optional() })),
  history: strict({ onTime: count, late: count, missed: count }),
}).meta({ id: 'CountyReports' });
export type CountyReportsAnswer = z.infer<typeof countyReportsAnswer>;

export const confirmationAnswer = strict({
  county: code,
  month: isoMonth,
  status: reportStatus,
  words: text,
  report: monthReport,
  rules: reportingRules,
}).meta({ id: 'Confirmation' });
export type ConfirmationAnswer = z.infer<typeof confirmationAnswer>;

const history = strict({ onTime: count, late: count, missed: count });

/** A month's reporting over the caller's counties: who reported, who confirmed, who is late, and each county's record. */
export const monthReports = strict({
  month: isoMonth,
  rules: reportingRules,
  historyMonths: count.meta({ description: 'history 所数的月数 / the months each history counts' }),
  completeness,
  cities: z.array(strict({ code, name: z.string(), completeness })),
  counties: z.array(
    strict({
      code,
      name: z.string(),
      cityCode: code,
      cityName: z.string(),
      status: reportStatus,
      words: text,
      report: monthReport.optional(),
      history,
    }),
  ),
}).meta({ id: 'MonthReports' });
export type MonthReports = z.infer<typeof monthReports>;
