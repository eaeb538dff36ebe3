// Lambda for the read routes.
import { inForce, type Tenancy } from '#app/deps.js';
import { getCounty, getTrend, listCommunities, listCounties } from '#app/reads.js';
import { getTeam, getTeamHistory } from '#app/teams.js';
import { shanghaiDate } from '#core/dates.js';
import { describeProgramme } from '#core/programme.js';
import { defaultTenancy } from '#runtime/deps.js';
import { nationWith, signedWith, file, json, jsonBody, page, pathParam, router } from './http.js';
import type { RouteKeysOf } from './contract.js';
import { formatScope } from '#core/scope.js';

// The dashboard's and the teams' routes start without the offices' tools: each of these modules
// (and the spreadsheet code behind the files) loads on its first call, so a cold start stays small.
const registryVersions = () => import('#app/registry-versions.js');
const annual = () => import('#app/annual.js');
const campaigns = () => import('#app/campaigns.js');
const standards = () => import('#app/standards.js');
const reports = () => import('#app/reports.js');
const retention = () => import('#app/retention.js');
const recipients = () => import('#app/recipients.js');
const summaries = () => import('#app/summaries.js');
const template = () => import('#app/template.js');
const exports = () => import('#app/exports.js');
const bulletin = () => import('#core/bulletin.js');
const nation = () => import('#app/nation.js');
const roster = () => import('#app/roster.js');
const activity = () => import('#app/activity.js');

