// Rosters on DynamoDB Local, through the use cases: a person on two counties' rosters counts once however
// the writes interleave; a team with a roster is judged by it (its members, its insured); and when the
// counting membership ends the count passes to the other roster, both teams judged again in one write.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { identityOf } from '#core/roster.js';
import { MEMBER_CATEGORY_IDS } from '#core/team.js';
import { keysFor } from '#store/keys.js';
import { addMember, correctMember, endMember, eraseDepartedMembers, eraseMember, getRoster, resolveMember } from '#app/roster.js';
import { getTeam, getTeamHistory, nextTeam, saveTeam } from '#app/teams.js';
import type { Caller } from '#app/caller.js';
import { fixedClock, TEST_IDENTITY_KEY, testStack } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const SECRET = TEST_IDENTITY_KEY;
const [XINGNING, QINGXIU] = ['450102', '450103'];
const clerk = (county: string): Caller => ({ scope: { kind: 'county', code: county }, user: `clerk-${county}` });
const countyOf = (community: string) => community.slice(0, 6);

describe('rosters on DynamoDB Local', () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  const clock = fixedClock('2023-06-15T04:00:00Z');
  let teams: string[];
  beforeAll(async () => {
    stack = await testStack({ counties: [XINGNING, QINGXIU], clock });
    // two teams in each county, registered as typed (24 members, insured to 2024-03-01: they meet the standard)
    teams = stack.registries.flatMap((r) => r.communities.slice(0, 2).map(([code]) => code));
    for (const code of teams) await saveTeam(stack.deps, clerk(countyOf(code)), code, goodTeam(), null);
  });

  const add = (community: string, name: string, mobile: string | null, extra: Record<string, unknown> = {}) =>
    addMember(stack.deps, clerk(countyOf(community)), community, {
      name,
      mobile,
      category: 'volunteers',
      joined: '2023-03-01',
      insuredThrough: '2023-12-31',
      ...extra,
    });
  const end = (community: string, id: string, left: string) => endMember(stack.deps, clerk(countyOf(community)), community, id, { left });
  const drift = async () => (await stack.store.reconcile()).drift;

  it('counts a person added to two counties at the same moment exactly once, 20 times over, the aggregates exact', async () => {
    const [a, b] = [teams[0], teams[2]];
    for (let round = 0; round < 20; round++) {
      const mobile = `1390000${String(round).padStart(4, '0')}`;
      const [x, y] = await Promise.all([add(a, '王小明', mobile), add(b, '王 小明', `+86 ${mobile}`)]);
      expect([x.standing, y.standing].sort(), `round ${round}`).toEqual(['counts', 'duplicate']);
    }
    // each team's count: the 20 persons once in all, each where it was recorded first; the team's members are its roster's
    const rosters = await Promise.all([a, b].map((c) => getRoster(stack.deps, clerk(countyOf(c)), c)));
    expect(rosters[0].counts.members + rosters[1].counts.members).toBe(20);
    expect(rosters[0].counts.duplicates + rosters[1].counts.duplicates).toBe(20);
    for (const [i, c] of [a, b].entries()) {
      const team = await getTeam(stack.deps, clerk(countyOf(c)), c);
      expect(team).toMatchObject({ membersFrom: 'roster', members: rosters[i].counts.members });
      expect(team.team).not.toHaveProperty('roster');
      expect(Object.keys(team.roster ?? {})).toHaveLength(20);
    }
    expect(await drift()).toEqual([]);
    // the mobile is kept with the membership only: the identity item holds the keyed hash and names, never the number
    const { Item } = await stack.doc.send(
      new GetCommand({ TableName: stack.tableName, Key: keysFor('45').identity(identityOf(SECRET, '13900000000')) }),
    );
    expect(JSON.stringify(Item)).not.toContain('13900000000');
    expect(Item?.memberships).toHaveLength(2);
  });

  it('judges a team with a roster by it: 24 typed members are 3 named ones, and fall short of 20', async () => {
    const code = teams[1];
    const before = await getTeam(stack.deps, clerk(XINGNING), code);
    expect(before).toMatchObject({ membersFrom: 'typed', members: 24 });
    expect(before.verdict.meetsStandard).toBe(true);
    await add(code, '赵丽', '13911112222');
    await add(code, '赵刚', '13911113333');
    await add(code, '钱多', null);
    const after = await getTeam(stack.deps, clerk(XINGNING), code);
    expect(after).toMatchObject({ membersFrom: 'roster', members: 3, source: 'roster', version: before.version + 3 });
    expect(after.verdict.meetsStandard).toBe(false);
    expect(after.verdict.failed.map((f) => f.ruleId)).toContain('members-min');
    // the typed counts are kept as they were (the form shows them beside the roster's)
    expect(after.team.members).toEqual(before.team.members);
    // a form save keeps the roster: the members stay the roster's
    const saved = await saveTeam(stack.deps, clerk(XINGNING), code, { ...goodTeam(), name: '新名称' }, after.version);
    expect(saved).toMatchObject({ membersFrom: 'roster', members: 3 });
    // each roster write is a version of the team in its history, by the clerk, with no name or phone in it
    const { history } = await getTeamHistory(stack.deps, clerk(XINGNING), code);
    const rosterVersions = history.filter((h) => h.source === 'roster');
    expect(rosterVersions).toHaveLength(3);
    expect(rosterVersions.every((h) => h.by === `county:${XINGNING}/clerk-${XINGNING}`)).toBe(true);
    expect(JSON.stringify(history)).not.toMatch(/赵丽|赵刚|钱多|1391111/);
    expect(await drift()).toEqual([]);
  });

  it('brings a team up to the standard when its roster reaches 20 insured members, and counts insurance from the roster', async () => {
    const code = teams[3];
    for (let i = 0; i < 20; i++)
      await add(code, `队员${i}`, `1370000${String(i).padStart(4, '0')}`, {
        category: MEMBER_CATEGORY_IDS[i % MEMBER_CATEGORY_IDS.length],
        // two members insured only to May: 18 of 20 insured today, short of every member insured
        insuredThrough: i < 2 ? '2023-05-31' : '2023-12-31',
      });
    const short = await getTeam(stack.deps, clerk(QINGXIU), code);
    expect(short.members).toBe(20);
    expect(short.verdict.failed.map((f) => f.ruleId)).toEqual(['insurance']);
    expect(short.verdict.failed[0].values).toMatchObject({ insuredMembers: 18, members: 20 });
    // the two leave; two insured join: the team meets the standard until the first policy ends
    const roster = await getRoster(stack.deps, clerk(QINGXIU), code);
    for (const m of roster.members.filter((m) => m.insuredThrough === '2023-05-31')) await end(code, m.id, '2023-06-15');
    await add(code, '新队员甲', '13600000001');
    await add(code, '新队员乙', '13600000002');
    const full = await getTeam(stack.deps, clerk(QINGXIU), code);
    expect(full).toMatchObject({ members: 20, verdict: { meetsStandard: true } });
    expect(full.verdict.holdsUntil).toBe('2023-12-31');
    expect(await drift()).toEqual([]);
  });

  it('hands the count and the verdict to the other roster when the counting membership ends, in one write', async () => {
    const [a, b] = [teams[0], teams[2]];
    const mobile = '13922223333';
    const counting = await add(a, '孙强', mobile);
    const duplicate = await add(b, '孙强', mobile, { joined: '2023-04-01' });
    expect([counting.standing, duplicate.standing]).toEqual(['counts', 'duplicate']);
    const [teamA, teamB] = await Promise.all([a, b].map((c) => getTeam(stack.deps, clerk(countyOf(c)), c)));
    const ended = await end(a, counting.id, '2023-06-15');
    expect(ended.handedTo).toBe(b);
    const [afterA, afterB] = await Promise.all([a, b].map((c) => getTeam(stack.deps, clerk(countyOf(c)), c)));
    expect(afterA.members).toBe(teamA.members - 1);
    expect(afterB.members).toBe(teamB.members + 1);
    // the other team's new version is the system's, saying where the count came from
    expect(afterB).toMatchObject({ source: 'handover', updatedBy: 'system/roster-handover', version: teamB.version + 1 });
    const [handover] = (await getTeamHistory(stack.deps, clerk(QINGXIU), b)).history;
    expect(handover).toMatchObject({ source: 'handover', noteMessage: { messageId: 'note.roster.handover', params: { community: a } } });
    expect(await drift()).toEqual([]);
    // the ended one stays on its roster with the day it left; ending it again is refused
    const rosterA = await getRoster(stack.deps, clerk(XINGNING), a);
    expect(rosterA.members.find((m) => m.id === counting.id)).toMatchObject({ left: '2023-06-15', standing: 'counts' });
    await expect(end(a, counting.id, '2023-06-15')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // the person joins a third roster later: the one counting now is 青秀区's, so the new one is a duplicate
    expect((await add(teams[1], '孙强', mobile, { joined: '2023-06-01' })).standing).toBe('duplicate');
  });

  it('hands no count to a team that no longer counts (closed): the next duplicate on a counting team takes it', async () => {
    clock.set('2023-06-15T04:00:00Z');
    // three teams of their own: one of them is closed below
    const [x, y, z] = [stack.registries[0].communities[7][0], stack.registries[1].communities[7][0], stack.registries[1].communities[8][0]];
    for (const code of [x, y, z]) await saveTeam(stack.deps, clerk(countyOf(code)), code, goodTeam(), null);
    const mobile = '13933332222';
    const counting = await add(x, '郑和', mobile, { joined: '2023-01-01' });
    await add(y, '郑和', mobile, { joined: '2023-02-01' }); // joined first of the two duplicates: next in line
    await add(z, '郑和', mobile, { joined: '2023-03-01' });
    // y's community leaves the programme: its team is closed
    const held = (await stack.store.getTeam(y))!;
    const closed = {
      ...nextTeam(stack.deps, y, held.team, held, { updatedBy: 'test/registry', source: 'registry:v9' }),
      excluded: 'closed' as const,
    };
    await stack.store.writeTeams([{ previous: held, next: closed }], closed.updatedAt);
    expect((await end(x, counting.id, '2023-06-15')).handedTo).toBe(z);
    expect(await stack.store.countingCommunity(identityOf(SECRET, mobile))).toBe(z);
    expect(await drift()).toEqual([]);
  });

  it('makes a hand-over dated back as of today: a duplicate that has left by now never counts, one that joined since does', async () => {
    const [a, b] = [teams[0], teams[2]];
    clock.set('2024-06-15T04:00:00Z');
    const mobile = '13944445555';
    const b1 = await add(a, '张三', mobile, { joined: '2024-01-01', insuredThrough: null });
    const b2 = await add(b, '张三', mobile, { joined: '2024-01-10', insuredThrough: null });
    expect((await end(b, b2.id, '2024-05-01')).handedTo).toBeNull();
    expect((await end(a, b1.id, '2024-03-01')).handedTo).toBeNull();
    expect(await stack.store.countingCommunity(identityOf(SECRET, mobile))).toBeNull();
    // joining again later: counted, not a duplicate of a membership that has ended
    expect((await add(b, '张三', mobile, { joined: '2024-06-01', insuredThrough: null })).standing).toBe('counts');
    // the duplicate joined after the day the end is dated back to, and is on its roster today: it takes the count
    const other = '13955556666';
    const c1 = await add(a, '李四', other, { joined: '2023-01-01', insuredThrough: null });
    await add(b, '李四', other, { joined: '2024-06-01', insuredThrough: null });
    expect((await end(a, c1.id, '2024-01-01')).handedTo).toBe(b);
    expect(await stack.store.countingCommunity(identityOf(SECRET, other))).toBe(b);
    expect(await drift()).toEqual([]);
    clock.set('2023-06-15T04:00:00Z');
  });

  it('resolves a possible duplicate as its county finds it: the same person stops counting here, another keeps counting', async () => {
    const [a, b] = [teams[2], teams[3]];
    const resolve = (code: string, id: string, samePerson: unknown) => resolveMember(stack.deps, clerk(QINGXIU), code, id, { samePerson });
    await add(a, '周建国', '13977778888');
    const same = await add(b, '周建国（小名阿国）', '13977778888');
    expect(same.standing).toBe('suspected');
    const before = await getTeam(stack.deps, clerk(QINGXIU), b);
    await expect(resolve(b, same.id, 'yes')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await resolve(b, same.id, true)).toMatchObject({ standing: 'duplicate', countsIn: a });
    const after = await getTeam(stack.deps, clerk(QINGXIU), b);
    expect(after).toMatchObject({ members: before.members - 1, version: before.version + 1, source: 'roster' });
    await expect(resolve(b, same.id, false)).rejects.toMatchObject({ code: 'ALREADY_THERE' });
    // another person sharing a phone: counted still, no longer a possible duplicate
    await add(a, '吴芳', '13966665555');
    const family = await add(b, '吴建军', '13966665555');
    expect(await resolve(b, family.id, false)).toMatchObject({ standing: 'distinct' });
    const roster = await getRoster(stack.deps, clerk(QINGXIU), b);
    expect(roster.counts.members).toBe(after.members + 1);
    expect(roster.members.find((m) => m.id === family.id)?.standing).toBe('distinct');
    expect(await drift()).toEqual([]);
  });

  it('renews a member’s insurance in place: the count stays where it is, the team is judged again', async () => {
    const code = teams[3];
    const roster = await getRoster(stack.deps, clerk(QINGXIU), code);
    const member = roster.members.find((m) => m.left === null && m.standing === 'counts')!;
    const correct = (body: unknown) => correctMember(stack.deps, clerk(QINGXIU), code, member.id, body);
    // a correction names something to correct, and nothing else
    await expect(correct({})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(correct({ name: '改名' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(correct({ insuredThrough: '2020-01-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // the insurance lapses for one member: the team no longer meets the standard; renewed, it does again
    const before = await getTeam(stack.deps, clerk(QINGXIU), code);
    expect(before.verdict.meetsStandard).toBe(true);
    await correct({ insuredThrough: '2023-06-01' });
    expect((await getTeam(stack.deps, clerk(QINGXIU), code)).verdict.failed.map((f) => f.ruleId)).toEqual(['insurance']);
    expect(await correct({ insuredThrough: '2024-06-30', category: 'medicalStaff' })).toMatchObject({
      id: member.id,
      standing: 'counts',
      category: 'medicalStaff',
      insuredThrough: '2024-06-30',
    });
    const after = await getTeam(stack.deps, clerk(QINGXIU), code);
    expect(after).toMatchObject({ members: before.members, verdict: { meetsStandard: true }, version: before.version + 2 });
    // a certificate's last day, recorded and cleared in place; the team's record keeps it for the certified-share rule
    expect(await correct({ certifiedThrough: '2025-12-31' })).toMatchObject({
      certifiedThrough: '2025-12-31',
      insuredThrough: '2024-06-30',
    });
    expect((await getTeam(stack.deps, clerk(QINGXIU), code)).roster?.[member.id]).toMatchObject({ certifiedThrough: '2025-12-31' });
    expect(await correct({ certifiedThrough: null })).toMatchObject({ certifiedThrough: null });
    // a role on the team, set and cleared in place; the certificate and the insurance stay as they are
    expect(await correct({ role: '副队长' })).toMatchObject({ role: '副队长', insuredThrough: '2024-06-30', certifiedThrough: null });
    expect(await correct({ role: '' })).toMatchObject({ role: null });
    expect((await getTeam(stack.deps, clerk(QINGXIU), code)).roster?.[member.id]).not.toHaveProperty('certifiedThrough');
    // an ended membership is not corrected
    await expect(
      correctMember(stack.deps, clerk(QINGXIU), code, roster.members.find((m) => m.left !== null)!.id, { category: 'volunteers' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await drift()).toEqual([]);
  });

  it('erases a departed member’s name and phone on request and, two years after they left, by the daily job; every count stays', async () => {
    const code = teams[1];
    const member = await add(code, '冯思远', '13988887777', { joined: '2023-01-10' });
    const erase = (id: string, reason: unknown) =>
      eraseMember(stack.deps, clerk(XINGNING), code, id, reason === undefined ? {} : { reason });
    // a member still on the team must leave first; a reason is required
    await expect(erase(member.id, '本人申请')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await end(code, member.id, '2023-06-15');
    await expect(erase(member.id, undefined)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const before = await getTeam(stack.deps, clerk(XINGNING), code);
    const june = (await getRoster(stack.deps, clerk(XINGNING), code)).counts;
    const erased = await erase(member.id, '本人申请删除');
    expect(erased).toMatchObject({ name: '', mobile: null, left: '2023-06-15' });
    expect(erased.erasedAt).toBeTruthy();
    // the counts, the team's members and its verdict are as they were; the person's identity item is gone
    expect((await getRoster(stack.deps, clerk(XINGNING), code)).counts).toEqual(june);
    const after = await getTeam(stack.deps, clerk(XINGNING), code);
    expect(after).toMatchObject({ members: before.members, verdict: before.verdict, version: before.version + 1, source: 'erasure' });
    expect(await stack.store.countingCommunity(identityOf(SECRET, '13988887777'))).toBeNull();
    const { Item } = await stack.doc.send(
      new GetCommand({ TableName: stack.tableName, Key: keysFor('45').identity(identityOf(SECRET, '13988887777')) }),
    );
    expect(Item).toBeUndefined();
    // the history says why, never what
    const { history } = await getTeamHistory(stack.deps, clerk(XINGNING), code);
    expect(history[0]).toMatchObject({ source: 'erasure', note: expect.stringContaining('本人申请删除') });
    expect(JSON.stringify(history)).not.toMatch(/冯思远|13988887777/);
    await expect(erase(member.id, '再次')).rejects.toMatchObject({ code: 'ALREADY_THERE' });
    // the daily job's step: the members who left over two years ago (孙强 and the others above) lose their names
    clock.set('2025-06-16T04:00:00Z');
    const { erased: byJob } = await eraseDepartedMembers(stack.deps);
    expect(byJob).toBeGreaterThan(0);
    const left = (await Promise.all(teams.map((c) => getRoster(stack.deps, clerk(countyOf(c)), c)))).flatMap((r) => r.members);
    expect(left.filter((m) => m.left !== null && m.left < '2023-06-16').every((m) => m.name === '' && m.mobile === null)).toBe(true);
    expect(left.filter((m) => m.left === null).every((m) => m.name !== '')).toBe(true);
    expect((await eraseDepartedMembers(stack.deps)).erased).toBe(0);
    expect(await drift()).toEqual([]);
    clock.set('2023-06-15T04:00:00Z');
  });

  it('gives a team whose memberships were recorded before its record kept them its whole roster at its next roster write', async () => {
    const code = stack.registries[1].communities[4][0];
    await saveTeam(stack.deps, clerk(QINGXIU), code, goodTeam(), null);
    // two memberships as the roster API wrote them before the team's record kept their entries
    for (const i of [0, 1])
      await stack.doc.send(
        new PutCommand({
          TableName: stack.tableName,
          Item: {
            ...keysFor('45').membership(code, `00000000-0000-4000-8000-00000000000${i}`),
            type: 'membership',
            id: `00000000-0000-4000-8000-00000000000${i}`,
            community: code,
            name: `旧名册${i}`,
            mobile: null,
            person: null,
            category: 'volunteers',
            joined: '2023-01-01',
            left: null,
            insuredThrough: '2023-12-31',
            standing: 'unchecked',
          },
        }),
      );
    expect(await getTeam(stack.deps, clerk(QINGXIU), code)).toMatchObject({ membersFrom: 'typed', members: 24 });
    await add(code, '新队员丙', '13955550003');
    const after = await getTeam(stack.deps, clerk(QINGXIU), code);
    expect(after).toMatchObject({ membersFrom: 'roster', members: 3 });
    expect(Object.keys(after.roster ?? {})).toHaveLength(3);
    // the version that brought the roster in says so in the history: the month-end rebuild undoes it whole
    const [latest] = (await getTeamHistory(stack.deps, clerk(QINGXIU), code)).history;
    expect(latest.changes.filter((c) => c.field.endsWith('.joined'))).toHaveLength(3);
    expect(await drift()).toEqual([]);
  });

  it('refuses a member for a community with no team, and keeps a roster within its programme', async () => {
    const none = stack.registries[0].communities[5][0];
    await expect(add(none, '无队', '13933334444')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      stack.store.addMembership(
        {
          id: 'x1',
          community: '331181001001',
          name: '外地人',
          mobile: '13933334444',
          person: identityOf(SECRET, '13933334444'),
          category: 'volunteers',
          joined: '2023-03-01',
          left: null,
          insuredThrough: null,
        },
        () => {
          throw new Error('not reached: the community is refused first');
        },
      ),
    ).rejects.toThrow(RangeError);
  });
});
