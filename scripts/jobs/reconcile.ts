// `npm run job:reconcile [-- --fix]`: recounts every county from its teams and prints the drift per
// county (which must be 0); --fix corrects the county counters to the recount.
import { runReconcile } from '#app/reconcile.js';
import { attachOrStart, depsOn } from '#scripts/local-stack.js';

const { endpoint, own } = await attachOrStart();
try {
  const fix = process.argv.includes('--fix');
  const report = await runReconcile(await depsOn(endpoint), { fix });
  for (const d of report.drift) {
    const diff = Object.entries({
      teamsRegistered: d.difference.teamsRegistered,
      teamsMeetingStandard: d.difference.teamsMeetingStandard,
      members: d.difference.members,
      ...Object.fromEntries(Object.entries(d.difference.failures).map(([k, v]) => [`fail_${k}`, v])),
    })
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => `${k} ${v > 0 ? '+' : ''}${v}`)
      .join(', ');
    console.log(`  ${d.countyCode}: stored − recount = ${diff}${report.corrected.includes(d.countyCode) ? '  (corrected)' : ''}`);
  }
  console.log(
    `reconciled ${report.counties} counties: drift in ${report.drift.length}${fix ? `, corrected ${report.corrected.length}` : report.drift.length ? ' (run with -- --fix to correct)' : ''}`,
  );
  process.exitCode = report.drift.length && !fix ? 1 : 0;
} finally {
  await own?.stop();
}
