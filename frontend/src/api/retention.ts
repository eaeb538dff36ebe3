import type { AreaRetentionAnswer as AreaRetention, CountyRetentionAnswer as CountyRetention } from '#contract/retention.js';
import { useApi } from '#web/lib/api.js';

export type { AreaRetention, CountyRetention };

export const useAreaRetention = (area: string) => useApi<AreaRetention>(`/api/retention?area=${area}`);
export const useCountyRetention = (code: string) => useApi<CountyRetention>(`/api/counties/${code}/retention`);
