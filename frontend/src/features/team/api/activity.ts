// A team's activity log (活动记录): read for a year with its 场次, 人次 and attendance; an event recorded or
// withdrawn by the county's own office or the root office.
import type { ActivityAnswer } from '#contract/activity.js';
import type { ActivityInput } from '#core/activity.js';
import { api, pathOf, useApi } from '#web/lib/api.js';

export type ActivityLog = ActivityAnswer;
export type EventView = ActivityAnswer['events'][number];

export const useActivity = (code: string, year: string) => useApi(pathOf('/api/communities/{code}/events', { code }, { year }));

export function recordEvent(code: string, event: Omit<ActivityInput, 'summary'> & { summary?: string }) {
  return api(pathOf('/api/communities/{code}/events', { code }), { method: 'POST', json: event });
}

export function withdrawEvent(code: string, id: string, reason: string) {
  return api(pathOf('/api/communities/{code}/events/{id}/withdraw', { code, id }), { method: 'POST', json: { reason } });
}
