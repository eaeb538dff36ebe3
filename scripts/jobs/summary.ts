// `npm run job:summary -- --month 2022-06`: the monthly summary job, locally, into .local/outbox — or,
// with MAIL_TRANSPORT=smtp SMTP_URL=smtp://user:pass@host:port, to any SMTP server (STARTTLS required).
import { runMonthlySummary } from '#app/summaries.js';
import { mailerFromEnv, outboxMailer } from '#jobs/mail.js';
import { argValue, attachOrStart, clockAt, depsOn, MAIL_FROM, paths } from '#scripts/local-stack.js';

const { endpoint, own } = await attachOrStart();
try {
  const date = argValue('--date');
  const deps = await depsOn(endpoint, date ? clockAt(date) : undefined);
  // A past month's figures are computed as of its end (or refused); a stored month is never rewritten.
  const log = {
    info: (m: string) => console.log(`· ${m}`),
    warn: (m: string, f?: Record<string, unknown>) => console.warn(`! ${m}`, JSON.stringify(f)),
  };
  // The outbox rewrites the same .eml, so a claim left by a killed run can be taken over at once.
  const smtp = process.env.MAIL_TRANSPORT === 'smtp';
  const mailer = smtp
    ? mailerFromEnv({ ...process.env, MAIL_FROM: process.env.MAIL_FROM ?? MAIL_FROM })
    : outboxMailer(paths.outbox, MAIL_FROM);
  const report = await runMonthlySummary({ ...deps, mailer, log, claimTimeoutMs: 0 }, argValue('--month')).finally(() => mailer.close?.());
  console.log(JSON.stringify(report, null, 2));
  console.log(smtp ? `sent through ${new URL(process.env.SMTP_URL!).host}` : `outbox: ${paths.outbox}/${report.month}`);
  process.exitCode = report.failed.length ? 1 : 0;
} finally {
  await own?.stop();
}
