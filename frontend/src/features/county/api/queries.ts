import type { CommunitiesResponse } from '../../../../../functions/app/reads';
import { useApi } from '../../../lib/api';
import type { Figures } from '../../dashboard/api/queries';

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
