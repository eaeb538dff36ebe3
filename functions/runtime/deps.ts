// The composition root of every Lambda (API and jobs): dependencies built once per container from
// the environment, and the structured JSON log line.
import { clockFromEnv, liveDeps, realNow, type Deps, type Metrics } from '../app/deps.js';
import { SHIPPED_BOOK } from '../app/programmes.js';
import { configFromEnv, createClients } from '../store/client.js';
import { createStore } from '../store/store.js';

let deps: Deps | undefined;

export function defaultDeps(): Deps {
  if (!deps) {
    const config = configFromEnv();
    // The shipped book, merged with what the province published into the table (refreshed each minute).
    deps = liveDeps({ store: createStore(createClients(config).doc, config.tableName, config.auditTableName), shipped: SHIPPED_BOOK, clock: clockFromEnv(), metrics: emfMetrics });
  }
  return deps;
}

/** The namespace of the tracker's own metrics (infra's alarms name the same; a test compares them). */
export const METRICS_NAMESPACE = 'GxResponseTeams';

/**
 * Metrics as CloudWatch Embedded Metric Format lines: CloudWatch turns each into a metric, so an
 * alarm can watch it; locally they are just log lines.
 */
export const emfMetrics: Metrics = {
  count(name, value, dimensions = {}) {
    console.log(JSON.stringify({
      _aws: { Timestamp: realNow(), CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: 'Count' }] }] },
      ...dimensions, [name]: value,
    }));
  },
};

export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  console[level === 'info' ? 'log' : level](JSON.stringify({ level, message, ...fields }));
}
