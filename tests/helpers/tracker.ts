// Starts the whole local tracker (`npm start`'s script) as a child process on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { freePort } from '#local/dynamodb-local.js';
import { launchBrowser } from './browser.js';
import { WAIT } from './waits.js';

const root = resolve(import.meta.dirname, '../..');

export interface RunningTracker {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  token(scope: string): Promise<string>;
  /** A GET of the API as a scope (province by default), its JSON answer. */
  api(path: string, scope?: string): Promise<any>;
}

export async function startTracker(
  options: { dataDir?: string; port?: number; reset?: boolean; args?: string[]; env?: Record<string, string> } = {},
): Promise<RunningTracker & { dataDir: string; port: number; process: ChildProcess }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tracker-'));
  const port = options.port ?? (await freePort());
  // node --import tsx: one process, so a SIGKILL in a test kills the server itself, not a launcher.
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/start.ts', ...(options.reset ? ['--reset'] : []), ...(options.args ?? [])],
    {
      cwd: root,
      env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  // Ready when it says so; failed when it exits first, or is still not ready after WAIT.start.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`npm start not ready in ${WAIT.start / 1000} s:\n${output}`));
    }, WAIT.start);
    const read = (d: Buffer) => {
      output += d;
      if (output.includes('Tracker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    proc.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`npm start exited:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const token = async (scope: string): Promise<string> =>
    (await (await fetch(`${url}/api/dev/token`, { method: 'POST', body: JSON.stringify({ scope }) })).json()).token;
  return {
    url,
    dataDir,
    port,
    process: proc,
    output: () => output,
    token,
    api: async (path, scope = 'province') =>
      (await fetch(url + path, { headers: { authorization: `Bearer ${await token(scope)}` } })).json(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/**
 * The instant the end-to-end trackers start at (10:00 in Shanghai); their clock runs on from it. What the
 * pages show depends on the date (the demo's open campaign closes on 2026-12-25, the month being reported,
 * the renewals due, the yearly summary that is open), so a suite that passes today must not start failing
 * on a later day: the date is chosen, not inherited. Tests take dates from the tracker (`/api/health`).
 */
export const E2E_NOW = '2026-12-06T02:00:00Z';

/** An e2e file's pair: a freshly seeded tracker (at E2E_NOW) and a Chromium, started side by side. */
export async function startTrackerAndBrowser() {
  return Promise.all([startTracker({ reset: true, env: { TRACKER_NOW: E2E_NOW } }), launchBrowser()]);
}

/** Closes the browser, stops the tracker and removes its data (either may be missing after a failed start). */
export async function stopTrackerAndBrowser(tracker?: Awaited<ReturnType<typeof startTracker>>, browser?: Browser) {
  await browser?.close();
  await tracker?.stop();
  if (tracker) removeDir(tracker.dataDir);
}
