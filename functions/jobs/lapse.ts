// Lambda for the daily job, invoked by EventBridge Scheduler at 00:10 Asia/Shanghai (functions/app/daily.ts).
import { runDaily } from '#app/daily.js';
import type { Context } from 'aws-lambda';
import { defaultDeps, log } from '#runtime/deps.js';
import { logger } from '#runtime/logger.js';

export async function handler(_event?: unknown, context?: Context) {
  if (context) logger.addContext(context); // the invocation's request id on every line
  const { months, standard, lapse } = await runDaily(defaultDeps());
  if (months.missing.length) log('warn', "month figures were missing; stored as of each month's end", months);
  if (standard)
    log('info', 'standard took effect; every team re-evaluated', { ref: standard.ref, teams: standard.teams, changed: standard.changed });
  log('info', 'lapse job done', lapse);
  return { ...lapse, monthsFilled: months.written, standardApplied: standard?.ref ?? null };
}
