// Reconciliation on demand (npm run job:reconcile, or the reconcile job): recounts every county from its
// team items and reports drift per county, correcting it only when asked.
import type { Counters } from '#core/aggregate.js';
import type { RosterSummary } from '#core/roster-counts.js';
import type { PracticeTally } from '#core/practices.js';
import { BUSINESS_METRICS, type Deps } from './deps.js';

export interface ReconcileReport {
  counties: number;
  fixed: boolean;
  drift: {
    countyCode: string;
    stored: Counters;
    recounted: Counters;
    difference: Counters;
    /** The roster tally as stored (null: not kept yet) and recounted, when they differ. */
    rosters?: { stored: RosterSummary | null; recounted: RosterSummary };
    /** The practices' tally as stored and recounted, when they differ. */
    practices?: { stored: PracticeTally; recounted: PracticeTally };
  }[];
  corrected: string[];
}

/** Counts a reconciliation's drift (found, corrected) for the dashboard; returns it unchanged. */
export function countDrift<T extends { drift: unknown[]; corrected: string[] }>(deps: Deps, result: T): T {
  deps.metrics?.count(BUSINESS_METRICS.driftFound, result.drift.length);
  deps.metrics?.count(BUSINESS_METRICS.driftCorrected, result.corrected.length);
  return result;
}

export async function runReconcile(deps: Deps, options: { fix: boolean }): Promise<ReconcileReport> {
  const result = countDrift(deps, await deps.store.reconcile({ fix: options.fix, now: deps.clock.now().toISOString() }));
  return {
    counties: result.counties,
    fixed: options.fix,
    drift: result.drift.map(({ countyCode, stored, recounted, difference, rosters, practices }) => ({
      countyCode,
      stored,
      recounted,
      difference,
      ...(rosters ? { rosters } : {}),
      ...(practices ? { practices } : {}),
    })),
    corrected: result.corrected,
  };
}
