// The access matrix: every route × every kind of caller, with the expected answer generated from
// one table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import routes from '#api/routes.json' with { type: 'json' };
import { CONTRACT, type Who } from '#api/contract.js';
import { recordMonth } from '#app/months.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { csv, ROSTER_HEADER, rosterRow, sheetText, teamRow } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const COUNTY = '450102'; // in city 4501
const CALLERS = [
  'anonymous',
  'expired',
  'other-key',
  'nation',
  'province',
  'city-of-county',
  'other-city',
  'county',
  'other-county',
] as const;
type Caller = (typeof CALLERS)[number];
const SCOPES: Partial<Record<Caller, string>> = {
  nation: 'nation',
  province: 'province',
  'city-of-county': 'city:4501',
  'other-city': 'city:4502',
  county: `county:${COUNTY}`,
  'other-county': 'county:450103',
};

/** Who may: 'all' signed-in callers of the programme, 'read' (province, its city, the county), 'write' (province, the county), or named callers. */
type Rule = 'public' | 'all' | 'read' | 'write' | Caller[];
interface Case {
  route: string;
  path: (caller: Caller) => string;
  rule: Rule;
  body?: (caller: Caller) => { raw: string | Buffer; headers: Record<string, string> };
}

const allowed = (rule: Rule, caller: Caller): boolean => {
  if (rule === 'public') return true;
  if (caller === 'anonymous' || caller === 'expired' || caller === 'other-key') return false;
  // The national office reads its own routes only: every programme's figures, none of a programme's records.
  if (caller === 'nation') return Array.isArray(rule) && rule.includes('nation');
  if (rule === 'all') return true;
  if (rule === 'read') return ['province', 'city-of-county', 'county'].includes(caller);
  if (rule === 'write') return ['province', 'county'].includes(caller);
  return rule.includes(caller);
};

