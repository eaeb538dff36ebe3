// The monthly job for 126 recipients against a plain Query of the aggregate items it reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previousMonth, runMonthlySummary } from '#app/summaries.js';
import { outboxMailer } from '#jobs/mail.js';
import { median, round, time, type BenchRow } from './context.js';
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
    if (job.value.sent !== 126) throw new Error(`sent ${job.value.sent}`);
    const queries: number[] = [];
    for (let i = 0; i < 10; i++) queries.push((await time(() => ctx.deps.store.listAggregates())).ms);
    const ratio = round(job.ms / median(queries));
    const rows: BenchRow[] = [
      {
        name: `monthly summary job, ${job.value.month}: reconcile + compose + send 126 (.eml outbox)`,
        value: `${round(job.ms / 1000, 2)} s`,
        baseline: `Query of 111 aggregates ${round(median(queries), 2)} ms`,
        ratio,
      },
    ];
    return { rows, json: { month: job.value.month, jobMs: round(job.ms), queryMs: round(median(queries), 2), ratio } };
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
}
