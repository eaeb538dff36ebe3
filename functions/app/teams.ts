// Use cases that write teams: a form submission through the one transactional write path.
import { parseTeamInput, type TeamInput } from '#core/team.js';
import { membersFrom, membersOn, typedPart, withRosterOf, type JudgedTeam, type Roster } from '#core/roster-counts.js';
import type { ActivityLog } from '#core/practices.js';
import { dateLimits, evaluate } from '#core/rules.js';
import { standardFields } from '#core/standard.js';
import { ConflictError, NotFoundError, TooManyRequestsError } from '#core/errors.js';
import { maskLeader, maskPhone, revealHour, REVEALS_PER_HOUR } from '#core/personal.js';
import { shanghaiTime } from '#core/dates.js';
import { assertCanRead, assertCanWrite, checkCommunityCode, countyOfCommunity, formatScope, ownsCounty } from '#core/scope.js';
import type { StoredTeam } from '#store/store.js';
import type { Caller } from './caller.js';
import { BUSINESS_METRICS, inForce, METRICS, today, type Deps, rootArea } from './deps.js';
import { bodyOf, plainTextOf } from './input.js';
import { reasonBody } from '#contract/bodies.js';
import type { HistoryAnswer, TeamAnswer } from '#contract/teams.js';
import { message, noteOf } from '#core/messages/index.js';

/** The community's registry entry: whether the programme counts it (a team there is stored as not counting when not). */
async function assertRegistered(deps: Deps, communityCode: string): Promise<{ inScope: boolean }> {
  const registry = await deps.store.getRegistry(countyOfCommunity(communityCode));
  if (!registry?.communities.some(([code]) => code === communityCode)) {
    throw new NotFoundError(message('community.unknown', { community: communityCode }));
  }
  return { inScope: !registry.outOfScope?.[communityCode] };
}

/**
 * A team as a caller may see it: what the county typed (the leader's phone in full only for the owning county),
 * and beside it the roster's entries and the log's practices (no name, no phone) that its verdict reads, so a form judges as
 * the server does.
 */
export type TeamView = Omit<StoredTeam, 'team'> & {
  team: TeamInput;
  roster?: Roster;
  log?: ActivityLog;
  membersFrom: 'roster' | 'typed';
  phoneMasked?: true;
};

/** The county's own office: the county's scope, or the root office of a programme that is the county itself (龙泉市's). */
export const ownsCommunity = (deps: Deps, caller: Caller, communityCode: string) =>
  ownsCounty(caller.scope, countyOfCommunity(communityCode), rootArea(deps).code);

export function viewFor(deps: Deps, caller: Caller, stored: StoredTeam): TeamView {
  const view = {
    ...stored,
    team: typedPart(stored.team),
    ...(stored.team.roster ? { roster: stored.team.roster } : {}),
    ...(stored.team.log ? { log: stored.team.log } : {}),
    membersFrom: membersFrom(stored.team),
  };
  if (ownsCommunity(deps, caller, stored.communityCode)) return view;
  return { ...view, team: { ...view.team, leader: maskLeader(view.team.leader) }, phoneMasked: true };
}

async function readableTeam(deps: Deps, caller: Caller, communityCode: string): Promise<StoredTeam> {
  checkCommunityCode(communityCode, rootArea(deps).code);
  assertCanRead(caller.scope, countyOfCommunity(communityCode));
  const team = await deps.store.getTeam(communityCode);
  if (!team) throw new NotFoundError(message('team.none', { community: communityCode }));
  return team;
}

/** The team as the caller may see it, with its open 核查发现问题 (a supervision check found it differs from what was reported). */
export async function getTeam(deps: Deps, caller: Caller, communityCode: string): Promise<TeamAnswer> {
  const [team, finding] = await Promise.all([readableTeam(deps, caller, communityCode), deps.store.getFinding(communityCode)]);
  return { ...viewFor(deps, caller, team), ...(finding ? { finding } : {}) };
}

const REASON = { zh: '原因', en: 'The reason' };
const reasonOf = (body: unknown, required: boolean) => plainTextOf(body, 'reason', REASON, required);

