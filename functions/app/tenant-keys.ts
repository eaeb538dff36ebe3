// The deploy-time move of a table from before the tenant keys (functions/store/tenant-migration.ts):
// the table then held one programme, whose deps run it.
import type { Deps } from './deps.js';

/** Moves what the table held before the tenant keys under this programme's; a moved or new table costs one read. */
export const moveToTenantKeys = (deps: Deps, options: { stopAfter?: number; force?: boolean } = {}) =>
  deps.store.moveToTenantKeys({ now: deps.clock.now().toISOString(), ...options });
