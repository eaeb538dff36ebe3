// `npm run bench`: measures the dashboard read against a naive recount, and seeding, on DynamoDB
// Local, each figure with its baseline from the same run. Prints a table and writes bench-results.json.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createReadHandler } from '../functions/api/read.js';
import { createWriteHandler } from '../functions/api/write.js';
import { systemClock } from '../functions/app/deps.js';
import { countsOf, sumCounters } from '../functions/core/aggregate.js';
import { GUANGXI_2021 } from '../functions/core/programme.js';
import type { RuleId, Verdict } from '../functions/core/rules.js';
import { createKeys, issueToken } from '../functions/local/auth.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { seedIfEmpty } from '../functions/local/seed.js';
import { createLocalServer } from '../functions/local/server.js';
import { createClients } from '../functions/store/client.js';
import { createStore } from '../functions/store/store.js';
import { ensureTable } from '../functions/store/table.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const RECOUNTS = Number(process.env.BENCH_RECOUNTS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

const tStart = performance.now();
const ddb = await startDynamoDbLocal();
const tableName = 'bench';
const { raw, doc } = createClients({ tableName, endpoint: ddb.endpoint });
await ensureTable(raw, tableName);
const deps = { store: createStore(doc, tableName), programme: GUANGXI_2021, clock: systemClock };
const tSeed = performance.now();
const seed = await seedIfEmpty(deps);
const seedMs = performance.now() - tSeed;

async function scanAll(input: Omit<ConstructorParameters<typeof ScanCommand>[0], 'TableName'>) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
const keys = await createKeys();
const server = createLocalServer({ handlers: { read: createReadHandler(() => deps), write: createWriteHandler(() => deps) }, keys });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const readyMs = performance.now() - tStart;
let itemsWritten = 0;
for (let start: Record<string, unknown> | undefined, first = true; first || start; first = false) {
  const page = await doc.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }));
  itemsWritten += page.Count ?? 0;
  start = page.LastEvaluatedKey;
}

const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/counties`;
const token = await issueToken(keys, 'province');

const call = async () => {
  const t = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json() as { counties: unknown[] };
  if (res.status !== 200 || body.counties.length !== 111) throw new Error(`unexpected answer ${res.status}`);
  return performance.now() - t;
};
for (let i = 0; i < 10; i++) await call();
const apiMs: number[] = [];
for (let i = 0; i < CALLS; i++) apiMs.push(await call());

// Baseline: what the dashboard would cost without aggregates — scan every team and count.
const recount = async () => {
  const t = performance.now();
  const teams = await scanAll({
    FilterExpression: 'begins_with(sk, :t)', ExpressionAttributeValues: { ':t': 'TEAM#' },
    ProjectionExpression: 'pk, members, meetsStandard, failedRules',
  });
  const total = sumCounters(teams.map((it) => countsOf({
    members: Number(it.members),
    verdict: { meetsStandard: Boolean(it.meetsStandard), failed: ((it.failedRules as RuleId[]) ?? []).map((ruleId) => ({ ruleId })) as Verdict['failed'] },
  })));
  if (total.teamsRegistered !== seed.teams) throw new Error('recount disagrees with the seed');
  return performance.now() - t;
};
const recountMs: number[] = [];
for (let i = 0; i < RECOUNTS; i++) recountMs.push(await recount());

const drift = (await deps.store.reconcile()).drift.length;
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  startToServingMs: Math.round(readyMs),
  seedMs: Math.round(seedMs),
  teamsSeeded: seed.teams,
  itemsWritten,
  dashboard: { calls: CALLS, medianMs: +median(apiMs).toFixed(2), p95Ms: +p95(apiMs).toFixed(2) },
  naiveRecount: { runs: RECOUNTS, medianMs: +median(recountMs).toFixed(1) },
  ratio: +(median(recountMs) / median(apiMs)).toFixed(1),
  drift,
};
console.table({
  'start → serving (in-memory, incl. seeding)': `${(results.startToServingMs / 1000).toFixed(1)} s`,
  'seeding (registry + demo teams)': `${(results.seedMs / 1000).toFixed(1)} s, ${results.teamsSeeded} teams, ${results.itemsWritten} items`,
  [`GET /api/counties, median of ${CALLS}`]: `${results.dashboard.medianMs} ms (p95 ${results.dashboard.p95Ms} ms)`,
  [`naive recount (scan all teams), median of ${RECOUNTS}`]: `${results.naiveRecount.medianMs} ms`,
  'ratio recount / API (target ≥ 100)': `${results.ratio}×`,
  'aggregate drift after seeding': results.drift,
});
writeFileSync(resolve(import.meta.dirname, '..', 'bench-results.json'), JSON.stringify(results, null, 2));
server.close();
await ddb.stop();
