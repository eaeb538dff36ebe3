// Lambda for reconciliation: daily at 03:00 Asia/Shanghai it only reports, and fails when it finds
// drift (so the errors alarm fires); invoked by hand with {"fix":true} it corrects the counters. Once
// for each programme of the deployment.
import { eachProgramme } from '#app/deps.js';
import { runReconcile } from '#app/reconcile.js';
import type { Context } from 'aws-lambda';
import { defaultTenancy, log } from '#runtime/deps.js';
import { logger } from '#runtime/logger.js';

export async function handler(event: { fix?: boolean } = {}, context?: Context) {
  if (context) logger.addContext(context); // the invocation's request id on every line
  return eachProgramme(defaultTenancy(), async (deps, programme) => {
    const report = await runReconcile(deps, { fix: event.fix === true });
    log(report.drift.length ? 'warn' : 'info', 'reconciliation done', {
      programme,
      counties: report.counties,
      drift: report.drift.length,
      corrected: report.corrected,
    });
    if (report.drift.length && !report.fixed)
      throw new Error(`aggregate drift in ${report.drift.length} counties: ${report.drift.map((d) => d.countyCode).join(', ')}`);
    return report;
  });
}
