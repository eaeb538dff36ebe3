// The composition root of every Lambda (API and jobs): dependencies built once per container from
// the environment, and the structured JSON log line.
import { systemClock, type Deps } from '../app/deps.js';
import { GUANGXI_2021 } from '../core/programme.js';
import { configFromEnv, createClients } from '../store/client.js';
import { createStore } from '../store/store.js';

let deps: Deps | undefined;

export function defaultDeps(): Deps {
  if (!deps) {
    const config = configFromEnv();
    deps = { store: createStore(createClients(config).doc, config.tableName), programme: GUANGXI_2021, clock: systemClock };
  }
  return deps;
}

export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  console[level === 'info' ? 'log' : level](JSON.stringify({ level, message, ...fields }));
}
