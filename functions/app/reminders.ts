// The reporting reminder (daily at 09:00 Asia/Shanghai in AWS, through the summary function; `npm
// run remind` locally): from the programme's reminder day until the deadline, each county that has not
// reported this month gets a short reminder, once per county and month (claimed like the summary).
import { monthOf } from '#core/dates.js';
import { deadlineDate, deadlineInstant, reminderDay } from '#core/reporting.js';
import { composeReminder } from '#core/summary.js';
import { today, type Deps, rootArea } from './deps.js';
import type { Mailer } from './mailer.js';
import { monthStatuses, reportingRules } from './reports.js';
import { deliver, type Delivery, type JobLogger } from './summaries.js';

export interface ReminderReport extends Delivery {
  month: string;
  /** Whether today is in the reminder window (from the reminder day to the deadline). */
  due: boolean;
  /** Counties not yet reported, reminded (or already reminded). */
  counties: string[];
}

export async function runReminders(deps: Deps & { mailer: Mailer; log: JobLogger; claimTimeoutMs?: number }): Promise<ReminderReport> {
  const day = today(deps.clock);
  const month = monthOf(day);
  const rules = reportingRules(deps, month);
  const empty = { month, due: false, counties: [], sent: 0, alreadySent: 0, noRecipients: [], failed: [] };
  if (!rules || month < rules.from || day < reminderDay(month, rules) || deps.clock.now().toISOString() >= deadlineInstant(month, rules))
    return empty;
  const [aggregates, meta] = await Promise.all([deps.store.listAggregates(), deps.store.getMeta()]);
  const statuses = await monthStatuses(
    deps,
    month,
    aggregates.map((a) => a.code),
  );
  const pending = aggregates.filter((a) => statuses.get(a.code)!.status === 'pending').sort((a, b) => a.code.localeCompare(b.code));
  const deadline = deadlineDate(month, rules);
  const messages = pending.map((a) =>
    composeReminder({
      countyCode: a.code,
      countyName: a.name,
      cityName: a.cityName,
      month,
      deadline,
      demo: Boolean(meta?.demo),
      organiser: rootArea(deps).words.organiser,
    }),
  );
  const report = { month, due: true, counties: pending.map((a) => a.code), ...(await deliver(deps, `REMIND#${month}`, messages)) };
  deps.log.info('reporting reminders done', { ...report, counties: report.counties.length, failed: report.failed.length });
  return report;
}
