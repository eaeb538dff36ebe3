// Two programmes in one table, Guangxi's (a province) and 龙泉市's (a county's own): every route, asked
// by each programme's offices for the other programme's places, teams, campaigns and standards, is
// refused; every list a route answers holds only the caller's own programme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import routes from '#api/routes.json' with { type: 'json' };
import { GUANGXI_STANDARD_V1, SHIPPED_BOOK } from '#app/programmes.js';
import { csv, ROSTER_HEADER, rosterRow, sheetText, teamRow } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const GX_COUNTY = '450102';
/** A 龙泉 team as its standard asks (1+1+N, the six haves, the manager insured). */
const lqTeam = () => ({
  ...goodTeam({ insuranceExpiresOn: '2027-03-01' }),
  roles: { workGroup: 1, manager: 1, gridWorker: 4 },
  checklist: Object.fromEntries(['hasLeadership', 'hasMechanism', 'hasPlan', 'hasTeam', 'hasSupplies', 'hasSupport'].map((k) => [k, true])),
});
const LQ = '331181';

/** Each caller, its programme, and what of the other programme's it reaches for (and must never see). */
const CALLERS = {
  'gx-root': { scope: 'province:45', programme: 'gx' },
  'gx-city': { scope: 'city:4501', programme: 'gx' },
  'gx-county': { scope: `county:${GX_COUNTY}`, programme: 'gx' },
  'lq-root': { scope: `county:${LQ}`, programme: 'lq' },
} as const;
type Caller = keyof typeof CALLERS;

/**
 * What identifies each programme's records in an answer: its places' codes and names, its programme
 * documents, and the standard version it published (the shipped standards are every programme's to
 * compare with; what one programme publishes is its own).
 */
const PUBLISHED = { gx: '广西第二版（两计划测试）', lq: '龙泉第二版（两计划测试）' } as const;
const MARKS = {
  gx: [GX_COUNTY, '450103', '兴宁区', '青秀区', 'gx-2024', PUBLISHED.gx],
  lq: [LQ, '龙渊街道', 'lq-2022', PUBLISHED.lq],
} as const;

