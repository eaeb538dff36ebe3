// What the benchmarks share: one DynamoDB Local, fresh tables, timing helpers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { depsWith, systemClock, type Deps } from '#app/deps.js';
import { GUANGXI_2021, GUANGXI_BOOK } from '#app/programmes.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb-local.js';
import { createClients } from '#store/client.js';
import { createStore } from '#store/store.js';
import { auditTableFor } from '#store/keys.js';
import { ensureTable } from '#store/table.js';
import { countyRegistries } from '#app/registry.js';

/**
 * `npm run bench -- --smoke`: every step once, over three counties, keeping no figure. npm test runs it
 * (tests/e2e/bench.test.ts), so a step the code has outgrown fails a test, not the next full run.
 */
export const SMOKE = process.argv.includes('--smoke');
export const SMOKE_COUNTIES = ['450102', '450103', '450105'];
/** The counties a step runs over: the whole province, or the smoke run's three. */
export const benchRegistries = () => (SMOKE ? countyRegistries().filter((r) => SMOKE_COUNTIES.includes(r.code)) : countyRegistries());
/** How many times a step repeats a measurement: `n`, or once in a smoke run. */
export const repeat = (n: number) => (SMOKE ? 1 : n);

let ddb: DynamoDbLocal | undefined;

export async function dynamodb(): Promise<DynamoDbLocal> {
  ddb ??= await startDynamoDbLocal();
  return ddb;
}

export async function stopDynamodb(): Promise<void> {
  await ddb?.stop();
  ddb = undefined;
}

export async function freshTable() {
  const { endpoint } = await dynamodb();
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  const { raw, doc } = createClients({ tableName, endpoint });
  await ensureTable(raw, tableName, { auditStream: false }); // one emulator for many tables: see ensureTable
  const deps: Deps = depsWith({ store: createStore(doc, tableName, GUANGXI_2021.region), book: GUANGXI_BOOK, clock: systemClock });
  /** Every item of the table and of its audit table (what a use case wrote, wherever it went). */
  async function scan(input: Record<string, unknown> = {}) {
    const items: Record<string, unknown>[] = [];
    for (const TableName of [tableName, auditTableFor(tableName)]) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new ScanCommand({ TableName, ...input, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return items;
  }
  /** Frees the emulator's memory, so a table measured later does not pay for the ones before it. */
  async function drop() {
    for (const TableName of [tableName, auditTableFor(tableName)]) await raw.send(new DeleteTableCommand({ TableName }));
  }
  return { tableName, raw, doc, deps, scan, drop };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function time<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

/** Runs `work` over `items` with `n` workers. */
export async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) await work(x);
    }),
  );
}

export interface BenchRow {
  name: string;
  value: string;
  baseline?: string;
  ratio?: number;
  target?: string;
}
