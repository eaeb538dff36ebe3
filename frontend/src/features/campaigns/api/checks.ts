import type { BodyOf } from '#contract/operations.js';
import { api, download, pathOf, useApi } from '#web/lib/api.js';

/** A check as the contract's body takes it. */
export type CheckInput = BodyOf<'PUT /api/campaigns/{id}/checks/{communityCode}'>;

/** The sampled communities of a county, with what was reported and what was found so far. */
export const loadChecklist = (campaign: string, county: string) =>
  api(pathOf('/api/campaigns/{id}/counties/{code}/checklist', { id: campaign, code: county }), { method: 'POST' });

/** Records a check (a new version over `saved`). */
export const saveCheck = (campaign: string, code: string, body: CheckInput, saved: number | null) =>
  api(pathOf('/api/campaigns/{id}/checks/{communityCode}', { id: campaign, communityCode: code }), {
    method: 'PUT',
    json: body,
    headers: saved === null ? {} : { 'if-match': String(saved) },
  });

/** The 通报 as a spreadsheet or a printable page. */
export const downloadBulletin = (campaign: string, format: 'xlsx' | 'html') =>
  download(pathOf(format === 'xlsx' ? '/api/campaigns/{id}/bulletin.xlsx' : '/api/campaigns/{id}/bulletin.html', { id: campaign }));

/** The team's roster, for the inspector to tick off the members met (names; phones masked outside the county). */
export const useRosterToCheck = (code: string) => useApi(pathOf('/api/communities/{code}/roster', { code }));
