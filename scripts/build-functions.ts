// `npm run build` (its last step): every Lambda handler bundled as the stack bundles it (esbuild,
// ESM, minified, source maps, the SDK inside) into dist/functions/<entry>/index.mjs, with a size table.
// `cdk synth` bundles the same entries itself; this is the build to inspect or to ship by other means.
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUNDLE_BANNER, FUNCTION_ENTRIES } from '../infra/lib/constructs/tracker-function.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist', 'functions');
rmSync(out, { recursive: true, force: true });
const rows: string[] = [];
for (const entry of FUNCTION_ENTRIES) {
  const dir = join(out, entry.replace(/\.ts$/, '').replace('/', '-'));
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');
  await build({
    entryPoints: [join(root, 'functions', entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node24',
    minify: true, sourcemap: true, mainFields: ['module', 'main'], logLevel: 'warning', banner: { js: BUNDLE_BANNER },
  });
  const bytes = readFileSync(outfile);
  rows.push(`${entry.padEnd(26)} ${(statSync(outfile).size / 1024).toFixed(0).padStart(6)} KB  ${(gzipSync(bytes).length / 1024).toFixed(0).padStart(5)} KB gz`);
}
console.log(`functions → ${out}\n${rows.join('\n')}`);
