// `npm start` as a newcomer runs it: a fresh data folder (--reset), DynamoDB Local on disk, the real
// registry, the demo history, the daily job and the frontend build, timed to "Tracker ready"; then, on
// that server, the dashboard's month switch in headless Chromium (the selector changed to the answer's
// month drawn), against the first draw of the same page as the baseline.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from '#local/dynamodb-local.js';
import { median, repeat, round, SMOKE, SMOKE_COUNTIES, type BenchRow } from './context.js';

const root = resolve(import.meta.dirname, '../..');
/** Past months switched to, one after another (each a month-end record of the demo's history). */
const MONTHS = ['2022-06', '2023-06', '2024-06', '2025-06', '2022-12'];
const SWITCHES = repeat(MONTHS.length);

async function startFresh(): Promise<{ url: string; output: string; readyMs: number; stop: () => void; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--reset'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dir, ...(SMOKE ? { TRACKER_SEED_COUNTIES: SMOKE_COUNTIES.join(',') } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start not ready in 10 min:\n${output}`)), 600_000);
    const read = (d: Buffer) => {
      output += d;
      if (output.includes('Tracker ready')) {
        clearTimeout(timer);
        ready();
      }
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.once('exit', () => fail(new Error(`npm start exited:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, output, readyMs: performance.now() - t0, stop: () => proc.kill('SIGTERM'), dir };
}

export async function benchStart() {
  const tracker = await startFresh();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox'],
  });
  try {
    const seeded = /seeded the registry \(\d+ counties\) and (\d+) simulated teams in ([\d.]+) s/.exec(tracker.output);
    const token = (
      await (await fetch(`${tracker.url}/api/dev/token`, { method: 'POST', body: JSON.stringify({ scope: 'province' }) })).json()
    ).token as string;
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    await context.addInitScript((t) => sessionStorage.setItem('token', t), token);
    const page = await context.newPage();
    await page.goto(tracker.url, { waitUntil: 'commit' });
    const drawn = () =>
      page.waitForFunction(() => document.querySelectorAll('[data-testid=coverage-map] path[data-code]').length > 0, null, {
        polling: 'raf',
        timeout: 60_000,
      });
    await drawn();
    const firstDraw = await page.evaluate(() => performance.now());
    const switches: number[] = [];
    for (const month of MONTHS.slice(0, SWITCHES)) {
      const t = performance.now();
      await page.selectOption('[data-testid=month-select]', month);
      // Switched when the page says the month's end and the map is drawn again.
      await page.waitForFunction(
        (end) =>
          document.querySelector('[data-testid=as-of]')?.textContent?.includes(end) &&
          document.querySelector('[data-testid=coverage-map] path[data-code]'),
        `${month}-${month.endsWith('06') ? '30' : '31'}`,
        { polling: 'raf', timeout: 60_000 },
      );
      switches.push(performance.now() - t);
    }
    await context.close();
    const rows: BenchRow[] = [
      {
        name: 'npm start, fresh (--reset): DynamoDB Local on disk, registry, demo history, daily job, frontend build, to "Tracker ready"',
        value: `${round(tracker.readyMs / 1000)} s${seeded ? ` (seeding ${seeded[2]} s, ${Number(seeded[1]).toLocaleString('en')} teams)` : ''}`,
        target: 'seeding ≤ 45 s, ready ≤ 60 s',
      },
      {
        name: `dashboard: month switch on the npm start server (selector to the month's map), median of ${switches.length}`,
        value: `${round(median(switches))} ms (all: ${switches.map((s) => round(s)).join(', ')})`,
        baseline: `first draw after navigation ${round(firstDraw)} ms`,
        ratio: round(median(switches) / firstDraw, 2),
        target: '≤ 1000 ms',
      },
    ];
    return {
      rows,
      json: {
        readyMs: round(tracker.readyMs),
        seedS: seeded ? Number(seeded[2]) : null,
        switchMs: switches.map((s) => round(s)),
        firstDrawMs: round(firstDraw),
      },
    };
  } finally {
    await browser.close();
    tracker.stop();
    rmSync(tracker.dir, { recursive: true, force: true });
  }
}
