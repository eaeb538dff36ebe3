// Lambda for the monthly summary, invoked by EventBridge Scheduler on the 1st at 08:00 Asia/Shanghai
// (or by hand with {"month":"2022-06"}), and for the reporting reminders, daily at 09:00 with
// {"job":"reminders"} (it sends only from the programme's reminder day to its deadline), and for the
// watchdog, on the 1st at 10:00 with {"job":"check"} (did last month's summary finish?).
import { runReminders } from '#app/reminders.js';
import { checkMonthlySummary, recipientHash, runMonthlySummary } from '#app/summaries.js';
import { eachProgramme } from '#app/deps.js';
import type { Context } from 'aws-lambda';
import { defaultTenancy, log } from '#runtime/deps.js';
import { logger as lines } from '#runtime/logger.js';
import { mailerFromEnv } from './mail.js';

const logger = {
  info: (m: string, f?: Record<string, unknown>) => log('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => log('warn', m, f),
};

export async function handler(event: { month?: string; job?: 'summary' | 'reminders' | 'check' } = {}, context?: Context) {
  if (context) lines.addContext(context); // the invocation's request id on every line
  return eachProgramme(defaultTenancy(), async (programmeDeps, programme) => {
    if (event.job === 'check') {
      const check = await checkMonthlySummary(programmeDeps);
      if (!check.finishedAt) log('error', 'the monthly summary has not finished', { programme, ...check });
      return check;
    }
    const deps = { ...programmeDeps, mailer: mailerFromEnv(), log: logger };
    const report = await (event.job === 'reminders' ? runReminders(deps) : runMonthlySummary(deps, event.month)).finally(() =>
      deps.mailer.close?.(),
    );
    // Failed recipients were retried and reported; the run itself fails so the scheduler's retry and DLQ see it.
    if (report.failed.length)
      throw new Error(
        `${programme}: ${report.failed.length} emails failed: ${report.failed.map((f) => `${f.scope} → ${recipientHash(f.to)}`).join(', ')}`,
      );
    // Another run's claims still "sending": retried later (Lambda's retries, then FailedRuns) rather than called done.
    if ('unfinished' in report && report.unfinished)
      throw new Error(`${programme}: ${report.unfinished} emails of ${report.month} are not marked sent (another run stalled mid-send?)`);
    // What the function returns lands in its logs too: recipients as hashes there.
    return { ...report, failed: report.failed.map((f) => ({ ...f, to: recipientHash(f.to) })) };
  });
}
