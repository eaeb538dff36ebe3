// The people behind a team's number: persons and their memberships, kept apart. A person is known by a
// keyed hash of their mobile number (去标识化: the key is the deployment's secret, so the ~10^10 numbers cannot
// be tried against it); a membership ties a person to a team for a span of days. Counts as of a date come
// from the memberships active that day, and a person on two rosters counts once. Pure.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { addMonths, type IsoDate } from './dates.js';
import { normaliseMobile } from './roster-input.js';
import { activeOn, countsFromOf, type MembershipStanding, type RosterEntry } from './roster-counts.js';
import type { MemberCategory } from './team.js';

export { activeOn, rosterCounts, type MembershipStanding, type RosterCounts } from './roster-counts.js';

/** A name as two clerks would both write it: NFKC (full-width letters), no spaces, one middle dot for 阿卜杜拉·买买提's. */
export function normaliseName(written: string): string {
  return written
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[•‧・⋅∙ㆍ]/g, '·');
}

/**
 * The current membership a member is, on a team's roster: by their person (mobile), or, without one, by
 * their name among those kept by name. The same person twice on one roster is a mistake, never a duplicate.
 */
export function sameMemberOn<M extends { person: string | null; name: string; left: IsoDate | null }>(
  held: readonly M[],
  person: string | null,
  name: string,
): M | undefined {
  return held.find(
    (m) => m.left === null && (person !== null ? m.person === person : m.person === null && normaliseName(m.name) === normaliseName(name)),
  );
}

/** A person's identity: HMAC-SHA-256 of the normalised mobile under the deployment's secret, as hex. Never the number itself. */
export function identityOf(secret: Uint8Array, mobile: string): string {
  if (secret.length < 32) throw new RangeError('the identity secret must be at least 32 bytes');
  const digits = normaliseMobile(mobile);
  if (digits === null) throw new RangeError('not a mainland mobile number');
  return bytesToHex(hmac(sha256, secret, utf8ToBytes(digits)));
}

export interface Membership {
  id: string;
  /** The team's community. */
  community: string;
  name: string;
  /** The person's identity (identityOf), null for a member with no mobile. */
  person: string | null;
  category: MemberCategory;
  joined: IsoDate;
  /** The day they left (not active from that day on), or null. */
  left: IsoDate | null;
  insuredThrough: IsoDate | null;
  /** The last day the member's certificate is valid (absent or null: none recorded). */
  certifiedThrough?: IsoDate | null;
  /** The member's role on the team (队长、副队长 …), as the county words it; absent or null: a member. */
  role?: string | null;
  /**
   * Whether it counts toward its team: `counts` (the first recorded for the person, or the only one),
   * `duplicate` (重复在册: the same person counts on another roster), `suspected` (疑似重复: the same phone under
   * another name; counted on both until a county resolves it), `unchecked` (未查重: no mobile, kept by name and counted),
   * `distinct` (a 疑似重复 the county found to be another person sharing the phone: counted).
   */
  standing: MembershipStanding;
  /** The first day it counts (core/roster-counts.ts); absent on records written before the field. */
  countsFrom?: IsoDate | null;
  /** When the member's name and phone were erased (on request, or by the retention job): the name is blank since. */
  erasedAt?: string;
}

/** What the team's record keeps of a membership for its verdict: no name, no phone. */
export const rosterEntry = (m: Membership): RosterEntry => ({
  category: m.category,
  joined: m.joined,
  left: m.left,
  insuredThrough: m.insuredThrough,
  ...(m.certifiedThrough ? { certifiedThrough: m.certifiedThrough } : {}),
  standing: m.standing,
  countsFrom: countsFromOf(m),
});

/** What one person's identity item records: the name first recorded under the phone and the membership that counts. */
export interface IdentityClaim {
  name: string;
  counting: { membership: string; community: string } | null;
}

/**
 * How a new membership stands against the identity item already there (null: the phone is new). The same
 * name is the same person: the membership already counting keeps counting, and the new one is a duplicate.
 * Another name under the same phone may be a family's phone or a recycled number: suspected, counted on both.
 */
export function standingOf(claim: IdentityClaim | null, name: string, person: string | null): MembershipStanding {
  if (person === null) return 'unchecked';
  if (!claim?.counting) return 'counts';
  return normaliseName(claim.name) === normaliseName(name) ? 'duplicate' : 'suspected';
}

/**
 * A new membership recorded against the identity item (null: none yet): how it stands, the day it counts from
 * (the day it joined; never, for a duplicate), and the item as it is written back.
 */
