// Lambda for the read routes.
import { inForce, ready, rootArea, type Deps } from '#app/deps.js';
import { getCounty, getTrend, listCommunities, listCounties } from '#app/reads.js';
import { getTeam, getTeamHistory } from '#app/teams.js';
import { shanghaiDate } from '#core/dates.js';
import { describeProgramme } from '#core/programme.js';
import { defaultDeps } from '#runtime/deps.js';
import { callerOf, file, json, jsonBody, page, pathParam, router, type ApiEvent } from './http.js';
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

export function createReadHandler(deps: () => Deps) {
  // A caller of the programme's area: a token whose group names another area is no caller here.
  const signedIn = (e: ApiEvent) => callerOf(e, rootArea(deps()).code);
  // Typed by the contract: a route it lists for this handler and not served here (or the reverse) does not compile.
  return router<RouteKeysOf<'read'>>(
    {
      // The browser takes "today" from here, so the whole tracker shares one clock (TRACKER_NOW locally).
      'GET /api/health': async () => {
        const now = deps().clock.now();
        return json(200, { ok: true, now: now.toISOString(), today: shanghaiDate(now) });
      },
      // The contract, public like health: built from the route table and the zod schemas on first call.
      'GET /api/openapi.json': async () =>
        json(200, (await import('./openapi.js')).openApiDocument(), { 'cache-control': 'public, max-age=300' }),
      'GET /api/programme': async (e) => {
        signedIn(e);
        const d = deps();
        return json(200, describeProgramme(inForce(d), d.book));
      },
      'GET /api/standards': async (e) => json(200, await (await standards()).listStandards(deps(), signedIn(e))),
      'GET /api/registry/versions': async (e) => json(200, await (await registryVersions()).listRegistryVersions(deps(), signedIn(e))),
      'GET /api/campaigns': async (e) => json(200, await (await campaigns()).listCampaigns(deps(), signedIn(e))),
      'GET /api/counties/{code}/discrepancies': async (e) =>
        json(200, await (await campaigns()).listDiscrepancies(deps(), signedIn(e), pathParam(e, 'code'))),
      'GET /api/campaigns/{id}': async (e) => json(200, await (await campaigns()).getCampaign(deps(), signedIn(e), pathParam(e, 'id'))),
      'GET /api/campaigns/{id}/results': async (e) =>
        json(200, await (await campaigns()).getResults(deps(), signedIn(e), pathParam(e, 'id'))),
      'GET /api/campaigns/{id}/bulletin.xlsx': async (e) => {
        const b = await (await campaigns()).campaignBulletin(deps(), signedIn(e), pathParam(e, 'id'));
        const [{ toXlsx }, { BULLETIN_COLUMNS }] = await Promise.all([exports(), bulletin()]);
        return file(await toXlsx('通报', BULLETIN_COLUMNS, b.rows), 'xlsx', `${b.title}.xlsx`);
      },
      'GET /api/campaigns/{id}/bulletin.html': async (e) =>
        page((await (await campaigns()).campaignBulletin(deps(), signedIn(e), pathParam(e, 'id'))).html),
      'GET /api/counties/{code}/annual/{year}': async (e) =>
        json(200, await (await annual()).getAnnual(deps(), signedIn(e), 'county', pathParam(e, 'code'), pathParam(e, 'year'))),
      'GET /api/cities/{code}/annual/{year}': async (e) =>
        json(200, await (await annual()).getAnnual(deps(), signedIn(e), 'city', pathParam(e, 'code'), pathParam(e, 'year'))),
      'GET /api/province/annual/{year}': async (e) =>
        json(200, await (await annual()).getAnnual(deps(), signedIn(e), 'province', '', pathParam(e, 'year'))),
      'GET /api/registry/versions/{version}/changes': async (e) =>
        json(200, await (await registryVersions()).registryVersionChanges(deps(), signedIn(e), pathParam(e, 'version'))),
      'GET /api/standards/{id}/{version}': async (e) =>
        json(200, await (await standards()).getStandard(deps(), signedIn(e), pathParam(e, 'id'), pathParam(e, 'version'))),
      // A preview only reads (every team judged twice, nothing written), so the read function serves it.
      'POST /api/standards/{id}/drafts/{n}/preview': async (e) =>
        json(
          200,
          await (await standards()).previewStandardDraft(
            deps(),
            signedIn(e),
            pathParam(e, 'id'),
            pathParam(e, 'n'),
            e.body ? jsonBody(e) : {},
          ),
        ),
      'GET /api/counties': async (e) => json(200, await listCounties(deps(), signedIn(e).scope, e.queryStringParameters?.month)),
      'GET /api/trend': async (e) => json(200, await getTrend(deps(), signedIn(e).scope, e.queryStringParameters?.area)),
      'GET /api/retention': async (e) =>
        json(200, await (await retention()).areaRetention(deps(), signedIn(e).scope, e.queryStringParameters?.area)),
      'GET /api/counties/{code}/retention': async (e) =>
        json(200, await (await retention()).countyRetention(deps(), signedIn(e).scope, pathParam(e, 'code'))),
      'GET /api/reports/{month}': async (e) =>
        json(200, await (await reports()).areaReports(deps(), signedIn(e).scope, pathParam(e, 'month'))),
      'GET /api/counties/{code}/reports': async (e) =>
        json(200, await (await reports()).countyReports(deps(), signedIn(e).scope, pathParam(e, 'code'))),
      'GET /api/counties/{code}': async (e) => json(200, await getCounty(deps(), signedIn(e).scope, pathParam(e, 'code'))),
      'GET /api/counties/{code}/communities': async (e) =>
        json(200, await listCommunities(deps(), signedIn(e).scope, pathParam(e, 'code'))),
      'GET /api/communities/{code}/team': async (e: ApiEvent) => {
        const team = await getTeam(deps(), signedIn(e), pathParam(e, 'code'));
        return json(200, team, { etag: String(team.version) });
      },
      'GET /api/communities/{code}/team/history': async (e) => json(200, await getTeamHistory(deps(), signedIn(e), pathParam(e, 'code'))),
      'GET /api/counties/{code}/template.xlsx': async (e) => {
        const { fileName, bytes } = await (await template()).countyTemplate(deps(), signedIn(e), pathParam(e, 'code'));
        return file(bytes, 'xlsx', fileName);
      },
      'GET /api/counties/{code}/teams.xlsx': async (e) => {
        const { fileName, bytes } = await (await template()).countyTeamsFile(deps(), signedIn(e), pathParam(e, 'code'));
        return file(bytes, 'xlsx', fileName);
      },
      'GET /api/recipients': async (e) => json(200, await (await recipients()).listRecipients(deps(), signedIn(e))),
      'GET /api/summaries/{month}': async (e) =>
        json(
          200,
          await (await summaries()).previewSummary(
            deps(),
            signedIn(e),
            pathParam(e, 'month'),
            // Without a scope, the caller's own (a county previews its county's email, not the province's).
            e.queryStringParameters?.scope ?? formatScope(signedIn(e).scope),
          ),
        ),
      'GET /api/exports/counties.csv': async (e) => {
        const data = await listCounties(deps(), signedIn(e).scope, e.queryStringParameters?.month);
        const { toCsv, EXPORT_COLUMNS, countyExportRows } = await exports();
        return file(toCsv(EXPORT_COLUMNS, countyExportRows(data)), 'csv', `社区响应队-县区排名-${data.month}.csv`);
      },
      'GET /api/exports/counties.xlsx': async (e) => {
        const data = await listCounties(deps(), signedIn(e).scope, e.queryStringParameters?.month);
        const { toXlsx, EXPORT_COLUMNS, countyExportRows } = await exports();
        return file(await toXlsx('县区排名', EXPORT_COLUMNS, countyExportRows(data)), 'xlsx', `社区响应队-县区排名-${data.month}.xlsx`);
      },
    },
    () => ready(deps()),
  );
}

export const handler = createReadHandler(defaultDeps);
