import type { confirmNoChange, countyReports } from '#app/reports.js';
import { api, useApi } from '#web/lib/api.js';

export type CountyReports = Awaited<ReturnType<typeof countyReports>>;
export type Confirmation = Awaited<ReturnType<typeof confirmNoChange>>;

export const useCountyReports = (code: string) => useApi<CountyReports>(`/api/counties/${code}/reports`);
export const confirmMonth = (code: string, month: string) =>
  api<Confirmation>(`/api/counties/${code}/reports/${month}`, { method: 'POST', body: '{}' });
