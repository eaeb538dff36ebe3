// A team's roster (队员名册): read with today's counts; a member added, ended or (once left) erased by the county's own office or the root office.
import type { RosterAnswer } from '#contract/roster.js';
import type { MembershipInput } from '#core/roster-input.js';
import type { MemberCategory } from '#core/team.js';
import { api, pathOf, useApi } from '#web/lib/api.js';

export type Roster = RosterAnswer;
export type MemberView = RosterAnswer['members'][number];

export const useRoster = (code: string) => useApi(pathOf('/api/communities/{code}/roster', { code }));

export function addMember(code: string, member: MembershipInput) {
  return api(pathOf('/api/communities/{code}/roster', { code }), { method: 'POST', json: member });
}

export function endMember(code: string, id: string, left: string) {
  return api(pathOf('/api/communities/{code}/roster/{id}/end', { code, id }), { method: 'POST', json: { left } });
}

export function correctMember(
  code: string,
  id: string,
  correction: { category: MemberCategory; insuredThrough: string | null; certifiedThrough: string | null },
) {
  return api(pathOf('/api/communities/{code}/roster/{id}/correct', { code, id }), { method: 'POST', json: correction });
}

export function resolveMember(code: string, id: string, samePerson: boolean) {
  return api(pathOf('/api/communities/{code}/roster/{id}/resolve', { code, id }), { method: 'POST', json: { samePerson } });
}

export function eraseMember(code: string, id: string, reason: string) {
  return api(pathOf('/api/communities/{code}/roster/{id}/erase', { code, id }), { method: 'POST', json: { reason } });
}
