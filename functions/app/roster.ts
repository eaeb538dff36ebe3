// A team's roster (队员名册): the county lists, adds and ends its members; each person counts once across
// the programme's rosters (core/roster.ts), known by a keyed hash of their mobile. Phones in full only for
// the county's own office, as leaders' phones are; another county learns of a duplicate by its community only.
// The people's messages (core/messages/zh-CN-people.ts): this module speaks them.
import '#core/messages/zh-CN-people.js';
import { AlreadyThereError, ConflictError, NotFoundError, ValidationError } from '#core/errors.js';
import { message, noteOf, type Message } from '#core/messages/index.js';
import { maskPhone } from '#core/personal.js';
import {
  departedCutoff,
  dueForErasure,
  ERASE_DEPARTED_AFTER_YEARS,
  identityOf,
  sameMemberOn,
  rosterCounts,
  type Membership,
} from '#core/roster.js';
import {
  MEMBERSHIP_LABELS,
  membershipCorrectionShape,
  membershipEndShape,
  membershipInputShape,
  membershipResolveShape,
} from '#core/roster-input.js';
import { byRosterOrder } from '#core/roster-counts.js';
// a membership id as the API hands them out (a UUID): anything else is no membership, and is not repeated back
import { MEMBERSHIP_ID } from '#core/practices.js';
import { assertCanRead, assertCanWrite, checkCommunityCode, countyOfCommunity, formatScope } from '#core/scope.js';
import type { RosterAnswer } from '#contract/roster.js';
import { reasonBody } from '#contract/bodies.js';
import type { Rejudge, StoredMembership } from '#store/roster.js';
import type { Caller } from './caller.js';
import { rootArea, today, type Deps } from './deps.js';
import { bodyOf, plainTextOf } from './input.js';
import { nextTeam, ownsCommunity } from './teams.js';

type MembershipView = RosterAnswer['members'][number];

const REASON = { zh: '原因', en: 'The reason' };

const labelOf = (path: string) => MEMBERSHIP_LABELS[path.split('.')[0]] ?? path;

/** A 400 about one field: the same message for the answer and beside the field. */
const refusal = (field: string, why: Message) => new ValidationError(why, [{ field, message: why }]);

/** A community of the programme the caller may read, or write. */
function communityOf(deps: Deps, caller: Caller, communityCode: string, write: boolean): string {
  checkCommunityCode(communityCode, rootArea(deps).code);
  const county = countyOfCommunity(communityCode);
  if (write) assertCanWrite(caller.scope, county);
  else assertCanRead(caller.scope, county);
  return communityCode;
}

/**
 * ...with a team registered (a roster is a team's): one that counts to add to; any, closed or outside the
 * scope, to read or to end a membership (a person counting on a closed team must be able to leave it).
 */
async function teamCommunity(deps: Deps, communityCode: string, adding = false): Promise<string> {
  const team = await deps.store.getTeam(communityCode);
  if (!team || (adding && team.excluded)) throw new NotFoundError(message('team.none', { community: communityCode }));
  return communityCode;
}

async function viewsOf(deps: Deps, caller: Caller, list: StoredMembership[]): Promise<MembershipView[]> {
  // The other team a duplicate counts for, once per person, and its community's name, once per county.
  const elsewhere = new Map<string, string | null>();
  for (const m of list)
    if (m.standing === 'duplicate' && m.person && !elsewhere.has(m.person))
      elsewhere.set(m.person, await deps.store.countingCommunity(m.person));
  const names = new Map<string, string>();
  for (const county of new Set([...elsewhere.values()].flatMap((c) => (c ? [countyOfCommunity(c)] : []))))
    for (const [code, name] of (await deps.store.getRegistry(county))?.communities ?? []) names.set(code, name);
  return list.map((m) => {
    const countsIn = m.standing === 'duplicate' && m.person ? (elsewhere.get(m.person) ?? null) : null;
    return {
      id: m.id,
      name: m.name,
      mobile: m.mobile === null ? null : ownsCommunity(deps, caller, m.community) ? m.mobile : maskPhone(m.mobile),
      category: m.category,
      joined: m.joined,
      left: m.left,
      insuredThrough: m.insuredThrough,
      certifiedThrough: m.certifiedThrough ?? null,
      role: m.role ?? null,
      standing: m.standing,
      countsIn,
      countsInName: countsIn ? (names.get(countsIn) ?? null) : null,
      ...(m.erasedAt ? { erasedAt: m.erasedAt } : {}),
    };
  });
}

/** A community's name in its county's registry (null when the registry no longer lists it). */
async function communityName(deps: Deps, communityCode: string): Promise<string | null> {
  const registry = await deps.store.getRegistry(countyOfCommunity(communityCode));
  return registry?.communities.find(([code]) => code === communityCode)?.[1] ?? null;
}

