// The composition root of every Lambda (API and jobs): dependencies built once per container from
// the environment, and the structured JSON log line.
import { clockFromEnv, liveDeps, type Deps } from '#app/deps.js';
import { emfMetrics } from './metrics.js';
import { logger } from './logger.js';

export { emfMetrics, METRICS_NAMESPACE } from './metrics.js';
import { SHIPPED_BOOK } from '#app/programmes.js';
import { configFromEnv, createClients } from '#store/client.js';
import { createStore } from '#store/store.js';

let deps: Deps | undefined;

export function defaultDeps(): Deps {
  if (!deps) {
    const config = configFromEnv();
    // The shipped book, merged with what the province published into the table (refreshed each minute).
    deps = liveDeps({
      store: createStore(createClients(config).doc, config.tableName, config.auditTableName),
      shipped: SHIPPED_BOOK,
      clock: clockFromEnv(),
      metrics: emfMetrics,
    });
  }
  return deps;
}

/** A structured line through the one logger (runtime/logger.ts). */
export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  logger[level](message, fields);
}
