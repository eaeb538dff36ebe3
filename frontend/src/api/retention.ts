import type { AreaRetentionAnswer as AreaRetention, CountyRetentionAnswer as CountyRetention } from '#contract/retention.js';
import { useApi, pathOf } from '#web/lib/api.js';

export type { AreaRetention, CountyRetention };

export const useAreaRetention = (area: string) => useApi(pathOf('/api/retention', {}, { area }));
export const useCountyRetention = (code: string) => useApi(pathOf('/api/counties/{code}/retention', { code }));
