// `npm run build` (its last step): every Lambda handler bundled as the stack bundles it
// (infra/lib/bundle.ts) into dist/functions/<entry>/, with a table of what each loads to start.
// `cdk synth` bundles the same entries itself; this is the build to inspect or to ship by other means.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleFunction, START_BUDGET_KB } from '#infra/lib/bundle.js';
import { FUNCTION_ENTRIES } from '#infra/lib/constructs/tracker-function.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist', 'functions');
rmSync(out, { recursive: true, force: true });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(5)} KB`;
const rows = [
  `${'function'.padEnd(26)} ${'start'.padStart(8)} ${'gzipped'.padStart(8)}  ${'lazy'.padStart(8)}  (start budget ${START_BUDGET_KB} KB)`,
];
let over = 0;
for (const entry of FUNCTION_ENTRIES) {
  const dir = join(out, entry.replace(/\.ts$/, '').replace('/', '-'));
  mkdirSync(dir, { recursive: true });
  const r = bundleFunction(join(root, 'functions', entry), dir);
  if (r.startBytes > START_BUDGET_KB * 1024) over++;
  rows.push(
    `${entry.padEnd(26)} ${kb(r.startBytes)} ${kb(r.startGzBytes)}  ${kb(r.lazyBytes)}${r.startBytes > START_BUDGET_KB * 1024 ? '  OVER BUDGET' : ''}`,
  );
}
console.log(`functions → ${out}\n${rows.join('\n')}`);
if (over) process.exitCode = 1;
