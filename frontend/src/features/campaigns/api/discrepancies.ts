// What checks found in a county, and the county's (or the organiser's) answer to each.
import type * as z from 'zod';
import type { answerBody } from '#contract/bodies.js';
import type { Discrepancies } from '#contract/campaigns.js';
import { api, useApi, pathOf } from '#web/lib/api.js';

export const useDiscrepancies = (county: string) => useApi<Discrepancies>(pathOf('/api/counties/{code}/discrepancies', { code: county }));

/** An answer as the contract's body takes it: corrected, disputed (with its reason) or closed, over the answer read. */
export type DiscrepancyAnswer = z.input<typeof answerBody>;

export const answerDiscrepancy = (county: string, answer: DiscrepancyAnswer) =>
  api(pathOf('/api/counties/{code}/discrepancies', { code: county }), { method: 'POST', body: JSON.stringify(answer) });
