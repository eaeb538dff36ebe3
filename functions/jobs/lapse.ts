// Lambda for the daily lapse job, invoked by EventBridge Scheduler at 00:10 Asia/Shanghai.
import { runLapse } from '../app/lapse.js';
import { defaultDeps, log } from '../runtime/deps.js';

export async function handler() {
  const result = await runLapse(defaultDeps());
  log('info', 'lapse job done', result);
  return result;
}
