// Smoke test of `npm start`: boots the whole local tracker as a child process, twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'tracker-start-'));
let child: ChildProcess | null = null;

async function start(port: number, args: string[] = []): Promise<string> {
  const proc = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts', ...args], {
    cwd: root, env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout!.on('data', (d) => { output += d; });
  proc.stderr!.on('data', (d) => { output += d; });
  const deadline = Date.now() + 150_000;
  while (!output.includes('Tracker ready')) {
    if (proc.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return output;
}

async function stop(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(url: string, token?: string) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('npm start', () => {
  it('serves the seeded tracker, and its data survives a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await start(port, ['--reset']);
    expect(first).toMatch(/seeded the registry \(111 counties\) and \d+ simulated teams/);
    expect(first).toContain('"scope":"county:450102"');

    expect(await get(`${url}/api/health`)).toMatchObject({ status: 200 });
    const page = await get(`${url}/`);
    expect(page.type).toMatch(/text\/html/);
    expect(page.text).toContain('<div id="root">');
    const { token } = await (await fetch(`${url}/api/dev/token`, { method: 'POST', body: '{"scope":"province"}' })).json();
    const counties = JSON.parse((await get(`${url}/api/counties`, token)).text);
    expect(counties.counties).toHaveLength(111);
    expect(counties.totals.communities).toBe(16681);
    expect(counties.demo.label.zh).toBe('模拟演示数据');
    expect(counties.totals.teamsMeetingStandard).toBeGreaterThan(0.8 * 16681);
    await stop();

    const second = await start(port);
    expect(second).toContain('data found');
    const again = JSON.parse((await get(`${url}/api/counties`, token)).text);
    expect(again.totals).toEqual(counties.totals);
    await stop();
  }, 300_000);
});
