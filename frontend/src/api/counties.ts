import type { CountiesAnswer as CountiesResponse, CountyRow, TrendAnswer } from '#contract/figures.js';
import { download, useApi } from '#web/lib/api.js';

export type { CountiesResponse, CountyRow };
export type Figures = CountiesResponse['totals'];

export type { TrendAnswer as TrendResponse } from '#contract/figures.js';

export const useCounties = (month: string | null) => useApi<CountiesResponse>(`/api/counties${month ? `?month=${month}` : ''}`);
/** A past month's figures only (nothing to read for today): the same answer the dashboard holds for that month. */
export const useMonthCounties = (month: string | null) => useApi<CountiesResponse>(month ? `/api/counties?month=${month}` : null);
export const useTrend = (area: string) => useApi<TrendAnswer>(`/api/trend?area=${area}`);

/** The county table of a month (today when null) as a file. */
export const exportCounties = (kind: 'csv' | 'xlsx', month: string | null) =>
  download(`/api/exports/counties.${kind}${month ? `?month=${month}` : ''}`);
