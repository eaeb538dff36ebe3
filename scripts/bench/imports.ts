// Imports: the largest county's file (dry run and commit), and the whole province (111 county files,
// parsing and validation included), each against raw BatchWriteItem of the very items the import wrote.
//
// The target ratio is measured with one request in flight on both sides. DynamoDB Local takes an exclusive
// lock on the table for each TransactWriteItems (TransactWriteItemsFunction wraps the work in
// MultiTableLock(WRITE)), while BatchWriteItem takes none: with several requests in flight the batch
// baseline overlaps and the transactions cannot, which measures the emulator, not the import path. On
// DynamoDB, transactions on different items run side by side. The parallel figure is printed too.
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { importTeams } from '#app/imports.js';
import type { countyRegistries } from '#app/registry.js';
import { systemClock, today } from '#app/deps.js';
import { toCsv } from '#app/exports.js';
import { COLUMNS, teamToRow } from '#core/columns.js';
import { demoCounty } from '#local/demo.js';
import { benchRegistries, freshTable, median, pool, repeat, round, time, type BenchRow } from './context.js';

/** Requests in flight for the parallel figure, the same for the import (counties) and the baseline (batches). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 6);
/** Runs of the target's province measurement (one request in flight); the table shows the median and every run. */
const ROUNDS = repeat(Number(process.env.BENCH_ROUNDS ?? 5));
/** Runs of the parallel one, kept for the record. */
const PARALLEL_ROUNDS = repeat(3);
const province = { scope: { kind: 'province' as const }, user: 'bench' };
type Item = Record<string, unknown>;

function countyFile(registry: ReturnType<typeof countyRegistries>[number], asOf: string): Buffer {
  const names = new Map(registry.communities);
  const rows = demoCounty(registry, asOf).map(({ communityCode, team }) => teamToRow(communityCode, names.get(communityCode)!, team));
  return toCsv(
    COLUMNS.map((c) => c.header),
    rows,
  );
}

const chunks = <T>(xs: T[], size: number) =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/** Writes `items` into a fresh table with BatchWriteItem, 25 a request, `inFlight` requests at a time, retrying unprocessed ones. */
async function batchWrite(items: Item[], inFlight: number) {
  const { doc, tableName, drop } = await freshTable();
  const run = await time(() =>
    pool(chunks(items, 25), inFlight, async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }),
  );
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
  const run = await time(() =>
    pool(transactions, inFlight, async (tx) => {
      await doc.send(new TransactWriteCommand({ TransactItems: tx.map((Item) => ({ Put: { TableName: tableName, Item } })) }));
    }),
  );
  await drop();
  return run;
}

const written = (items: Item[]) => items.filter((i) => /^(TEAM|AUDIT|IMPORT)#/.test(String(i.sk)) || i.pk === 'AGGREGATE');

type CountyFile = { code: string; bytes: Buffer };

/** Imports the county files into a fresh table, `inFlight` counties at a time; returns the time, the teams and the items written. */
async function importProvince(registries: ReturnType<typeof countyRegistries>, files: CountyFile[], inFlight: number) {
  const t = await freshTable();
  await t.deps.store.putRegistries(registries, new Date().toISOString());
  let accepted = 0;
  const run = await time(() =>
    pool(files, inFlight, async (f) => {
      const r = await importTeams(t.deps, province, {
        countyCode: f.code,
        bytes: f.bytes,
        dryRun: false,
        idempotencyKey: `bench-${f.code}`,
      });
      accepted += r.summary.accepted;
    }),
  );
  const drift = (await t.deps.store.reconcile()).drift.length;
  const items = written(await t.scan());
  await t.drop();
  return { ms: run.ms, accepted, drift, items };
}

/**
 * `rounds` runs of the whole-province import, each followed by BatchWriteItem and by TransactWriteItems of
 * the very items it wrote, `inFlight` requests at a time on every side; alternating, so a slow spell of the
 * machine hits all three. Medians and every run.
 */
async function compareProvince(registries: ReturnType<typeof countyRegistries>, files: CountyFile[], inFlight: number, rounds: number) {
  const imports: Awaited<ReturnType<typeof importProvince>>[] = [];
  const batch: number[] = [];
  const transact: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const run = await importProvince(registries, files, inFlight);
    imports.push(run);
    batch.push((await batchWrite(run.items, inFlight)).ms);
    transact.push((await transactWrite(run.items, inFlight)).ms);
  }
  const runs = { imports: imports.map((r) => r.ms), batch, transact };
  // Each round's import against the baseline measured right after it: a slow spell of the machine (the
  // emulator's speed drifts by a factor of two over minutes here) moves both sides of a round's ratio.
  const paired = (side: number[]) => median(runs.imports.map((ms, i) => ms / side[i]));
  return {
    teams: imports[0].accepted,
    items: imports[0].items.length,
    drift: imports.map((r) => r.drift),
    runs,
    ms: { imports: median(runs.imports), batch: median(batch), transact: median(transact) },
    ratio: {
      imports: paired(batch),
      transact: median(transact.map((ms, i) => ms / batch[i])),
      // What the import path adds over raw transactions of the very items it wrote (the file, the checks, the records around them).
      overTransact: paired(transact),
    },
    ratios: runs.imports.map((ms, i) => round(ms / batch[i], 2)),
  };
}

