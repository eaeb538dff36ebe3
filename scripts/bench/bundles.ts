// Lambda bundles as the stack builds them (esbuild, ESM, minified): size, and the time to import
// each cold in a fresh Node process (median of 10), with the AWS SDK bundled and left external.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median, round, type BenchRow } from './context.js';
import { FUNCTION_ENTRIES } from '../../infra/lib/constructs/tracker-function.js';

const ENTRIES = FUNCTION_ENTRIES;
const functionsDir = resolve(import.meta.dirname, '../../functions');
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);

async function bundle(entry: string, outdir: string, sdkExternal: boolean): Promise<string> {
  const outfile = join(outdir, `${entry.replace(/[/.]/g, '-')}${sdkExternal ? '-ext' : ''}.mjs`);
  await build({
    entryPoints: [join(functionsDir, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    minify: true, sourcemap: false, mainFields: ['module', 'main'], logLevel: 'silent',
    external: sdkExternal ? ['@aws-sdk/*', '@smithy/*'] : [],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

/** Wall time of a fresh `node` importing the file, minus a bare `node` start measured alongside. */
function coldImport(file: string): number {
  const run = (code: string) => {
    const t = performance.now();
    execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: resolve(functionsDir, '..'), env: { ...process.env, AWS_REGION: 'ap-east-1' } });
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
      const bundled = await bundle(entry, outdir, false);
      const external = await bundle(entry, outdir, true);
      const size = (f: string) => ({ kb: round(statSync(f).size / 1024), gzKb: round(gzipSync(readFileSync(f)).length / 1024) });
      const b = { ...size(bundled), coldMs: round(coldImport(bundled)) };
      const e = { ...size(external), coldMs: round(coldImport(external)) };
      json[entry] = { bundled: b, sdkExternal: e };
      rows.push({
        name: `bundle ${entry}`,
        value: `SDK bundled: ${b.kb} KB (${b.gzKb} KB gz), cold import ${b.coldMs} ms`,
        baseline: `SDK external: ${e.kb} KB (${e.gzKb} KB gz), cold import ${e.coldMs} ms`,
        ratio: round(b.coldMs / Math.max(e.coldMs, 0.1), 2),
      });
    }
    return { rows, json };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
