// The national office's reads: every programme side by side, and one programme's counties and trend.
import type { NationAnswer } from '#contract/nation.js';
import { pathOf, useApi } from '#web/lib/api.js';

export type NationProgramme = NationAnswer['programmes'][number];

export const useNation = () => useApi(pathOf('/api/nation'));
export const useNationCounties = (programme: string) => useApi(pathOf('/api/nation/{programme}/counties', { programme }));
/** A county of a programme by township: what a county programme's drill-down shows (null: none asked). */
export const useNationCounty = (programme: string, county: string | null) =>
  useApi(county ? pathOf('/api/nation/{programme}/counties/{code}', { programme, code: county }) : null);
export const useNationTrend = (programme: string) => useApi(pathOf('/api/nation/{programme}/trend', { programme }));
