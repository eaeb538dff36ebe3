// Imports: the largest county's file (dry run and commit), and the whole province (111 county files,
// parsing and validation included), each against raw BatchWriteItem of the very items the import wrote.
//
// The target ratio is measured with one request in flight on both sides. DynamoDB Local takes an exclusive
// lock on the table for each TransactWriteItems (TransactWriteItemsFunction wraps the work in
// MultiTableLock(WRITE)), while BatchWriteItem takes none: with several requests in flight the batch
// baseline overlaps and the transactions cannot, which measures the emulator, not the import path. On
// DynamoDB, transactions on different items run side by side. The parallel figure is printed too.
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { importTeams } from '../../functions/app/imports.js';
import { countyRegistries } from '../../functions/app/registry.js';
import { systemClock, today } from '../../functions/app/deps.js';
import { toCsv } from '../../functions/app/exports.js';
import { COLUMNS, teamToRow } from '../../functions/core/columns.js';
import { demoCounty } from '../../functions/local/demo.js';
import { freshTable, median, pool, round, time, type BenchRow } from './context.js';

/** Requests in flight for the parallel figure, the same for the import (counties) and the baseline (batches). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 6);
/** Runs of each province measurement; the table shows the median and every run. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const province = { scope: { kind: 'province' as const }, user: 'bench' };
type Item = Record<string, unknown>;

function countyFile(registry: ReturnType<typeof countyRegistries>[number], asOf: string): Buffer {
  const names = new Map(registry.communities);
  const rows = demoCounty(registry, asOf).map(({ communityCode, team }) => teamToRow(communityCode, names.get(communityCode)!, team));
  return toCsv(COLUMNS.map((c) => c.header), rows);
}

const chunks = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/** Writes `items` into a fresh table with BatchWriteItem, 25 a request, `inFlight` requests at a time, retrying unprocessed ones. */
async function batchWrite(items: Item[], inFlight: number) {
  const { doc, tableName, drop } = await freshTable();
  const run = await time(() => pool(chunks(items, 25), inFlight, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }));
  await drop();
  return run;
}

/** Writes `items` into a fresh table with TransactWriteItems, grouped by county as the import groups them, 99 a transaction. */
async function transactWrite(items: Item[], inFlight: number) {
  const { doc, tableName, drop } = await freshTable();
  const byCounty = new Map<string, Item[]>();
  for (const i of items) {
    const county = String(i.pk === 'AGGREGATE' ? i.sk : i.pk).slice(-6);
    if (!byCounty.has(county)) byCounty.set(county, []);
    byCounty.get(county)!.push(i);
  }
  const transactions = [...byCounty.values()].flatMap((list) => chunks(list, 99));
  const run = await time(() => pool(transactions, inFlight, async (tx) => {
    await doc.send(new TransactWriteCommand({ TransactItems: tx.map((Item) => ({ Put: { TableName: tableName, Item } })) }));
  }));
  await drop();
  return run;
}

const written = (items: Item[]) => items.filter((i) => /^(TEAM|AUDIT|IMPORT)#/.test(String(i.sk)) || i.pk === 'AGGREGATE');

/** Imports all 111 county files into a fresh table, `inFlight` counties at a time; returns the time, the teams and the items written. */
async function importProvince(registries: ReturnType<typeof countyRegistries>, inFlight: number) {
  const t = await freshTable();
  await t.deps.store.putRegistries(registries, new Date().toISOString());
  // Largest counties first, as a county office would queue them, so no worker is left with a big one at the end.
  const files = [...registries].sort((a, b) => b.communities.length - a.communities.length)
    .map((r) => ({ code: r.code, bytes: countyFile(r, today(t.deps.clock)) }));
  let accepted = 0;
  const run = await time(() => pool(files, inFlight, async (f) => {
    const r = await importTeams(t.deps, province, { countyCode: f.code, bytes: f.bytes, dryRun: false, idempotencyKey: `bench-${f.code}` });
    accepted += r.summary.accepted;
  }));
  const drift = (await t.deps.store.reconcile()).drift.length;
  const items = written(await t.scan());
  await t.drop();
  return { ms: run.ms, files: files.length, accepted, drift, items };
}

/** Median of `rounds` runs of `measure`, with every run kept for the record. */
async function rounds<T extends { ms: number }>(n: number, measure: () => Promise<T>): Promise<T & { runs: number[] }> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await measure());
  const sorted = [...out].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor((n - 1) / 2)], runs: out.map((r) => round(r.ms)) };
}

