// The benchmarks cannot rot: `npm run bench -- --smoke` runs every step once, over three counties, and keeps
// no figure. A step the code has outgrown (a route refused, a shape changed) fails here, not in the next
// full run. (In the e2e group: its frontend step drives Chromium, and it starts its own DynamoDB Local.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WAIT } from '#tests/helpers/waits.js';

const root = resolve(import.meta.dirname, '../..');
const STEPS = [
  'seeded server',
  'dashboard',
  'retention',
  'frontend',
  'summary',
  'imports',
  'standards',
  'campaigns',
  'registry',
  'bombs',
  'bundles',
  'start',
];

describe('npm run bench -- --smoke', () => {
  it(
    'runs every step to the end and writes neither BENCHMARKS.md nor bench-results.json',
    () => {
      const benchmarks = readFileSync(resolve(root, 'BENCHMARKS.md'), 'utf8');
      const results = resolve(root, 'bench-results.json');
      const resultsBefore = existsSync(results) ? statSync(results).mtimeMs : null;
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--smoke'], {
        cwd: root,
        encoding: 'utf8',
        timeout: WAIT.benchSmoke,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      const out = `${run.stdout}${run.stderr}`;
      const failed = [...out.matchAll(/^✗ (.+) failed after/gm)].map((m) => m[1]);
      expect(failed, out.slice(-4000)).toEqual([]);
      expect(STEPS.filter((s) => !new RegExp(`^✓ ${s} \\(`, 'm').test(out))).toEqual([]);
      expect(run.status).toBe(0);
      expect(readFileSync(resolve(root, 'BENCHMARKS.md'), 'utf8')).toBe(benchmarks);
      expect(existsSync(results) ? statSync(results).mtimeMs : null).toBe(resultsBefore);
    },
    WAIT.benchSmoke + 30_000,
  );
});
