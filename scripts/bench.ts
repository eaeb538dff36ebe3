// `npm run bench` (all) or `npm run bench -- dashboard retention imports bombs summary bundles frontend standards registry campaigns roster`: prints a
// table of figures, each against a baseline measured in the same run, and writes bench-results.json
// and (after a whole run with no step failed) BENCHMARKS.md, with the date, the machine and the commit.
// A step that fails is named, the others still run, and the exit code is 1. `--smoke` runs every step
// once over three counties and writes nothing (npm test runs it, so the bench cannot rot).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { benchBombs } from './bench/bombs.js';
import { benchBundles } from './bench/bundles.js';
import { SMOKE, stopDynamodb, type BenchRow } from './bench/context.js';
import { benchDashboard, seededServer } from './bench/dashboard.js';
import { benchFrontend, buildFrontend } from './bench/frontend.js';
import { benchImports } from './bench/imports.js';
import { benchCampaigns } from './bench/campaigns.js';
import { benchRegistry } from './bench/registry.js';
import { benchRetention } from './bench/retention.js';
import { benchRoster } from './bench/roster.js';
import { benchStandards } from './bench/standards.js';
import { benchStart } from './bench/start.js';
import { benchSummary } from './bench/summary.js';

/** Kept with the table: why the figures are what they are (update with the code, not per run). */
const READING = `
## Reading the figures

- **Full-province import.** The target (≤ 1.5× raw) is measured with one request in flight on both sides: one
  county file at a time against one BatchWriteItem at a time. That is the condition under which county-chunked
  transactions measure about 1.15–1.6× BatchWriteItem on DynamoDB Local (the "price of a transaction" row; it
  moves with the machine from run to run), so the rest of the ratio is what the import path itself adds:
  reading the file, validating every row, the idempotency record, the conditional checks, the aggregate update
  and the audit record in the same transaction. That part is printed on its own (the import against raw
  transactions of the items it wrote, by round): the import cannot go below the emulator's price of a
  transaction, so in a run where that price alone passes 1.5× the target is out of the code's reach.
  With several requests in flight the batch baseline gets about twice as fast and the transactions cannot
  follow: DynamoDB Local holds an exclusive lock on the table for each TransactWriteItems
  (\`TransactWriteItemsFunction\` wraps its work in \`MultiTableLock\` with \`LockMode.WRITE\`; BatchWriteItem takes
  none), so raw transactions alone measure 2–2.8× the parallel batch baseline there. On DynamoDB itself
  transactions on different items run side by side (and are priced at 2 WCU per item against 1). The import
  runs are repeated (\`BENCH_ROUNDS\`, default 5; the parallel ones 3 times) after a warm-up province import,
  because the emulator keeps getting faster for a province's worth of writes and its speed drifts on a shared
  machine (by up to 2× over minutes when the host takes CPU away from this one). The ratio is therefore the
  median of each round's import against the baseline measured right after it, not the ratio of two medians.
- **Bundles**: the AWS SDK is bundled: each function imports cold 40 % faster than with the SDK left to the
  runtime, and the SDK we test is the one that runs. Each bundle is split (infra/lib/bundle.ts): a cold start
  loads the entry and its static chunks (budget 500 KB, enforced by tests/infra); exceljs, the file readers,
  busboy, the mail transports and the offices' tools load on their first call (the bundles row above).
- **Map draw** is from navigation start to the 111th county path in the DOM, fresh browser context each load,
  against the seeded local server on the same 2-core machine that runs DynamoDB Local.
`;

const ALL = [
  'dashboard',
  'retention',
  'imports',
  'bombs',
  'summary',
  'bundles',
  'frontend',
  'standards',
  'registry',
  'campaigns',
  'roster',
  'start',
] as const;
type Step = (typeof ALL)[number];
const asked = process.argv.slice(2).filter((a) => (ALL as readonly string[]).includes(a)) as Step[];
const which = new Set<Step>(asked.length ? asked : ALL);
const root = resolve(import.meta.dirname, '..');
const rows: BenchRow[] = [];
const json: Record<string, unknown> = {};
const failures: { step: string; error: string }[] = [];
const started = new Date();

