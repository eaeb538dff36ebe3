import type { areaRetention, countyRetention } from '../../../../../functions/app/retention';
import { useApi } from '../../../lib/api';

export type AreaRetention = Awaited<ReturnType<typeof areaRetention>>;
export type CountyRetention = Awaited<ReturnType<typeof countyRetention>>;

export const useAreaRetention = (area: string) => useApi<AreaRetention>(`/api/retention?area=${area}`);
export const useCountyRetention = (code: string) => useApi<CountyRetention>(`/api/counties/${code}/retention`);
