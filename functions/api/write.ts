// Lambda for the write routes.
import type { Deps } from '../app/deps.js';
import { importTeams, MAX_IMPORT_BYTES } from '../app/imports.js';
import { saveTeam } from '../app/teams.js';
import { setRecipients } from '../app/recipients.js';
import { ValidationError } from '../core/errors.js';
import { defaultDeps } from '../runtime/deps.js';
import { callerOf, header, json, jsonBody, pathParam, router, type ApiEvent } from './http.js';
import { uploadedFile } from './upload.js';

function ifMatch(event: ApiEvent): number | null {
  const raw = header(event, 'if-match');
  if (raw === undefined) return null;
  const version = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) throw new ValidationError(`If-Match 必须是版本号（正整数），收到 "${raw}"`);
  return version;
}

export function createWriteHandler(deps: () => Deps) {
  return router({
    'PUT /api/communities/{code}/team': async (e) => {
      const caller = callerOf(e);
      const version = ifMatch(e);
      const team = await saveTeam(deps(), caller, pathParam(e, 'code'), jsonBody(e), version);
      return json(version === null ? 201 : 200, team, { etag: String(team.version) });
    },
    'PUT /api/recipients/{scope}': async (e) => {
      const caller = callerOf(e);
      return json(200, await setRecipients(deps(), caller, pathParam(e, 'scope'), jsonBody(e)));
    },
    'POST /api/counties/{code}/imports': async (e) => {
      const caller = callerOf(e);
      const result = await importTeams(deps(), caller, {
        countyCode: pathParam(e, 'code'),
        bytes: await uploadedFile(e, MAX_IMPORT_BYTES),
        dryRun: /^(true|1)$/i.test(e.queryStringParameters?.dryRun ?? ''),
        idempotencyKey: header(e, 'idempotency-key') ?? null,
      });
      return json(200, result);
    },
  });
}

export const handler = createWriteHandler(defaultDeps);
