// Lambda for the daily job, invoked by EventBridge Scheduler at 00:10 Asia/Shanghai: it stores the
// figures of any ended month still missing (computed as of that month's end, so being late changes
// nothing), then re-evaluates the teams whose verdict has run out.
import { runLapse } from '../app/lapse.js';
import { fillMissingMonths } from '../app/months.js';
import { defaultDeps, log } from '../runtime/deps.js';

export async function handler() {
  const deps = defaultDeps();
  const months = await fillMissingMonths(deps);
  if (months.missing.length) log('warn', 'month figures were missing; stored as of each month\'s end', months);
  const result = await runLapse(deps);
  log('info', 'lapse job done', result);
  return { ...result, monthsFilled: months.written };
}
