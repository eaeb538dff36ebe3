// Builds a fresh table on the shared DynamoDB Local and the deps the use cases need.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { liveDeps, type Clock, type Deps } from '#app/deps.js';
import { countyRegistries } from '#app/registry.js';
import { GUANGXI_BOOK, SHIPPED_BOOK } from '#app/programmes.js';
import { bookFor } from '#core/tenancy.js';
import { createClients } from '#store/client.js';
import { createStore } from '#store/store.js';
import { ensureTable } from '#store/table.js';
export { goodTeam } from './team.js';

export function fixedClock(iso = '2023-06-15T04:00:00Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => now,
    set: (t: string) => {
      now = new Date(t);
    },
  };
}

/**
 * `auditStream` for the tests that read the audit table's stream (see ensureTable for why only they);
 * `also`: other programmes in the same table (their areas), each with its whole registry and its own book.
 */
/** The tests' identity key (the deployment's secret in AWS, a key file under .local/ with npm start). */
export const TEST_IDENTITY_KEY = new Uint8Array(32).fill(3);

export async function testStack(options: { counties?: string[]; clock?: Clock; auditStream?: boolean; also?: string[] } = {}) {
  const tableName = `test-${randomUUID()}`;
  const { raw, doc } = createClients({ tableName, endpoint: inject('dynamodbEndpoint') });
  await ensureTable(raw, tableName, { auditStream: options.auditStream ?? false });
  const store = createStore(doc, tableName, '45');
  const wanted = options.counties ? new Set(options.counties) : null;
  const registries = countyRegistries().filter((r) => !wanted || wanted.has(r.code));
  if (registries.length) await store.putRegistries(registries, new Date().toISOString());
  const identityKey = async () => TEST_IDENTITY_KEY;
  const deps: Deps = liveDeps({ store, shipped: GUANGXI_BOOK, clock: options.clock ?? fixedClock(), identityKey });
  const others: Deps[] = [];
  for (const area of options.also ?? []) {
    const other = createStore(doc, tableName, area);
    await other.putRegistries(countyRegistries(area), new Date().toISOString());
    others.push(liveDeps({ store: other, shipped: bookFor(SHIPPED_BOOK, area), clock: deps.clock, identityKey }));
  }
  return { deps, others, store, raw, doc, tableName, registries };
}
