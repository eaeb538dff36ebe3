import type { ConfirmationAnswer as Confirmation, CountyReportsAnswer as CountyReports } from '#contract/reports.js';
import { api, useApi } from '#web/lib/api.js';

export type { Confirmation, CountyReports };

export const useCountyReports = (code: string) => useApi<CountyReports>(`/api/counties/${code}/reports`);
export const confirmMonth = (code: string, month: string) =>
  api<Confirmation>(`/api/counties/${code}/reports/${month}`, { method: 'POST', body: '{}' });