/** Runs one step: its rows join the table; a failure is named and kept, and the next step runs. */
async function step(name: Step | string, run: () => Promise<{ rows: BenchRow[]; json: unknown }>) {
  const t = performance.now();
  try {
    const r = await run();
    rows.push(...r.rows);
    json[name] = r.json;
    console.log(`✓ ${name} (${Math.round((performance.now() - t) / 1000)} s)`);
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    failures.push({ step: name, error });
    console.error(`✗ ${name} failed after ${Math.round((performance.now() - t) / 1000)} s:\n${error}`);
  }
}

/** Tidying up after steps (a table dropped, the emulator stopped): a failure is named like a step's, and the run goes on. */
async function tidy(name: string, run: () => Promise<unknown>) {
  await step(name, async () => {
    await run();
    return { rows: [], json: undefined };
  });
}

try {
  if (which.has('dashboard') || which.has('retention') || which.has('summary') || which.has('frontend')) {
    let ctx: Awaited<ReturnType<typeof seededServer>> | undefined;
    let web: string | undefined;
    await step('seeded server', async () => {
      web = which.has('frontend') ? await buildFrontend() : undefined;
      ctx = await seededServer(web);
      return { rows: [], json: { seedMs: Math.round(ctx.seed.ms) } };
    });
    const onSeeded = (['dashboard', 'retention', 'frontend', 'summary'] as const).filter((s) => which.has(s));
    // Without the seeded server, the steps that measure it cannot run: each is named as failed, not passed over.
    if (!ctx) for (const s of onSeeded) failures.push({ step: s, error: 'not run: the seeded server did not start' });
    if (ctx) {
      const c = ctx;
      try {
        if (which.has('dashboard')) await step('dashboard', () => benchDashboard(c));
        if (which.has('retention')) await step('retention', () => benchRetention(c));
        if (which.has('frontend')) await step('frontend', async () => benchFrontend(c.url, await c.token('province'), web!));
        if (which.has('summary')) await step('summary', () => benchSummary(c));
      } finally {
        c.server.close();
        // The seeded province holds hundreds of megabytes of the emulator's 1 GB heap: the steps after this
        // one (the import ratio first) would pay for it in garbage collection, which neither side of their
        // comparisons has anything to do with.
        await tidy('seeded server: drop its table', () => c.drop());
      }
    }
    if (web) rmSync(web, { recursive: true, force: true });
  }
  if (which.has('imports')) await step('imports', benchImports);
  if (which.has('standards')) await step('standards', benchStandards);
  if (which.has('campaigns')) await step('campaigns', benchCampaigns);
  if (which.has('roster')) await step('roster', benchRoster);
  if (which.has('registry')) await step('registry', benchRegistry);
  if (which.has('bombs')) await step('bombs', benchBombs);
  if (which.has('bundles')) await step('bundles', benchBundles);
  if (which.has('start')) await step('start', benchStart);
} finally {
  await tidy('stop DynamoDB Local', stopDynamodb);
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
console.table(
  rows.map((r) => ({
    measure: r.name,
    value: r.value,
    baseline: r.baseline ?? '',
    ratio: r.ratio === undefined ? '' : `${r.ratio}×`,
    target: r.target ?? '',
  })),
);
if (SMOKE) {
  console.log(
    failures.length ? `smoke run: ${failures.length} step(s) failed` : `smoke run: every step ran (${rows.length} rows); no figure kept`,
  );
} else {
  writeFileSync(
    resolve(root, 'bench-results.json'),
    JSON.stringify({ date: started.toISOString(), commit, machine, failures, results: json }, null, 2),
  );
  if (which.size === ALL.length && !failures.length) {
    const md = [
      '# Benchmarks',
      '',
      `Measured ${started.toISOString().slice(0, 10)} at commit ${commit} with \`npm run bench\` on ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, DynamoDB Local 1.25.1 (in memory), Debian Chromium. Every ratio is against a baseline measured in the same run. The raw figures are in \`bench-results.json\` after a run.`,
      '',
      '| measure | value | baseline (same run) | ratio | target |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) => `| ${r.name} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio === undefined ? '' : `${r.ratio}×`} | ${r.target ?? ''} |`,
      ),
      READING,
    ].join('\n');
    writeFileSync(resolve(root, 'BENCHMARKS.md'), md);
    console.log('wrote BENCHMARKS.md and bench-results.json');
  } else if (failures.length) {
    console.error(`${failures.map((f) => f.step).join(', ')} failed: BENCHMARKS.md left as it was; bench-results.json names the failures`);
  }
}
process.exitCode = failures.length ? 1 : 0;
