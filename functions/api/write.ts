// Lambda for the write routes.
import { rootArea, type Tenancy } from '#app/deps.js';
import { erasePersonalData, revealPhone, saveTeam } from '#app/teams.js';
import { ForbiddenError, ValidationError } from '#core/errors.js';
import type { ChangeSetInput } from '#app/registry-versions.js';
import { assertCanWrite, checkCountyCode } from '#core/scope.js';
import { defaultTenancy } from '#runtime/deps.js';
import { signedWith, file, header, json, jsonBody, pathParam, router, type ApiEvent } from './http.js';
import type { RouteKeysOf } from './contract.js';
import { langOf, message } from '#core/messages/index.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import '#core/messages/zh-CN-files.js';

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
const roster = () => import('#app/roster.js');
const activity = () => import('#app/activity.js');
const importChecks = () => import('#app/import-check.js');
const rosterImports = () => import('#app/roster-imports.js');
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

export function createWriteHandler(tenancy: () => Tenancy) {
  // A caller of one of the deployment's programmes, served from that programme's records: a token whose group
  // names no programme here is no caller.
  const signed = signedWith(tenancy);
  // Typed by the contract: a route it lists for this handler and not served here (or the reverse) does not compile.
  return router<RouteKeysOf<'write'>>({
    'POST /api/standards': signed(async (d, caller, e) => json(201, await (await standards()).createStandard(d, caller, jsonBody(e)))),
    'POST /api/standards/{id}/drafts': signed(async (d, caller, e) =>
      json(201, await (await standards()).createDraft(d, caller, pathParam(e, 'id'), jsonBody(e))),
    ),
    'POST /api/standards/{id}/drafts/{n}/publish': signed(async (d, caller, e) =>
      json(
        200,
        await (await standards()).publishStandardDraft(d, caller, pathParam(e, 'id'), pathParam(e, 'n'), e.body ? jsonBody(e) : {}),
      ),
    ),
    'POST /api/registry/changes': signed(async (d, caller, e) => {
      // Who may change the registry is settled before a byte of the upload is read.
      if (caller.scope.kind !== 'province') throw new ForbiddenError(message('registry.notProvince'));
      const { dryRun, query } = writeQuery(e);
      const { changeRegistry, changeRegistryJson, registryChangeFile } = await registryVersions();
      if (/^application\/json/i.test(header(e, 'content-type') ?? ''))
        return json(200, await changeRegistryJson(d, caller, jsonBody(e), dryRun));
      // A file: a change-set spreadsheet, or (?compare=true) a full registry edition as JSON.
      const upload = await (await uploads()).uploadedFile(e, MAX_REGISTRY_BYTES);
      const fields = { ...query, ...upload.fields };
      const input: ChangeSetInput = { effectiveFrom: fields.effectiveFrom, source: fields.source, note: fields.note };
      if (/^(true|1)$/i.test(fields.compare ?? '')) input.edition = editionJson(upload.bytes);
      else input.file = upload.bytes;
      // A dry run's change file: every change, however many (the answer itself names the first ones).
      if (dryRun && fields.format === 'xlsx')
        return file(await registryChangeFile(d, caller, input), 'xlsx', `名录变更-${input.effectiveFrom}.xlsx`);
      return json(200, await changeRegistry(d, caller, input, dryRun));
    }),
    'PUT /api/counties/{code}/annual/{year}': signed(async (d, caller, e) =>
      annualSaved(
        await (await annual()).putAnnual(d, caller, 'county', pathParam(e, 'code'), pathParam(e, 'year'), jsonBody(e), ifMatch(e)),
      ),
    ),
    'PUT /api/cities/{code}/annual/{year}': signed(async (d, caller, e) =>
      annualSaved(await (await annual()).putAnnual(d, caller, 'city', pathParam(e, 'code'), pathParam(e, 'year'), jsonBody(e), ifMatch(e))),
    ),
    'PUT /api/province/annual/{year}': signed(async (d, caller, e) =>
      annualSaved(await (await annual()).putAnnual(d, caller, 'province', '', pathParam(e, 'year'), jsonBody(e), ifMatch(e))),
    ),
    'POST /api/campaigns': signed(async (d, caller, e) => json(201, await (await campaigns()).createCampaign(d, caller, jsonBody(e)))),
    'POST /api/counties/{code}/discrepancies': signed(async (d, caller, e) =>
      json(200, await (await campaigns()).answerDiscrepancy(d, caller, pathParam(e, 'code'), jsonBody(e))),
    ),
    'PUT /api/campaigns/{id}/checks/{communityCode}': signed(async (d, caller, e) => {
      const check = await (await campaigns()).putCheck(
        d,
        caller,
        pathParam(e, 'id'),
        pathParam(e, 'communityCode'),
        jsonBody(e),
        ifMatch(e),
      );
      return json(check.version === 1 ? 201 : 200, check, { etag: String(check.version) });
    }),
    // POST: opening the checklist shows leaders' phones and writes each view down.
    'POST /api/campaigns/{id}/counties/{code}/checklist': signed(async (d, caller, e) =>
      json(200, await (await campaigns()).openChecklist(d, caller, pathParam(e, 'id'), pathParam(e, 'code'))),
    ),
    'POST /api/registry/versions/{version}/resume': signed(async (d, caller, e) =>
      json(200, await (await registryVersions()).resumeRegistryVersion(d, caller, pathParam(e, 'version'))),
    ),
    'POST /api/counties/{code}/reports/{month}': signed(async (d, caller, e) =>
      json(200, await (await reports()).confirmNoChange(d, caller, pathParam(e, 'code'), pathParam(e, 'month'), e.body ? jsonBody(e) : {})),
    ),
    'PUT /api/communities/{code}/team': signed(async (d, caller, e) => {
      const version = ifMatch(e);
      const team = await saveTeam(d, caller, pathParam(e, 'code'), jsonBody(e), version);
      return json(version === null ? 201 : 200, team, { etag: String(team.version) });
    }),
    'POST /api/communities/{code}/roster': signed(async (d, caller, e) =>
      json(201, await (await roster()).addMember(d, caller, pathParam(e, 'code'), jsonBody(e))),
    ),
    'POST /api/communities/{code}/roster/{id}/end': signed(async (d, caller, e) =>
      json(200, await (await roster()).endMember(d, caller, pathParam(e, 'code'), pathParam(e, 'id'), jsonBody(e))),
    ),
    'POST /api/communities/{code}/roster/{id}/correct': signed(async (d, caller, e) =>
      json(200, await (await roster()).correctMember(d, caller, pathParam(e, 'code'), pathParam(e, 'id'), jsonBody(e))),
    ),
    'POST /api/communities/{code}/roster/{id}/resolve': signed(async (d, caller, e) =>
      json(200, await (await roster()).resolveMember(d, caller, pathParam(e, 'code'), pathParam(e, 'id'), jsonBody(e))),
    ),
    'POST /api/communities/{code}/roster/{id}/erase': signed(async (d, caller, e) =>
      json(200, await (await roster()).eraseMember(d, caller, pathParam(e, 'code'), pathParam(e, 'id'), jsonBody(e))),
    ),
    'POST /api/communities/{code}/events': signed(async (d, caller, e) =>
      json(201, await (await activity()).recordActivity(d, caller, pathParam(e, 'code'), jsonBody(e))),
    ),
    'POST /api/communities/{code}/events/{id}/withdraw': signed(async (d, caller, e) =>
      json(200, await (await activity()).withdrawActivity(d, caller, pathParam(e, 'code'), pathParam(e, 'id'), jsonBody(e))),
    ),
    // A read with a trace: the full number, written down with who asked (so it lives beside the writes).
    'POST /api/communities/{code}/team/phone': signed(async (d, caller, e) => {
      return json(200, await revealPhone(d, caller, pathParam(e, 'code'), e.body ? jsonBody(e) : {}));
    }),
    'POST /api/communities/{code}/team/personal-data/erase': signed(async (d, caller, e) => {
      const team = await erasePersonalData(d, caller, pathParam(e, 'code'), jsonBody(e));
      return json(200, team, { etag: String(team.version) });
    }),
    'PUT /api/recipients/{scope}': signed(async (d, caller, e) => {
      return json(200, await (await recipients()).setRecipients(d, caller, pathParam(e, 'scope'), jsonBody(e)));
    }),
    'POST /api/counties/{code}/imports': signed(async (d, caller, e) => {
      // Who may write is settled before a byte of the upload is read.
      assertCanWrite(caller.scope, checkCountyCode(pathParam(e, 'code'), rootArea(d).code));
      const { dryRun, format, query } = writeQuery(e);
      const [{ uploadedFile }, { importTeams, MAX_IMPORT_BYTES }] = await Promise.all([uploads(), imports()]);
      const upload = await uploadedFile(e, MAX_IMPORT_BYTES);
      // A dry run's checked copy: the clerk's rows with the result beside each (nothing stored).
      if (format === 'xlsx') {
        const countyCode = pathParam(e, 'code');
        const lang = langOf(header(e, 'accept-language'));
        const checked = await (await importChecks()).importCheckFile(d, caller, { countyCode, bytes: upload.bytes, lang });
        return file(checked.file, 'xlsx', checked.fileName);
      }
      const result = await importTeams(d, caller, {
        countyCode: pathParam(e, 'code'),
        bytes: upload.bytes,
        dryRun,
        idempotencyKey: header(e, 'idempotency-key') ?? null,
        baseVersions: upload.fields.baseVersions === undefined ? undefined : jsonField(upload.fields.baseVersions, 'baseVersions'),
        confirmDrops: confirmDropsOf(query.confirmDrops),
      });
      return json(200, result);
    }),
    'POST /api/counties/{code}/roster-imports': signed(async (d, caller, e) => {
      assertCanWrite(caller.scope, checkCountyCode(pathParam(e, 'code'), rootArea(d).code));
      const { dryRun, query } = writeQuery(e);
      const [{ uploadedFile }, { importRoster }, { MAX_IMPORT_BYTES }] = await Promise.all([uploads(), rosterImports(), imports()]);
      const upload = await uploadedFile(e, MAX_IMPORT_BYTES);
      return json(
        200,
        await importRoster(d, caller, {
          countyCode: pathParam(e, 'code'),
          bytes: upload.bytes,
          dryRun,
          idempotencyKey: header(e, 'idempotency-key') ?? null,
          confirmDrops: confirmDropsOf(query.confirmDrops),
        }),
      );
    }),
  });
}

export const handler = createWriteHandler(defaultTenancy);