/**
 * The leader's full phone number for a reader outside the owning county (the province, the
 * county's city): an explicit action with its reason, written down with who and when, and at most
 * REVEALS_PER_HOUR a caller a clock hour (the checklist of a campaign is counted apart: not here).
 */
export async function revealPhone(deps: Deps, caller: Caller, communityCode: string, body: unknown) {
  // The body first, as on every route: a wrong one is named whatever the team.
  const reason = reasonOf(
    bodyOf(reasonBody, body, () => REASON),
    true,
  );
  const team = await readableTeam(deps, caller, communityCode);
  // An erased leader has no number to show: nothing is revealed, counted or recorded.
  if (!team.team.leader.phone) throw new NotFoundError(message('phone.erased', { community: communityCode }));
  const now = deps.clock.now();
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  const { hour, nextHour, retryAfterSeconds } = revealHour(now);
  const taken = await deps.store.takeReveal(by, hour, REVEALS_PER_HOUR, now.toISOString());
  if (taken === null) {
    throw new TooManyRequestsError(
      message('phone.reveal.limit', { limit: REVEALS_PER_HOUR, retryAt: shanghaiTime(nextHour) }),
      retryAfterSeconds,
    );
  }
  // Once per caller-hour, at the reveal that reaches the limit: a sweep, or an office that needs more.
  if (taken === REVEALS_PER_HOUR) deps.metrics?.count(METRICS.phoneRevealLimitReached, 1, { ScopeKind: caller.scope.kind });
  const at = now.toISOString();
  await deps.store.recordReveal({ communityCode, at, by, reason });
  return { communityCode, phone: team.team.leader.phone, revealedAt: at };
}

/**
 * Erases the leader's name and phone (个人信息删除): a new version with a blank leader, through the
 * one write path (the verdict and the county's counters are untouched), audited with its reason.
 * The audit trail is append-only and never held the name or phone (each change is redacted as written).
 */
export async function erasePersonalData(deps: Deps, caller: Caller, communityCode: string, body: unknown): Promise<TeamAnswer> {
  checkCommunityCode(communityCode, rootArea(deps).code);
  assertCanWrite(caller.scope, countyOfCommunity(communityCode));
  const reason = reasonOf(
    bodyOf(reasonBody, body, () => REASON),
    true,
  );
  const previous = await deps.store.getTeam(communityCode);
  if (!previous) throw new NotFoundError(message('team.none', { community: communityCode }));
  // Erased already: a second erasure would write an empty version and say nothing new.
  if (previous.erasedAt) throw new ConflictError(message('team.erased.already', { at: previous.erasedAt }), previous.version);
  const next: StoredTeam = {
    ...nextTeam(deps, communityCode, { ...previous.team, leader: { name: '', phone: '' } }, previous, {
      updatedBy: `${formatScope(caller.scope)}/${caller.user}`,
      source: 'erasure',
      demo: previous.demo,
    }),
    verdict: previous.verdict,
    ...noteOf(message('note.team.erased', { reason })),
  };
  next.erasedAt = next.updatedAt;
  await deps.store.writeTeams([{ previous, next }], next.updatedAt);
  return viewFor(deps, caller, next);
}

/** The team's audit trail, newest first: who changed what, when and how; and who saw the leader's phone (inspectors' views once their sample is public). */
export async function getTeamHistory(deps: Deps, caller: Caller, communityCode: string): Promise<HistoryAnswer> {
  checkCommunityCode(communityCode, rootArea(deps).code);
  assertCanRead(caller.scope, countyOfCommunity(communityCode));
  const [history, reveals, views] = await Promise.all([
    deps.store.listHistory(communityCode),
    deps.store.listReveals(communityCode),
    // The campaigns' module (sampling, LQAS, the registry's rules) loads with the first history read, not with every cold start.
    import('./campaigns.js').then(({ campaignViews }) => campaignViews(deps, caller, communityCode)),
  ]);
  if (history.length === 0) throw new NotFoundError(message('team.none', { community: communityCode }));
  return { communityCode, history, reveals: [...reveals, ...views].sort((a, b) => b.at.localeCompare(a.at)) };
}

