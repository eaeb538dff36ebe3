// Monthly reporting: which counties reported this month (wrote teams, or confirmed 本月无变化),
// which are late or overdue, and each county's record over the months. The rules (deadline,
// reminder, first month tracked) are the programme's in force at the month's end.
import { addMonthsToMonth, monthEnd, monthOf, monthRange, type IsoMonth } from '#core/dates.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import {
  checkConfirmation,
  completeness,
  deadlineDate,
  deadlineInstant,
  reportHistory,
  reportStatus,
  REPORT_WORDS,
  type MonthReport,
  type ReportingRules,
  type ReportStatus,
} from '#core/reporting.js';
import { assertCanRead, assertCanWrite, canReadCounty, checkCountyCode, formatScope, type Scope } from '#core/scope.js';
import { programmeAt, today, type Deps, rootArea } from './deps.js';
import type { Caller } from './caller.js';
import { bodyOf, plainTextOf } from './input.js';
import { confirmationBody } from '#contract/bodies.js';
import type { ConfirmationAnswer, CountyReportsAnswer } from '#contract/reports.js';
import { message } from '#core/messages/index.js';

/** Months of history shown beside this month's status. */
export const HISTORY_MONTHS = 12;

export const reportingRules = (deps: Deps, month: IsoMonth): ReportingRules | undefined => programmeAt(deps, monthEnd(month)).reporting;

const now = (deps: Deps) => deps.clock.now().toISOString();

/** Each county's report and status for a month, at this moment. */
export async function monthStatuses(
  deps: Deps,
  month: IsoMonth,
  countyCodes: string[],
): Promise<Map<string, { status: ReportStatus; report?: MonthReport }>> {
  const rules = reportingRules(deps, month);
  const reports = rules && month >= rules.from ? await deps.store.listReports(month) : [];
  const byCounty = new Map(reports.map((r) => [r.countyCode, r]));
  return new Map(
    countyCodes.map((code) => {
      const report = byCounty.get(code);
      return [code, { status: reportStatus(report, month, rules, now(deps)), ...(report ? { report } : {}) }];
    }),
  );
}

const describe = (rules: ReportingRules | undefined, month: IsoMonth) =>
  rules ? { deadline: deadlineDate(month, rules), deadlineInstant: deadlineInstant(month, rules), from: rules.from } : null;

/** 本月无变化: the county (or the province for it) confirms this month's report. */
export async function confirmNoChange(
  deps: Deps,
  caller: Caller,
  rawCounty: string,
  rawMonth: string,
  body: unknown,
): Promise<ConfirmationAnswer> {
  const county = checkCountyCode(rawCounty, rootArea(deps).code);
  assertCanWrite(caller.scope, county);
  // an empty note (or none) is no note
  const raw = bodyOf(confirmationBody, body).note;
  const note =
    raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())
      ? undefined
      : plainTextOf(body, 'note', { zh: '备注', en: 'The note' }, true);
  const current = monthOf(today(deps.clock));
  const rules = reportingRules(deps, current);
  const month = checkConfirmation(rawMonth, current, rules);
  if (!(await deps.store.getAggregate(county))) throw new NotFoundError(message('county.unknown', { county }));
  const report = await deps.store.confirmReport(county, month, `${formatScope(caller.scope)}/${caller.user}`, now(deps), note);
  const status = reportStatus(report, month, rules, now(deps));
  return { county, month, status, words: REPORT_WORDS[status], report, rules: describe(rules, month) };
}

/**
 * A report as a reader may see it: who wrote or confirmed (a user name, maybe an e-mail address) and
 * the note only for the county itself and the province; a city sees what was done and when.
 */
function visibleReport(scope: Scope, report: MonthReport): MonthReport {
  if (scope.kind === 'province' || (scope.kind === 'county' && scope.code === report.countyCode)) return report;
  const { lastBy: _l, confirmedBy: _c, note: _n, noteMessage: _m, ...rest } = report;
  return rest;
}

/** One county's reporting, this month and the months before (from the first month tracked). */
export async function countyReports(deps: Deps, scope: Scope, rawCounty: string): Promise<CountyReportsAnswer> {
  const county = checkCountyCode(rawCounty, rootArea(deps).code);
  assertCanRead(scope, county);
  if (!(await deps.store.getAggregate(county))) throw new NotFoundError(message('county.unknown', { county }));
  const current = monthOf(today(deps.clock));
  const months = monthRange(addMonthsToMonth(current, -(HISTORY_MONTHS - 1)), current);
  const reports = await deps.store.countyReports(county, months);
  const rows = months
    .map((month) => {
      const report = reports.find((r) => r.month === month);
      const status = reportStatus(report, month, reportingRules(deps, month), now(deps));
      return { month, status, words: REPORT_WORDS[status], ...(report ? { report: visibleReport(scope, report) } : {}) };
    })
    .reverse();
  return {
    county,
    month: current,
    rules: describe(reportingRules(deps, current), current),
    months: rows,
    history: reportHistory(rows.map((r) => r.status)),
  };
}

/**
 * Completeness for a month over the counties the caller may see: each county's status with its
 * record over the last 12 months, and the counts by status (per city and in all).
 */
export async function areaReports(deps: Deps, scope: Scope, rawMonth: string) {
  const current = monthOf(today(deps.clock));
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(rawMonth) || rawMonth > current)
    throw new ValidationError(message('month.notAfter', { current }), [{ field: 'month', message: message('month.format.short') }]);
  const month = rawMonth;
  const months = monthRange(addMonthsToMonth(month, -(HISTORY_MONTHS - 1)), month);
  const aggregates = (await deps.store.listAggregates())
    .filter((a) => canReadCounty(scope, a.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  const statuses = await Promise.all(
    months.map((m) =>
      monthStatuses(
        deps,
        m,
        aggregates.map((a) => a.code),
      ),
    ),
  );
  const counties = aggregates.map((a) => {
    const here = statuses.at(-1)!.get(a.code)!;
    return {
      code: a.code,
      name: a.name,
      cityCode: a.cityCode,
      cityName: a.cityName,
      status: here.status,
      words: REPORT_WORDS[here.status],
      ...(here.report ? { report: visibleReport(scope, here.report) } : {}),
      history: reportHistory(statuses.map((s) => s.get(a.code)!.status)),
    };
  });
  const cities = [...new Set(counties.map((c) => c.cityCode))].map((code) => {
    const list = counties.filter((c) => c.cityCode === code);
    return { code, name: list[0].cityName, completeness: completeness(list.map((c) => c.status)) };
  });
  return {
    month,
    rules: describe(reportingRules(deps, month), month),
    historyMonths: months.length,
    completeness: completeness(counties.map((c) => c.status)),
    cities,
    counties,
  };
}
