// `npm run job:lapse [-- --date 2023-03-01]`: the daily job, locally: it stores any month's figures still
// missing, applies a standard taking effect that day, then re-evaluates the teams whose verdict has run out, as of today (TRACKER_NOW or the
// real clock) or an earlier --date. A later date is refused; `--date 2027-06-01 --preview` lists
// what would lapse then, and writes nothing.
import { runDaily } from '#app/daily.js';
import { previewLapse } from '#app/lapse.js';
import { argValue, attachOrStart, clockAt, depsOn } from '#scripts/local-stack.js';

const date = argValue('--date');
const preview = process.argv.includes('--preview');
const clock = date ? clockAt(date, { preview }) : undefined;
const { endpoint, own } = await attachOrStart();
try {
  const deps = await depsOn(endpoint, clock);
  if (preview) {
    const { date: on, teams } = await previewLapse(deps);
    for (const t of teams) console.log(`  ${t.communityCode}  达标至 ${t.holdsUntil}  ${t.failed.join('；')}`);
    console.log(`preview as of ${on}: ${teams.length} teams would stop meeting the standard (nothing written)`);
  } else {
    const { months, standard, lapse } = await runDaily(deps);
    if (months.written.length) console.log(`month figures stored as of each month's end: ${months.written.join(', ')}`);
    if (standard) console.log(`standard ${standard.ref} took effect: ${standard.teams} teams re-evaluated, ${standard.changed} changed`);
    console.log(`lapse job as of ${lapse.date}: ${lapse.found} verdicts ran out, ${lapse.changed} teams re-evaluated`);
  }
} finally {
  await own?.stop();
}
