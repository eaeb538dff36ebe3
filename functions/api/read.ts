// Lambda for the read routes.
import type { Deps } from '../app/deps.js';
import { getCounty, listCommunities, listCounties } from '../app/reads.js';
import { getTeam } from '../app/teams.js';
import { describeProgramme } from '../core/programme.js';
import { defaultDeps } from './deps.js';
import { callerOf, json, pathParam, router, type ApiEvent } from './http.js';

export function createReadHandler(deps: () => Deps) {
  return router({
    'GET /api/health': async () => json(200, { ok: true }),
    'GET /api/programme': async (e) => {
      callerOf(e);
      return json(200, describeProgramme(deps().programme));
    },
    'GET /api/counties': async (e) => json(200, await listCounties(deps(), callerOf(e).scope)),
    'GET /api/counties/{code}': async (e) => json(200, await getCounty(deps(), callerOf(e).scope, pathParam(e, 'code'))),
    'GET /api/counties/{code}/communities': async (e) =>
      json(200, await listCommunities(deps(), callerOf(e).scope, pathParam(e, 'code'))),
    'GET /api/communities/{code}/team': async (e: ApiEvent) => {
      const team = await getTeam(deps(), callerOf(e), pathParam(e, 'code'));
      return json(200, team, { etag: String(team.version) });
    },
  });
}

export const handler = createReadHandler(defaultDeps);
