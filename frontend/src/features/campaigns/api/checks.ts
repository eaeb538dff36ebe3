// An organiser's checks: a county's checklist (its sample drawn on first ask) and one community's check.
import type { Check, Checklist } from '#contract/campaigns.js';
import { api, download, pathOf } from '#web/lib/api.js';

/** The sampled communities of a county, with what was reported and what was found so far. */
export const loadChecklist = (campaign: string, county: string) =>
  api<Checklist>(pathOf('/api/campaigns/{id}/counties/{code}/checklist', { id: campaign, code: county }), { method: 'POST' });

/** Records a check (a new version over `saved`). */
export const saveCheck = (campaign: string, code: string, body: object, saved: number | null) =>
  api<Check>(pathOf('/api/campaigns/{id}/checks/{communityCode}', { id: campaign, communityCode: code }), {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: saved === null ? {} : { 'if-match': String(saved) },
  });

/** The 通报 as a spreadsheet or a printable page. */
export const downloadBulletin = (campaign: string, format: 'xlsx' | 'html') =>
  download(pathOf(format === 'xlsx' ? '/api/campaigns/{id}/bulletin.xlsx' : '/api/campaigns/{id}/bulletin.html', { id: campaign }));