export function createReadHandler(tenancy: () => Tenancy) {
  // A caller of one of the deployment's programmes, served from that programme's records: a token whose group
  // names no programme here is no caller.
  const signed = signedWith(tenancy);
  // The national office: every programme's figures, none of a programme's records.
  const nationally = nationWith(tenancy);
  // Typed by the contract: a route it lists for this handler and not served here (or the reverse) does not compile.
  return router<RouteKeysOf<'read'>>({
    // The browser takes "today" from here, so the whole tracker shares one clock (TRACKER_NOW locally).
    'GET /api/health': async () => {
      const now = tenancy().clock.now();
      return json(200, { ok: true, now: now.toISOString(), today: shanghaiDate(now) });
    },
    // The contract, public like health: built from the route table and the zod schemas on first call.
    'GET /api/openapi.json': async () =>
      json(200, (await import('./openapi.js')).openApiDocument(), { 'cache-control': 'public, max-age=300' }),
    'GET /api/programme': signed(async (d) => json(200, describeProgramme(inForce(d), d.book))),
    'GET /api/standards': signed(async (d, caller) => json(200, await (await standards()).listStandards(d, caller))),
    'GET /api/registry/versions': signed(async (d, caller) => json(200, await (await registryVersions()).listRegistryVersions(d, caller))),
    'GET /api/campaigns': signed(async (d, caller) => json(200, await (await campaigns()).listCampaigns(d, caller))),
    'GET /api/counties/{code}/discrepancies': signed(async (d, caller, e) =>
      json(200, await (await campaigns()).listDiscrepancies(d, caller, pathParam(e, 'code'))),
    ),
    'GET /api/campaigns/{id}': signed(async (d, caller, e) =>
      json(200, await (await campaigns()).getCampaign(d, caller, pathParam(e, 'id'))),
    ),
    'GET /api/campaigns/{id}/results': signed(async (d, caller, e) =>
      json(200, await (await campaigns()).getResults(d, caller, pathParam(e, 'id'))),
    ),
    'GET /api/campaigns/{id}/bulletin.xlsx': signed(async (d, caller, e) => {
      const b = await (await campaigns()).campaignBulletin(d, caller, pathParam(e, 'id'));
      const [{ toXlsx }, { BULLETIN_COLUMNS }] = await Promise.all([exports(), bulletin()]);
      return file(await toXlsx('通报', BULLETIN_COLUMNS, b.rows), 'xlsx', `${b.title}.xlsx`);
    }),
    'GET /api/campaigns/{id}/bulletin.html': signed(async (d, caller, e) =>
      page((await (await campaigns()).campaignBulletin(d, caller, pathParam(e, 'id'))).html),
    ),
    'GET /api/counties/{code}/annual/{year}': signed(async (d, caller, e) =>
      json(200, await (await annual()).getAnnual(d, caller, 'county', pathParam(e, 'code'), pathParam(e, 'year'))),
    ),
    'GET /api/cities/{code}/annual/{year}': signed(async (d, caller, e) =>
      json(200, await (await annual()).getAnnual(d, caller, 'city', pathParam(e, 'code'), pathParam(e, 'year'))),
    ),
    'GET /api/province/annual/{year}': signed(async (d, caller, e) =>
      json(200, await (await annual()).getAnnual(d, caller, 'province', '', pathParam(e, 'year'))),
    ),
    'GET /api/registry/versions/{version}/changes': signed(async (d, caller, e) =>
      json(200, await (await registryVersions()).registryVersionChanges(d, caller, pathParam(e, 'version'))),
    ),
    'GET /api/standards/{id}/{version}': signed(async (d, caller, e) =>
      json(200, await (await standards()).getStandard(d, caller, pathParam(e, 'id'), pathParam(e, 'version'))),
    ),
    // A preview only reads (every team judged twice, nothing written), so the read function serves it.
    'POST /api/standards/{id}/drafts/{n}/preview': signed(async (d, caller, e) =>
      json(
        200,
        await (await standards()).previewStandardDraft(d, caller, pathParam(e, 'id'), pathParam(e, 'n'), e.body ? jsonBody(e) : {}),
      ),
    ),
    'GET /api/counties': signed(async (d, caller, e) => json(200, await listCounties(d, caller.scope, e.queryStringParameters?.month))),
    'GET /api/trend': signed(async (d, caller, e) => json(200, await getTrend(d, caller.scope, e.queryStringParameters?.area))),
    'GET /api/nation': nationally(async (t) => json(200, await (await nation()).nationOverview(t))),
    'GET /api/nation/{programme}/counties': nationally(async (t, e) =>
      json(200, await (await nation()).nationCounties(t, pathParam(e, 'programme'), e.queryStringParameters?.month)),
    ),
    'GET /api/nation/{programme}/counties/{code}': nationally(async (t, e) =>
      json(200, await (await nation()).nationCounty(t, pathParam(e, 'programme'), pathParam(e, 'code'))),
    ),
    'GET /api/nation/{programme}/trend': nationally(async (t, e) =>
      json(200, await (await nation()).nationTrend(t, pathParam(e, 'programme'), e.queryStringParameters?.area)),
    ),
    'GET /api/retention': signed(async (d, caller, e) =>
      json(200, await (await retention()).areaRetention(d, caller.scope, e.queryStringParameters?.area)),
    ),
    'GET /api/counties/{code}/retention': signed(async (d, caller, e) =>
      json(200, await (await retention()).countyRetention(d, caller.scope, pathParam(e, 'code'))),
    ),
    'GET /api/reports/{month}': signed(async (d, caller, e) =>
      json(200, await (await reports()).areaReports(d, caller.scope, pathParam(e, 'month'))),
    ),
    'GET /api/counties/{code}/reports': signed(async (d, caller, e) =>
      json(200, await (await reports()).countyReports(d, caller.scope, pathParam(e, 'code'))),
    ),
    'GET /api/counties/{code}': signed(async (d, caller, e) => json(200, await getCounty(d, caller.scope, pathParam(e, 'code')))),
    'GET /api/counties/{code}/communities': signed(async (d, caller, e) =>
      json(200, await listCommunities(d, caller.scope, pathParam(e, 'code'))),
    ),
    'GET /api/communities/{code}/team': signed(async (d, caller, e) => {
      const team = await getTeam(d, caller, pathParam(e, 'code'));
      return json(200, team, { etag: String(team.version) });
    }),
    'GET /api/communities/{code}/roster': signed(async (d, caller, e) =>
      json(200, await (await roster()).getRoster(d, caller, pathParam(e, 'code'))),
    ),
    'GET /api/communities/{code}/events': signed(async (d, caller, e) =>
      json(200, await (await activity()).getActivity(d, caller, pathParam(e, 'code'), e.queryStringParameters?.year)),
    ),
    'GET /api/communities/{code}/team/history': signed(async (d, caller, e) =>
      json(200, await getTeamHistory(d, caller, pathParam(e, 'code'))),
    ),
    'GET /api/counties/{code}/template.xlsx': signed(async (d, caller, e) => {
      const { fileName, bytes } = await (await template()).countyTemplate(d, caller, pathParam(e, 'code'));
      return file(bytes, 'xlsx', fileName);
    }),
    'GET /api/counties/{code}/teams.xlsx': signed(async (d, caller, e) => {
      const { fileName, bytes } = await (await template()).countyTeamsFile(d, caller, pathParam(e, 'code'));
      return file(bytes, 'xlsx', fileName);
    }),
    'GET /api/recipients': signed(async (d, caller) => json(200, await (await recipients()).listRecipients(d, caller))),
    'GET /api/summaries/{month}': signed(async (d, caller, e) =>
      json(
        200,
        await (await summaries()).previewSummary(
          d,
          caller,
          pathParam(e, 'month'),
          // Without a scope, the caller's own (a county previews its county's email, not the province's).
          e.queryStringParameters?.scope ?? formatScope(caller.scope),
        ),
      ),
    ),
    'GET /api/exports/counties.csv': signed(async (d, caller, e) => {
      const data = await listCounties(d, caller.scope, e.queryStringParameters?.month);
      const { toCsv, EXPORT_COLUMNS, countyExportRows } = await exports();
      return file(toCsv(EXPORT_COLUMNS, countyExportRows(data)), 'csv', `社区响应队-县区排名-${data.month}.csv`);
    }),
    'GET /api/exports/counties.xlsx': signed(async (d, caller, e) => {
      const data = await listCounties(d, caller.scope, e.queryStringParameters?.month);
      const { toXlsx, EXPORT_COLUMNS, countyExportRows } = await exports();
      return file(await toXlsx('县区排名', EXPORT_COLUMNS, countyExportRows(data)), 'xlsx', `社区响应队-县区排名-${data.month}.xlsx`);
    }),
  });
}

export const handler = createReadHandler(defaultTenancy);
