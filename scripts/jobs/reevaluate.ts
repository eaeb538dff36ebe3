// Re-evaluates every team through the one write path, with a progress bar; safe to re-run (a team
// already judged as it would be is left alone), and to kill: the next run carries on.
//
//   npm run job:reevaluate -- --date 2027-01-01   apply the standard version in force from that day
//     (what the daily job does on the day a published version takes effect; run it when that job
//     did not run). Each changed team's history says "标准 … 自 2027-01-01 起施行".
//   npm run job:reevaluate -- --reason "保险到期日当日仍在保（规则修正）"   re-evaluate under the rules in
//     force with that reason in each changed team's history (a rule's reading corrected).
// Stored months whose figures change get a new version with the same reason; past months judged
// under an earlier version keep their verdicts.
import { inForce, programmeAt, today, type Deps } from '#app/deps.js';
import { applyStandardInForce, reevaluateAll, type ReevaluateReport } from '#app/reevaluate.js';
import { isIsoDate } from '#core/dates.js';
import { standardRef } from '#core/standard.js';
import { argValue, attachOrStart, depsOn } from '#scripts/local-stack.js';

const reason = argValue('--reason');
const date = argValue('--date');
if (!reason === !date) {
  console.error(
    '✗ give --date YYYY-MM-DD (apply the standard in force from that day) or --reason "…" (re-evaluate with that reason), one of them.',
  );
  process.exit(1);
}
if (date && !isIsoDate(date)) {
  console.error(`✗ --date ${date} is not a date (YYYY-MM-DD)`);
  process.exit(1);
}

const progress = (done: number, of: number) => {
  const width = 30;
  const filled = Math.round((done / of) * width);
  const bar = `· re-evaluating [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${of} counties`;
  if (process.stdout.isTTY) process.stdout.write(`\r${bar}`);
  else if (done === of || done % 37 === 0) console.log(bar);
};

async function byDate(deps: Deps, day: string): Promise<ReevaluateReport | null> {
  const now = today(deps.clock);
  if (day > now)
    throw new Error(
      `${day} has not come yet (today is ${now}): the daily job of that day applies it, or run with TRACKER_NOW set to that day`,
    );
  const then = standardRef(programmeAt(deps, day).ruleSet);
  const current = standardRef(inForce(deps).ruleSet);
  if (then !== current)
    throw new Error(
      `the standard in force on ${day} (${then}) is no longer the one in force today (${current}): today's is applied by --date ${today(deps.clock)}`,
    );
  return applyStandardInForce(deps, progress);
}

const { endpoint, own } = await attachOrStart();
try {
  const deps = await depsOn(endpoint);
  const report = date ? await byDate(deps, date) : await reevaluateAll(deps, reason!, progress);
  if (process.stdout.isTTY) process.stdout.write('\n');
  if (!report) console.log(`every team is already judged under ${standardRef(inForce(deps).ruleSet)}: nothing to do`);
  else {
    console.log(
      `re-evaluated ${report.teams} teams as of ${report.date}: ${report.changed} changed${reason ? ` (reason: ${reason})` : ''}`,
    );
    console.log(
      `months checked ${report.months.checked.length}, corrected ${report.months.corrected.length}${report.months.corrected.length ? `: ${report.months.corrected.join(', ')}` : ''}`,
    );
  }
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await own?.stop();
}
