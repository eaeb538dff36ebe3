// Dashboard read (GET /api/counties as the province) against a naive recount of every team item.
import { tenancyOf } from '#app/deps.js';
import type { AddressInfo } from 'node:net';
import { createReadHandler } from '#api/read.js';
import { createWriteHandler } from '#api/write.js';
import { recount as recountItems, RECOUNT_PROJECTION } from '#store/store.js';
import { createKeys, issueToken } from '#local/auth.js';
import { seedIfEmpty } from '#local/seed.js';
import { createLocalServer } from '#local/server.js';
import { freshTable, median, p95, repeat, round, SMOKE, SMOKE_COUNTIES, time, type BenchRow } from './context.js';

const CALLS = repeat(Number(process.env.BENCH_CALLS ?? 100));
const RECOUNTS = repeat(Number(process.env.BENCH_RECOUNTS ?? 5));

/** A seeded province behind the local server; other benchmarks reuse it. */
export async function seededServer(staticDir?: string) {
  const table = await freshTable();
  const seed = await time(() => seedIfEmpty(table.deps, undefined, SMOKE ? { counties: SMOKE_COUNTIES } : {}));
  const keys = await createKeys();
  const tenancy = tenancyOf(table.deps);
  const server = createLocalServer({
    handlers: { read: createReadHandler(() => tenancy), write: createWriteHandler(() => tenancy) },
    keys,
    staticDir,
    programmes: tenancy.areas,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { ...table, seed, keys, server, url, token: (scope: string) => issueToken(keys, scope) };
}

export async function benchDashboard(ctx: Awaited<ReturnType<typeof seededServer>>) {
  const token = await ctx.token('province');
  const call = async () => {
    const { ms, value } = await time(async () => {
      const res = await fetch(`${ctx.url}/api/counties`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { counties: unknown[] } };
    });
    if (value.status !== 200 || value.body.counties.length !== (SMOKE ? SMOKE_COUNTIES.length : 111))
      throw new Error(`unexpected answer ${value.status}`);
    return ms;
  };
  for (let i = 0; i < repeat(10); i++) await call();
  const apiMs: number[] = [];
  for (let i = 0; i < CALLS; i++) apiMs.push(await call());

  // The baseline: the dashboard without aggregates — scan every team and count.
  const recount = async () =>
    (
      await time(async () => {
        const teams = await ctx.scan({
          FilterExpression: 'begins_with(sk, :t)',
          ExpressionAttributeValues: { ':t': 'TEAM#' },
          ProjectionExpression: RECOUNT_PROJECTION,
        });
        const total = recountItems(teams);
        if (total.teamsRegistered !== ctx.seed.value.teams) throw new Error('recount disagrees with the seed');
      })
    ).ms;
  const recountMs: number[] = [];
  for (let i = 0; i < RECOUNTS; i++) recountMs.push(await recount());
  const items = (await ctx.scan({ ProjectionExpression: 'pk' })).length;
  const drift = (await ctx.deps.store.reconcile()).drift.length;
  const ratio = round(median(recountMs) / median(apiMs));
  const rows: BenchRow[] = [
    {
      name: 'seeding (registry, 16,583 demo teams + audits, 66 month snapshots, 126 recipient lists)',
      value: `${round(ctx.seed.ms / 1000)} s, ${items} items`,
    },
    {
      name: `dashboard: GET /api/counties (province), median of ${CALLS}`,
      value: `${round(median(apiMs), 2)} ms (p95 ${round(p95(apiMs), 2)} ms)`,
      baseline: `naive recount ${round(median(recountMs))} ms (median of ${RECOUNTS})`,
      ratio,
      target: '≥ 100×',
    },
    { name: 'aggregate drift after seeding', value: String(drift), target: '0' },
  ];
  return {
    rows,
    json: {
      seedMs: round(ctx.seed.ms),
      items,
      dashboardMedianMs: round(median(apiMs), 2),
      dashboardP95Ms: round(p95(apiMs), 2),
      recountMedianMs: round(median(recountMs)),
      ratio,
      drift,
    },
  };
}
