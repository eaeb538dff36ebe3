import type { AuditRecord, HistoryAnswer, RevealRecord, TeamAnswer as StoredTeam } from '#contract/teams.js';
import type { TeamInput } from '#core/team.js';
import { api, useApi } from '#web/lib/api.js';

export type { StoredTeam, AuditRecord, TeamInput, RevealRecord };

export const useTeam = (code: string) => useApi<StoredTeam>(`/api/communities/${code}/team`);
export const useHistory = (code: string, version: number | undefined) =>
  useApi<HistoryAnswer>(version ? `/api/communities/${code}/team/history` : null, version);

/** The leader's full number, for a reader outside the owning county: the server writes down who asked. */
export function revealPhone(code: string, reason: string): Promise<{ phone: string; revealedAt: string }> {
  return api(`/api/communities/${code}/team/phone`, { method: 'POST', body: JSON.stringify({ reason }) });
}

/** Erases the leader's name and phone (the team, its verdict and the figures stay). */
export function erasePersonalData(code: string, reason: string): Promise<StoredTeam> {
  return api(`/api/communities/${code}/team/personal-data/erase`, { method: 'POST', body: JSON.stringify({ reason }) });
}

export function saveTeam(code: string, team: TeamInput, ifMatch: number | null): Promise<StoredTeam> {
  return api<StoredTeam>(`/api/communities/${code}/team`, {
    method: 'PUT',
    body: JSON.stringify(team),
    headers: ifMatch === null ? {} : { 'if-match': String(ifMatch) },
  });
}
