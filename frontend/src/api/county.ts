import type { CommunitiesAnswer as CommunitiesResponse, CommunityRow, CountyAnswer as CountyDetail } from '#contract/figures.js';
import { useApi } from '#web/lib/api.js';

export type { CommunitiesResponse, CommunityRow, CountyDetail };
export const useCounty = (code: string) => useApi<CountyDetail>(`/api/counties/${code}`);
export const useCommunities = (code: string) => useApi<CommunitiesResponse>(`/api/counties/${code}/communities`);