/** The roster as it stands: members on the team first (by the day they joined), then those who left. */
export async function getRoster(deps: Deps, caller: Caller, communityCode: string): Promise<RosterAnswer> {
  const community = await teamCommunity(deps, communityOf(deps, caller, communityCode, false));
  const list = await deps.store.listRoster(community);
  const asOf = today(deps.clock);
  list.sort(byRosterOrder);
  return { community, asOf, counts: rosterCounts(list as Membership[], asOf), members: await viewsOf(deps, caller, list) };
}

/** The identity key, or a clear failure where the deployment has none. */
export async function identityKey(deps: Deps): Promise<Uint8Array> {
  if (!deps.identityKey) throw new Error('no identity key: set IDENTITY_SECRET_ARN (AWS) or IDENTITY_KEY_FILE (local)');
  return deps.identityKey();
}

/**
 * How a membership write judges its team again: the county's own roster change as the caller's write, a count
 * handed over from another community's roster as the system's, with a note naming that community.
 */
export function rejudgeFor(deps: Deps, caller: Caller, from: string, source = 'roster'): Rejudge {
  return (team, entries, how) => {
    const input = { ...team.team, roster: { ...team.team.roster, ...entries } };
    if (how === 'own')
      return nextTeam(deps, team.communityCode, input, team, {
        updatedBy: `${formatScope(caller.scope)}/${caller.user}`,
        source,
        demo: team.demo,
      });
    return {
      ...nextTeam(deps, team.communityCode, input, team, { updatedBy: 'system/roster-handover', source: 'handover', demo: team.demo }),
      ...noteOf(message('note.roster.handover', { community: from, date: today(deps.clock) })),
    };
  };
}

/** Adds a member; how they stand (counted, duplicate, suspected, unchecked) is decided as the write lands. */
export async function addMember(deps: Deps, caller: Caller, communityCode: string, body: unknown): Promise<MembershipView> {
  // Who may, then what was sent, then whether there is a team: a wrong row is a 400 whatever the team.
  const allowed = communityOf(deps, caller, communityCode, true);
  const input = bodyOf(membershipInputShape, body, labelOf);
  const community = await teamCommunity(deps, allowed, true);
  const asOf = today(deps.clock);
  if (input.joined > asOf)
    throw refusal('joined', message('roster.date.future', { label: MEMBERSHIP_LABELS.joined, date: input.joined, today: asOf }));
  const person = input.mobile === null ? null : identityOf(await identityKey(deps), input.mobile);
  // The same person twice on one roster (a form sent again, a row typed twice) is a mistake, not a duplicate:
  // by their mobile, or, without one, by their name among the members kept by name.
  const again = sameMemberOn(await deps.store.listRoster(community), person, input.name);
  if (again) throw new AlreadyThereError(message('roster.member.onRoster', { name: again.name, joined: again.joined }));
  const id = globalThis.crypto.randomUUID();
  const stored = await deps.store.addMembership(
    {
      id,
      community,
      name: input.name,
      mobile: input.mobile,
      person,
      category: input.category,
      joined: input.joined,
      left: null,
      insuredThrough: input.insuredThrough,
      ...(input.certifiedThrough ? { certifiedThrough: input.certifiedThrough } : {}),
      ...(input.role ? { role: input.role } : {}),
    },
    rejudgeFor(deps, caller, community),
  );
  if (!stored) throw new ConflictError(message('roster.membership.exists', { id }), 0);
  return (await viewsOf(deps, caller, [stored]))[0];
}

/** Ends a membership on the day given; when it was the one counting, the count passes to the person's other team. */
export async function endMember(deps: Deps, caller: Caller, communityCode: string, id: string, body: unknown) {
  const allowed = communityOf(deps, caller, communityCode, true);
  const { left } = bodyOf(membershipEndShape, body, labelOf);
  const community = await teamCommunity(deps, allowed);
  const asOf = today(deps.clock);
  const current = MEMBERSHIP_ID.test(id) ? (await deps.store.listRoster(community)).find((m) => m.id === id && m.left === null) : undefined;
  if (!current) throw new NotFoundError(message('roster.membership.none', { id: MEMBERSHIP_ID.test(id) ? id : '—', community }));
  if (left < current.joined) throw refusal('left', message('roster.left.beforeJoined', { left, joined: current.joined }));
  if (left > asOf) throw refusal('left', message('roster.date.future', { label: MEMBERSHIP_LABELS.left, date: left, today: asOf }));
  const ended = await deps.store.endMembership(community, id, left, asOf, rejudgeFor(deps, caller, community));
  if (!ended) throw new NotFoundError(message('roster.membership.none', { id, community }));
  const [view] = await viewsOf(deps, caller, [{ ...current, left }]);
  const handedTo = ended.promoted?.community ?? null;
  return { ended: view, handedTo, handedToName: handedTo ? await communityName(deps, handedTo) : null };
}

