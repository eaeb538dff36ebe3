// The monthly job (one summary for the province, one per city, one per county: 126 for Guangxi) against a
// plain Query of the aggregate items it reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previousMonth, runMonthlySummary } from '#app/summaries.js';
import { outboxMailer } from '#jobs/mail.js';
import { median, repeat, round, time, type BenchRow } from './context.js';
import type { seededServer } from './dashboard.js';

export async function benchSummary(ctx: Awaited<ReturnType<typeof seededServer>>) {
  const outbox = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  try {
    const job = await time(() =>
      runMonthlySummary(
        { ...ctx.deps, mailer: outboxMailer(outbox, 'bench@tracker.local'), log: { info() {}, warn() {} } },
        previousMonth(ctx.deps),
      ),
    );
    const aggregates = await ctx.deps.store.listAggregates();
    const recipients = 1 + new Set(aggregates.map((a) => a.cityCode)).size + aggregates.length;
    if (job.value.sent !== recipients) throw new Error(`sent ${job.value.sent} of ${recipients} summaries`);
    const queries: number[] = [];
    for (let i = 0; i < repeat(10); i++) queries.push((await time(() => ctx.deps.store.listAggregates())).ms);
    const ratio = round(job.ms / median(queries));
    const rows: BenchRow[] = [
      {
        name: `monthly summary job, ${job.value.month}: reconcile + compose + send ${recipients} (.eml outbox)`,
        value: `${round(job.ms / 1000, 2)} s`,
        baseline: `Query of ${aggregates.length} aggregates ${round(median(queries), 2)} ms`,
        ratio,
      },
    ];
    return { rows, json: { month: job.value.month, jobMs: round(job.ms), queryMs: round(median(queries), 2), ratio } };
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
}
