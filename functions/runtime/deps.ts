// The composition root of every Lambda (API and jobs): the deployment's programmes built once per
// container from the environment, and the structured JSON log line.
import { clockFromEnv, liveTenancy, type Tenancy } from '#app/deps.js';
import { emfMetrics } from './metrics.js';
import { logger } from './logger.js';

export { emfMetrics, METRICS_NAMESPACE } from './metrics.js';
import { SHIPPED_BOOK, shippedProgrammeAreas } from '#app/programmes.js';
import { configFromEnv, createClients } from '#store/client.js';
import { createStore } from '#store/store.js';

let tenancy: Tenancy | undefined;

/**
 * The programmes this deployment runs: PROGRAMMES=45,331181 names their root areas (none inside
 * another), each one an area the shipped book has a programme for.
 */
export function programmeAreas(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!env.PROGRAMMES?.trim()) throw new Error('PROGRAMMES is not set: the root areas of the programmes this deployment runs, e.g. 45');
  return shippedProgrammeAreas(env.PROGRAMMES);
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
      identityKey: lazyIdentityKey(),
    });
  }
  return tenancy;
}

/**
 * The identity key's loader, its module loaded with the first roster write that needs it (a cold start does
 * not carry it), then the one loader kept: the secret is read once per container.
 */
function lazyIdentityKey(): () => Promise<Uint8Array> {
  let loader: Promise<() => Promise<Uint8Array>> | undefined;
  return async () => {
    loader ??= import('./identity-key.js').then((m) => {
      const key = m.identityKeyFromEnv();
      if (!key) throw new Error('no identity key: set IDENTITY_SECRET_ARN (AWS) or IDENTITY_KEY_FILE (local)');
      return key;
    });
    return (await loader)();
  };
}

/** A structured line through the one logger (runtime/logger.ts). */
export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  logger[level](message, fields);
}
