// Lambda for the daily job, invoked by EventBridge Scheduler at 00:10 Asia/Shanghai (functions/app/daily.ts),
// once for each programme of the deployment.
import { eachProgramme } from '#app/deps.js';
import { runDaily } from '#app/daily.js';
import type { Context } from 'aws-lambda';
import { defaultTenancy, log } from '#runtime/deps.js';
import { logger } from '#runtime/logger.js';

export async function handler(_event?: unknown, context?: Context) {
  if (context) logger.addContext(context); // the invocation's request id on every line
  return eachProgramme(defaultTenancy(), async (deps, programme) => {
    const { months, standard, lapse, swept } = await runDaily(deps);
    if (!swept.skipped) log(swept.conflicts.length ? 'error' : 'info', 'tenant keys: swept after the move', { ...swept });
    if (months.missing.length) log('warn', "month figures were missing; stored as of each month's end", { programme, ...months });
    if (standard)
      log('info', 'standard took effect; every team re-evaluated', {
        programme,
        ref: standard.ref,
        teams: standard.teams,
        changed: standard.changed,
      });
    log('info', 'lapse job done', { programme, ...lapse });
    return { ...lapse, monthsFilled: months.written, standardApplied: standard?.ref ?? null };
  });
}
