// The daily job (00:10 Asia/Shanghai in AWS; at start-up and by `npm run job:lapse` locally), in order:
// any ended month still without its figures gets them, computed as of its end (being late changes
// nothing); on the day a newly published standard takes effect, every team is re-evaluated under it;
// then the teams whose verdict has run out lapse; the names and phones of members who left long enough
// ago are erased; last, the day's retention figures are judged and stored county by county, so the
// day's first reader of an area's retention does not wait for them.
// First of all, once after a deploy that moved a table to the tenant keys, what the old functions wrote
// to the old keys meanwhile moves too (functions/app/tenant-keys.ts).
import { METRICS, type Deps } from './deps.js';
import { runLapse } from './lapse.js';
import { sweepTenantKeys } from './tenant-keys.js';
import { fillMissingMonths } from './months.js';
import { applyStandardInForce } from './reevaluate.js';
import { areaRetention } from './retention.js';

export async function runDaily(deps: Deps, onCounty?: (done: number, of: number) => void) {
  const swept = await sweepTenantKeys(deps);
  await deps.refreshBook?.(true); // a version published a minute ago still counts today
  const months = await fillMissingMonths(deps);
  const standard = await applyStandardInForce(deps, onCounty);
  const lapse = await runLapse(deps);
  // The rosters' module loads here, not with every job's start.
  const rosters = await (await import('./roster.js')).eraseDepartedMembers(deps);
  await areaRetention(deps, { kind: 'province' });
  deps.metrics?.count(METRICS.dailyRun, 1); // the heartbeat: an alarm fires when none came for 26 hours
  return { months, standard, lapse, swept, rosters };
}
