// The roster through the API: counties add and end members, a person two counties add at the same moment
// counts once, a duplicate is shown to the other county by its community (never the phone), and a wrong
// row is a clear 400 that writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const [XINGNING, QINGXIU] = ['450102', '450103'];
const member = (over: Record<string, unknown> = {}) => ({
  name: '周明',
  mobile: '139 0011 2233',
  category: 'veterans',
  joined: '2026-03-01',
  insuredThrough: '2026-12-31',
  ...over,
});

describe('a team roster through the API', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  const team: Record<string, string> = {};
  const token: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer({ counties: [XINGNING, QINGXIU], clock: fixedClock('2026-12-10T04:00:00Z') });
    token.province = await s.tokenFor('province');
    for (const county of [XINGNING, QINGXIU]) {
      token[county] = await s.tokenFor(`county:${county}`);
      team[county] = s.registries.find((r) => r.code === county)!.communities[0][0];
      const saved = await s.call('PUT', `/api/communities/${team[county]}/team`, { token: token.province, body: goodTeam() });
      expect(saved.status, saved.text).toBe(201);
    }
  });
  afterAll(() => s?.close());

  const roster = (county: string, as = county) => s.call('GET', `/api/communities/${team[county]}/roster`, { token: token[as] });
  const add = (county: string, body: unknown) => s.call('POST', `/api/communities/${team[county]}/roster`, { token: token[county], body });

  it('counts a person two counties add at the same moment once, and tells the other county where, not the phone', async () => {
    const [a, b] = await Promise.all([add(XINGNING, member()), add(QINGXIU, member({ name: '周 明', mobile: '+8613900112233' }))]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.json.standing, b.json.standing].sort()).toEqual(['counts', 'duplicate']);
    const [counting, other] = a.json.standing === 'counts' ? [XINGNING, QINGXIU] : [QINGXIU, XINGNING];
    const there = await roster(other);
    const countingName = s.registries.find((r) => r.code === counting)!.communities[0][1];
    expect(there.json.members[0]).toMatchObject({
      standing: 'duplicate',
      countsIn: team[counting],
      countsInName: countingName,
      mobile: '13900112233',
    });
    expect(there.json.counts).toMatchObject({ members: 0, duplicates: 1 });
    expect((await roster(counting)).json.counts).toMatchObject({ members: 1, insured: 1, byCategory: { veterans: 1 } });
    // the province reads both, phones masked; the other county reads neither roster of the other's
    expect((await roster(counting, 'province')).json.members[0].mobile).toBe('139****2233');
    expect((await roster(counting, other)).status).toBe(403);
    // the counting county's member leaves: the count passes to the other team, which now counts them
    const id = (await roster(counting)).json.members[0].id;
    const ended = await s.call('POST', `/api/communities/${team[counting]}/roster/${id}/end`, {
      token: token[counting],
      body: { left: '2026-12-01' },
    });
    expect(ended.status, ended.text).toBe(200);
    const otherName = s.registries.find((r) => r.code === other)!.communities[0][1];
    expect(ended.json).toMatchObject({ ended: { left: '2026-12-01' }, handedTo: team[other], handedToName: otherName });
    expect((await roster(other)).json.counts).toMatchObject({ members: 1, duplicates: 0 });
    expect((await roster(counting)).json.members[0]).toMatchObject({ id, left: '2026-12-01' });
  });

  it('refuses a wrong member with a clear reason for each field, in Chinese, and writes nothing', async () => {
    const before = (await roster(XINGNING)).json.members.length;
    const cases: [unknown, string, string][] = [
      [member({ mobile: '1234' }), 'mobile', '手机号须为中国大陆手机号'],
      [member({ category: 'firemen' }), 'category', '人员类别须为方案所列之一'],
      [member({ joined: '2026-02-30' }), 'joined', '入队日期'],
      [member({ joined: '2027-01-01', insuredThrough: null }), 'joined', '不能晚于今天'],
      [member({ name: '=HYPERLINK("x")' }), 'name', '姓名'],
      [member({ idNumber: '450102199001011234' }), 'idNumber', ''],
    ];
    for (const [body, field, words] of cases) {
      const r = await add(XINGNING, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(
        r.json.error.details.map((d: { field: string }) => d.field),
        JSON.stringify(body),
      ).toContain(field);
      expect(r.json.error.message).toContain(words);
    }
    // a member without a mobile is kept by name: 未查重
    const plain = await add(XINGNING, member({ name: '吴芳', mobile: null }));
    expect(plain.json).toMatchObject({ standing: 'unchecked', mobile: null });
    expect((await roster(XINGNING)).json.members.length).toBe(before + 1);
    // ending: before the day joined, a day to come, a member that is not there
    const id = plain.json.id;
    const end = (body: unknown, which = id) =>
      s.call('POST', `/api/communities/${team[XINGNING]}/roster/${which}/end`, { token: token[XINGNING], body });
    expect((await end({ left: '2026-02-01' })).json.error.messageId).toBe('roster.left.beforeJoined');
    expect((await end({ left: '2027-02-01' })).json.error.messageId).toBe('roster.date.future');
    expect((await end({ left: '2026-12-01' }, 'no-such-member')).status).toBe(404);
    expect((await end({ left: '2026-12-01' })).status).toBe(200);
    expect((await end({ left: '2026-12-02' })).status).toBe(404); // ended already
  });

  it('refuses the same person twice on one roster (a form sent again), by mobile or, without one, by name', async () => {
    const twice = member({ name: '韦东', mobile: '139 8888 0001', joined: '2026-05-01' });
    expect((await add(QINGXIU, twice)).status).toBe(201);
    const again = await add(QINGXIU, { ...twice, name: '韦 东' });
    expect([again.status, again.json.error.messageId]).toEqual([409, 'roster.member.onRoster']);
    expect((await add(QINGXIU, member({ name: '蓝芳', mobile: null }))).status).toBe(201);
    expect((await add(QINGXIU, member({ name: '蓝 芳', mobile: null }))).status).toBe(409);
    // a phone written into the name, insurance ending before joining, a year 0100: refused, named
    for (const [body, id] of [
      [member({ name: '张三13800138000', mobile: null }), 'roster.name.mobile'],
      [member({ insuredThrough: '2026-01-01' }), 'roster.insured.beforeJoined'],
      [member({ joined: '0100-01-01' }), 'field.dateRange'],
    ] as const) {
      const r = await add(QINGXIU, body);
      expect([r.status, r.json.error.details.map((d: { messageId: string }) => d.messageId)]).toEqual([400, [id]]);
    }
    // an id that is no membership is not repeated back
    const r = await s.call('POST', `/api/communities/${team[QINGXIU]}/roster/<script>/end`, {
      token: token[QINGXIU],
      body: { left: '2026-12-01' },
    });
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('<script>');
  });

  it('keeps a roster for a team only: a community with none is a 404', async () => {
    const empty = s.registries.find((r) => r.code === XINGNING)!.communities[5][0];
    const r = await s.call('POST', `/api/communities/${empty}/roster`, { token: token[XINGNING], body: member() });
    expect(r.status).toBe(404);
    expect(r.json.error.messageId).toBe('team.none');
  });
});
