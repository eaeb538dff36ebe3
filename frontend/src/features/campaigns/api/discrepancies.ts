// What checks found in a county, and the county's (or the organiser's) answer to each.
import type { Discrepancies } from '#contract/campaigns.js';
import { api, useApi } from '#web/lib/api.js';

export const useDiscrepancies = (county: string) => useApi<Discrepancies>(`/api/counties/${county}/discrepancies`);

export interface DiscrepancyAnswer {
  campaignId: string;
  communityCode: string;
  action: 'corrected' | 'disputed' | 'closed';
  reason?: string;
  /** The answer answered over (a 409 when another came first). */
  version?: number;
}

export const answerDiscrepancy = (county: string, answer: DiscrepancyAnswer) =>
  api(`/api/counties/${county}/discrepancies`, { method: 'POST', body: JSON.stringify(answer) });
