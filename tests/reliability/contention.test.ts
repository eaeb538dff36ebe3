// 111 counties submit at once — forms and imports mixed, many requests in flight, some on the same
// teams — and afterwards every aggregate equals a recount and every accepted write is in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, teamRow } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { goodTeam, largerTeam } from '#tests/helpers/team.js';
import { size } from './config.js';

const CONCURRENCY = 60;
const FORMS_PER_COUNTY = size(12, 40);
const IMPORT_ROWS = size(15, 60);

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) await work(x);
    }),
  );
}

describe('no drift under contention', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    s = await testServer();
  }, 120_000);
  afterAll(() => s.close());

  it('111 counties at once: aggregates equal a recount, accepted writes equal audit records', async () => {
    const tokens = new Map<string, string>();
    for (const r of s.registries) tokens.set(r.code, await s.tokenFor(`county:${r.code}`));
    let accepted = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const statuses = new Map<number, number>();
    const track = async <T extends { status: number }>(p: Promise<T>) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const r = await p;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        return r;
      } finally {
        inFlight -= 1;
      }
    };
    type Job = { kind: 'form'; county: string; code: string; n: number } | { kind: 'import'; county: string };
    const jobs: Job[] = [];
    for (const r of s.registries) {
      // Forms mostly hit the first three communities, so writers race for the same teams.
      for (let i = 0; i < FORMS_PER_COUNTY; i++) jobs.push({ kind: 'form', county: r.code, code: r.communities[i % 3][0], n: i });
      jobs.push({ kind: 'import', county: r.code });
    }
    // Interleave counties so every county has requests in flight at once.
    jobs.sort((a, b) => ('n' in a ? a.n : -1) - ('n' in b ? b.n : -1) || a.county.localeCompare(b.county));
    await pool(jobs, CONCURRENCY, async (job) => {
      const token = tokens.get(job.county)!;
      if (job.kind === 'import') {
        const reg = s.registries.find((r) => r.code === job.county)!;
        const rows = reg.communities
          .slice(0, Math.min(IMPORT_ROWS, reg.communities.length))
          .map(([c, n], i) => teamRow(c, n, goodTeam({ equipment: i % 4 !== 0, name: `导入队 ${i}` })));
        const res = await track(
          s.call('POST', `/api/counties/${job.county}/imports`, {
            token,
            raw: csv(rows),
            headers: { 'content-type': 'text/csv', 'idempotency-key': `contention-${job.county}` },
          }),
        );
        expect(res.status).toBe(200);
        accepted += res.json.summary.created + res.json.summary.updated;
        return;
      }
      const body = largerTeam(job.n, { name: `表单队 ${job.n}`, equipment: job.n % 3 !== 0 });
      for (let attempt = 0; attempt < 50; attempt++) {
        const current = await s.call('GET', `/api/communities/${job.code}/team`, { token });
        const headers = current.status === 200 ? { 'if-match': String(current.json.version) } : undefined;
        const res = await track(s.call('PUT', `/api/communities/${job.code}/team`, { token, body, headers }));
        if (res.status === 200 || res.status === 201) {
          accepted += 1;
          return;
        }
        expect(res.status).toBe(409); // someone else saved first: read again and retry
      }
      throw new Error('a form write never got through');
    });

    expect(maxInFlight).toBeGreaterThanOrEqual(50);
    expect(statuses.get(500)).toBeUndefined();
    const report = await s.store.reconcile();
    expect(report.counties).toBe(111);
    expect(report.drift).toEqual([]);
    let audits = 0;
    let versions = 0;
    for (const r of s.registries) {
      for (const t of await s.store.listTeams(r.code)) {
        const history = await s.store.listHistory(t.communityCode);
        expect(history.map((h) => h.version).sort((a, b) => a - b)).toEqual(Array.from({ length: t.version }, (_, i) => i + 1));
        audits += history.length;
        versions += t.version;
      }
    }
    expect(audits).toBe(versions);
    expect(audits).toBe(accepted);
    expect(accepted).toBeGreaterThan(size(2000, 6000));
    const totals = (await s.call('GET', '/api/counties', { token: await s.tokenFor('province') })).json.totals;
    const recount = (await Promise.all(s.registries.map((r) => s.store.listTeams(r.code)))).flat();
    expect(totals.teamsRegistered).toBe(recount.length);
    expect(totals.teamsMeetingStandard).toBe(recount.filter((t) => t.verdict.meetsStandard).length);
  }, 600_000);
});
