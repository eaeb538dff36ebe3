import type { CommunitiesAnswer as CommunitiesResponse, CommunityRow, CountyAnswer as CountyDetail } from '#contract/figures.js';
import { download, useApi } from '#web/lib/api.js';

export type { CommunitiesResponse, CommunityRow, CountyDetail };
export const useCounty = (code: string) => useApi<CountyDetail>(`/api/counties/${code}`);
export const useCommunities = (code: string) => useApi<CommunitiesResponse>(`/api/counties/${code}/communities`);

/** The county's import template (its communities listed), and its teams as they stand. */
export const downloadTemplate = (code: string) => download(`/api/counties/${code}/template.xlsx`);
export const downloadTeams = (code: string) => download(`/api/counties/${code}/teams.xlsx`);
