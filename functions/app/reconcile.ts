// Reconciliation on demand (npm run reconcile, or the reconcile job): recounts every county from its
// team items and reports drift per county, correcting it only when asked.
import type { Counters } from '../core/aggregate.js';
import { BUSINESS_METRICS, type Deps } from './deps.js';

export interface ReconcileReport {
  counties: number;
  fixed: boolean;
  drift: { countyCode: string; stored: Counters; recounted: Counters; difference: Counters }[];
  corrected: string[];
}

export async function runReconcile(deps: Deps, options: { fix: boolean }): Promise<ReconcileReport> {
  const result = await deps.store.reconcile({ fix: options.fix, now: deps.clock.now().toISOString() });
  deps.metrics?.count(BUSINESS_METRICS.driftFound, result.drift.length);
  deps.metrics?.count(BUSINESS_METRICS.driftCorrected, result.corrected.length);
  return {
    counties: result.counties, fixed: options.fix,
    drift: result.drift.map(({ countyCode, stored, recounted, difference }) => ({ countyCode, stored, recounted, difference })),
    corrected: result.corrected,
  };
}