describe('access matrix', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let communities: string[];
  let campaign: { id: string; sampled: string; found: string };
  const leaving: Partial<Record<Caller, string>> = {};
  const erasing: Partial<Record<Caller, string>> = {};
  const withdrawing: Partial<Record<Caller, string>> = {};
  const resolving: Partial<Record<Caller, string>> = {};
  let correcting = '';
  let drill: Record<string, unknown> = {};
  const member = { name: '访问测试队员', mobile: goodTeam().leader.phone, category: 'volunteers', joined: '2026-01-05' };
  beforeAll(async () => {
    // in the maintenance years, where counties report monthly
    s = await testServer({ counties: [COUNTY, '450103', '450202'], clock: fixedClock('2026-12-10T04:00:00Z') });
    communities = s.registries.find((r) => r.code === COUNTY)!.communities.map(([c]) => c);
    await s.call('PUT', `/api/communities/${communities[0]}/team`, { token: await s.tokenFor('province'), body: goodTeam() });
    await recordMonth(s.deps, '2023-05');
    const created = await s.call('POST', '/api/campaigns', {
      token: await s.tokenFor('province'),
      body: { name: '访问测试检查', year: 2026, area: '45', deadline: '2026-12-31' },
    });
    campaign = { id: created.json.id, sampled: created.json.counties[COUNTY].sample[0], found: created.json.counties[COUNTY].sample[1] };
    // a member with the leader's own mobile, so the phone check below sees the roster too
    const withLeadersPhone = await s.call('POST', `/api/communities/${communities[0]}/roster`, {
      token: await s.tokenFor('province'),
      body: member,
    });
    expect(withLeadersPhone.status, withLeadersPhone.text).toBe(201);
    // every writer may correct this one (a renewal changes how no one counts)
    correcting = withLeadersPhone.json.id;
    drill = { kind: 'drill', date: '2026-11-20', hours: 2, title: '访问测试演练', attendees: [correcting] };
    // the team whose roster holds the possible duplicates below
    await s.call('PUT', `/api/communities/${communities.at(-1)}/team`, { token: await s.tokenFor('province'), body: goodTeam() });
    // a member for each caller that may end one (the roster's writers)
    for (const caller of ['province', 'county'] as const) {
      const added = await s.call('POST', `/api/communities/${communities[0]}/roster`, {
        token: await s.tokenFor('province'),
        body: {
          ...member,
          name: `离队测试${caller === 'province' ? '甲' : '乙'}`,
          mobile: caller === 'province' ? '13911110001' : '13911110002',
        },
      });
      expect(added.status, added.text).toBe(201);
      leaving[caller] = added.json.id;
      // and a member who has left, whose personal data it may erase
      const gone = await s.call('POST', `/api/communities/${communities[0]}/roster`, {
        token: await s.tokenFor('province'),
        body: {
          ...member,
          name: `删除测试${caller === 'province' ? '甲' : '乙'}`,
          mobile: caller === 'province' ? '13911110003' : '13911110004',
        },
      });
      expect(gone.status, gone.text).toBe(201);
      const ended = await s.call('POST', `/api/communities/${communities[0]}/roster/${gone.json.id}/end`, {
        token: await s.tokenFor('province'),
        body: { left: '2026-12-01' },
      });
      expect(ended.status, ended.text).toBe(200);
      erasing[caller] = gone.json.id;
      // and a possible duplicate (the phone of the member with the leader's own mobile, another name, on another team) to resolve
      const twin = await s.call('POST', `/api/communities/${communities.at(-1)}/roster`, {
        token: await s.tokenFor('province'),
        // the phone of the member with the leader's own mobile, or of the province's leaver, under another name
        body: {
          ...member,
          name: `核实测试${caller === 'province' ? '甲' : '乙'}`,
          mobile: caller === 'province' ? member.mobile : '13911110001',
        },
      });
      expect(twin.json.standing, twin.text).toBe('suspected');
      resolving[caller] = twin.json.id;
      // and an event of the activity log, to withdraw
      const event = await s.call('POST', `/api/communities/${communities[0]}/events`, {
        token: await s.tokenFor('province'),
        body: { ...drill, title: `撤销测试${caller === 'province' ? '甲' : '乙'}` },
      });
      expect(event.status, event.text).toBe(201);
      withdrawing[caller] = event.json.id;
    }
    // a check that finds a team the county never reported: a discrepancy for the county to answer
    const rules = Object.fromEntries(
      ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'].map((r) => [r, true]),
    );
    await s.call('PUT', `/api/campaigns/${campaign.id}/checks/${campaign.found}`, {
      token: await s.tokenFor('province'),
      body: { method: 'visit', teamExists: true, members: 20, rules },
    });
  });
  afterAll(() => s.close());

  const json = (o: unknown) => ({ raw: JSON.stringify(o), headers: { 'content-type': 'application/json' } });
  // Guangxi v1 under another title: a valid document for the standards' write routes.
  const { id: _id, version: _v, effectiveFrom: _e, ...standardDoc } = GUANGXI_STANDARD_V1;
  const draft = { ...standardDoc, title: { zh: '访问测试用标准', en: 'Access test standard' } };
  const nextYear = '2027-06-01'; // after the test clock's today (2026-12-10), within the 2 years a version may be published ahead
  const CASES: Case[] = [
    { route: 'GET /api/health', path: () => '/api/health', rule: 'public' },
    { route: 'GET /api/openapi.json', path: () => '/api/openapi.json', rule: 'public' },
    { route: 'GET /api/programme', path: () => '/api/programme', rule: 'all' },
    { route: 'GET /api/counties', path: () => '/api/counties', rule: 'all' },
    { route: 'GET /api/trend', path: () => `/api/trend?area=${COUNTY}`, rule: 'read' },
    { route: 'GET /api/nation', path: () => '/api/nation', rule: ['nation'] },
    { route: 'GET /api/nation/{programme}/counties', path: () => '/api/nation/45/counties', rule: ['nation'] },
    { route: 'GET /api/nation/{programme}/counties/{code}', path: () => `/api/nation/45/counties/${COUNTY}`, rule: ['nation'] },
    { route: 'GET /api/nation/{programme}/trend', path: () => `/api/nation/45/trend?area=${COUNTY}`, rule: ['nation'] },
    { route: 'GET /api/exports/counties.csv', path: () => '/api/exports/counties.csv', rule: 'all' },
    { route: 'GET /api/exports/counties.xlsx', path: () => '/api/exports/counties.xlsx', rule: 'all' },
    { route: 'GET /api/counties/{code}', path: () => `/api/counties/${COUNTY}`, rule: 'read' },
    { route: 'GET /api/counties/{code}/communities', path: () => `/api/counties/${COUNTY}/communities`, rule: 'read' },
    { route: 'GET /api/counties/{code}/template.xlsx', path: () => `/api/counties/${COUNTY}/template.xlsx`, rule: 'read' },
    { route: 'GET /api/communities/{code}/team', path: () => `/api/communities/${communities[0]}/team`, rule: 'read' },
    { route: 'GET /api/communities/{code}/team/history', path: () => `/api/communities/${communities[0]}/team/history`, rule: 'read' },
    { route: 'GET /api/communities/{code}/roster', path: () => `/api/communities/${communities[0]}/roster`, rule: 'read' },
    {
      route: 'POST /api/communities/{code}/roster',
      path: () => `/api/communities/${communities[0]}/roster`,
      rule: 'write',
      // each caller adds a person of its own: the same person twice on one roster is a 409
      body: (c) =>
        json({ ...member, name: `访问测试${CALLERS.indexOf(c)}`, mobile: `1392222${String(CALLERS.indexOf(c)).padStart(4, '0')}` }),
    },
    {
      route: 'POST /api/communities/{code}/roster/{id}/end',
      path: (c) => `/api/communities/${communities[0]}/roster/${leaving[c] ?? 'no-such-member'}/end`,
      rule: 'write',
      body: () => json({ left: '2026-12-01' }),
    },
    {
      route: 'POST /api/communities/{code}/roster/{id}/correct',
      path: () => `/api/communities/${communities[0]}/roster/${correcting}/correct`,
      rule: 'write',
      body: () => json({ insuredThrough: '2027-06-30' }),
    },
    {
      route: 'POST /api/communities/{code}/roster/{id}/resolve',
      path: (c) => `/api/communities/${communities.at(-1)}/roster/${resolving[c] ?? 'no-such-member'}/resolve`,
      rule: 'write',
      body: () => json({ samePerson: false }),
    },
    {
      route: 'POST /api/communities/{code}/roster/{id}/erase',
      path: (c) => `/api/communities/${communities[0]}/roster/${erasing[c] ?? 'no-such-member'}/erase`,
      rule: 'write',
      body: () => json({ reason: '本人申请删除' }),
    },
    { route: 'GET /api/communities/{code}/events', path: () => `/api/communities/${communities[0]}/events`, rule: 'read' },
    {
      route: 'POST /api/communities/{code}/events',
      path: () => `/api/communities/${communities[0]}/events`,
      rule: 'write',
      // each caller its own event: the same one twice is a 409
      body: (c) => json({ ...drill, title: `访问测试演练${CALLERS.indexOf(c)}` }),
    },
    {
      route: 'POST /api/communities/{code}/events/{id}/withdraw',
      path: (c) => `/api/communities/${communities[0]}/events/${withdrawing[c] ?? 'no-such-event'}/withdraw`,
      rule: 'write',
      body: () => json({ reason: '误录' }),
    },
    // each caller writes its own community, so one caller's write never meets another's version
    {
      route: 'PUT /api/communities/{code}/team',
      path: (c) => `/api/communities/${communities[1 + CALLERS.indexOf(c)]}/team`,
      rule: 'write',
      body: () => json(goodTeam()),
    },
    {
      route: 'POST /api/communities/{code}/team/phone',
      path: () => `/api/communities/${communities[0]}/team/phone`,
      rule: 'read',
      body: () => json({ reason: '核实队伍' }),
    },
    // each caller erases a team of its own making (the PUT above made them), so erasures never meet
    {
      route: 'POST /api/communities/{code}/team/personal-data/erase',
      path: (c) => `/api/communities/${communities[1 + CALLERS.indexOf(c)]}/team/personal-data/erase`,
      rule: 'write',
      body: () => json({ reason: '队长离任' }),
    },
    {
      route: 'POST /api/counties/{code}/imports',
      path: () => `/api/counties/${COUNTY}/imports?dryRun=true`,
      rule: 'write',
      body: () => ({ raw: csv([teamRow(communities[20], '')]), headers: { 'content-type': 'text/csv' } }),
    },
    {
      route: 'POST /api/counties/{code}/roster-imports',
      path: () => `/api/counties/${COUNTY}/roster-imports?dryRun=true`,
      rule: 'write',
      body: () => ({
        raw: csv([rosterRow(communities[20], '访问者（模拟）', null)], 'utf-8', ROSTER_HEADER),
        headers: { 'content-type': 'text/csv' },
      }),
    },
    { route: 'GET /api/recipients', path: () => '/api/recipients', rule: 'all' },
    {
      route: 'PUT /api/recipients/{scope}',
      path: () => `/api/recipients/county-${COUNTY}`,
      rule: 'write',
      body: () => json({ emails: ['clerk@example.com'] }),
    },
    { route: 'GET /api/counties/{code}/teams.xlsx', path: () => `/api/counties/${COUNTY}/teams.xlsx`, rule: 'read' },
    { route: 'GET /api/reports/{month}', path: () => '/api/reports/2026-12', rule: 'all' },
    { route: 'GET /api/counties/{code}/reports', path: () => `/api/counties/${COUNTY}/reports`, rule: 'read' },
    {
      route: 'POST /api/counties/{code}/reports/{month}',
      path: () => `/api/counties/${COUNTY}/reports/2026-12`,
      rule: 'write',
      body: () => json({}),
    },
    { route: 'GET /api/retention', path: () => `/api/retention?area=${COUNTY}`, rule: 'read' },
    { route: 'GET /api/counties/{code}/retention', path: () => `/api/counties/${COUNTY}/retention`, rule: 'read' },
    // The standards are the province's: only it may list, read, draft, preview or publish them.
    { route: 'GET /api/standards', path: () => '/api/standards', rule: ['province'] },
    { route: 'GET /api/standards/{id}/{version}', path: () => '/api/standards/gx-2021/1', rule: ['province'] },
    { route: 'POST /api/standards', path: () => '/api/standards', rule: ['province'], body: () => json({ ...draft, id: 'access-test' }) },
    { route: 'POST /api/standards/{id}/drafts', path: () => '/api/standards/gx-2021/drafts', rule: ['province'], body: () => json(draft) },
    {
      route: 'POST /api/standards/{id}/drafts/{n}/preview',
      path: () => '/api/standards/gx-2021/drafts/1/preview',
      rule: ['province'],
      body: () => json({ asOf: nextYear }),
    },
    {
      route: 'POST /api/standards/{id}/drafts/{n}/publish',
      path: () => '/api/standards/gx-2021/drafts/1/publish',
      rule: ['province'],
      body: () => json({ effectiveFrom: nextYear }),
    },
    { route: 'GET /api/summaries/{month}', path: () => `/api/summaries/2023-05?scope=county:${COUNTY}`, rule: 'read' },
    // The registry: every signed-in reader sees its versions; only the province changes it.
    { route: 'GET /api/registry/versions', path: () => '/api/registry/versions', rule: 'all' },
    { route: 'GET /api/registry/versions/{version}/changes', path: () => '/api/registry/versions/1/changes', rule: 'all' },
    {
      route: 'POST /api/registry/changes',
      path: () => '/api/registry/changes?dryRun=true',
      rule: ['province'],
      body: () =>
        json({
          effectiveFrom: '2026-12-10',
          source: '访问测试',
          changes: [{ kind: '更名', code: communities[30], name: '访问测试社区', reason: '更名' }],
        }),
    },
    { route: 'POST /api/registry/versions/{version}/resume', path: () => '/api/registry/versions/1/resume', rule: ['province'] },
    // Yearly summaries: read by whoever reads the area, written by its own office or the province
    // (each caller its own year, 2018 + its place in CALLERS, so no two creations meet).
    { route: 'GET /api/counties/{code}/annual/{year}', path: () => `/api/counties/${COUNTY}/annual/2026`, rule: 'read' },
    {
      route: 'PUT /api/counties/{code}/annual/{year}',
      path: (c) => `/api/counties/${COUNTY}/annual/${2018 + CALLERS.indexOf(c)}`,
      rule: 'write',
      body: () => json({ sections: { overview: '访问测试' } }),
    },
    { route: 'GET /api/cities/{code}/annual/{year}', path: () => '/api/cities/4501/annual/2026', rule: ['province', 'city-of-county'] },
    {
      route: 'PUT /api/cities/{code}/annual/{year}',
      path: (c) => `/api/cities/4501/annual/${2018 + CALLERS.indexOf(c)}`,
      rule: ['province', 'city-of-county'],
      body: () => json({ sections: { overview: '访问测试' } }),
    },
    { route: 'GET /api/province/annual/{year}', path: () => '/api/province/annual/2026', rule: ['province'] },
    {
      route: 'PUT /api/province/annual/{year}',
      path: () => '/api/province/annual/2026',
      rule: ['province'],
      body: () => json({ sections: { overview: '访问测试' } }),
    },
    // Supervision: the province and the cities organise and read campaigns (a city its own counties'); a county sees none.
    {
      route: 'POST /api/campaigns',
      path: () => '/api/campaigns',
      rule: ['province', 'city-of-county', 'other-city'],
      body: (c) =>
        // the province's 2026 campaign was opened above (one an area and year): it opens 2027's here
        json({
          name: '访问测试检查',
          year: c === 'province' ? 2027 : 2026,
          area: c === 'other-city' ? '4502' : c === 'city-of-county' ? '4501' : '45',
          deadline: c === 'province' ? '2027-06-30' : '2026-12-31',
        }),
    },
    { route: 'GET /api/campaigns', path: () => '/api/campaigns', rule: ['province', 'city-of-county', 'other-city'] },
    { route: 'GET /api/campaigns/{id}', path: () => `/api/campaigns/${campaign.id}`, rule: ['province', 'city-of-county', 'other-city'] },
    {
      route: 'GET /api/campaigns/{id}/results',
      path: () => `/api/campaigns/${campaign.id}/results`,
      rule: ['province', 'city-of-county', 'other-city'],
    },
    {
      route: 'GET /api/campaigns/{id}/bulletin.xlsx',
      path: () => `/api/campaigns/${campaign.id}/bulletin.xlsx`,
      rule: ['province', 'city-of-county', 'other-city'],
    },
    {
      route: 'GET /api/campaigns/{id}/bulletin.html',
      path: () => `/api/campaigns/${campaign.id}/bulletin.html`,
      rule: ['province', 'city-of-county', 'other-city'],
    },
    { route: 'GET /api/counties/{code}/discrepancies', path: () => `/api/counties/${COUNTY}/discrepancies`, rule: 'read' },
    // The county answers what a check found (the inspector closes it: the province, here, is not the county)
    {
      route: 'POST /api/counties/{code}/discrepancies',
      path: () => `/api/counties/${COUNTY}/discrepancies`,
      rule: ['county'],
      body: () => json({ campaignId: campaign.id, communityCode: campaign.found, action: 'corrected', reason: '已补报' }),
    },
    // The organiser's checklist shows sampled leaders' phones in full (each view audited): the organiser only.
    {
      route: 'POST /api/campaigns/{id}/counties/{code}/checklist',
      path: () => `/api/campaigns/${campaign.id}/counties/${COUNTY}/checklist`,
      rule: ['province'],
    },
    {
      route: 'PUT /api/campaigns/{id}/checks/{communityCode}',
      path: () => `/api/campaigns/${campaign.id}/checks/${campaign.sampled}`,
      rule: ['province'],
      body: () => json({ method: 'unreachable', note: '无人接听' }),
    },
  ];

  it("says of each route who may call it as the contract documents it (docs/API.md's 可调用 / Who)", () => {
    // The contract's words as callers of this matrix (its campaign is the province's: the province organises it).
    const callersOf: Record<Who, Rule> = {
      public: 'public',
      all: 'all',
      read: 'read',
      write: 'write',
      province: ['province'],
      // the matrix sets the county's recipients: the province, or the county itself
      ownOffice: ['province', 'county'],
      ownCity: ['province', 'city-of-county'],
      organisers: ['province', 'city-of-county', 'other-city'],
      organiser: ['province'],
      countyAnswers: ['county'],
      nation: ['nation'],
    };
    // compared as the callers each lets through ('write' and ['province', 'county'] are the same callers)
    const through = (rule: Rule) => CALLERS.filter((caller) => allowed(rule, caller)).join(',');
    expect(
      CASES.filter((c) => through(callersOf[CONTRACT[c.route].who]) !== through(c.rule)).map(
        (c) => `${c.route}: documented ${CONTRACT[c.route].who}, found ${JSON.stringify(c.rule)}`,
      ),
    ).toEqual([]);
  });

  it('covers every route of the API', () => {
    expect(CASES.map((c) => c.route).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  /** Every answer each caller got, as text (spreadsheets unpacked), for the personal-data check below. */
  const answers: { route: string; caller: Caller; text: string }[] = [];

  it.each(CASES)('$route', async (c) => {
    const [method] = c.route.split(' ');
    const outcomes: string[] = [];
    for (const caller of CALLERS) {
      const token =
        caller === 'expired'
          ? await s.expiredToken()
          : caller === 'other-key'
            ? await s.forgedToken()
            : SCOPES[caller]
              ? await s.tokenFor(SCOPES[caller]!)
              : undefined;
      const body = c.body?.(caller);
      const res = await s.call(method, c.path(caller), { token, raw: body?.raw, headers: body?.headers });
      answers.push({
        route: c.route,
        caller,
        text: res.headers.get('content-type')?.includes('spreadsheetml') ? await sheetText(res.bytes) : res.text,
      });
      const expected = allowed(c.rule, caller) ? 'allow' : ['anonymous', 'expired', 'other-key'].includes(caller) ? 401 : 403;
      const got = res.status >= 200 && res.status < 300 ? 'allow' : res.status;
      outcomes.push(`${caller}: ${got}`);
      expect(`${caller}: ${got}`).toBe(`${caller}: ${expected}`);
    }
  });

  it('shows a full phone number only to the owning county, or to a reader who asked for it by name', () => {
    const phone = goodTeam().leader.phone;
    expect(answers.length).toBe(CASES.length * CALLERS.length);
    const leaks = answers
      .filter((a) => a.text.includes(phone))
      .filter(
        (a) =>
          !(a.caller === 'county') &&
          !(a.route === 'POST /api/communities/{code}/team/phone') &&
          !(a.caller === 'province' && a.route === 'POST /api/campaigns/{id}/counties/{code}/checklist'),
      )
      .map((a) => `${a.route} as ${a.caller}`);
    expect(leaks).toEqual([]);
    // The national office reads figures only: not even a masked phone, a leader's or a team's name.
    const { leader, name } = goodTeam();
    const national = answers.filter((a) => a.caller === 'nation' && a.route.startsWith('GET /api/nation'));
    expect(national.map((a) => [a.route, ['138****8000', leader.name, name].filter((p) => a.text.includes(p))])).toEqual(
      national.map((a) => [a.route, []]),
    );
    expect(national.map((a) => a.text).join('')).toContain('"teamsMeetingStandard"');
    // ...and the check would see one: the owning county reads its team in full, the reveal answers it.
    expect(answers.some((a) => a.caller === 'county' && a.route === 'GET /api/communities/{code}/team' && a.text.includes(phone))).toBe(
      true,
    );
    expect(
      answers.some((a) => a.caller === 'province' && a.route === 'GET /api/communities/{code}/team' && a.text.includes('138****8000')),
    ).toBe(true);
  });
});
