import type { ConfirmationAnswer as Confirmation, CountyReportsAnswer as CountyReports } from '#contract/reports.js';
import { api, useApi, pathOf } from '#web/lib/api.js';

export type { Confirmation, CountyReports };

export const useCountyReports = (code: string) => useApi(pathOf('/api/counties/{code}/reports', { code }));
export const confirmMonth = (code: string, month: string) =>
  api(pathOf('/api/counties/{code}/reports/{month}', { code, month }), { method: 'POST', json: {} });
