// Simulated rosters (模拟) for the demo's teams in a few counties: one named member for each member the team
// typed, so a team's verdict is the same judged by its roster as by its counts, plus what a real roster
// holds beside them: members who have left, persons also on a neighbouring team's roster (重复在册), and a
// phone shared under another name (疑似重复). Names are marked 模拟; mobiles are in 154, a block of the
// numbering plan no operator holds. Pure: same teams and date, same rosters.
import { createHash } from 'node:crypto';
import type { IsoDate } from '#core/dates.js';
import { recordMembership, rosterEntry, type IdentityClaim, type Membership } from '#core/roster.js';
import type { Roster } from '#core/roster-counts.js';
import { MEMBER_CATEGORY_IDS, type TeamInput } from '#core/team.js';
import type { StoredMembership } from '#store/roster.js';
import { addDays } from '#core/dates.js';
import { demoMobile, demoName, random } from './demo.js';

/** Share of a roster county's teams that keep a roster (the others stay on typed counts, 自报人数（无名册）). */
const WITH_ROSTER = 0.75;

/** Townships of the largest county whose teams keep rosters: enough to show, few enough that `npm start` stays quick. */
const LARGEST_TOWNSHIPS = 3;

/**
 * Which communities' demo teams may keep rosters: every one of the programme's first county by code, and those
 * of the first townships of its largest (in Guangxi, 兴宁区 and three towns of 桂平市); a one-county
 * programme's every community. Null: none of the county's.
 */
export function rosterScope(
  registries: readonly { code: string; communities: readonly (readonly [string, ...unknown[]])[] }[],
): Map<string, (communityCode: string) => boolean> {
  const scope = new Map<string, (communityCode: string) => boolean>();
  if (!registries.length) return scope;
  const first = [...registries].sort((a, b) => a.code.localeCompare(b.code))[0];
  const largest = registries.reduce((a, b) => (b.communities.length > a.communities.length ? b : a));
  const towns = new Set([...new Set(largest.communities.map(([code]) => code.slice(0, 9)))].sort().slice(0, LARGEST_TOWNSHIPS));
  scope.set(largest.code, (code) => towns.has(code.slice(0, 9)));
  scope.set(first.code, () => true);
  return scope;
}

/** A membership before its standing is decided: identity (`person`) given by the caller's key. */
export type DemoMembership = Omit<StoredMembership, 'standing' | 'countsFrom'>;

/**
 * The memberships of a county's demo teams, in the order they are recorded. A team renewed this month (written
 * twice by the seed) keeps its typed counts, as do a quarter of the others.
 */
export function demoRosters(
  teams: readonly { communityCode: string; team: TeamInput; renewedThisMonth: boolean }[],
  today: IsoDate,
  personOf: (mobile: string) => string,
): DemoMembership[] {
  const out: DemoMembership[] = [];
  const shown = { duplicate: false, suspected: false };
  const kept = teams.filter((t) => !t.renewedThisMonth && random(`roster:${t.communityCode}`)() < WITH_ROSTER);
  for (const [i, { communityCode, team }] of kept.entries()) {
    const rnd = random(`roster-members:${communityCode}`);
    const member = (category: Membership['category'], n: number, over: Partial<DemoMembership> = {}): DemoMembership => {
      const mobile = rnd() < 0.04 ? null : demoMobile(rnd()); // a few kept by name only (未查重)
      return {
        ...idOf(communityCode, n),
        name: `${demoName(rnd)}（模拟）`,
        mobile,
        person: mobile === null ? null : personOf(mobile),
        category,
        joined: team.establishedOn,
        left: null,
        insuredThrough: team.insuranceExpiresOn,
        ...over,
      };
    };
    let n = 0;
    for (const category of MEMBER_CATEGORY_IDS) for (let k = 0; k < team.members[category]; k++) out.push(member(category, n++));
    // One in five teams: a member who left some months ago (on the record, not counted), when the team is old enough.
    const left = addDays(today, -30 - Math.floor(rnd() * 300));
    if (rnd() < 0.2 && left > team.establishedOn) out.push(member('volunteers', n++, { left }));
    // One in eight: a member of the previous team's roster joins this one too, under the same name (重复在册),
    // or, one in sixteen, another name under a member's phone (疑似重复: a family's phone).
    const previous = i > 0 ? out.find((m) => m.community === kept[i - 1].communityCode && m.mobile !== null && m.left === null) : undefined;
    // Only on a team well above the standard's count: a roster's extra member never turns the team's verdict.
    // The county's first such teams show one of each; the others, at random.
    const roomy = previous && MEMBER_CATEGORY_IDS.reduce((sum, c) => sum + team.members[c], 0) > 21;
    const r = rnd();
    const twin =
      roomy &&
      (!shown.duplicate ? 'duplicate' : !shown.suspected ? 'suspected' : r < 0.125 ? 'duplicate' : r < 0.1875 ? 'suspected' : null);
    if (twin) shown[twin] = true;
    if (twin === 'duplicate') out.push({ ...previous!, ...idOf(communityCode, n++), joined: later(team.establishedOn, previous!.joined) });
    else if (twin === 'suspected')
      out.push({
        ...member('volunteers', n++),
        mobile: previous!.mobile,
        person: previous!.person,
        joined: later(team.establishedOn, previous!.joined),
      });
  }
  return out;
}

/** A membership id as the API hands them out (UUID-shaped), derived from the community and the member's place: the same on every seed. */
const idOf = (communityCode: string, n: number) => {
  const h = createHash('sha256').update(`demo-member:${communityCode}:${n}`).digest('hex');
  return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`, community: communityCode };
};
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

/**
 * The standings, decided as the live write path decides them (core/roster.ts recordMembership, in order), the
 * identity items, and each team's roster entries for its verdict.
 */
export function settle(memberships: readonly DemoMembership[]): {
  memberships: StoredMembership[];
  identities: Map<string, IdentityClaim>;
  rosters: Map<string, Roster>;
} {
  const identities = new Map<string, IdentityClaim>();
  const rosters = new Map<string, Roster>();
  const settled = memberships.map((m): StoredMembership => {
    const claim = m.person === null ? null : (identities.get(m.person) ?? null);
    const { standing, countsFrom, claim: next } = recordMembership(claim, m);
    if (m.person !== null && next) identities.set(m.person, next);
    const stored: StoredMembership = { ...m, standing, countsFrom };
    rosters.set(m.community, { ...rosters.get(m.community), [m.id]: rosterEntry(stored) });
    return stored;
  });
  return { memberships: settled, identities, rosters };
}
