// `npm run reevaluate -- --reason "保险到期日当日仍在保（规则修正）"`: re-evaluates every team under the
// rule set in force, through the one write path, with the reason in each changed team's history;
// stored months whose figures change get a new version with the same reason. Safe to re-run.
import { reevaluateAll } from '../functions/app/reevaluate.js';
import { argValue, attachOrStart, depsOn } from './local-stack.js';

const reason = argValue('--reason');
if (!reason) {
  console.error('✗ --reason "…" is required: it is written into every changed team\'s history and every corrected month.');
  process.exit(1);
}
const { endpoint, own } = await attachOrStart();
try {
  const report = await reevaluateAll(await depsOn(endpoint), reason, (done, of) => {
    const width = 30;
    const filled = Math.round((done / of) * width);
    const bar = `· re-evaluating [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${of} counties`;
    if (process.stdout.isTTY) process.stdout.write(`\r${bar}`);
    else if (done === of || done % 37 === 0) console.log(bar);
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`re-evaluated ${report.teams} teams as of ${report.date}: ${report.changed} changed (reason: ${reason})`);
  console.log(`months checked ${report.months.checked.length}, corrected ${report.months.corrected.length}${report.months.corrected.length ? `: ${report.months.corrected.join(', ')}` : ''}`);
} finally {
  await own?.stop();
}
