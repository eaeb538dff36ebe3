// Imports: the largest county's file (dry run and commit), and the whole province (111 county files,
// parsing and validation included), each against raw BatchWriteItem of the very items the import wrote.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { importTeams } from '../../functions/app/imports.js';
import { countyRegistries } from '../../functions/app/registry.js';
import { today } from '../../functions/app/deps.js';
import { toCsv } from '../../functions/app/exports.js';
import { COLUMNS, teamToRow } from '../../functions/core/columns.js';
import { demoCounty } from '../../functions/local/demo.js';
import { freshTable, pool, round, time, type BenchRow } from './context.js';

/** Requests in flight, the same for the import (counties at a time) and for the baseline (batches at a time). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 6);
const province = { scope: { kind: 'province' as const }, user: 'bench' };

function countyFile(registry: ReturnType<typeof countyRegistries>[number], asOf: string): Buffer {
  const names = new Map(registry.communities);
  const rows = demoCounty(registry, asOf).map(({ communityCode, team }) => teamToRow(communityCode, names.get(communityCode)!, team));
  return toCsv(COLUMNS.map((c) => c.header), rows);
}

/** Writes `items` with BatchWriteItem, 25 a request, `WORKERS` requests in flight, retrying unprocessed ones. */
async function batchWrite(doc: Awaited<ReturnType<typeof freshTable>>['doc'], tableName: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await pool(batches, WORKERS, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
}

const written = (items: Record<string, unknown>[]) =>
  items.filter((i) => /^(TEAM|AUDIT|IMPORT)#/.test(String(i.sk)) || i.pk === 'AGGREGATE');

export async function benchImports() {
  const registries = countyRegistries();
  const largest = [...registries].sort((a, b) => b.communities.length - a.communities.length)[0];

  // The largest county, one file.
  const one = await freshTable();
  await one.deps.store.putRegistries(registries, new Date().toISOString());
  const file = countyFile(largest, today(one.deps.clock));
  const dry = await time(() => importTeams(one.deps, province, { countyCode: largest.code, bytes: file, dryRun: true, idempotencyKey: null }));
  const commit = await time(() => importTeams(one.deps, province, { countyCode: largest.code, bytes: file, dryRun: false, idempotencyKey: 'bench-one' }));
  const rows = commit.value.summary.accepted;
  const oneItems = written(await one.scan()).filter((i) => i.pk === `COUNTY#${largest.code}` || i.sk === `COUNTY#${largest.code}`);
  const oneRaw = await freshTable();
  const oneBaseline = await time(() => batchWrite(oneRaw.doc, oneRaw.tableName, oneItems));

  // The whole province: 111 files, six counties at a time.
  const all = await freshTable();
  await all.deps.store.putRegistries(registries, new Date().toISOString());
  // Largest counties first, as a county office would queue them, so no worker is left with a big one at the end.
  const files = [...registries].sort((a, b) => b.communities.length - a.communities.length)
    .map((r) => ({ code: r.code, bytes: countyFile(r, today(all.deps.clock)) }));
  let accepted = 0;
  const provinceRun = await time(() => pool(files, WORKERS, async (f) => {
    const r = await importTeams(all.deps, province, { countyCode: f.code, bytes: f.bytes, dryRun: false, idempotencyKey: `bench-${f.code}` });
    accepted += r.summary.accepted;
  }));
  const drift = (await all.deps.store.reconcile()).drift.length;
  const allItems = written(await all.scan());
  const allRaw = await freshTable();
  const allBaseline = await time(() => batchWrite(allRaw.doc, allRaw.tableName, allItems));

  const r1 = round(commit.ms / oneBaseline.ms, 2);
  const r2 = round(provinceRun.ms / allBaseline.ms, 2);
  const table: BenchRow[] = [
    { name: `import ${largest.name} (${rows} rows, largest county): dry run`, value: `${round(dry.ms)} ms, ${round(rows / (dry.ms / 1000))} rows/s` },
    { name: `import ${largest.name}: commit`, value: `${round(commit.ms)} ms, ${round(rows / (commit.ms / 1000))} rows/s`, baseline: `BatchWriteItem of its ${oneItems.length} items ${round(oneBaseline.ms)} ms`, ratio: r1 },
    { name: `import the whole province (111 files, ${accepted} teams)`, value: `${round(provinceRun.ms / 1000, 2)} s, ${round(accepted / (provinceRun.ms / 1000))} rows/s`, baseline: `BatchWriteItem of the same ${allItems.length} items ${round(allBaseline.ms / 1000, 2)} s`, ratio: r2, target: '≤ 1.5×' },
    { name: 'aggregate drift after the province import', value: String(drift), target: '0' },
  ];
  return {
    rows: table,
    json: {
      largestCounty: { code: largest.code, rows, dryRunMs: round(dry.ms), commitMs: round(commit.ms), batchWriteMs: round(oneBaseline.ms), ratio: r1 },
      province: { files: files.length, teams: accepted, items: allItems.length, importMs: round(provinceRun.ms), batchWriteMs: round(allBaseline.ms), ratio: r2, drift },
    },
  };
}
