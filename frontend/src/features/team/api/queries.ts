import type { AuditRecord, RevealRecord, TeamAnswer as StoredTeam } from '#contract/teams.js';
import type { TeamInput } from '#core/team.js';
import { api, useApi, pathOf } from '#web/lib/api.js';

export type { StoredTeam, AuditRecord, TeamInput, RevealRecord };

export const useTeam = (code: string) => useApi(pathOf('/api/communities/{code}/team', { code }));
export const useHistory = (code: string, version: number | undefined) =>
  useApi(version ? pathOf('/api/communities/{code}/team/history', { code }) : null, version);

/** The leader's full number, for a reader outside the owning county: the server writes down who asked. */
export function revealPhone(code: string, reason: string) {
  return api(pathOf('/api/communities/{code}/team/phone', { code }), { method: 'POST', json: { reason } });
}

/** Erases the leader's name and phone (the team, its verdict and the figures stay). */
export function erasePersonalData(code: string, reason: string): Promise<StoredTeam> {
  return api(pathOf('/api/communities/{code}/team/personal-data/erase', { code }), { method: 'POST', json: { reason } });
}

export function saveTeam(code: string, team: TeamInput, ifMatch: number | null): Promise<StoredTeam> {
  return api(pathOf('/api/communities/{code}/team', { code }), {
    method: 'PUT',
    json: team,
    headers: ifMatch === null ? {} : { 'if-match': String(ifMatch) },
  });
}