export function recordMembership(
  claim: IdentityClaim | null,
  m: Pick<Membership, 'id' | 'community' | 'name' | 'person' | 'joined'>,
): { standing: MembershipStanding; countsFrom: IsoDate | null; claim: IdentityClaim | null } {
  const standing = standingOf(claim, m.name, m.person);
  const countsFrom = standing === 'duplicate' ? null : m.joined;
  if (standing !== 'counts') return { standing, countsFrom, claim };
  // No one counts for the phone now: the one recorded is the person it stands for (a number given up and
  // given to another is theirs from now on), and their name is the one a later membership is compared with.
  return { standing, countsFrom, claim: { name: m.name, counting: { membership: m.id, community: m.community } } };
}

/**
 * A membership ended, the hand-over made on `date` (today): when it was the one counting, the count passes on
 * (handOver) and the identity item names the one that counts now (none: nobody counts until the person joins
 * again). `promoted` is the membership that counts from now on, or null.
 */
export function endMembership(
  claim: IdentityClaim,
  ended: Membership,
  others: readonly Membership[],
  date: IsoDate,
): { claim: IdentityClaim; promoted: Membership | null } {
  if (claim.counting?.membership !== ended.id) return { claim, promoted: null };
  const next = handOver(ended, others, date);
  return {
    claim: { name: claim.name, counting: next ? { membership: next.id, community: next.community } : null },
    // It counts from the day of the hand-over: before it, the person counted on the roster they left.
    promoted: next ? { ...next, standing: 'counts', countsFrom: date } : null,
  };
}

/**
 * When the counting membership of a person ends, the count passes to the earliest-joined other membership
 * of the same person and name active on `date`, the day the hand-over is made (today: an end may be dated
 * back, and a membership that has left since, or that joined after that past day, is judged as it is now);
 * ties by id. Null when none is left.
 */
export function handOver(ended: Membership, others: readonly Membership[], date: IsoDate): Membership | null {
  const next = others
    .filter((m) => m.id !== ended.id && m.person === ended.person && m.standing === 'duplicate' && activeOn(m, date))
    .sort((a, b) => a.joined.localeCompare(b.joined) || a.id.localeCompare(b.id));
  return next[0] ?? null;
}

/**
 * Years after a member left that the retention job erases their name and phone (PIPL Art. 47): the year's
 * 督导检查 of the year they left, and the next year's, may still ask who was on the roster (docs/data-model.md).
 */
export const ERASE_DEPARTED_AFTER_YEARS = 2;

/** On `today`, memberships that ended before this day have their name and phone erased. */
export const departedCutoff = (today: IsoDate): IsoDate => addMonths(today, -12 * ERASE_DEPARTED_AFTER_YEARS);

/** Whether the retention job erases a membership on `today`: it ended before the cutoff, and is not erased yet. */
export const dueForErasure = (m: Pick<Membership, 'left' | 'erasedAt'>, today: IsoDate): boolean =>
  m.left !== null && m.left < departedCutoff(today) && !m.erasedAt;

/**
 * A person's identity item once one of their memberships is erased: without it, and with a name the
 * remaining memberships still hold (the name first recorded, unless it was only the erased one's); null when
 * it was the person's last membership (the item goes: nothing ties the hash to anyone any more).
 */
export function withoutMembership<M extends { id: string; name: string }>(
  claim: IdentityClaim,
  memberships: readonly M[],
  id: string,
): { claim: IdentityClaim; memberships: M[] } | null {
  const left = memberships.filter((m) => m.id !== id);
  if (!left.length) return null;
  const keeps = left.some((m) => normaliseName(m.name) === normaliseName(claim.name));
  return { claim: { ...claim, name: keeps ? claim.name : left[0].name }, memberships: left };
}

/**
 * A 疑似重复 resolved by its county (the same phone under another name): the same person, it is 重复在册 from
 * now on and counts on the roster recorded first only, or, when no membership counts for the phone any more,
 * it is the one that counts (and the identity item names it); another person sharing the phone, it is
 * `distinct` and keeps counting. Null for a membership that is not an unresolved suspected one on the team today.
 */
export function resolveSuspected(
  m: Pick<Membership, 'id' | 'community' | 'name' | 'standing' | 'left' | 'joined'> & { countsFrom?: IsoDate | null },
  samePerson: boolean,
  claim: IdentityClaim,
): { standing: MembershipStanding; countsFrom: IsoDate | null; claim: IdentityClaim } | null {
  if (m.standing !== 'suspected' || m.left !== null) return null;
  if (!samePerson) return { standing: 'distinct', countsFrom: countsFromOf(m), claim };
  if (claim.counting) return { standing: 'duplicate', countsFrom: null, claim };
  return {
    standing: 'counts',
    countsFrom: countsFromOf(m),
    claim: { name: m.name, counting: { membership: m.id, community: m.community } },
  };
}
