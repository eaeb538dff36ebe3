// The national office's reads: every programme side by side, and one programme's counties and trend.
import type { NationAnswer } from '#contract/nation.js';
import { pathOf, useApi } from '#web/lib/api.js';

export type NationProgramme = NationAnswer['programmes'][number];

export const useNation = () => useApi(pathOf('/api/nation'));
export const useNationCounties = (programme: string) => useApi(pathOf('/api/nation/{programme}/counties', { programme }));
export const useNationTrend = (programme: string) => useApi(pathOf('/api/nation/{programme}/trend', { programme }));
