// What checks found in a county, and the county's (or the organiser's) answer to each.
import type * as z from 'zod';
import type { answerBody } from '#contract/bodies.js';
import type { Discrepancies } from '#contract/campaigns.js';
import { api, useApi } from '#web/lib/api.js';

export const useDiscrepancies = (county: string) => useApi<Discrepancies>(`/api/counties/${county}/discrepancies`);

/** An answer as the contract's body takes it: corrected, disputed (with its reason) or closed, over the answer read. */
export type DiscrepancyAnswer = z.input<typeof answerBody>;

export const answerDiscrepancy = (county: string, answer: DiscrepancyAnswer) =>
  api(`/api/counties/${county}/discrepancies`, { method: 'POST', body: JSON.stringify(answer) });
