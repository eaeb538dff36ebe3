// The composition root of every Lambda (API and jobs): the deployment's programmes built once per
// container from the environment, and the structured JSON log line.
import { clockFromEnv, liveTenancy, type Tenancy } from '#app/deps.js';
import { emfMetrics } from './metrics.js';
import { logger } from './logger.js';

export { emfMetrics, METRICS_NAMESPACE } from './metrics.js';
import { SHIPPED_BOOK } from '#app/programmes.js';
import { areasOfBook } from '#core/tenancy.js';
import { configFromEnv, createClients } from '#store/client.js';
import { createStore } from '#store/store.js';

let tenancy: Tenancy | undefined;

/**
 * The programmes this deployment runs: PROGRAMMES=45,331181 names their root areas (none inside
 * another: checked when the tenancy is made), each one an area the shipped book has a programme for.
 */
export function programmeAreas(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.PROGRAMMES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (!listed.length) throw new Error('PROGRAMMES is not set: the root areas of the programmes this deployment runs, e.g. 45');
  const shipped = areasOfBook(SHIPPED_BOOK);
  const unknown = listed.filter((a) => !shipped.includes(a));
  if (unknown.length) throw new Error(`PROGRAMMES names ${unknown.join(', ')}, for which no programme is shipped (${shipped.join(', ')})`);
  return listed;
}

export function defaultTenancy(): Tenancy {
  if (!tenancy) {
    const config = configFromEnv();
    const { doc } = createClients(config);
    // Each programme: the shipped book of its area, merged with what its root office published (refreshed each minute).
    tenancy = liveTenancy({
      areas: programmeAreas(),
      store: (area) => createStore(doc, config.tableName, area, config.auditTableName),
      shipped: SHIPPED_BOOK,
      clock: clockFromEnv(),
      metrics: emfMetrics,
    });
  }
  return tenancy;
}

/** A structured line through the one logger (runtime/logger.ts). */
export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  logger[level](message, fields);
}