/** Corrects a current member's category or insured-through date (the yearly renewal): how they count stays. */
export async function correctMember(deps: Deps, caller: Caller, communityCode: string, id: string, body: unknown) {
  const allowed = communityOf(deps, caller, communityCode, true);
  const changes = bodyOf(membershipCorrectionShape, body, labelOf);
  const community = await teamCommunity(deps, allowed);
  const current = MEMBERSHIP_ID.test(id) ? (await deps.store.listRoster(community)).find((m) => m.id === id && m.left === null) : undefined;
  if (!current) throw new NotFoundError(message('roster.membership.none', { id: MEMBERSHIP_ID.test(id) ? id : '—', community }));
  if (changes.insuredThrough && changes.insuredThrough < current.joined)
    throw refusal('insuredThrough', message('roster.insured.beforeJoined'));
  const corrected = await deps.store.correctMembership(
    community,
    id,
    {
      ...(changes.category ? { category: changes.category } : {}),
      ...(changes.insuredThrough !== undefined ? { insuredThrough: changes.insuredThrough } : {}),
      ...(changes.certifiedThrough !== undefined ? { certifiedThrough: changes.certifiedThrough } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
    },
    rejudgeFor(deps, caller, community),
  );
  // ended between the read and the write: as the next read would say
  if (!corrected) throw new NotFoundError(message('roster.membership.none', { id, community }));
  return (await viewsOf(deps, caller, [corrected]))[0];
}

/**
 * Resolves a 疑似重复 (the same phone under another name) as the county found it: the same person no longer
 * counts here (重复在册, counted on the roster recorded first); another person sharing the phone keeps counting.
 */
export async function resolveMember(deps: Deps, caller: Caller, communityCode: string, id: string, body: unknown) {
  const allowed = communityOf(deps, caller, communityCode, true);
  const { samePerson } = bodyOf(membershipResolveShape, body, labelOf);
  const community = await teamCommunity(deps, allowed);
  const current = MEMBERSHIP_ID.test(id) ? (await deps.store.listRoster(community)).find((m) => m.id === id) : undefined;
  if (!current) throw new NotFoundError(message('roster.membership.none', { id: MEMBERSHIP_ID.test(id) ? id : '—', community }));
  if (current.standing !== 'suspected' || current.left !== null || current.person === null)
    throw new AlreadyThereError(message('roster.resolve.none'));
  const resolved = await deps.store.resolveMembership(community, id, samePerson, rejudgeFor(deps, caller, community));
  // resolved, ended or erased by another request between the read and the write
  if (!resolved) throw new AlreadyThereError(message('roster.resolve.none'));
  return (await viewsOf(deps, caller, [resolved]))[0];
}

/**
 * Erases a departed member's name and phone on request (个人信息删除), with the reason: the membership keeps its
 * category and days, so every count stays; the team's history records the erasure and the reason, never the
 * values. A member still on the team must leave first.
 */
export async function eraseMember(deps: Deps, caller: Caller, communityCode: string, id: string, body: unknown) {
  const allowed = communityOf(deps, caller, communityCode, true);
  // the reason is free text kept in the history: the one input policy for text, as a leader's erasure has it
  const reason = plainTextOf(
    bodyOf(reasonBody, body, () => REASON),
    'reason',
    REASON,
    true,
  );
  const community = await teamCommunity(deps, allowed);
  const current = MEMBERSHIP_ID.test(id) ? (await deps.store.listRoster(community)).find((m) => m.id === id) : undefined;
  if (!current) throw new NotFoundError(message('roster.membership.none', { id: MEMBERSHIP_ID.test(id) ? id : '—', community }));
  if (current.erasedAt) throw new AlreadyThereError(message('roster.erase.already', { at: current.erasedAt }));
  if (current.left === null) throw new ValidationError(message('roster.erase.active', { name: current.name }));
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  const erased = await eraseWith(deps, community, id, by, message('note.roster.erased', { reason }));
  // erased (or ended again) between the read and the write: as the next read would say
  if (!erased) throw new AlreadyThereError(message('roster.erase.already', { at: deps.clock.now().toISOString() }));
  return (await viewsOf(deps, caller, [erased]))[0];
}

/** One erasure through the one write path: the team's version says who and why (the audit record holds no value). */
function eraseWith(deps: Deps, community: string, id: string, by: string, why: Message) {
  const at = deps.clock.now().toISOString();
  return deps.store.eraseMembership(community, id, at, (team) => ({
    ...nextTeam(deps, team.communityCode, team.team, team, { updatedBy: by, source: 'erasure', demo: team.demo }),
    verdict: team.verdict,
    ...noteOf(why),
  }));
}

/**
 * The retention job's step: every membership that ended more than ERASE_DEPARTED_AFTER_YEARS ago has its name
 * and phone erased (PIPL Art. 47), county by county. Idempotent: an erased one is not found again.
 */
export async function eraseDepartedMembers(deps: Deps): Promise<{ erased: number }> {
  const asOf = today(deps.clock);
  let erased = 0;
  for (const { code } of await deps.store.listAggregates()) {
    for (const m of await deps.store.listDeparted(code, departedCutoff(asOf))) {
      if (!dueForErasure(m, asOf)) continue;
      const why = message('note.roster.erasedRetention', { years: ERASE_DEPARTED_AFTER_YEARS });
      if (await eraseWith(deps, m.community, m.id, 'system/roster-retention', why)) erased++;
    }
  }
  return { erased };
}
