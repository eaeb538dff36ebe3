// Rosters on DynamoDB Local: a person on two counties' rosters counts once, however the writes interleave,
// and the count passes to the other roster when the counting membership ends.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { identityOf, rosterCounts, type Membership } from '#core/roster.js';
import { keysFor } from '#store/keys.js';
import type { StoredMembership } from '#store/roster.js';
import { TEST_IDENTITY_KEY, testStack } from '#tests/helpers/stack.js';

const SECRET = TEST_IDENTITY_KEY;
/** How a write left a membership (false: refused). */
const standing = (m: StoredMembership | false) => (m ? m.standing : m);
const [XINGNING, QINGXIU] = ['450102', '450103'];

describe('rosters on DynamoDB Local', () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  let first: Record<string, string>;
  beforeAll(async () => {
    stack = await testStack({ counties: [XINGNING, QINGXIU] });
    first = Object.fromEntries(stack.registries.map((r) => [r.code, r.communities[0][0]]));
  });

  const membership = (id: string, community: string, name: string, mobile: string | null): Omit<StoredMembership, 'standing'> => ({
    id,
    community,
    name,
    mobile,
    person: mobile === null ? null : identityOf(SECRET, mobile),
    category: 'volunteers',
    joined: '2023-03-01',
    left: null,
    insuredThrough: '2023-12-31',
  });

  it('counts a person added to two counties at the same moment exactly once, 20 times over', async () => {
    const { store } = stack;
    for (let round = 0; round < 20; round++) {
      const mobile = `1390000${String(round).padStart(4, '0')}`;
      const [a, b] = await Promise.all([
        store.addMembership(membership(`r${round}a`, first[XINGNING], '王小明', mobile)),
        store.addMembership(membership(`r${round}b`, first[QINGXIU], '王 小明', `+86 ${mobile}`)),
      ]);
      expect([standing(a), standing(b)].sort(), `round ${round}`).toEqual(['counts', 'duplicate']);
    }
    // each team's count as of a day in 2023: the 20 persons once in all, each where it was recorded first
    const rosters = await Promise.all([first[XINGNING], first[QINGXIU]].map((c) => store.listRoster(c)));
    const counted = rosters.map((r) => rosterCounts(r as Membership[], '2023-06-01').members);
    expect(counted[0] + counted[1]).toBe(20);
    expect(rosters.flat().filter((m) => m.standing === 'duplicate')).toHaveLength(20);
    // the mobile is kept with the membership only: the identity item holds the keyed hash and names, never the number
    const { Item } = await stack.doc.send(
      new GetCommand({ TableName: stack.tableName, Key: keysFor('45').identity(identityOf(SECRET, '13900000000')) }),
    );
    expect(JSON.stringify(Item)).not.toContain('13900000000');
    expect(Item?.memberships).toHaveLength(2);
  });

  it('marks another name under the same phone as suspected, counted on both, and a member with no mobile as unchecked', async () => {
    const { store } = stack;
    const a = await store.addMembership(membership('s1', first[XINGNING], '赵丽', '13911112222'));
    const b = await store.addMembership(membership('s2', first[QINGXIU], '赵刚', '139 1111 2222'));
    const c = await store.addMembership(membership('s3', first[QINGXIU], '钱多', null));
    expect([standing(a), standing(b), standing(c)]).toEqual(['counts', 'suspected', 'unchecked']);
    // the same membership id twice is refused, and writes nothing
    expect(await store.addMembership(membership('s1', first[XINGNING], '赵丽', '13911112222'))).toBe(false);
  });

  it('hands the count to the other roster when the counting membership ends, in one write', async () => {
    const { store } = stack;
    const mobile = '13922223333';
    const counting = await store.addMembership(membership('h1', first[XINGNING], '孙强', mobile));
    const duplicate = await store.addMembership({ ...membership('h2', first[QINGXIU], '孙强', mobile), joined: '2023-04-01' });
    expect([standing(counting), standing(duplicate)]).toEqual(['counts', 'duplicate']);
    const before = rosterCounts((await store.listRoster(first[QINGXIU])) as Membership[], '2023-07-01').members;
    const ended = await store.endMembership(first[XINGNING], 'h1', '2023-07-01', '2023-07-01');
    expect(ended ? ended.promoted : ended).toMatchObject({ id: 'h2', standing: 'counts' });
    expect(rosterCounts((await store.listRoster(first[QINGXIU])) as Membership[], '2023-07-01').members).toBe(before + 1);
    // the ended one stays on its roster with the day it left; ending it again is refused
    expect((await store.listRoster(first[XINGNING])).find((m) => m.id === 'h1')).toMatchObject({ left: '2023-07-01', standing: 'counts' });
    expect(await store.endMembership(first[XINGNING], 'h1', '2023-08-01', '2023-08-01')).toBe(false);
    // the person joins a third roster later: the one counting now is 青秀区's, so the new one is a duplicate
    const third = await store.addMembership({ ...membership('h3', first[XINGNING], '孙强', mobile), joined: '2023-09-01' });
    expect(standing(third)).toBe('duplicate');
  });

  it('makes a hand-over dated back as of today: a duplicate that has left by now never counts, one that joined since does', async () => {
    const { store } = stack;
    const [a, b] = [first[XINGNING], first[QINGXIU]];
    // the duplicate left in May; the counting membership's end is dated back to March, recorded in June
    const mobile = '13944445555';
    await store.addMembership({ ...membership('b1', a, '张三', mobile), joined: '2024-01-01' });
    await store.addMembership({ ...membership('b2', b, '张三', mobile), joined: '2024-01-10' });
    expect(await store.endMembership(b, 'b2', '2024-05-01', '2024-05-01')).toEqual({ promoted: null });
    expect(await store.endMembership(a, 'b1', '2024-03-01', '2024-06-15')).toEqual({ promoted: null });
    expect((await store.listRoster(b)).find((m) => m.id === 'b2')).toMatchObject({ standing: 'duplicate', left: '2024-05-01' });
    expect(await store.countingCommunity(identityOf(SECRET, mobile))).toBeNull();
    // joining again later: counted, not a duplicate of a membership that has ended
    expect(standing(await store.addMembership({ ...membership('b3', b, '张三', mobile), joined: '2024-07-01' }))).toBe('counts');
    // the duplicate joined after the day the end is dated back to, and is on its roster today: it takes the count
    const other = '13955556666';
    await store.addMembership({ ...membership('c1', a, '李四', other), joined: '2023-01-01' });
    await store.addMembership({ ...membership('c2', b, '李四', other), joined: '2024-06-01' });
    const ended = await store.endMembership(a, 'c1', '2024-01-01', '2024-06-15');
    expect(ended ? ended.promoted : ended).toMatchObject({ id: 'c2', standing: 'counts' });
    expect(await store.countingCommunity(identityOf(SECRET, other))).toBe(b);
  });

  it('keeps a roster within its programme: a store of Guangxi cannot name another programme’s community', async () => {
    await expect(stack.store.addMembership(membership('x1', '331181001001', '外地人', '13933334444'))).rejects.toThrow(RangeError);
  });
});
