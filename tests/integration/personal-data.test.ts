// A leader's phone through the API: in full for the owning county, masked for the province and the
// city, revealed one at a time with a trace, never kept in the history, and erasable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';
import { nextTeam } from '#app/teams.js';

const COUNTY = '450102';

describe('personal data of a team leader', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let code: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY] });
    code = s.registries[0].communities[3][0];
    for (const scope of ['province', 'city:4501', `county:${COUNTY}`]) tokens[scope] = await s.tokenFor(scope);
    expect((await s.call('PUT', `/api/communities/${code}/team`, { token: tokens[`county:${COUNTY}`], body: goodTeam() })).status).toBe(
      201,
    );
    expect(
      (
        await s.call('PUT', `/api/communities/${code}/team`, {
          token: tokens[`county:${COUNTY}`],
          body: goodTeam({ leader: { name: '黄海燕', phone: '13900139000' } }),
          headers: { 'if-match': '1' },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(() => s.close());

  it('the county reads its leader in full; the province and the city see 139****9000', async () => {
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: tokens[`county:${COUNTY}`] })).json.team.leader.phone).toBe(
      '13900139000',
    );
    for (const scope of ['province', 'city:4501']) {
      const { json } = await s.call('GET', `/api/communities/${code}/team`, { token: tokens[scope] });
      expect(json.team.leader).toEqual({ name: '黄海燕', phone: '139****9000' });
      expect(json.phoneMasked).toBe(true);
    }
  });

  it('the history says the phone and the name changed, never to what', async () => {
    const { json, text } = await s.call('GET', `/api/communities/${code}/team/history`, { token: tokens[`county:${COUNTY}`] });
    expect(text).not.toMatch(/13800138000|13900139000|李建华|黄海燕/);
    expect(json.history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'leader.phone', before: null, after: null, redacted: { zh: '电话已修改', en: 'Phone number changed' } },
        { field: 'leader.name', before: null, after: null, redacted: { zh: '队长姓名已修改', en: 'Leader name changed' } },
      ]),
    );
  });

  it('the province reveals the number with a reason; the history lists who looked and when', async () => {
    const res = await s.call('POST', `/api/communities/${code}/team/phone`, {
      token: tokens.province,
      body: { reason: '督导检查电话核实' },
    });
    expect(res.status).toBe(200);
    expect(res.json.phone).toBe('13900139000');
    const { json } = await s.call('GET', `/api/communities/${code}/team/history`, { token: tokens['city:4501'] });
    expect(json.reveals).toEqual([
      { communityCode: code, at: expect.any(String), by: 'province/demo-province', reason: '督导检查电话核实' },
    ]);
    expect(JSON.stringify(json.reveals)).not.toContain('13900139000');
  });

  it('the province edits the team with the masked phone left as it was: the stored number stays', async () => {
    const shown = (await s.call('GET', `/api/communities/${code}/team`, { token: tokens.province })).json;
    const res = await s.call('PUT', `/api/communities/${code}/team`, {
      token: tokens.province,
      body: { ...shown.team, name: '民主社区八桂应急先锋响应队' },
      headers: { 'if-match': String(shown.version) },
    });
    expect(res.status).toBe(200);
    expect(res.json.team.leader.phone).toBe('139****9000');
    expect((await s.store.getTeam(code))!.team.leader.phone).toBe('13900139000');
    // a stale save answers 409 with the current team, masked for the province too
    const stale = await s.call('PUT', `/api/communities/${code}/team`, {
      token: tokens.province,
      body: shown.team,
      headers: { 'if-match': String(shown.version) },
    });
    expect(stale.status).toBe(409);
    expect(stale.text).not.toContain('13900139000');
  });

  it("six saves at once by the province with one If-Match: the losers' 409 bodies show the phone masked", async () => {
    const shown = (await s.call('GET', `/api/communities/${code}/team`, { token: tokens.province })).json;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        s.call('PUT', `/api/communities/${code}/team`, {
          token: tokens.province,
          body: { ...shown.team, name: `并发 ${i}` },
          headers: { 'if-match': String(shown.version) },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(5);
    for (const a of answers) expect(a.text).not.toContain('13900139000');
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.current?.team.leader.phone === '139****9000')).toBe(true);
  });

  it('a province dry run that compares a full phone with the stored one is written down as a reveal; the masked one is not', async () => {
    const shown = (await s.call('GET', `/api/communities/${code}/team`, { token: tokens.province })).json;
    const { csv, teamRow } = await import('#tests/helpers/files.js');
    const name = s.registries[0].communities[3][1];
    const before = (await s.call('GET', `/api/communities/${code}/team/history`, { token: tokens.province })).json.reveals.length;
    const masked = await s.call('POST', `/api/counties/${COUNTY}/imports?dryRun=true`, {
      token: tokens.province,
      raw: csv([teamRow(code, name, shown.team, { 版本: shown.version })]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(masked.json.rows[0]).toMatchObject({ status: 'accepted', action: 'unchanged' });
    expect((await s.call('GET', `/api/communities/${code}/team/history`, { token: tokens.province })).json.reveals).toHaveLength(before);
    const guess = await s.call('POST', `/api/counties/${COUNTY}/imports?dryRun=true`, {
      token: tokens.province,
      raw: csv([teamRow(code, name, { ...shown.team, leader: { ...shown.team.leader, phone: '13900139001' } }, { 版本: shown.version })]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(guess.json.rows[0].status).toBe('accepted');
    const reveals = (await s.call('GET', `/api/communities/${code}/team/history`, { token: tokens.province })).json.reveals;
    expect(reveals).toHaveLength(before + 1);
    expect(reveals).toContainEqual(expect.objectContaining({ by: 'province/demo-province', reason: '导入比对（试导入）' }));
    // The reason is the system's: an English reader gets it in English, the Chinese text kept beside it.
    const english = await s.call('GET', `/api/communities/${code}/team/history`, {
      token: tokens.province,
      headers: { 'accept-language': 'en' },
    });
    // (the test's clock stands still: reveals of one instant come in no set order)
    expect(english.json.reveals.find((r: { reason: string }) => r.reason === '导入比对（试导入）')).toMatchObject({
      reason: '导入比对（试导入）',
      reasonMessage: { messageId: 'note.reveal.dryRun', message: 'Compared in a dry run of an import' },
    });
  });

  it('erasure blanks the leader with its reason, leaves the verdict and counters, and no table (the audit table included) holds the name or phone', async () => {
    const before = (await s.store.getAggregate(COUNTY))!.counters;
    const previous = (await s.store.getTeam(code))!;
    const res = await s.call('POST', `/api/communities/${code}/team/personal-data/erase`, {
      token: tokens[`county:${COUNTY}`],
      body: { reason: '队长离任，本人申请删除' },
    });
    expect(res.status).toBe(200);
    const stored = (await s.store.getTeam(code))!;
    expect(stored.team.leader).toEqual({ name: '', phone: '' });
    expect(stored.erasedAt).toBeTruthy();
    expect(stored.verdict).toEqual(previous.verdict);
    expect((await s.store.getAggregate(COUNTY))!.counters).toEqual(before);
    const history = await s.store.listHistory(code);
    expect(history[0]).toMatchObject({ source: 'erasure', note: '个人信息已删除：队长离任，本人申请删除' });
    const english = await s.call('GET', `/api/communities/${code}/team/history`, {
      token: tokens[`county:${COUNTY}`],
      headers: { 'accept-language': 'en' },
    });
    expect(english.json.history[0]).toMatchObject({
      note: '个人信息已删除：队长离任，本人申请删除',
      noteMessage: { messageId: 'note.team.erased', message: 'Personal data erased: 队长离任，本人申请删除' },
    });
    expect(await s.snapshot()).not.toMatch(/13900139000|13800138000|黄海燕|李建华/);
    expect((await s.store.reconcile()).drift).toEqual([]);
    // Then there is no phone to reveal (none counted or recorded), and nothing more to erase.
    const after = await s.snapshot();
    const reveal = await s.call('POST', `/api/communities/${code}/team/phone`, { token: tokens['city:4501'], body: { reason: '核实' } });
    expect([reveal.status, reveal.json.error.messageId]).toEqual([404, 'phone.erased']);
    const again = await s.call('POST', `/api/communities/${code}/team/personal-data/erase`, {
      token: tokens[`county:${COUNTY}`],
      body: { reason: '再次申请' },
    });
    expect([again.status, again.json.error.messageId]).toEqual([409, 'team.erased.already']);
    expect(await s.snapshot()).toBe(after);
  });

  it('a city may not erase, and erasure without a reason changes nothing', async () => {
    const before = await s.snapshot();
    expect(
      (await s.call('POST', `/api/communities/${code}/team/personal-data/erase`, { token: tokens['city:4501'], body: { reason: 'x' } }))
        .status,
    ).toBe(403);
    expect(
      (await s.call('POST', `/api/communities/${code}/team/personal-data/erase`, { token: tokens.province, body: { reason: '  ' } }))
        .status,
    ).toBe(400);
    expect(await s.snapshot()).toBe(before);
  });
});

describe('phone reveals: a reason, and a limit per caller per clock hour', () => {
  // A county office rings a few of its teams a day; a city or the province a few more. Ten an hour is
  // room for a morning's follow-up of one county's report, and a county's 50 teams take five hours.
  const LIMIT = 10;
  const clock = fixedClock('2023-06-15T04:20:00Z'); // 12:20 in Shanghai
  let s: Awaited<ReturnType<typeof testServer>>;
  let codes: string[];
  const tokens: Record<string, string> = {};
  const metrics: string[] = [];
  /** A reveal of the i-th team; `reason: null` sends none. */
  const reveal = (scope: string, i: number, reason: string | null = '电话核实队伍信息') =>
    s.call('POST', `/api/communities/${codes[i % codes.length]}/team/phone`, {
      token: tokens[scope],
      body: reason === null ? {} : { reason },
    });
  const reveals = async () =>
    (
      await Promise.all(
        codes.map(async (c) => (await s.call('GET', `/api/communities/${c}/team/history`, { token: tokens.province })).json.reveals),
      )
    ).flat();
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY], clock });
    s.deps.metrics = { count: (name, value, dims = {}) => metrics.push(`${name} ${value} ${JSON.stringify(dims)}`) };
    codes = s.registries[0].communities.slice(0, 3).map(([c]) => c);
    for (const scope of ['province', 'city:4501', `county:${COUNTY}`]) tokens[scope] = await s.tokenFor(scope);
    for (const c of codes)
      expect((await s.call('PUT', `/api/communities/${c}/team`, { token: tokens[`county:${COUNTY}`], body: goodTeam() })).status).toBe(201);
  });
  afterAll(() => s.close());

  it('a reveal without a reason, or with a blank or multi-line one, is refused with 400 and nothing is recorded', async () => {
    const before = await s.snapshot();
    for (const reason of [null, '', '   ', '核实\n电话']) {
      const res = await reveal('city:4501', 0, reason);
      expect(res.status, JSON.stringify(reason)).toBe(400);
      expect(res.json.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      expect(res.text).not.toContain(goodTeam().leader.phone);
    }
    expect(await s.snapshot()).toBe(before);
  });

  it(`the city reveals ${LIMIT} numbers in a clock hour; the next is a 429 whose Retry-After runs to the hour, and is not recorded`, async () => {
    for (let i = 0; i < LIMIT; i++) expect((await reveal('city:4501', i)).status, `reveal ${i + 1}`).toBe(200);
    expect(await reveals()).toHaveLength(LIMIT);
    const refused = await reveal('city:4501', LIMIT);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(40 * 60));
    expect(refused.json.error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      messageId: 'phone.reveal.limit',
      params: { limit: LIMIT, retryAt: '13:00' },
    });
    expect(refused.json.error.message).toContain('13:00');
    expect(refused.text).not.toContain(goodTeam().leader.phone);
    expect(await reveals()).toHaveLength(LIMIT);
    // in English too, from the catalogue
    const en = await s.call('POST', `/api/communities/${codes[0]}/team/phone`, {
      token: tokens['city:4501'],
      body: { reason: 'checking the team' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(429);
    expect(en.json.error.message).toMatch(/10 .*hour.*13:00/);
  });

  it('the limit is per caller: the province still reveals while the city waits', async () => {
    expect((await reveal('province', 0)).status).toBe(200);
    expect((await reveal('city:4501', 0)).status).toBe(429);
  });

  it('a metric counts the caller reaching the limit, once, by the kind of scope (the stack alarms on it)', () => {
    expect(metrics.filter((m) => m.startsWith('PhoneRevealLimitReached'))).toEqual(['PhoneRevealLimitReached 1 {"ScopeKind":"city"}']);
  });

  it('one second before the hour the city still waits; on the hour it may reveal again', async () => {
    clock.set('2023-06-15T04:59:59Z');
    const last = await reveal('city:4501', 0);
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toBe('1');
    clock.set('2023-06-15T05:00:00Z');
    expect((await reveal('city:4501', 0)).status).toBe(200);
  });

  it(`${LIMIT + 5} reveals at once by one caller: exactly ${LIMIT} answer the number, the rest 429`, async () => {
    clock.set('2023-06-15T07:10:00Z');
    tokens.other = await (await import('#local/auth.js')).issueToken(s.keys, 'city:4501', { user: 'clerk-2' });
    const answers = await Promise.all(Array.from({ length: LIMIT + 5 }, (_, i) => reveal('other', i)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(LIMIT).fill(200), ...Array(5).fill(429)]);
    expect((await reveals()).filter((r: { by: string }) => r.by === 'city:4501/clerk-2')).toHaveLength(LIMIT);
  });
});

describe("the organiser's checklist is counted apart from phone reveals", () => {
  const clock = fixedClock('2023-06-15T04:20:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  let province: string;
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY], clock });
    province = await s.tokenFor('province');
    const writes = s.registries[0].communities.map(([code]) => ({
      previous: null,
      next: nextTeam(s.deps, code, goodTeam(), null, { updatedBy: 'test', source: 'seed' }),
    }));
    await s.store.writeTeams(writes, clock.now().toISOString());
  });
  afterAll(() => s.close());

  it("a whole sample's phones take none of the hour's reveals, and a caller at the limit still opens the checklist", async () => {
    const design = { name: '2023 年度督导检查', year: 2023, area: '4501', deadline: '2023-12-31' };
    const campaign = await s.call('POST', '/api/campaigns', { token: province, body: design });
    expect(campaign.status).toBe(201);
    const checklist = () => s.call('POST', `/api/campaigns/${campaign.json.id}/counties/${COUNTY}/checklist`, { token: province });
    const first = await checklist();
    expect(first.status).toBe(200);
    expect(first.json.phonesShown).toBeGreaterThan(10);
    const code = s.registries[0].communities[0][0];
    const reveal = () => s.call('POST', `/api/communities/${code}/team/phone`, { token: province, body: { reason: '电话核实' } });
    for (let i = 0; i < 10; i++) expect((await reveal()).status, `reveal ${i + 1}`).toBe(200);
    expect((await reveal()).status).toBe(429);
    const again = await checklist();
    expect(again.status).toBe(200);
    expect(again.json.phonesShown).toBe(first.json.phonesShown);
  });
});
