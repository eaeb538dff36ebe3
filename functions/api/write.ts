// Lambda for the write routes.
import { ready, rootArea, type Deps } from '#app/deps.js';
import { erasePersonalData, revealPhone, saveTeam } from '#app/teams.js';
import { ForbiddenError, ValidationError } from '#core/errors.js';
import type { ChangeSetInput } from '#app/registry-versions.js';
import { assertCanWrite, checkCountyCode } from '#core/scope.js';
import { defaultDeps } from '#runtime/deps.js';
import { callerOf, file, header, json, jsonBody, pathParam, router, type ApiEvent } from './http.js';
import type { RouteKeysOf } from './contract.js';
import { langOf, message } from '#core/messages/index.js';

/** The version in If-Match: a decimal integer, optionally quoted or weak ("3", W/"3"); 0x7 or 1e2 are refused. */
export function ifMatch(event: ApiEvent): number | null {
  const raw = header(event, 'if-match');
  if (raw === undefined) return null;
  const m = /^(?:W\/)?(?:"([1-9]\d{0,8})"|([1-9]\d{0,8}))$/.exec(raw.trim());
  if (!m) throw new ValidationError(message('team.ifMatch.invalid'));
  return Number(m[1] ?? m[2]);
}

// Saving a team is the hot path: the offices' tools, imports and uploads load on their first call.
const standards = () => import('#app/standards.js');
const imports = () => import('#app/imports.js');
const importChecks = () => import('#app/import-check.js');
const recipients = () => import('#app/recipients.js');
const annual = () => import('#app/annual.js');
const campaigns = () => import('#app/campaigns.js');
const registryVersions = () => import('#app/registry-versions.js');
const uploads = () => import('./upload.js');
const reports = () => import('#app/reports.js');

function jsonField(text: string, name: string): Record<string, number> {
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    /* reported below */
  }
  throw new ValidationError(message('upload.fieldNotJson', { name }));
}

/**
 * A write route's query (the router has refused any name the route does not know): ?dryRun is true or
 * false (1 or 0, any case), and anything else is refused, not read as false (a mistyped value would
 * otherwise commit). ?format=xlsx asks a dry run for a file, and is refused on a commit.
 */
function writeQuery(event: ApiEvent): { dryRun: boolean; format?: 'xlsx'; query: Record<string, string> } {
  const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const raw = query.dryRun;
  if (raw !== undefined && !/^(true|false|1|0)$/i.test(raw)) throw new ValidationError(message('query.dryRun.invalid'));
  const dryRun = raw !== undefined && /^(true|1)$/i.test(raw);
  if (query.format === undefined) return { dryRun, query };
  if (query.format !== 'xlsx') throw new ValidationError(message('query.format.invalid'));
  if (!dryRun) throw new ValidationError(message('query.format.dryRunOnly'));
  return { dryRun, format: 'xlsx', query };
}

/** ?confirmDrops=<n>: the dry run's count of rows taking a team below the standard, as the clerk confirmed it. */
function confirmDropsOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,6}$/.test(raw)) throw new ValidationError(message('import.confirmDrops.invalid'));
  return Number(raw);
}

const annualSaved = (doc: { version: number | null }) => json(200, doc, { etag: String(doc.version) });

/** A full registry edition is about 650 KB as JSON; a change-set spreadsheet far less. */
const MAX_REGISTRY_BYTES = 5 * 1024 * 1024;

function editionJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ValidationError(message('registry.edition.notJson'));
  }
}

