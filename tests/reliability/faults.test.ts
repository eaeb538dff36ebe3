// Faults: a server process killed (SIGKILL) in the middle of a large import, and the monthly job
// killed mid-send, each restarted and re-run to the same end state as a run without the fault;
// DynamoDB errors injected at a set rate never leave anything half-applied.
import { tenancyOf } from '#app/deps.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createReadHandler } from '#api/read.js';
import { createWriteHandler } from '#api/write.js';
import { countyRegistries } from '#app/registry.js';
import { COLUMNS, teamToRow } from '#core/columns.js';
import { createKeys, issueToken } from '#local/auth.js';
import { demoCounty } from '#local/demo.js';
import { createLocalServer } from '#local/server.js';
import { toCsv } from '#app/exports.js';
import { createClients } from '#store/client.js';
import { createStore, type Store } from '#store/store.js';
import { faultyStack } from '#tests/helpers/faults.js';
import { goodTeam } from '#tests/helpers/team.js';
import { removeDir, startTracker } from '#tests/helpers/tracker.js';
import { size } from './config.js';

const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** The state that must match: every team's content and version, and every aggregate. */
async function endState(store: Store, county: string) {
  const teams = (await store.listTeams(county)).map((t) => ({
    code: t.communityCode,
    version: t.version,
    team: t.team,
    verdict: { ...t.verdict },
    source: t.source,
  }));
  const aggregate = (await store.getAggregate(county))!;
  return { teams: teams.sort((a, b) => a.code.localeCompare(b.code)), counters: aggregate.counters };
}

function largestCountyFile() {
  const reg = [...countyRegistries()].sort((a, b) => b.communities.length - a.communities.length)[0];
  const names = new Map(reg.communities);
  const rows = demoCounty(reg, '2026-11-01').map(({ communityCode, team }) => teamToRow(communityCode, names.get(communityCode)!, team));
  return {
    county: reg.code,
    bytes: toCsv(
      COLUMNS.map((c) => c.header),
      rows,
    ),
    rows: rows.length,
  };
}

describe('a server killed in the middle of a large import', () => {
  it('restarts, takes the same file with the same key, and ends as a run without the fault', async () => {
    const endpoint = inject('dynamodbEndpoint');
    const { county, bytes, rows } = largestCountyFile();
    const store = (table: string) => createStore(createClients({ tableName: table, endpoint }).doc, table, '45');
    const dataDir = mkdtempSync(join(tmpdir(), 'kill-import-'));
    dirs.push(dataDir);
    const env = { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: `kill-${Date.now()}` };
    let tracker = await startTracker({ dataDir, args: ['--no-demo'], env });
    const post = async (t: typeof tracker) =>
      fetch(`${t.url}/api/counties/${county}/imports`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { authorization: `Bearer ${await t.token('province')}`, 'content-type': 'text/csv', 'idempotency-key': 'kill-test' },
      });
    const pending = post(tracker).catch(() => null);
    // Kill it once some, not all, of the transactions have committed.
    const s = store(env.TABLE_NAME);
    for (let i = 0; ; i++) {
      const n = (await s.getAggregate(county))?.counters.teamsRegistered ?? 0;
      if (n > 0 && n < rows) break;
      if (i > 2000) throw new Error(`never caught the import half-way (${n} of ${rows})`);
      await new Promise((r) => setTimeout(r, 5));
    }
    tracker.process.kill('SIGKILL');
    expect(await pending).toBeNull();
    const half = (await s.listTeams(county)).length;
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(rows);
    expect((await s.reconcile()).drift).toEqual([]); // each committed chunk carried its own counts

    tracker = await startTracker({ dataDir, port: tracker.port, args: ['--no-demo'], env });
    try {
      const res = await post(tracker);
      expect(res.status).toBe(200);
      expect((await res.json()).summary.accepted).toBe(rows);
    } finally {
      await tracker.stop();
    }

    // The same import without a fault, in a table of its own.
    const controlEnv = { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: `control-${Date.now()}` };
    const control = await startTracker({ dataDir: mkdtempSync(join(tmpdir(), 'control-')), args: ['--no-demo'], env: controlEnv });
    dirs.push(control.dataDir);
    try {
      expect((await post(control)).status).toBe(200);
    } finally {
      await control.stop();
    }
    expect(await endState(s, county)).toEqual(await endState(store(controlEnv.TABLE_NAME), county));
    expect((await s.reconcile()).drift).toEqual([]);
  }, 300_000);
});

