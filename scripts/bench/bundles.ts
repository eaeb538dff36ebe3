// Lambda bundles as the stack builds them (infra/lib/bundle.ts): what each loads to start (against the
// budget) and on first use, and the time to import each cold in a fresh Node process (median of 10),
// with the AWS SDK bundled and left external.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, repeat, round, type BenchRow } from './context.js';
import { bundleFunction, START_BUDGET_KB, type BundleReport } from '#infra/lib/bundle.js';
import { FUNCTION_ENTRIES } from '#infra/lib/constructs/tracker-function.js';

const ENTRIES = FUNCTION_ENTRIES;
const functionsDir = resolve(import.meta.dirname, '../../functions');
const RUNS = repeat(Number(process.env.BENCH_COLD_RUNS ?? 10));

function bundle(entry: string, outdir: string, sdkExternal: boolean) {
  const dir = join(outdir, `${entry.replace(/[/.]/g, '-')}${sdkExternal ? '-ext' : ''}`);
  const report = bundleFunction(join(functionsDir, entry), dir, sdkExternal ? { external: ['@aws-sdk/*', '@smithy/*'] } : {});
  return { file: join(dir, 'index.mjs'), report };
}

/** Wall time of a fresh `node` importing the file, minus a bare `node` start measured alongside. */
function coldImport(file: string): number {
  const run = (code: string) => {
    const t = performance.now();
    execFileSync(process.execPath, ['--input-type=module', '-e', code], {
      cwd: resolve(functionsDir, '..'),
      env: { ...process.env, AWS_REGION: 'ap-east-1' },
    });
    return performance.now() - t;
  };
  const bare: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(run(''));
    loaded.push(run(`await import(${JSON.stringify(file)})`));
  }
  return median(loaded) - median(bare);
}

export async function benchBundles() {
  // Unbundled SDK resolves from the project's node_modules, as Lambda's runtime provides its own copy.
  const outdir = mkdtempSync(join(resolve(functionsDir, '..'), '.bench-bundles-'));
  try {
    const rows: BenchRow[] = [];
    const json: Record<string, unknown> = {};
    for (const entry of ENTRIES) {
      const bundled = bundle(entry, outdir, false);
      const external = bundle(entry, outdir, true);
      const size = (r: BundleReport) => ({
        startKb: round(r.startBytes / 1024),
        startGzKb: round(r.startGzBytes / 1024),
        lazyKb: round(r.lazyBytes / 1024),
      });
      const b = { ...size(bundled.report), coldMs: round(coldImport(bundled.file)) };
      const e = { ...size(external.report), coldMs: round(coldImport(external.file)) };
      json[entry] = { bundled: b, sdkExternal: e, startBudgetKb: START_BUDGET_KB };
      rows.push({
        name: `bundle ${entry}`,
        value: `SDK bundled: start ${b.startKb} KB (${b.startGzKb} KB gz; budget ${START_BUDGET_KB}) + ${b.lazyKb} KB on first use, cold import ${b.coldMs} ms`,
        baseline: `SDK external: start ${e.startKb} KB, cold import ${e.coldMs} ms`,
        ratio: round(b.coldMs / Math.max(e.coldMs, 0.1), 2),
      });
    }
    return { rows, json };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
