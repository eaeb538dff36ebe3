import type { CommunitiesResponse } from '#app/reads.js';
import { useApi } from '#web/lib/api.js';
import type { Figures } from '#web/api/counties.js';

export type { CommunitiesResponse };
export type CommunityRow = CommunitiesResponse['communities'][number];
export type CountyDetail = Omit<Figures, 'plannedCommunities'> & {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  asOf: string;
  demo: unknown;
  townships: (Omit<Figures, 'plannedCommunities'> & { code: string; name: string })[];
};

export const useCounty = (code: string) => useApi<CountyDetail>(`/api/counties/${code}`);
export const useCommunities = (code: string) => useApi<CommunitiesResponse>(`/api/counties/${code}/communities`);
