// Lambda for the read routes.
import { listRegistryVersions, registryVersionChanges } from '../app/registry-versions.js';
import { getAnnual } from '../app/annual.js';
import { campaignBulletin, getCampaign, getResults, listCampaigns, listDiscrepancies } from '../app/campaigns.js';
import { BULLETIN_COLUMNS } from '../core/bulletin.js';
import { inForce, ready, type Deps } from '../app/deps.js';
import { getStandard, listStandards, previewStandardDraft } from '../app/standards.js';
import { areaReports, countyReports } from '../app/reports.js';
import { areaRetention, countyRetention } from '../app/retention.js';
import { getCounty, getTrend, listCommunities, listCounties } from '../app/reads.js';
import { getTeam, getTeamHistory } from '../app/teams.js';
import { listRecipients } from '../app/recipients.js';
import { previewSummary } from '../app/summaries.js';
import { countyTeamsFile, countyTemplate } from '../app/template.js';
import { countyExportRows, EXPORT_COLUMNS, toCsv, toXlsx } from '../app/exports.js';
import { shanghaiDate } from '../core/dates.js';
import { describeProgramme } from '../core/programme.js';
import { defaultDeps } from '../runtime/deps.js';
import { callerOf, file, json, jsonBody, page, pathParam, router, type ApiEvent } from './http.js';

export function createReadHandler(deps: () => Deps) {
  return router({
    // The browser takes "today" from here, so the whole tracker shares one clock (TRACKER_NOW locally).
    'GET /api/health': async () => {
      const now = deps().clock.now();
      return json(200, { ok: true, now: now.toISOString(), today: shanghaiDate(now) });
    },
    'GET /api/programme': async (e) => {
      callerOf(e);
      const d = deps();
      return json(200, describeProgramme(inForce(d), d.book));
    },
    'GET /api/standards': async (e) => json(200, await listStandards(deps(), callerOf(e))),
    'GET /api/registry/versions': async (e) => json(200, await listRegistryVersions(deps(), callerOf(e))),
    'GET /api/campaigns': async (e) => json(200, await listCampaigns(deps(), callerOf(e))),
    'GET /api/counties/{code}/discrepancies': async (e) => json(200, await listDiscrepancies(deps(), callerOf(e), pathParam(e, 'code'))),
    'GET /api/campaigns/{id}': async (e) => json(200, await getCampaign(deps(), callerOf(e), pathParam(e, 'id'))),
    'GET /api/campaigns/{id}/results': async (e) => json(200, await getResults(deps(), callerOf(e), pathParam(e, 'id'))),
    'GET /api/campaigns/{id}/bulletin.xlsx': async (e) => {
      const b = await campaignBulletin(deps(), callerOf(e), pathParam(e, 'id'));
      return file(await toXlsx('通报', BULLETIN_COLUMNS, b.rows), 'xlsx', `${b.title}.xlsx`);
    },
    'GET /api/campaigns/{id}/bulletin.html': async (e) => page((await campaignBulletin(deps(), callerOf(e), pathParam(e, 'id'))).html),
    'GET /api/counties/{code}/annual/{year}': async (e) => json(200, await getAnnual(deps(), callerOf(e), 'county', pathParam(e, 'code'), pathParam(e, 'year'))),
    'GET /api/cities/{code}/annual/{year}': async (e) => json(200, await getAnnual(deps(), callerOf(e), 'city', pathParam(e, 'code'), pathParam(e, 'year'))),
    'GET /api/province/annual/{year}': async (e) => json(200, await getAnnual(deps(), callerOf(e), 'province', '45', pathParam(e, 'year'))),
    'GET /api/registry/versions/{version}/changes': async (e) => json(200, await registryVersionChanges(deps(), callerOf(e), pathParam(e, 'version'))),
    'GET /api/standards/{id}/{version}': async (e) => json(200, await getStandard(deps(), callerOf(e), pathParam(e, 'id'), pathParam(e, 'version'))),
    // A preview only reads (every team judged twice, nothing written), so the read function serves it.
    'POST /api/standards/{id}/drafts/{n}/preview': async (e) =>
      json(200, await previewStandardDraft(deps(), callerOf(e), pathParam(e, 'id'), pathParam(e, 'n'), e.body ? jsonBody(e) : {})),
    'GET /api/counties': async (e) => json(200, await listCounties(deps(), callerOf(e).scope, e.queryStringParameters?.month)),
    'GET /api/trend': async (e) => json(200, await getTrend(deps(), callerOf(e).scope, e.queryStringParameters?.area ?? '45')),
    'GET /api/retention': async (e) => json(200, await areaRetention(deps(), callerOf(e).scope, e.queryStringParameters?.area ?? '45')),
    'GET /api/counties/{code}/retention': async (e) => json(200, await countyRetention(deps(), callerOf(e).scope, pathParam(e, 'code'))),
    'GET /api/reports/{month}': async (e) => json(200, await areaReports(deps(), callerOf(e).scope, pathParam(e, 'month'))),
    'GET /api/counties/{code}/reports': async (e) => json(200, await countyReports(deps(), callerOf(e).scope, pathParam(e, 'code'))),
    'GET /api/counties/{code}': async (e) => json(200, await getCounty(deps(), callerOf(e).scope, pathParam(e, 'code'))),
    'GET /api/counties/{code}/communities': async (e) =>
      json(200, await listCommunities(deps(), callerOf(e).scope, pathParam(e, 'code'))),
    'GET /api/communities/{code}/team': async (e: ApiEvent) => {
      const team = await getTeam(deps(), callerOf(e), pathParam(e, 'code'));
      return json(200, team, { etag: String(team.version) });
    },
    'GET /api/communities/{code}/team/history': async (e) =>
      json(200, await getTeamHistory(deps(), callerOf(e), pathParam(e, 'code'))),
    'GET /api/counties/{code}/template.xlsx': async (e) => {
      const { fileName, bytes } = await countyTemplate(deps(), callerOf(e), pathParam(e, 'code'));
      return file(bytes, 'xlsx', fileName);
    },
    'GET /api/counties/{code}/teams.xlsx': async (e) => {
      const { fileName, bytes } = await countyTeamsFile(deps(), callerOf(e), pathParam(e, 'code'));
      return file(bytes, 'xlsx', fileName);
    },
    'GET /api/recipients': async (e) => json(200, await listRecipients(deps(), callerOf(e))),
    'GET /api/summaries/{month}': async (e) =>
      json(200, await previewSummary(deps(), callerOf(e), pathParam(e, 'month'), e.queryStringParameters?.scope ?? 'province')),
    'GET /api/exports/counties.csv': async (e) => {
      const data = await listCounties(deps(), callerOf(e).scope, e.queryStringParameters?.month);
      return file(toCsv(EXPORT_COLUMNS, countyExportRows(data)), 'csv', `社区响应队-县区排名-${data.month}.csv`);
    },
    'GET /api/exports/counties.xlsx': async (e) => {
      const data = await listCounties(deps(), callerOf(e).scope, e.queryStringParameters?.month);
      return file(await toXlsx('县区排名', EXPORT_COLUMNS, countyExportRows(data)), 'xlsx', `社区响应队-县区排名-${data.month}.xlsx`);
    },
  }, () => ready(deps()));
}

export const handler = createReadHandler(defaultDeps);
