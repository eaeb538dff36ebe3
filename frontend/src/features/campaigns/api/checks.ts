// An organiser's checks: a county's checklist (its sample drawn on first ask) and one community's check.
import type { Check, Checklist } from '#contract/campaigns.js';
import { api, download } from '#web/lib/api.js';

/** The sampled communities of a county, with what was reported and what was found so far. */
export const loadChecklist = (campaign: string, county: string) =>
  api<Checklist>(`/api/campaigns/${campaign}/counties/${county}/checklist`, { method: 'POST' });

/** Records a check (a new version over `saved`). */
export const saveCheck = (campaign: string, code: string, body: object, saved: number | null) =>
  api<Check>(`/api/campaigns/${campaign}/checks/${code}`, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: saved === null ? {} : { 'if-match': String(saved) },
  });

/** The 通报 as a spreadsheet or a printable page. */
export const downloadBulletin = (campaign: string, format: 'xlsx' | 'html') => download(`/api/campaigns/${campaign}/bulletin.${format}`);
