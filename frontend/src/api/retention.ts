import type { areaRetention, countyRetention } from '#app/retention.js';
import { useApi } from '#web/lib/api.js';

export type AreaRetention = Awaited<ReturnType<typeof areaRetention>>;
export type CountyRetention = Awaited<ReturnType<typeof countyRetention>>;

export const useAreaRetention = (area: string) => useApi<AreaRetention>(`/api/retention?area=${area}`);
export const useCountyRetention = (code: string) => useApi<CountyRetention>(`/api/counties/${code}/retention`);