export async function benchImports() {
  const registries = countyRegistries();
  const largest = [...registries].sort((a, b) => b.communities.length - a.communities.length)[0];

  // Warm the emulator's JIT on every path first (it keeps getting faster for a whole province's worth of
  // writes): whichever ran first would otherwise pay for it.
  const warm = await importProvince(registries, WORKERS);
  await batchWrite(warm.items, WORKERS);
  await transactWrite(warm.items, WORKERS);

  // The largest county, one file: its transactions go one after another, so the baseline sends one batch at a time.
  const asOf = today(systemClock);
  const file = countyFile(largest, asOf);
  const runsOfCounty: { ms: number; dryMs: number; rows: number; items: Item[] }[] = [];
  for (let i = 0; i < 5; i++) {
    const t = await freshTable();
    await t.deps.store.putRegistries([largest], new Date().toISOString());
    const dry = await time(() => importTeams(t.deps, province, { countyCode: largest.code, bytes: file, dryRun: true, idempotencyKey: null }));
    const commit = await time(() => importTeams(t.deps, province, { countyCode: largest.code, bytes: file, dryRun: false, idempotencyKey: 'bench-one' }));
    runsOfCounty.push({ ms: commit.ms, dryMs: dry.ms, rows: commit.value.summary.accepted, items: written(await t.scan()) });
    await t.drop();
  }
  const commit = { ...runsOfCounty[0], ms: median(runsOfCounty.map((r) => r.ms)), runs: runsOfCounty.map((r) => round(r.ms)) };
  const dry = { ms: median(runsOfCounty.map((r) => r.dryMs)) };
  const oneBaseline = await rounds(5, () => batchWrite(commit.items, 1));
  const rows = commit.rows;

  // The whole province, one county at a time against one request at a time (the target), then in parallel.
  // Runs alternate between the import and its baselines, so a slow spell of the machine hits both.
  const serial: Awaited<ReturnType<typeof importProvince>>[] = [];
  const serialBatch: number[] = [];
  const serialTransact: number[] = [];
  const parallel: Awaited<ReturnType<typeof importProvince>>[] = [];
  const parallelBatch: number[] = [];
  const parallelTransact: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    serial.push(await importProvince(registries, 1));
    serialBatch.push((await batchWrite(serial[i].items, 1)).ms);
    serialTransact.push((await transactWrite(serial[i].items, 1)).ms);
  }
  for (let i = 0; i < ROUNDS; i++) {
    parallel.push(await importProvince(registries, WORKERS));
    parallelBatch.push((await batchWrite(parallel[i].items, WORKERS)).ms);
    parallelTransact.push((await transactWrite(parallel[i].items, WORKERS)).ms);
  }
  const med = (xs: number[]) => median(xs);
  const p = { serial: med(serial.map((r) => r.ms)), batch: med(serialBatch), transact: med(serialTransact), parallel: med(parallel.map((r) => r.ms)), parallelBatch: med(parallelBatch), parallelTransact: med(parallelTransact) };
  const teams = serial[0].accepted;
  const items = serial[0].items.length;
  const drift = [...serial, ...parallel].map((r) => r.drift);

  const ratio = (a: number, b: number) => round(a / b, 2);
  const s = (ms: number) => `${round(ms / 1000, 2)} s`;
  const runs = (xs: number[]) => xs.map((x) => round(x / 1000, 1)).join(' / ');
  const table: BenchRow[] = [
    { name: `import ${largest.name} (${rows} rows, largest county): dry run`, value: `${round(dry.ms)} ms, ${round(rows / (dry.ms / 1000))} rows/s (median of 5)` },
    { name: `import ${largest.name}: commit`, value: `${round(commit.ms)} ms, ${round(rows / (commit.ms / 1000))} rows/s (median of 5)`, baseline: `BatchWriteItem of its ${commit.items.length} items, one request at a time, ${round(oneBaseline.ms)} ms`, ratio: ratio(commit.ms, oneBaseline.ms) },
    { name: `import the whole province (111 files, ${teams} teams), one county at a time`, value: `${s(p.serial)}, ${round(teams / (p.serial / 1000))} rows/s (median; runs ${runs(serial.map((r) => r.ms))} s)`, baseline: `BatchWriteItem of the same ${items} items, one request at a time, ${s(p.batch)} (runs ${runs(serialBatch)} s)`, ratio: ratio(p.serial, p.batch), target: '≤ 1.5×' },
    { name: '… of which DynamoDB Local\'s price of a transaction', value: `TransactWriteItems of the same items by county, 99 a request, one at a time: ${s(p.transact)} (runs ${runs(serialTransact)} s)`, baseline: `BatchWriteItem ${s(p.batch)}`, ratio: ratio(p.transact, p.batch) },
    { name: `import the whole province, ${WORKERS} counties at a time`, value: `${s(p.parallel)} (runs ${runs(parallel.map((r) => r.ms))} s)`, baseline: `BatchWriteItem, ${WORKERS} requests at a time, ${s(p.parallelBatch)} (runs ${runs(parallelBatch)} s)`, ratio: ratio(p.parallel, p.parallelBatch), target: 'for the record (see below)' },
    { name: '… of which DynamoDB Local\'s price of a transaction', value: `TransactWriteItems of the same items, ${WORKERS} requests at a time: ${s(p.parallelTransact)} (runs ${runs(parallelTransact)} s)`, baseline: `BatchWriteItem ${s(p.parallelBatch)}`, ratio: ratio(p.parallelTransact, p.parallelBatch) },
    { name: 'aggregate drift after each province import', value: drift.join(', '), target: '0' },
  ];
  return {
    rows: table,
    json: {
      rounds: ROUNDS,
      largestCounty: { code: largest.code, rows, dryRunMs: round(dry.ms), commitMs: round(commit.ms), commitRuns: commit.runs, batchWriteMs: round(oneBaseline.ms), batchWriteRuns: oneBaseline.runs, ratio: ratio(commit.ms, oneBaseline.ms) },
      province: {
        files: serial[0].files, teams, items, drift,
        oneAtATime: { importMs: round(p.serial), batchWriteMs: round(p.batch), transactWriteMs: round(p.transact), ratio: ratio(p.serial, p.batch), transactRatio: ratio(p.transact, p.batch), importRuns: serial.map((r) => round(r.ms)), batchWriteRuns: serialBatch.map((x) => round(x)), transactWriteRuns: serialTransact.map((x) => round(x)) },
        parallel: { inFlight: WORKERS, importMs: round(p.parallel), batchWriteMs: round(p.parallelBatch), transactWriteMs: round(p.parallelTransact), ratio: ratio(p.parallel, p.parallelBatch), transactRatio: ratio(p.parallelTransact, p.parallelBatch), importRuns: parallel.map((r) => round(r.ms)), batchWriteRuns: parallelBatch.map((x) => round(x)), transactWriteRuns: parallelTransact.map((x) => round(x)) },
      },
    },
  };
}