describe('two programmes in one deployment', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  const token: Partial<Record<Caller, string>> = {};
  /** Per programme: a county, a city, a community with a team, a campaign and its sampled community. */
  const own = {} as Record<
    'gx' | 'lq',
    { area: string; county: string; city: string; community: string; campaign: string; sampled: string }
  >;

  beforeAll(async () => {
    s = await testServer({ counties: [GX_COUNTY, '450103'], also: [LQ], clock: fixedClock('2026-12-10T04:00:00Z') });
    for (const c of Object.keys(CALLERS) as Caller[]) token[c] = await s.tokenFor(CALLERS[c].scope);
    const lqRegistry = (await s.others[0].store.getRegistry(LQ))!;
    const gxCommunity = s.registries.find((r) => r.code === GX_COUNTY)!.communities[0][0];
    const lqCommunity = lqRegistry.communities[0][0];
    for (const [p, caller, community, county, area, team] of [
      ['gx', 'gx-root', gxCommunity, GX_COUNTY, '45', goodTeam()],
      ['lq', 'lq-root', lqCommunity, LQ, LQ, lqTeam()],
    ] as const) {
      const saved = await s.call('PUT', `/api/communities/${community}/team`, { token: token[caller], body: team });
      expect(saved.status, `${p} team: ${saved.text}`).toBe(201);
      const created = await s.call('POST', '/api/campaigns', {
        token: token[caller],
        body: { name: '两计划检查', year: 2026, area, deadline: '2026-12-31' },
      });
      expect(created.status, `${p} campaign: ${created.text}`).toBe(201);
      // each publishes a version 2 of its standard (from 2027): the other programme never sees it
      const standard = p === 'gx' ? 'gx-2021' : 'longquan-2022';
      const { id: _i, version: _n, effectiveFrom: _f, ...doc } = SHIPPED_BOOK.standards.find((x) => x.id === standard)!;
      const drafted = await s.call('POST', `/api/standards/${standard}/drafts`, {
        token: token[caller],
        body: { ...doc, title: { zh: PUBLISHED[p], en: PUBLISHED[p] } },
      });
      expect(drafted.status, `${p} draft: ${drafted.text}`).toBe(201);
      const published = await s.call('POST', `/api/standards/${standard}/drafts/${drafted.json.n}/publish`, {
        token: token[caller],
        body: { effectiveFrom: '2027-06-01' },
      });
      expect(published.status, `${p} publish: ${published.text}`).toBe(200);
      own[p] = {
        area,
        county,
        city: county.slice(0, 4),
        community,
        campaign: created.json.id,
        sampled: created.json.counties[county].sample[0],
      };
    }
  }, 300_000);
  afterAll(() => s?.close());

  const json = (o: unknown) => ({ body: o });
  const { id: _id, version: _v, effectiveFrom: _e, ...standardDoc } = GUANGXI_STANDARD_V1;
  const draft = { ...standardDoc, title: { zh: '两计划测试标准', en: 'Two-programme test standard' } };

  /**
   * Each route as the caller would ask it of the other programme (`o`: the other's places and records;
   * `self`: its own, where the route takes no place and answers a list).
   */
  type Ask = { path: string; method?: string; body?: unknown; raw?: string; headers?: Record<string, string> };
  type O = (typeof own)['gx'];
  const CASES: Record<string, (o: O, otherStandard: string) => Ask> = {
    'GET /api/programme': () => ({ path: '/api/programme' }),
    'GET /api/standards': () => ({ path: '/api/standards' }),
    // the other programme's published version 2 (version 1 is the shipped document every programme may read)
    'GET /api/standards/{id}/{version}': (_o, std) => ({ path: `/api/standards/${std}/2` }),
    // a new standard is the caller's own programme's (its id names no other's)
    'POST /api/standards': () => ({
      path: '/api/standards',
      method: 'POST',
      ...json({ ...draft, id: 'two-programmes', version: 1, effectiveFrom: '2027-06-01' }),
    }),
    'POST /api/standards/{id}/drafts': (_o, std) => ({ path: `/api/standards/${std}/drafts`, method: 'POST', ...json(draft) }),
    'POST /api/standards/{id}/drafts/{n}/preview': (_o, std) => ({
      path: `/api/standards/${std}/drafts/1/preview`,
      method: 'POST',
      ...json({ asOf: '2027-06-01' }),
    }),
    'POST /api/standards/{id}/drafts/{n}/publish': (_o, std) => ({
      path: `/api/standards/${std}/drafts/1/publish`,
      method: 'POST',
      ...json({ effectiveFrom: '2027-06-01' }),
    }),
    'GET /api/counties': () => ({ path: '/api/counties' }),
    // the national office's routes, asked for the other programme: a programme's caller reads neither
    'GET /api/nation': () => ({ path: '/api/nation' }),
    'GET /api/nation/{programme}/counties': (o) => ({ path: `/api/nation/${o.area}/counties` }),
    'GET /api/nation/{programme}/counties/{code}': (o) => ({ path: `/api/nation/${o.area}/counties/${o.county}` }),
    'GET /api/nation/{programme}/trend': (o) => ({ path: `/api/nation/${o.area}/trend` }),
    'GET /api/trend': (o) => ({ path: `/api/trend?area=${o.county}` }),
    'GET /api/retention': (o) => ({ path: `/api/retention?area=${o.county}` }),
    'GET /api/reports/{month}': () => ({ path: '/api/reports/2026-12' }),
    'GET /api/exports/counties.csv': () => ({ path: '/api/exports/counties.csv' }),
    'GET /api/exports/counties.xlsx': () => ({ path: '/api/exports/counties.xlsx' }),
    'GET /api/counties/{code}': (o) => ({ path: `/api/counties/${o.county}` }),
    'GET /api/counties/{code}/communities': (o) => ({ path: `/api/counties/${o.county}/communities` }),
    'GET /api/counties/{code}/retention': (o) => ({ path: `/api/counties/${o.county}/retention` }),
    'GET /api/counties/{code}/reports': (o) => ({ path: `/api/counties/${o.county}/reports` }),
    'POST /api/counties/{code}/reports/{month}': (o) => ({
      path: `/api/counties/${o.county}/reports/2026-12`,
      method: 'POST',
      ...json({}),
    }),
    'GET /api/counties/{code}/template.xlsx': (o) => ({ path: `/api/counties/${o.county}/template.xlsx` }),
    'GET /api/counties/{code}/teams.xlsx': (o) => ({ path: `/api/counties/${o.county}/teams.xlsx` }),
    'GET /api/communities/{code}/team': (o) => ({ path: `/api/communities/${o.community}/team` }),
    'GET /api/communities/{code}/team/history': (o) => ({ path: `/api/communities/${o.community}/team/history` }),
    'GET /api/communities/{code}/roster': (o) => ({ path: `/api/communities/${o.community}/roster` }),
    'POST /api/communities/{code}/roster': (o) => ({
      path: `/api/communities/${o.community}/roster`,
      method: 'POST',
      ...json({ name: '越界队员', mobile: '13955556666', category: 'volunteers', joined: '2026-01-05' }),
    }),
    'POST /api/communities/{code}/roster/{id}/end': (o) => ({
      path: `/api/communities/${o.community}/roster/any/end`,
      method: 'POST',
      ...json({ left: '2026-12-01' }),
    }),
    'POST /api/communities/{code}/roster/{id}/correct': (o) => ({
      path: `/api/communities/${o.community}/roster/any/correct`,
      method: 'POST',
      ...json({ insuredThrough: '2027-06-30' }),
    }),
    'POST /api/communities/{code}/roster/{id}/resolve': (o) => ({
      path: `/api/communities/${o.community}/roster/any/resolve`,
      method: 'POST',
      ...json({ samePerson: true }),
    }),
    'POST /api/communities/{code}/roster/{id}/erase': (o) => ({
      path: `/api/communities/${o.community}/roster/any/erase`,
      method: 'POST',
      ...json({ reason: '越界删除' }),
    }),
    'GET /api/communities/{code}/events': (o) => ({ path: `/api/communities/${o.community}/events` }),
    'POST /api/communities/{code}/events': (o) => ({
      path: `/api/communities/${o.community}/events`,
      method: 'POST',
      ...json({ kind: 'drill', date: '2026-11-20', hours: 2, title: '越界演练', attendees: ['00000000-0000-4000-8000-000000000000'] }),
    }),
    'POST /api/communities/{code}/events/{id}/withdraw': (o) => ({
      path: `/api/communities/${o.community}/events/00000000-0000-4000-8000-000000000000/withdraw`,
      method: 'POST',
      ...json({ reason: '越界撤销' }),
    }),
    'PUT /api/communities/{code}/team': (o) => ({
      path: `/api/communities/${o.community}/team`,
      method: 'PUT',
      body: goodTeam(),
      headers: { 'if-match': '1' },
    }),
    'POST /api/communities/{code}/team/phone': (o) => ({
      path: `/api/communities/${o.community}/team/phone`,
      method: 'POST',
      ...json({ reason: '核实队伍' }),
    }),
    'POST /api/communities/{code}/team/personal-data/erase': (o) => ({
      path: `/api/communities/${o.community}/team/personal-data/erase`,
      method: 'POST',
      ...json({ reason: '队长离任' }),
    }),
    'POST /api/counties/{code}/imports': (o) => ({
      path: `/api/counties/${o.county}/imports?dryRun=true`,
      method: 'POST',
      raw: csv([teamRow(o.community, '')]).toString(),
      headers: { 'content-type': 'text/csv' },
    }),
    'POST /api/counties/{code}/roster-imports': (o) => ({
      path: `/api/counties/${o.county}/roster-imports?dryRun=true`,
      method: 'POST',
      raw: csv([rosterRow(o.community, '访问者（模拟）', null)], 'utf-8', ROSTER_HEADER).toString(),
      headers: { 'content-type': 'text/csv' },
    }),
    'GET /api/recipients': () => ({ path: '/api/recipients' }),
    'PUT /api/recipients/{scope}': (o) => ({
      path: `/api/recipients/county-${o.county}`,
      method: 'PUT',
      ...json({ emails: ['x@example.com'] }),
    }),
    'GET /api/summaries/{month}': (o) => ({ path: `/api/summaries/2026-11?scope=county:${o.county}` }),
    'GET /api/registry/versions': () => ({ path: '/api/registry/versions' }),
    'GET /api/registry/versions/{version}/changes': () => ({ path: '/api/registry/versions/1/changes' }),
    'POST /api/registry/changes': (o) => ({
      path: '/api/registry/changes?dryRun=true',
      method: 'POST',
      ...json({
        effectiveFrom: '2026-12-10',
        source: '两计划测试',
        changes: [{ kind: '更名', code: o.community, name: '别人的社区', reason: '更名' }],
      }),
    }),
    'POST /api/registry/versions/{version}/resume': () => ({ path: '/api/registry/versions/1/resume', method: 'POST' }),
    'GET /api/counties/{code}/annual/{year}': (o) => ({ path: `/api/counties/${o.county}/annual/2026` }),
    'PUT /api/counties/{code}/annual/{year}': (o) => ({
      path: `/api/counties/${o.county}/annual/2026`,
      method: 'PUT',
      ...json({ sections: { overview: '别人的总结' } }),
    }),
    'GET /api/cities/{code}/annual/{year}': (o) => ({ path: `/api/cities/${o.city}/annual/2026` }),
    'PUT /api/cities/{code}/annual/{year}': (o) => ({
      path: `/api/cities/${o.city}/annual/2026`,
      method: 'PUT',
      ...json({ sections: { overview: '别人的总结' } }),
    }),
    'GET /api/province/annual/{year}': () => ({ path: '/api/province/annual/2026' }),
    'PUT /api/province/annual/{year}': () => ({
      path: '/api/province/annual/2019',
      method: 'PUT',
      ...json({ sections: { overview: '自己的总结' } }),
    }),
    'POST /api/campaigns': (o) => ({
      path: '/api/campaigns',
      method: 'POST',
      ...json({ name: '越界检查', year: 2027, area: o.county, deadline: '2027-06-30' }),
    }),
    'GET /api/campaigns': () => ({ path: '/api/campaigns' }),
    'GET /api/campaigns/{id}': (o) => ({ path: `/api/campaigns/${o.campaign}` }),
    'PUT /api/campaigns/{id}/checks/{communityCode}': (o) => ({
      path: `/api/campaigns/${o.campaign}/checks/${o.sampled}`,
      method: 'PUT',
      ...json({ method: 'unreachable', note: '无人接听' }),
    }),
    'POST /api/campaigns/{id}/counties/{code}/checklist': (o) => ({
      path: `/api/campaigns/${o.campaign}/counties/${o.county}/checklist`,
      method: 'POST',
    }),
    'GET /api/campaigns/{id}/results': (o) => ({ path: `/api/campaigns/${o.campaign}/results` }),
    'GET /api/counties/{code}/discrepancies': (o) => ({ path: `/api/counties/${o.county}/discrepancies` }),
    'POST /api/counties/{code}/discrepancies': (o) => ({
      path: `/api/counties/${o.county}/discrepancies`,
      method: 'POST',
      ...json({ campaignId: o.campaign, communityCode: o.sampled, action: 'corrected', reason: '已补报' }),
    }),
    'GET /api/campaigns/{id}/bulletin.xlsx': (o) => ({ path: `/api/campaigns/${o.campaign}/bulletin.xlsx` }),
    'GET /api/campaigns/{id}/bulletin.html': (o) => ({ path: `/api/campaigns/${o.campaign}/bulletin.html` }),
  };

  it('covers every signed-in route of the API', () => {
    const signedIn = routes.filter((r) => r.auth).map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(CASES).sort()).toEqual(signedIn.sort());
  });

  it("answers no caller anything of the other programme's: a place, a team, a campaign or a standard of it is refused, and every list is the caller's own", async () => {
    const crossed: string[] = [];
    for (const caller of Object.keys(CALLERS) as Caller[]) {
      const mine = CALLERS[caller].programme;
      const other = mine === 'gx' ? 'lq' : 'gx';
      const otherStandard = other === 'gx' ? 'gx-2021' : 'longquan-2022';
      for (const [route, ask] of Object.entries(CASES)) {
        const a = ask(own[other], otherStandard);
        const r = await s.call(a.method ?? 'GET', a.path, {
          token: token[caller],
          ...(a.body !== undefined ? { body: a.body } : {}),
          ...(a.raw !== undefined ? { raw: a.raw } : {}),
          headers: a.headers,
        });
        const text = /spreadsheet/.test(r.headers.get('content-type') ?? '') ? await sheetText(r.bytes) : r.text;
        // a refusal may name what was asked for (不在本计划范围内: 331181); an answer may hold nothing of the other's
        const seen = r.status < 400 ? MARKS[other].filter((m) => text.includes(m)) : [];
        if (seen.length) crossed.push(`${caller} ${route} → ${r.status}: shows ${seen.join(', ')}`);
        // a route that names the other programme's record never succeeds (the own-list routes may)
        const names =
          a.path.includes(`/nation/${own[other].area}/`) ||
          a.path.includes(own[other].county) ||
          a.path.includes(own[other].community) ||
          a.path.includes(own[other].campaign);
        const namesStandard = a.path.endsWith(`/standards/${otherStandard}/2`);
        if ((names || namesStandard) && r.status < 400) crossed.push(`${caller} ${route} → ${r.status}`);
      }
    }
    expect(crossed).toEqual([]);
  }, 300_000);

  it('refuses `province` without its area once a deployment runs two programmes, and a root group of no programme here', async () => {
    for (const scope of ['province', 'province:33', 'county:331102', 'city:3311']) {
      const r = await s.call('GET', '/api/counties', { token: await s.tokenFor(scope) });
      expect(r.status, scope).toBe(401);
    }
  });

  it("serves each programme's root office its own programme, area words and counties", async () => {
    const gx = await s.call('GET', '/api/programme', { token: token['gx-root'] });
    const lq = await s.call('GET', '/api/programme', { token: token['lq-root'] });
    expect([gx.status, lq.status]).toEqual([200, 200]);
    expect(gx.json.id).toMatch(/^gx-/);
    expect(lq.json).toMatchObject({ id: 'lq-2022', region: LQ });
    const counties = await s.call('GET', '/api/counties', { token: token['lq-root'] });
    expect(counties.json.counties.map((c: { code: string }) => c.code)).toEqual([LQ]);
    // 龙泉市's root office is the county's own office: its leaders' phones in full, as a county sees its own;
    // Guangxi's root office sees its counties' masked, as before
    const phone = goodTeam().leader.phone;
    const lqTeamRead = await s.call('GET', `/api/communities/${own.lq.community}/team`, { token: token['lq-root'] });
    expect([lqTeamRead.json.team.leader.phone, lqTeamRead.json.phoneMasked]).toEqual([phone, undefined]);
    const gxTeamRead = await s.call('GET', `/api/communities/${own.gx.community}/team`, { token: token['gx-root'] });
    expect([gxTeamRead.json.team.leader.phone, gxTeamRead.json.phoneMasked]).toEqual(['138****8000', true]);
    expect((await s.call('GET', `/api/communities/${own.gx.community}/team`, { token: token['gx-county'] })).json.team.leader.phone).toBe(
      phone,
    );
  });

  it("shows the national office each programme's figures side by side, by its own standard, and no programme's records", async () => {
    const nation = await s.tokenFor('nation');
    const overview = await s.call('GET', '/api/nation', { token: nation });
    expect(overview.status, overview.text).toBe(200);
    expect(overview.json.summed).toBe(false);
    const byArea = new Map(overview.json.programmes.map((p: { area: { code: string } }) => [p.area.code, p]));
    expect([...byArea.keys()]).toEqual(['45', LQ]);
    expect(byArea.get('45')).toMatchObject({
      area: { level: 'province' },
      programme: { id: expect.stringMatching(/^gx-/) },
      teamsRegistered: 1,
    });
    expect(byArea.get(LQ)).toMatchObject({
      area: { level: 'county', name: '龙泉市' },
      programme: { id: 'lq-2022' },
      standard: { ref: 'longquan-2022-v1' },
      teamsRegistered: 1,
    });
    // each figure is its own programme's, as its root office reads it
    for (const [caller, area] of [
      ['gx-root', '45'],
      ['lq-root', LQ],
    ] as const) {
      const root = await s.call('GET', '/api/counties', { token: token[caller] });
      const drill = await s.call('GET', `/api/nation/${area}/counties`, { token: nation });
      expect(drill.status).toBe(200);
      expect(drill.json).toEqual(root.json);
      expect(byArea.get(area)).toMatchObject({
        communities: root.json.totals.communities,
        teamsMeetingStandard: root.json.totals.teamsMeetingStandard,
        coverage: root.json.totals.coverage,
      });
      const county = own[caller === 'gx-root' ? 'gx' : 'lq'].county;
      const byTownship = await s.call('GET', `/api/nation/${area}/counties/${county}`, { token: nation });
      expect(byTownship.json).toEqual((await s.call('GET', `/api/counties/${county}`, { token: token[caller] })).json);
      const trend = await s.call('GET', `/api/nation/${area}/trend`, { token: nation });
      expect(trend.json).toEqual((await s.call('GET', '/api/trend', { token: token[caller] })).json);
    }
    // figures only: no team's, leader's or phone's trace in any of it
    const said = [
      overview.text,
      ...(
        await Promise.all(
          ['45/counties', `${LQ}/counties`, `45/counties/${GX_COUNTY}`, `${LQ}/counties/${LQ}`].map((p) =>
            s.call('GET', `/api/nation/${p}`, { token: nation }),
          ),
        )
      ).map((r) => r.text),
    ];
    const { leader, name } = goodTeam();
    expect(['138****8000', leader.phone, leader.name, name].filter((p) => said.some((t) => t.includes(p)))).toEqual([]);
    // an area with no programme here is none, a county of another programme no county of this one; and the
    // national office reads no programme's own routes
    expect((await s.call('GET', '/api/nation/33/counties', { token: nation })).status).toBe(404);
    expect((await s.call('GET', `/api/nation/45/counties/${LQ}`, { token: nation })).status).toBe(400);
    const refused: string[] = [];
    for (const [route, ask] of Object.entries(CASES)) {
      if (route.startsWith('GET /api/nation')) continue;
      const a = ask(own.gx, 'gx-2021');
      const r = await s.call(a.method ?? 'GET', a.path, {
        token: nation,
        ...(a.body !== undefined ? { body: a.body } : {}),
        headers: a.headers,
      });
      if (r.status !== 403) refused.push(`${route} → ${r.status}`);
    }
    expect(refused).toEqual([]);
  }, 120_000);
});
