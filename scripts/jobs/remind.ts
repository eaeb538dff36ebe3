// `npm run job:remind`: the reporting reminder job, locally, into .local/outbox/REMIND-<month>. It sends only from
// the reminder day (the 22nd) to the deadline: `TRACKER_NOW=2026-12-22T01:00:00Z npm run job:remind` to see one.
import { runReminders } from '#app/reminders.js';
import { outboxMailer } from '#jobs/mail.js';
import { argValue, attachOrStart, clockAt, depsOn, MAIL_FROM, paths } from '#scripts/local-stack.js';

const { endpoint, own } = await attachOrStart();
try {
  const date = argValue('--date');
  const deps = await depsOn(endpoint, date ? clockAt(date) : undefined);
  const log = {
    info: (m: string) => console.log(`· ${m}`),
    warn: (m: string, f?: Record<string, unknown>) => console.warn(`! ${m}`, JSON.stringify(f)),
  };
  const report = await runReminders({ ...deps, mailer: outboxMailer(paths.outbox, MAIL_FROM), log, claimTimeoutMs: 0 });
  console.log(JSON.stringify(report, null, 2));
  if (!report.due) console.log('not in the reminder window (from the reminder day to the deadline): nothing sent');
  else console.log(`outbox: ${paths.outbox}/REMIND-${report.month}`);
  process.exitCode = report.failed.length ? 1 : 0;
} finally {
  await own?.stop();
}
