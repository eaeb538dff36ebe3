import type { StoredTeam, AuditRecord } from '../../../../../functions/store/store';
import type { TeamInput } from '../../../../../functions/core/team';
import { api, useApi } from '../../../lib/api';

export type { StoredTeam, AuditRecord, TeamInput };

export const useTeam = (code: string) => useApi<StoredTeam>(`/api/communities/${code}/team`);
export const useHistory = (code: string, version: number | undefined) =>
  useApi<{ history: AuditRecord[] }>(version ? `/api/communities/${code}/team/history?v=${version}` : null);

export function saveTeam(code: string, team: TeamInput, ifMatch: number | null): Promise<StoredTeam> {
  return api<StoredTeam>(`/api/communities/${code}/team`, {
    method: 'PUT', body: JSON.stringify(team), headers: ifMatch === null ? {} : { 'if-match': String(ifMatch) },
  });
}
