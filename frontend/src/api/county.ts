import type { CommunitiesAnswer as CommunitiesResponse, CommunityRow, CountyAnswer as CountyDetail } from '#contract/figures.js';
import { download, useApi, pathOf } from '#web/lib/api.js';

export type { CommunitiesResponse, CommunityRow, CountyDetail };
export const useCounty = (code: string) => useApi(pathOf('/api/counties/{code}', { code }));
export const useCommunities = (code: string) => useApi(pathOf('/api/counties/{code}/communities', { code }));

/** The county's import template (its communities listed), and its teams as they stand. */
export const downloadTemplate = (code: string) => download(pathOf('/api/counties/{code}/template.xlsx', { code }));
export const downloadTeams = (code: string) => download(pathOf('/api/counties/{code}/teams.xlsx', { code }));
