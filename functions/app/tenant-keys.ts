// The deploy-time move of a table from before the tenant keys (functions/store/tenant-migration.ts):
// the table then held one programme, whose deps run it.
import type { MigrationMode } from '#store/tenant-migration.js';
import type { Deps } from './deps.js';

/** Moves what the table held before the tenant keys under this programme's; a moved or new table costs one read. */
export const moveToTenantKeys = (deps: Deps, options: { mode?: MigrationMode; stopAfter?: number } = {}) =>
  deps.store.moveToTenantKeys({ now: deps.clock.now().toISOString(), ...options });

/**
 * The first daily job after a move sweeps the table once more (the old functions served until the new
 * ones did, and may have written an old key meanwhile); later ones find it swept with one read.
 */
export const sweepTenantKeys = (deps: Deps) => moveToTenantKeys(deps, { mode: 'sweep' });
