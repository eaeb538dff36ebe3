// What checks found in a county, and the county's (or the organiser's) answer to each.
import type { BodyOf } from '#contract/operations.js';
import { api, useApi, pathOf } from '#web/lib/api.js';

export const useDiscrepancies = (county: string) => useApi(pathOf('/api/counties/{code}/discrepancies', { code: county }));

/** An answer as the contract's body takes it: corrected, disputed (with its reason) or closed, over the answer read. */
export type DiscrepancyAnswer = BodyOf<'POST /api/counties/{code}/discrepancies'>;

export const answerDiscrepancy = (county: string, answer: DiscrepancyAnswer) =>
  api(pathOf('/api/counties/{code}/discrepancies', { code: county }), { method: 'POST', json: answer });
