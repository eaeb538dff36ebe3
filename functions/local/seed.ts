// Loads the registry and, on an empty table, the simulated demo history through the one write path.
import { countyRegistries } from '../app/registry.js';
import { nextTeam } from '../app/teams.js';
import { today, type Deps } from '../app/deps.js';
import { demoCounty } from './demo.js';
import { parseTeamInput } from '../core/team.js';

export interface SeedProgress {
  counties: number;
  of: number;
  teams: number;
}

export async function seedIfEmpty(deps: Deps, onProgress: (p: SeedProgress) => void = () => {}, concurrency = 6) {
  const meta = await deps.store.getMeta();
  if (meta?.seededAt) return { seeded: false, teams: 0 };
  const registries = countyRegistries();
  const now = deps.clock.now().toISOString();
  await deps.store.putRegistries(registries, now);
  const asOf = today(deps.clock);
  let done = 0;
  let teams = 0;
  const queue = [...registries];
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const writes = demoCounty(r, asOf).map(({ communityCode, team }) => ({
        previous: null,
        next: nextTeam(deps, communityCode, parseTeamInput(team, asOf), null, { updatedBy: 'seed/demo', source: 'seed', demo: true }),
      }));
      await deps.store.writeTeams(writes, now);
      done += 1;
      teams += writes.length;
      onProgress({ counties: done, of: registries.length, teams });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await deps.store.putMeta({ seededAt: now, demo: true, demoAsOf: asOf });
  return { seeded: true, teams };
}
