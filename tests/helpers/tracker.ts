// Starts the whole local tracker (`npm start`'s script) as a child process on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../functions/local/dynamodb-local.js';

const root = resolve(import.meta.dirname, '../..');

export interface RunningTracker {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  token(scope: string): Promise<string>;
}

export async function startTracker(options: { dataDir?: string; port?: number; reset?: boolean; args?: string[]; env?: Record<string, string> } = {}): Promise<RunningTracker & { dataDir: string; port: number; process: ChildProcess }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tracker-'));
  const port = options.port ?? await freePort();
  // node --import tsx: one process, so a SIGKILL in a test kills the server itself, not a launcher.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...(options.reset ? ['--reset'] : []), ...(options.args ?? [])], {
    cwd: root, env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => { output += d; });
  proc.stderr!.on('data', (d) => { output += d; });
  const deadline = Date.now() + 180_000;
  while (!output.includes('Tracker ready')) {
    if (proc.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`npm start not ready in time:\n${output}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url, dataDir, port, process: proc,
    output: () => output,
    token: async (scope) => (await (await fetch(`${url}/api/dev/token`, { method: 'POST', body: JSON.stringify({ scope }) })).json()).token,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  };
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
