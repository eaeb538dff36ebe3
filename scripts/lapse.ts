// `npm run lapse -- --date 2023-03-01`: the daily lapse job, locally, as of a day (default today).
import { runLapse } from '../functions/app/lapse.js';
import { argValue, attachOrStart, clockAt, depsOn } from './local-stack.js';

const { endpoint, own } = await attachOrStart();
try {
  const date = argValue('--date');
  const result = await runLapse(await depsOn(endpoint, date ? clockAt(date) : undefined));
  console.log(`lapse job as of ${result.date}: ${result.found} verdicts ran out, ${result.changed} teams re-evaluated`);
} finally {
  await own?.stop();
}
