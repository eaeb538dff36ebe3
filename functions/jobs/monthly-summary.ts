// Lambda for the monthly summary, invoked by EventBridge Scheduler on the 1st at 08:00 Asia/Shanghai
// (or by hand with {"month":"2022-06"}).
import { recipientHash, runMonthlySummary } from '../app/summaries.js';
import { ready } from '../app/deps.js';
import { defaultDeps, log } from '../runtime/deps.js';
import { mailerFromEnv } from './mail.js';

const logger = { info: (m: string, f?: Record<string, unknown>) => log('info', m, f), warn: (m: string, f?: Record<string, unknown>) => log('warn', m, f) };

export async function handler(event: { month?: string } = {}) {
  const report = await runMonthlySummary({ ...(await ready(defaultDeps())), mailer: mailerFromEnv(), log: logger }, event.month);
  // Failed recipients were retried and reported; the run itself fails so the scheduler's retry and DLQ see it.
  if (report.failed.length) throw new Error(`${report.failed.length} summary emails failed: ${report.failed.map((f) => `${f.scope} → ${recipientHash(f.to)}`).join(', ')}`);
  // What the function returns lands in its logs too: recipients as hashes there.
  return { ...report, failed: report.failed.map((f) => ({ ...f, to: recipientHash(f.to) })) };
}