describe('the monthly job killed mid-send', () => {
  it('re-run, leaves the same outbox as a run without the fault: 126 messages, each once', async () => {
    const endpoint = inject('dynamodbEndpoint');
    const run = (dataDir: string, table: string, kill?: (outbox: string) => boolean) =>
      new Promise<number | null>((resolvePromise) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/jobs/summary.ts', '--month', '2026-10'], {
          cwd: root,
          env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: table, LOCAL_DATA_DIR: dataDir },
          stdio: 'ignore',
        });
        let timer: NodeJS.Timeout | undefined;
        if (kill)
          timer = setInterval(() => {
            if (kill(join(dataDir, 'outbox', '2026-10'))) proc.kill('SIGKILL');
          }, 10);
        proc.on('exit', (code) => {
          clearInterval(timer);
          resolvePromise(code);
        });
      });
    const count = (dir: string) => {
      try {
        return readdirSync(dir).length;
      } catch {
        return 0;
      }
    };
    // Two trackers' data (registry and the 126 recipient lists), set up by npm start itself, then stopped.
    const prepare = async (table: string) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kill-job-'));
      dirs.push(dataDir);
      const t = await startTracker({ dataDir, args: ['--no-demo'], env: { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: table } });
      await t.stop();
      return { dataDir, table };
    };
    const stamp = Date.now();
    const [fault, clean] = await Promise.all([prepare(`jobkill-${stamp}`), prepare(`jobclean-${stamp}`)]);
    const faultDir = fault.dataDir;
    const cleanDir = clean.dataDir;
    const killed = await run(faultDir, fault.table, (outbox) => count(outbox) >= 20);
    expect(killed).toBeNull(); // killed by the signal
    const partial = count(join(faultDir, 'outbox', '2026-10'));
    expect(partial).toBeGreaterThanOrEqual(20);
    expect(partial).toBeLessThan(126);
    expect(await run(faultDir, fault.table)).toBe(0);
    expect(await run(cleanDir, clean.table)).toBe(0);
    const files = (dir: string) => readdirSync(join(dir, 'outbox', '2026-10')).sort();
    expect(files(faultDir)).toHaveLength(126);
    expect(files(faultDir)).toEqual(files(cleanDir));
    // Same messages, byte for byte apart from the Date header and MIME boundaries.
    const normal = (dir: string, f: string) =>
      readFileSync(join(dir, 'outbox', '2026-10', f), 'utf8')
        .replace(/^Date: .*$/m, '')
        .replace(/--_NmP-[\w-]+/g, '--b')
        .replace(/boundary="[^"]+"/g, 'boundary');
    for (const f of files(faultDir)) expect(normal(faultDir, f), f).toBe(normal(cleanDir, f));
  }, 400_000);
});

describe('DynamoDB errors injected at a set rate', () => {
  it('every request ends done or refused with a retryable 503; nothing is half-applied', async () => {
    const county = '450102';
    const f = await faultyStack([county], size(0.3, 0.3));
    const keys = await createKeys();
    const tenancy = tenancyOf(f.deps);
    const server = createLocalServer({
      handlers: { read: createReadHandler(() => tenancy), write: createWriteHandler(() => tenancy) },
      keys,
      programmes: tenancy.areas,
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const token = await issueToken(keys, 'province');
    const communities = countyRegistries()
      .find((r) => r.code === county)!
      .communities.slice(0, 20)
      .map(([c]) => c);
    const outcomes = new Map<string, number>();
    let done = 0;
    try {
      for (let round = 0; round < size(15, 60); round++) {
        await Promise.all(
          communities.map(async (code, i) => {
            const current = await f.cleanStore.getTeam(code);
            const res = await fetch(`${base}/api/communities/${code}/team`, {
              method: 'PUT',
              body: JSON.stringify(goodTeam({ name: `故障测试 ${round}-${i}`, equipment: (round + i) % 2 === 0 })),
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                ...(current ? { 'if-match': String(current.version) } : {}),
              },
            });
            const body = await res.json();
            const key = `${res.status} ${body.error?.code ?? ''}`.trim();
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            if (res.status === 200 || res.status === 201) done += 1;
            else expect(res.status).toBe(503);
            if (res.status === 503) expect(res.headers.get('retry-after')).toBe('1');
          }),
        );
      }
    } finally {
      server.close();
    }
    expect(f.counts.throttled + f.counts.conflicts + f.counts.timeouts).toBeGreaterThan(50);
    expect(outcomes.get('503 RETRY') ?? 0).toBeGreaterThan(0);
    expect([...outcomes.keys()].some((k) => k.startsWith('500'))).toBe(false);
    // Atomic or nothing: counters equal a recount, and every version has exactly one audit record.
    expect((await f.cleanStore.reconcile()).drift).toEqual([]);
    let versions = 0;
    for (const t of await f.cleanStore.listTeams(county)) {
      const history = await f.cleanStore.listHistory(t.communityCode);
      expect(history.map((h) => h.version).sort((a, b) => a - b)).toEqual(Array.from({ length: t.version }, (_, i) => i + 1));
      versions += t.version;
    }
    expect(versions).toBe(done);
  }, 300_000);
});