export function createWriteHandler(deps: () => Deps) {
  // A caller of the programme's area: a token whose group names another area is no caller here.
  const signedIn = (e: ApiEvent) => callerOf(e, rootArea(deps()).code);
  // Typed by the contract: a route it lists for this handler and not served here (or the reverse) does not compile.
  return router<RouteKeysOf<'write'>>(
    {
      'POST /api/standards': async (e) => json(201, await (await standards()).createStandard(deps(), signedIn(e), jsonBody(e))),
      'POST /api/standards/{id}/drafts': async (e) =>
        json(201, await (await standards()).createDraft(deps(), signedIn(e), pathParam(e, 'id'), jsonBody(e))),
      'POST /api/standards/{id}/drafts/{n}/publish': async (e) =>
        json(
          200,
          await (await standards()).publishStandardDraft(
            deps(),
            signedIn(e),
            pathParam(e, 'id'),
            pathParam(e, 'n'),
            e.body ? jsonBody(e) : {},
          ),
        ),
      'POST /api/registry/changes': async (e) => {
        const caller = signedIn(e);
        // Who may change the registry is settled before a byte of the upload is read.
        if (caller.scope.kind !== 'province') throw new ForbiddenError(message('registry.notProvince'));
        const { dryRun, query } = writeQuery(e);
        const { changeRegistry, changeRegistryJson, registryChangeFile } = await registryVersions();
        if (/^application\/json/i.test(header(e, 'content-type') ?? ''))
          return json(200, await changeRegistryJson(deps(), caller, jsonBody(e), dryRun));
        // A file: a change-set spreadsheet, or (?compare=true) a full registry edition as JSON.
        const upload = await (await uploads()).uploadedFile(e, MAX_REGISTRY_BYTES);
        const fields = { ...query, ...upload.fields };
        const input: ChangeSetInput = { effectiveFrom: fields.effectiveFrom, source: fields.source, note: fields.note };
        if (/^(true|1)$/i.test(fields.compare ?? '')) input.edition = editionJson(upload.bytes);
        else input.file = upload.bytes;
        // A dry run's change file: every change, however many (the answer itself names the first ones).
        if (dryRun && fields.format === 'xlsx')
          return file(await registryChangeFile(deps(), caller, input), 'xlsx', `名录变更-${input.effectiveFrom}.xlsx`);
        return json(200, await changeRegistry(deps(), caller, input, dryRun));
      },
      'PUT /api/counties/{code}/annual/{year}': async (e) =>
        annualSaved(
          await (await annual()).putAnnual(
            deps(),
            signedIn(e),
            'county',
            pathParam(e, 'code'),
            pathParam(e, 'year'),
            jsonBody(e),
            ifMatch(e),
          ),
        ),
      'PUT /api/cities/{code}/annual/{year}': async (e) =>
        annualSaved(
          await (await annual()).putAnnual(
            deps(),
            signedIn(e),
            'city',
            pathParam(e, 'code'),
            pathParam(e, 'year'),
            jsonBody(e),
            ifMatch(e),
          ),
        ),
      'PUT /api/province/annual/{year}': async (e) =>
        annualSaved(await (await annual()).putAnnual(deps(), signedIn(e), 'province', '', pathParam(e, 'year'), jsonBody(e), ifMatch(e))),
      'POST /api/campaigns': async (e) => json(201, await (await campaigns()).createCampaign(deps(), signedIn(e), jsonBody(e))),
      'POST /api/counties/{code}/discrepancies': async (e) =>
        json(200, await (await campaigns()).answerDiscrepancy(deps(), signedIn(e), pathParam(e, 'code'), jsonBody(e))),
      'PUT /api/campaigns/{id}/checks/{communityCode}': async (e) => {
        const check = await (await campaigns()).putCheck(
          deps(),
          signedIn(e),
          pathParam(e, 'id'),
          pathParam(e, 'communityCode'),
          jsonBody(e),
          ifMatch(e),
        );
        return json(check.version === 1 ? 201 : 200, check, { etag: String(check.version) });
      },
      // POST: opening the checklist shows leaders' phones and writes each view down.
      'POST /api/campaigns/{id}/counties/{code}/checklist': async (e) =>
        json(200, await (await campaigns()).openChecklist(deps(), signedIn(e), pathParam(e, 'id'), pathParam(e, 'code'))),
      'POST /api/registry/versions/{version}/resume': async (e) =>
        json(200, await (await registryVersions()).resumeRegistryVersion(deps(), signedIn(e), pathParam(e, 'version'))),
      'POST /api/counties/{code}/reports/{month}': async (e) =>
        json(
          200,
          await (await reports()).confirmNoChange(
            deps(),
            signedIn(e),
            pathParam(e, 'code'),
            pathParam(e, 'month'),
            e.body ? jsonBody(e) : {},
          ),
        ),
      'PUT /api/communities/{code}/team': async (e) => {
        const caller = signedIn(e);
        const version = ifMatch(e);
        const team = await saveTeam(deps(), caller, pathParam(e, 'code'), jsonBody(e), version);
        return json(version === null ? 201 : 200, team, { etag: String(team.version) });
      },
      // A read with a trace: the full number, written down with who asked (so it lives beside the writes).
      'POST /api/communities/{code}/team/phone': async (e) => {
        const caller = signedIn(e);
        return json(200, await revealPhone(deps(), caller, pathParam(e, 'code'), e.body ? jsonBody(e) : {}));
      },
      'POST /api/communities/{code}/team/personal-data/erase': async (e) => {
        const caller = signedIn(e);
        const team = await erasePersonalData(deps(), caller, pathParam(e, 'code'), jsonBody(e));
        return json(200, team, { etag: String(team.version) });
      },
      'PUT /api/recipients/{scope}': async (e) => {
        const caller = signedIn(e);
        return json(200, await (await recipients()).setRecipients(deps(), caller, pathParam(e, 'scope'), jsonBody(e)));
      },
      'POST /api/counties/{code}/imports': async (e) => {
        const caller = signedIn(e);
        // Who may write is settled before a byte of the upload is read.
        assertCanWrite(caller.scope, checkCountyCode(pathParam(e, 'code'), rootArea(deps()).code));
        const { dryRun, format, query } = writeQuery(e);
        const [{ uploadedFile }, { importTeams, MAX_IMPORT_BYTES }] = await Promise.all([uploads(), imports()]);
        const upload = await uploadedFile(e, MAX_IMPORT_BYTES);
        // A dry run's checked copy: the clerk's rows with the result beside each (nothing stored).
        if (format === 'xlsx') {
          const countyCode = pathParam(e, 'code');
          const lang = langOf(header(e, 'accept-language'));
          const checked = await (await importChecks()).importCheckFile(deps(), caller, { countyCode, bytes: upload.bytes, lang });
          return file(checked.file, 'xlsx', checked.fileName);
        }
        const result = await importTeams(deps(), caller, {
          countyCode: pathParam(e, 'code'),
          bytes: upload.bytes,
          dryRun,
          idempotencyKey: header(e, 'idempotency-key') ?? null,
          baseVersions: upload.fields.baseVersions === undefined ? undefined : jsonField(upload.fields.baseVersions, 'baseVersions'),
          confirmDrops: confirmDropsOf(query.confirmDrops),
        });
        return json(200, result);
      },
    },
    () => ready(deps()),
  );
}

export const handler = createWriteHandler(defaultDeps);
