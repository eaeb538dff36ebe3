// Starts tests/helpers/api-process.ts and watches its memory: the peak resident set (VmHWM) is reset
// before each request through /proc/<pid>/clear_refs and read after it, so a request's own peak is seen.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface ApiProcess {
  url: string;
  token: string;
  process: ChildProcess;
  /** Sends one request and reports its answer, time, and the process's peak memory above where it started. */
  measure(
    path: string,
    init: RequestInit,
    timeoutMs?: number,
  ): Promise<{ status: number | 'no answer'; body: string; ms: number; rssBeforeMB: number; peakAboveMB: number; alive: boolean }>;
  stop(): Promise<void>;
}

const statusKB = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

export async function startApiProcess(
  env: { DYNAMODB_ENDPOINT: string; TABLE_NAME: string; COUNTIES?: string; SCOPE?: string },
  nodeArgs: string[] = [],
): Promise<ApiProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'tests/helpers/api-process.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolveStart, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolveStart(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`api process exited (${code}): ${err}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const alive = async () =>
    child.exitCode === null &&
    (await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    ));
  return {
    url,
    token,
    process: child,
    async measure(path, init, timeoutMs = 60_000) {
      const pid = child.pid!;
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
      const rssBefore = statusKB(pid, 'VmRSS');
      // Sampled as well, so a process that dies of its request still shows how high it went.
      let peak = rssBefore;
      const sample = setInterval(() => {
        try {
          peak = Math.max(peak, statusKB(pid, 'VmHWM'));
        } catch {
          /* gone */
        }
      }, 50);
      const t = performance.now();
      let status: number | 'no answer' = 'no answer';
      let body = '';
      try {
        const res = await fetch(url + path, {
          ...init,
          headers: { authorization: `Bearer ${token}`, ...init.headers },
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        body = await res.text();
      } catch {
        /* no answer: timed out, or the process died */
      }
      const ms = performance.now() - t;
      clearInterval(sample);
      if (child.exitCode === null) peak = Math.max(peak, statusKB(pid, 'VmHWM'));
      return { status, body, ms, rssBeforeMB: rssBefore / 1024, peakAboveMB: (peak - rssBefore) / 1024, alive: await alive() };
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
  };
}
