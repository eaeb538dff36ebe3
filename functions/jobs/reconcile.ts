// Lambda for reconciliation: daily at 03:00 Asia/Shanghai it only reports, and fails when it finds
// drift (so the errors alarm fires); invoked by hand with {"fix":true} it corrects the counters.
import { runReconcile } from '#app/reconcile.js';
import type { Context } from 'aws-lambda';
import { defaultDeps, log } from '#runtime/deps.js';
import { logger } from '#runtime/logger.js';

export async function handler(event: { fix?: boolean } = {}, context?: Context) {
  if (context) logger.addContext(context); // the invocation's request id on every line
  const report = await runReconcile(defaultDeps(), { fix: event.fix === true });
  log(report.drift.length ? 'warn' : 'info', 'reconciliation done', {
    counties: report.counties,
    drift: report.drift.length,
    corrected: report.corrected,
  });
  if (report.drift.length && !report.fixed)
    throw new Error(`aggregate drift in ${report.drift.length} counties: ${report.drift.map((d) => d.countyCode).join(', ')}`);
  return report;
}
