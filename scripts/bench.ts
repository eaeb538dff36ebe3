// `npm run bench` (all) or `npm run bench -- dashboard imports summary bundles frontend`: prints a
// table of figures, each against a baseline measured in the same run, and writes bench-results.json
// and BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { benchBundles } from './bench/bundles.js';
import { stopDynamodb, type BenchRow } from './bench/context.js';
import { benchDashboard, seededServer } from './bench/dashboard.js';
import { benchFrontend, buildFrontend } from './bench/frontend.js';
import { benchImports } from './bench/imports.js';
import { benchSummary } from './bench/summary.js';

const ALL = ['dashboard', 'imports', 'summary', 'bundles', 'frontend'] as const;
const asked = process.argv.slice(2).filter((a) => (ALL as readonly string[]).includes(a));
const which = new Set(asked.length ? asked : ALL);
const root = resolve(import.meta.dirname, '..');
const rows: BenchRow[] = [];
const json: Record<string, unknown> = {};
const started = new Date();

try {
  if (which.has('dashboard') || which.has('summary') || which.has('frontend')) {
    const web = which.has('frontend') ? await buildFrontend() : undefined;
    const ctx = await seededServer(web);
    try {
      if (which.has('dashboard')) { const r = await benchDashboard(ctx); rows.push(...r.rows); json.dashboard = r.json; }
      if (which.has('frontend')) { const r = await benchFrontend(ctx.url, await ctx.token('province'), web!); rows.push(...r.rows); json.frontend = r.json; }
      if (which.has('summary')) { const r = await benchSummary(ctx); rows.push(...r.rows); json.summary = r.json; }
    } finally {
      ctx.server.close();
      if (web) rmSync(web, { recursive: true, force: true });
    }
  }
  if (which.has('imports')) { const r = await benchImports(); rows.push(...r.rows); json.imports = r.json; }
  if (which.has('bundles')) { const r = await benchBundles(); rows.push(...r.rows); json.bundles = r.json; }
} finally {
  await stopDynamodb();
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
console.table(rows.map((r) => ({ measure: r.name, value: r.value, baseline: r.baseline ?? '', ratio: r.ratio === undefined ? '' : `${r.ratio}×`, target: r.target ?? '' })));
writeFileSync(resolve(root, 'bench-results.json'), JSON.stringify({ date: started.toISOString(), machine, results: json }, null, 2));
if (which.size === ALL.length) {
  const md = [
    '# Benchmarks',
    '',
    `Measured ${started.toISOString().slice(0, 10)} with \`npm run bench\` on ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, DynamoDB Local 1.25.1 (in memory), Debian Chromium. Every ratio is against a baseline measured in the same run. The raw figures are in \`bench-results.json\` after a run.`,
    '',
    '| measure | value | baseline (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio === undefined ? '' : `${r.ratio}×`} | ${r.target ?? ''} |`),
    '',
  ].join('\n');
  writeFileSync(resolve(root, 'BENCHMARKS.md'), md);
  console.log('wrote BENCHMARKS.md and bench-results.json');
}
