// Use cases that write teams: a form submission through the one transactional write path.
import { memberTotal, parseTeamInput, type TeamInput } from '../core/team.js';
import { evaluate } from '../core/rules.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { assertCanRead, assertCanWrite, checkCommunityCode, countyOfCommunity, formatScope, type Scope } from '../core/scope.js';
import type { StoredTeam } from '../store/store.js';
import { today, type Deps } from './deps.js';

export interface Caller {
  scope: Scope;
  /** The signed-in user's name or id, for the audit fields. */
  user: string;
}

async function assertRegistered(deps: Deps, communityCode: string): Promise<void> {
  const registry = await deps.store.getRegistry(countyOfCommunity(communityCode));
  if (!registry?.communities.some(([code]) => code === communityCode)) {
    throw new NotFoundError(`社区代码 ${communityCode} 不在登记名册中`);
  }
}

export async function getTeam(deps: Deps, caller: Caller, communityCode: string): Promise<StoredTeam> {
  checkCommunityCode(communityCode);
  assertCanRead(caller.scope, countyOfCommunity(communityCode));
  const team = await deps.store.getTeam(communityCode);
  if (!team) throw new NotFoundError(`社区 ${communityCode} 尚未登记响应队`);
  return team;
}

/** The team's audit trail, newest first: who changed what, when and how. */
export async function getTeamHistory(deps: Deps, caller: Caller, communityCode: string) {
  checkCommunityCode(communityCode);
  assertCanRead(caller.scope, countyOfCommunity(communityCode));
  const history = await deps.store.listHistory(communityCode);
  if (history.length === 0) throw new NotFoundError(`社区 ${communityCode} 尚未登记响应队`);
  return { communityCode, history };
}

/** Builds the next stored state of a team: verdict as of today, version one up. */
export function nextTeam(
  deps: Deps, communityCode: string, input: TeamInput, previous: StoredTeam | null,
  audit: { updatedBy: string; source: string; demo?: boolean },
): StoredTeam {
  const now = deps.clock.now();
  return {
    communityCode,
    team: input,
    members: memberTotal(input),
    verdict: evaluate(input, deps.programme.ruleSet, today(deps.clock)),
    version: (previous?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
    ...audit,
  };
}

/**
 * Creates (no ifMatch) or updates (ifMatch = the version the clerk edited) one team.
 * Validation, scope and version are all checked before anything is written.
 */
export async function saveTeam(
  deps: Deps, caller: Caller, communityCode: string, body: unknown, ifMatch: number | null,
): Promise<StoredTeam> {
  checkCommunityCode(communityCode);
  assertCanWrite(caller.scope, countyOfCommunity(communityCode));
  const input = parseTeamInput(body, today(deps.clock));
  await assertRegistered(deps, communityCode);
  const previous = await deps.store.getTeam(communityCode);
  if (previous && ifMatch === null) {
    throw new ConflictError(`社区 ${communityCode} 已有响应队（版本 ${previous.version}），修改时请带上 If-Match 版本号`, previous.version, previous);
  }
  if (ifMatch !== null && previous?.version !== ifMatch) {
    throw new ConflictError(
      previous ? `队伍已被他人修改（当前版本 ${previous.version}，你编辑的是版本 ${ifMatch}），请刷新后重试` : `社区 ${communityCode} 还没有响应队，新建时不要带 If-Match`,
      previous?.version ?? null, previous ?? undefined,
    );
  }
  const next = nextTeam(deps, communityCode, input, previous, { updatedBy: `${formatScope(caller.scope)}/${caller.user}`, source: 'form' });
  await deps.store.writeTeams([{ next, previous }], next.updatedAt);
  return next;
}