/**
 * Builds the next stored state of a team: verdict as of today, version one up. A form's or a file's input
 * keeps the roster and the log held (each changes by its own writes, which pass the whole team: `whole`).
 */
export function nextTeam(
  deps: Deps,
  communityCode: string,
  input: JudgedTeam,
  previous: StoredTeam | null,
  audit: { updatedBy: string; source: string; demo?: boolean },
  whole = false,
): StoredTeam {
  const now = deps.clock.now();
  const team = whole || input.roster ? input : withRosterOf(input, previous);
  const asOf = today(deps.clock);
  return {
    communityCode,
    team,
    members: membersOn(team, asOf),
    verdict: evaluate(team, inForce(deps).ruleSet, asOf),
    version: (previous?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
    ...audit,
    // Whether it counts is the registry's to change (core/registry.ts), never a write's.
    ...(previous?.excluded ? { excluded: previous.excluded } : {}),
  };
}

/** The keys a team may name: the standard in force's, and those it already holds (the standard it was saved under defined them). */
function knownKeys(required: { path: string }[], saved: TeamInput | undefined): Set<string> {
  const held = (['checklist', 'roles', 'extra'] as const).flatMap((g) => Object.keys(saved?.[g] ?? {}).map((k) => `${g}.${k}`));
  return new Set([...required.map((f) => f.path), ...held]);
}

/**
 * Creates (no ifMatch) or updates (ifMatch = the version the clerk edited) one team.
 * Validation, scope and version are all checked before anything is written.
 */
export async function saveTeam(
  deps: Deps,
  caller: Caller,
  communityCode: string,
  body: unknown,
  ifMatch: number | null,
): Promise<TeamAnswer> {
  checkCommunityCode(communityCode, rootArea(deps).code);
  assertCanWrite(caller.scope, countyOfCommunity(communityCode));
  const stored = await deps.store.getTeam(communityCode);
  // A closed team (its community left the registry, and has come back) is no team: registering one reopens its record.
  const previous = stored?.excluded === 'closed' ? null : stored;
  // A caller who was shown the masked phone sends it back unchanged: it stands for the stored number.
  const masked = previous && !ownsCommunity(deps, caller, communityCode) ? maskPhone(previous.team.leader.phone) : null;
  const asOf = today(deps.clock);
  const ruleSet = inForce(deps).ruleSet;
  const required = standardFields(ruleSet);
  const input = parseTeamInput(body, asOf, {
    maskedPhone: masked ?? undefined,
    limits: dateLimits(ruleSet, asOf),
    required,
    knownKeys: knownKeys(required, stored?.team),
  });
  if (masked && input.leader.phone === masked) input.leader = { ...input.leader, phone: previous!.team.leader.phone };
  const { inScope } = await assertRegistered(deps, communityCode);
  if (previous && ifMatch === null) {
    throw new ConflictError(message('team.exists', { version: previous.version }), previous.version, viewFor(deps, caller, previous));
  }
  if (ifMatch !== null && previous?.version !== ifMatch) {
    throw new ConflictError(
      previous
        ? message('team.conflict', { version: previous.version, yours: ifMatch })
        : message('team.ifMatch.none', { community: communityCode }),
      previous?.version ?? null,
      previous ? viewFor(deps, caller, previous) : undefined,
    );
  }
  const next = nextTeam(deps, communityCode, input, stored, { updatedBy: `${formatScope(caller.scope)}/${caller.user}`, source: 'form' });
  if (!previous) {
    delete next.excluded;
    if (!inScope) next.excluded = 'out-of-scope';
  }
  try {
    await deps.store.writeTeams([{ next, previous: stored }], next.updatedAt);
  } catch (e) {
    // Someone saved between our read and our write: show them their team as this caller may see it.
    if (!(e instanceof ConflictError)) throw e;
    const current = await deps.store.getTeam(communityCode);
    throw new ConflictError(
      message('team.conflict', { version: current?.version ?? '—', yours: previous?.version ?? '—' }),
      current?.version ?? null,
      current ? viewFor(deps, caller, current) : undefined,
    );
  }
  deps.metrics?.count(BUSINESS_METRICS.teamWrites, 1, { Source: 'form' });
  return viewFor(deps, caller, next);
}
