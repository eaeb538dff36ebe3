// DynamoDB errors injected through the SDK client's middleware, at a set rate, before the request
// reaches the table: throttling, transaction conflicts and timeouts.
import { randomUUID } from 'node:crypto';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { GUANGXI_BOOK } from '#app/programmes.js';
import { countyRegistries } from '#app/registry.js';
import { createClients } from '#store/client.js';
import { createStore } from '#store/store.js';
import { ensureTable } from '#store/table.js';
import { depsWith, type Deps } from '#app/deps.js';
import { fixedClock } from './stack.js';

export interface FaultCounts {
  throttled: number;
  conflicts: number;
  timeouts: number;
}

/** A store whose client fails `rate` of write and read calls with one of three DynamoDB errors. */
export async function faultyStack(counties: string[], rate: number, seed = 7) {
  const tableName = `faults-${randomUUID()}`;
  const endpoint = inject('dynamodbEndpoint');
  const clean = createClients({ tableName, endpoint });
  await ensureTable(clean.raw, tableName, { auditStream: false }); // no test here reads it
  const cleanStore = createStore(clean.doc, tableName, '45');
  await cleanStore.putRegistries(
    countyRegistries().filter((r) => counties.includes(r.code)),
    new Date().toISOString(),
  );

  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const counts: FaultCounts = { throttled: 0, conflicts: 0, timeouts: 0 };
  const faulty = createClients({ tableName, endpoint }, { maxAttempts: 3, retryStrategy: undefined });
  faulty.raw.middlewareStack.add(
    (next, context) => async (args) => {
      if (random() < rate) {
        const r = random();
        const meta = { $metadata: {}, message: 'injected' };
        if (r < 0.4) {
          counts.throttled += 1;
          throw new ProvisionedThroughputExceededException(meta);
        }
        if (r < 0.7 && context.commandName === 'TransactWriteItemsCommand') {
          counts.conflicts += 1;
          throw new TransactionCanceledException({ ...meta, CancellationReasons: [{ Code: 'TransactionConflict', Message: 'injected' }] });
        }
        counts.timeouts += 1;
        throw Object.assign(new Error('injected socket timeout'), { name: 'TimeoutError' });
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'injectFaults' },
  );
  const deps: Deps = depsWith({ store: createStore(faulty.doc, tableName, '45'), book: GUANGXI_BOOK, clock: fixedClock() });
  return { deps, cleanStore, counts, tableName, clean };
}
