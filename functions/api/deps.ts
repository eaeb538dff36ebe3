// Handlers' dependencies, built once per Lambda container from the environment.
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
