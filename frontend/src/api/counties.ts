import type { CountiesAnswer as CountiesResponse, CountyRow } from '#contract/figures.js';
import { download, useApi, pathOf } from '#web/lib/api.js';

export type { CountiesResponse, CountyRow };
export type Figures = CountiesResponse['totals'];

export type { TrendAnswer as TrendResponse } from '#contract/figures.js';

export const useCounties = (month: string | null) => useApi(pathOf('/api/counties', {}, { month }));
/** A past month's figures only (nothing to read for today): the same answer the dashboard holds for that month. */
export const useMonthCounties = (month: string | null) => useApi(month ? pathOf('/api/counties', {}, { month }) : null);
export const useTrend = (area: string) => useApi(pathOf('/api/trend', {}, { area }));

/** The county table of a month (today when null) as a file. */
export const exportCounties = (kind: 'csv' | 'xlsx', month: string | null) =>
  download(pathOf(kind === 'csv' ? '/api/exports/counties.csv' : '/api/exports/counties.xlsx', {}, { month }));