export async function benchImports() {
  const registries = benchRegistries();

  // The 111 county files, largest first as a county office would queue them, so no worker is left with a
  // big one at the end.
  const asOf = today(systemClock);
  const bySize = [...registries].sort((a, b) => b.communities.length - a.communities.length);
  const files = bySize.map((r) => ({ code: r.code, bytes: countyFile(r, asOf) }));
  const largest = bySize[0];

  // Warm the emulator's JIT on every path first (it keeps getting faster for a whole province's worth of
  // writes): whichever ran first would otherwise pay for it.
  const warm = await importProvince(registries, files, WORKERS);
  await batchWrite(warm.items, WORKERS);
  await transactWrite(warm.items, WORKERS);

  // The largest county, one file: its transactions go one after another, so the baseline sends one batch at a time.
  const file = files[0].bytes;
  const county: { ms: number; dryMs: number; batchMs: number; rows: number; items: number }[] = [];
  for (let i = 0; i < repeat(5); i++) {
    const t = await freshTable();
    await t.deps.store.putRegistries([largest], new Date().toISOString());
    const dry = await time(() =>
      importTeams(t.deps, province, { countyCode: largest.code, bytes: file, dryRun: true, idempotencyKey: null }),
    );
    const commit = await time(() =>
      importTeams(t.deps, province, { countyCode: largest.code, bytes: file, dryRun: false, idempotencyKey: 'bench-one' }),
    );
    const items = written(await t.scan());
    await t.drop();
    county.push({
      ms: commit.ms,
      dryMs: dry.ms,
      batchMs: (await batchWrite(items, 1)).ms,
      rows: commit.value.summary.accepted,
      items: items.length,
    });
  }
  const commit = { ms: median(county.map((r) => r.ms)), batchMs: median(county.map((r) => r.batchMs)) };
  const dry = { ms: median(county.map((r) => r.dryMs)) };
  const { rows } = county[0];

  // The whole province, one county at a time against one request at a time (the target), then in parallel.
  const one = await compareProvince(registries, files, 1, ROUNDS);
  const many = await compareProvince(registries, files, WORKERS, PARALLEL_ROUNDS);
  const { teams, items } = one;

  const ratio = (a: number, b: number) => round(a / b, 2);
  const s = (ms: number) => `${round(ms / 1000, 2)} s`;
  const runs = (xs: number[]) => xs.map((x) => round(x / 1000, 1)).join(' / ');
  const table: BenchRow[] = [
    {
      name: `import ${largest.name} (${rows} rows, largest county): dry run`,
      value: `${round(dry.ms)} ms, ${round(rows / (dry.ms / 1000))} rows/s (median of 5)`,
    },
    {
      name: `import ${largest.name}: commit`,
      value: `${round(commit.ms)} ms, ${round(rows / (commit.ms / 1000))} rows/s (median of 5)`,
      baseline: `BatchWriteItem of its ${county[0].items} items, one request at a time, ${round(commit.batchMs)} ms`,
      ratio: ratio(commit.ms, commit.batchMs),
    },
    {
      name: `import the whole province (111 files, ${teams} teams), one county at a time`,
      value: `${s(one.ms.imports)}, ${round(teams / (one.ms.imports / 1000))} rows/s (median; runs ${runs(one.runs.imports)} s; each against the baseline right after it: ${one.ratios.join(' / ')}×)`,
      baseline: `BatchWriteItem of the same ${items} items, one request at a time, ${s(one.ms.batch)} (runs ${runs(one.runs.batch)} s)`,
      ratio: round(one.ratio.imports, 2),
      target: '≤ 1.5×',
    },
    {
      name: "… of which DynamoDB Local's price of a transaction",
      value: `TransactWriteItems of the same items by county, 99 a request, one at a time: ${s(one.ms.transact)} (runs ${runs(one.runs.transact)} s); the import is ${round(one.ratio.overTransact, 2)}× these transactions (median by round)`,
      baseline: `BatchWriteItem ${s(one.ms.batch)}`,
      ratio: round(one.ratio.transact, 2),
    },
    {
      name: `import the whole province, ${WORKERS} counties at a time`,
      value: `${s(many.ms.imports)} (runs ${runs(many.runs.imports)} s; by round ${many.ratios.join(' / ')}×)`,
      baseline: `BatchWriteItem, ${WORKERS} requests at a time, ${s(many.ms.batch)} (runs ${runs(many.runs.batch)} s)`,
      ratio: round(many.ratio.imports, 2),
      target: 'for the record (see below)',
    },
    {
      name: "… of which DynamoDB Local's price of a transaction",
      value: `TransactWriteItems of the same items, ${WORKERS} requests at a time: ${s(many.ms.transact)} (runs ${runs(many.runs.transact)} s)`,
      baseline: `BatchWriteItem ${s(many.ms.batch)}`,
      ratio: round(many.ratio.transact, 2),
    },
    { name: 'aggregate drift after each province import', value: [...one.drift, ...many.drift].join(', '), target: '0' },
  ];
  const record = (c: typeof one, inFlight: number) => ({
    inFlight,
    importMs: round(c.ms.imports),
    batchWriteMs: round(c.ms.batch),
    transactWriteMs: round(c.ms.transact),
    ratio: round(c.ratio.imports, 2),
    ratioRuns: c.ratios,
    transactRatio: round(c.ratio.transact, 2),
    overTransactRatio: round(c.ratio.overTransact, 2),
    drift: c.drift,
    runs: {
      imports: c.runs.imports.map((x) => round(x)),
      batchWrite: c.runs.batch.map((x) => round(x)),
      transactWrite: c.runs.transact.map((x) => round(x)),
    },
  });
  return {
    rows: table,
    json: {
      rounds: ROUNDS,
      largestCounty: {
        code: largest.code,
        rows,
        dryRunMs: round(dry.ms),
        commitMs: round(commit.ms),
        batchWriteMs: round(commit.batchMs),
        ratio: ratio(commit.ms, commit.batchMs),
        commitRuns: county.map((r) => round(r.ms)),
      },
      province: { files: files.length, teams, items, oneAtATime: record(one, 1), parallel: record(many, WORKERS) },
    },
  };
}
