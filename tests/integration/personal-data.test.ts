// A leader's phone through the API: in full for the owning county, masked for the province and the
// city, revealed one at a time with a trace, never kept in the history, and erasable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '../helpers/server.js';
import { goodTeam } from '../helpers/team.js';

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
    const { csv, teamRow } = await import('../helpers/files.js');
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
    expect(await s.snapshot()).not.toMatch(/13900139000|13800138000|黄海燕|李建华/);
    expect((await s.store.reconcile()).drift).toEqual([]);
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
