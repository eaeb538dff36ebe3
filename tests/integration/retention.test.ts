// Retention on DynamoDB Local: a county's teams due for renewal (soonest first, with what runs out),
// lapsed in the last 30 days (and why), renewed this month; the province's the sum of its counties,
// each county's figures stored for the day and judged afresh after a write in that county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '#app/daily.js';
import { areaRetention } from '#app/retention.js';
import type { CountyRetention } from '#store/retention.js';
import { saveTeam } from '#app/teams.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const COUNTY = '450102';
const OTHER = '450103';
const province = { scope: { kind: 'province' as const }, user: 'test' };

describe('retention figures', () => {
  const clock = fixedClock('2026-10-20T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  let c: string[];
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY, OTHER], clock });
    c = s.registries[0].communities.slice(0, 5).map(([code]) => code);
    const o = s.registries[1].communities[0][0];
    // Saved in October: a policy to 2026-11-10, one to 2026-11-05 (it lapses before the day looked at),
    // training on 2025-12-01 (runs out 2026-12-01), one fine for long, one already failing.
    await saveTeam(s.deps, province, c[0], goodTeam({ insuranceExpiresOn: '2026-11-25', lastTrainingOn: '2026-10-01' }), null);
    await saveTeam(s.deps, province, c[1], goodTeam({ insuranceExpiresOn: '2026-11-05', lastTrainingOn: '2026-10-01' }), null);
    await saveTeam(s.deps, province, c[2], goodTeam({ insuranceExpiresOn: '2027-09-30', lastTrainingOn: '2025-12-20' }), null);
    await saveTeam(s.deps, province, c[3], goodTeam({ insuranceExpiresOn: '2027-09-30', lastTrainingOn: '2026-10-01' }), null);
    await saveTeam(
      s.deps,
      province,
      c[4],
      goodTeam({ equipment: false, insuranceExpiresOn: '2027-09-30', lastTrainingOn: '2026-10-01' }),
      null,
    );
    await saveTeam(s.deps, province, o, goodTeam({ insuranceExpiresOn: '2026-11-30', lastTrainingOn: '2026-10-01' }), null);
    // In November: c[3] renews early (a later policy), on the 12th.
    clock.set('2026-11-12T04:00:00Z');
    const current = await s.store.getTeam(c[3]);
    await saveTeam(s.deps, province, c[3], { ...current!.team, insuranceExpiresOn: '2028-09-30' }, current!.version);
    clock.set('2026-11-20T04:00:00Z');
  });
  afterAll(() => s.close());

  it('a county: lapsed in the last 30 days with the day and the reason; due within 30/60/90 days soonest first; renewed this month', async () => {
    const res = await s.call('GET', `/api/counties/${COUNTY}/retention`, { token: await s.tokenFor(`county:${COUNTY}`) });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ asOf: '2026-11-20', ruleSetId: 'gx-2021-v1', teams: 5, meeting: 3, renewedThisMonth: 1 });
    expect(r.lapsed).toMatchObject({ days: 30, count: 1, byRule: { insurance: 1 } });
    expect(r.lapsed.list).toEqual([
      expect.objectContaining({
        communityCode: c[1],
        lapsedOn: '2026-11-06',
        rules: [expect.objectContaining({ id: 'insurance' })],
        name: s.registries[0].communities[1][1],
      }),
    ]);
    expect(r.due.within).toEqual({ 30: 2, 60: 2, 90: 2 });
    expect(
      r.due.list.map((d: { communityCode: string; holdsUntil: string; rules: { id: string }[] }) => [
        d.communityCode,
        d.holdsUntil,
        d.rules.map((x) => x.id),
      ]),
    ).toEqual([
      [c[0], '2026-11-25', ['insurance']],
      [c[2], '2026-12-20', ['training']],
    ]);
    // a team failing already (no equipment) is neither due nor lapsed
    expect(JSON.stringify(r)).not.toContain(c[4]);
  });

  it('the province adds its counties up; a county may not look at another, a city only at its own', async () => {
    const res = await s.call('GET', '/api/retention?area=45', { token: await s.tokenFor('province') });
    expect(res.json).toMatchObject({
      area: '45',
      counties: 2,
      teams: 6,
      meeting: 4,
      lapsed: { count: 1 },
      due: { within: { 30: 3, 60: 3, 90: 3 } },
      renewedThisMonth: 1,
    });
    expect(res.json.due.list).toEqual([]);
    expect((await s.call('GET', `/api/counties/${OTHER}/retention`, { token: await s.tokenFor(`county:${COUNTY}`) })).status).toBe(403);
    expect((await s.call('GET', '/api/retention?area=4502', { token: await s.tokenFor('city:4501') })).status).toBe(403);
    expect((await s.call('GET', '/api/retention?area=4501', { token: await s.tokenFor('city:4501') })).json.counties).toBe(2);
    expect((await s.call('GET', '/api/retention?area=99', { token: await s.tokenFor('province') })).status).toBe(400);
  });

  it("an area's figures are stored per county and per day (Asia/Shanghai): the next read uses them until a save in that county or a new day", async () => {
    const token = await s.tokenFor('province');
    const read = async () => (await s.call('GET', '/api/retention?area=45', { token })).json;
    const first = await read();
    const stored = await s.store.listCountyRetention('45', '2026-11-20');
    expect(stored.map((x) => x.countyCode).sort()).toEqual([COUNTY, OTHER].sort());
    // The next read is served from what is stored: a mark put into OTHER's stored figures shows in the sum.
    const other = stored.find((x) => x.countyCode === OTHER)!;
    await s.store.putCountyRetention('45', { ...other, figures: { ...other.figures, teams: other.figures.teams + 100 } });
    expect((await read()).teams).toBe(first.teams + 100);
    // A save in COUNTY that renews a team early (the policy due on 2026-11-25) is seen by the next read the same day;
    // OTHER, where nothing was written, is still read from what is stored.
    const renewing = (await s.store.getTeam(c[0]))!;
    await saveTeam(s.deps, province, c[0], { ...renewing.team, insuranceExpiresOn: '2027-11-25' }, renewing.version);
    const renewed = await read();
    expect(renewed).toMatchObject({ teams: first.teams + 100, renewedThisMonth: first.renewedThisMonth + 1 });
    expect(renewed.due.within[30]).toBe(first.due.within[30] - 1);
    // A save in OTHER: its figures are judged afresh, and the mark is gone.
    const o = s.registries[1].communities[0][0];
    const team = (await s.store.getTeam(o))!;
    await saveTeam(s.deps, province, o, { ...team.team, name: `${team.team.name}（改名）` }, team.version);
    expect((await read()).teams).toBe(first.teams);
    // 16:00 UTC is midnight in Shanghai: a new day is judged afresh and stored under its own date.
    clock.set('2026-11-20T16:00:00Z');
    try {
      expect((await read()).asOf).toBe('2026-11-21');
      expect((await s.store.listCountyRetention('45', '2026-11-21')).length).toBe(2);
    } finally {
      clock.set('2026-11-20T04:00:00Z');
    }
  });

  it("the daily job judges and stores the day's figures, so the day's first reader does not wait for them", async () => {
    clock.set('2026-11-22T04:00:00Z');
    try {
      expect(await s.store.listCountyRetention('45', '2026-11-22')).toEqual([]);
      await runDaily(s.deps);
      expect((await s.store.listCountyRetention('45', '2026-11-22')).map((r) => r.countyCode).sort()).toEqual([COUNTY, OTHER].sort());
    } finally {
      clock.set('2026-11-20T04:00:00Z');
    }
  });

  it('three readers at once on a day not yet stored: each county is judged and stored once, and all three get the same figures', async () => {
    clock.set('2026-11-23T04:00:00Z');
    try {
      const stored: string[] = [];
      const store = {
        ...s.deps.store,
        putCountyRetention: async (area: string, r: CountyRetention) => {
          stored.push(r.countyCode);
          await s.deps.store.putCountyRetention(area, r);
        },
      };
      const deps = { ...s.deps, store };
      const answers = await Promise.all([1, 2, 3].map(() => areaRetention(deps, { kind: 'province' }, '45')));
      expect(stored.sort()).toEqual([COUNTY, OTHER].sort());
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    } finally {
      clock.set('2026-11-20T04:00:00Z');
    }
  });
});
