// Guangxi beside 龙泉市 in one table: Guangxi's answers are those of a table holding Guangxi alone, and a
// registry change set left unfinished in one programme does not hold up the other's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '#app/daily.js';
import { monthFigures } from '#app/months.js';
import { seedIfEmpty } from '#local/seed.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { testServer } from '#tests/helpers/server.js';

const COUNTIES = ['450102', '450103'];
const LQ = '331181';
const NOW = '2026-11-20T04:00:00Z';
// The registry's loading instant is the test's real time (testStack), the rest the fixed clock's.
const instants = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<instant>');

describe('two programmes in one table', () => {
  let alone: Awaited<ReturnType<typeof testServer>>;
  let both: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    alone = await testServer({ counties: COUNTIES, clock: fixedClock(NOW) });
    both = await testServer({ counties: COUNTIES, also: [LQ], clock: fixedClock(NOW) });
    for (const deps of [alone.deps, both.deps, both.others[0]]) {
      await seedIfEmpty(deps, undefined, deps === both.others[0] ? {} : { counties: COUNTIES });
      await runDaily(deps);
    }
  }, 300_000);
  afterAll(async () => {
    await alone?.close();
    await both?.close();
  });

  it("answers Guangxi's offices as a table holding Guangxi alone does, byte for byte", async () => {
    const community = alone.registries[0].communities[3][0];
    const reads: [string, string][] = [
      ['/api/programme', 'province:45'],
      ['/api/counties', 'province:45'],
      ['/api/counties?month=2025-12', 'province:45'],
      ['/api/trend', 'province:45'],
      ['/api/trend?area=4501', 'city:4501'],
      ['/api/reports/2026-10', 'province:45'],
      ['/api/counties/450102', 'county:450102'],
      ['/api/counties/450102/communities', 'county:450102'],
      ['/api/counties/450102/reports', 'county:450102'],
      [`/api/communities/${community}/team`, 'county:450102'],
      [`/api/communities/${community}/team/history`, 'county:450102'],
      ['/api/registry/versions', 'province:45'],
      ['/api/standards', 'province:45'],
      ['/api/retention', 'province:45'],
      ['/api/summaries/2026-10', 'province:45'],
      ['/api/province/annual/2025', 'province:45'],
    ];
    let compared = 0;
    for (const [path, scope] of reads) {
      const [a, b] = await Promise.all(
        [alone, both].map(async (t) => {
          const r = await t.call('GET', path, { token: await t.tokenFor(scope) });
          return `${r.status} ${instants(r.text)}`;
        }),
      );
      expect(a.startsWith('200 '), `${path}: ${a.slice(0, 200)}`).toBe(true);
      expect(b, path).toBe(a);
      compared += a.length;
    }
    expect(compared).toBeGreaterThan(10_000);
    // and 龙泉's offices see their own programme: one county, its own standard
    const lq = await both.call('GET', '/api/counties', { token: await both.tokenFor(`county:${LQ}`) });
    expect(lq.json.counties.map((c: { code: string }) => c.code)).toEqual([LQ]);
    expect(lq.json.totals.communities).toBeGreaterThan(200);
  });

  it("keeps each programme's month figures apart, even when both judge by the same standard", async () => {
    // a month ended and not yet stored: its figures are computed, and kept in the process until stored
    const later = fixedClock('2027-01-05T04:00:00Z');
    const gx = { ...both.deps, clock: later };
    const lq = both.others[0];
    const sameStandard = {
      ...lq,
      clock: later,
      book: { ...lq.book, programmes: lq.book.programmes.map((p) => ({ ...p, standards: gx.book.programmes[0].standards })) },
    };
    const gxMonth = await monthFigures(gx, '2026-12');
    const lqMonth = await monthFigures(sameStandard, '2026-12');
    expect([gxMonth?.stored, lqMonth?.stored]).toEqual([false, false]);
    expect(gxMonth?.ruleSetId).toBe(lqMonth?.ruleSetId);
    expect(Object.keys(gxMonth!.counties).sort()).toEqual(COUNTIES);
    expect(Object.keys(lqMonth!.counties)).toEqual([LQ]);
  });

  it("applies one programme's change set while the other's is left unfinished", async () => {
    const lq = both.others[0];
    const [lqUnit] = (await lq.store.getRegistry(LQ))!.communities[0];
    // 龙泉's version 2 stops half-way: its change set stored (applying), never carried out
    const versions = await lq.store.listRegistryVersions();
    const last = versions.at(-1)!;
    const started = await lq.store.beginRegistryVersion(
      { ...last, version: last.version + 1, status: 'preparing', effectiveFrom: '2026-11-20', source: '测试', at: NOW, changeCount: 1 },
      [{ row: 1, kind: 'rename', code: lqUnit, name: '测试村', reason: '更名' }],
      [],
    );
    expect(started).toBe(true);
    const lqRoot = await both.tokenFor(`county:${LQ}`);
    const blocked = await both.call('POST', '/api/registry/changes', {
      token: lqRoot,
      body: { effectiveFrom: '2026-11-20', source: '测试', changes: [{ kind: '更名', code: lqUnit, name: '另一个名字', reason: '更名' }] },
    });
    expect(blocked.status, blocked.text).toBe(409);

    // Guangxi's own change set goes through meanwhile
    const gxUnit = both.registries[0].communities[5][0];
    const applied = await both.call('POST', '/api/registry/changes', {
      token: await both.tokenFor('province:45'),
      body: {
        effectiveFrom: '2026-11-20',
        source: '测试',
        changes: [{ kind: '更名', code: gxUnit, name: '改名后的社区', reason: '更名' }],
      },
    });
    expect(applied.status, applied.text).toBe(200);
    const gxVersions = await both.call('GET', '/api/registry/versions', { token: await both.tokenFor('province:45') });
    expect(gxVersions.json.versions.at(-1)).toMatchObject({ status: 'applied' });
    const lqVersions = await both.call('GET', '/api/registry/versions', { token: lqRoot });
    expect(lqVersions.json.versions.at(-1)).toMatchObject({ status: 'applying' });
  });
});
