// Standards as versioned data on DynamoDB Local, through the HTTP API: the province drafts a version,
// previews what it would do on a day, publishes it for a later day; on that day the daily job
// re-evaluates every team under it (killed midway, it carries on); past months keep their verdicts.
// A malformed standard is refused field by field, in Chinese, with nothing stored; others get 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '#app/daily.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { monthFigures } from '#app/months.js';
import { applyStandardInForce } from '#app/reevaluate.js';
import { nextTeam, saveTeam } from '#app/teams.js';
import { withoutIds } from '#tests/helpers/messages.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';
import { formatWire } from '#core/messages/format.js';

const COUNTY = '450102';
const OTHER = '450103';
const province = { scope: { kind: 'province' as const }, user: 'test' };

/** Guangxi v1 with 25 members and a new equipment checklist (a revision a province might publish). */
function revised() {
  const { id: _id, version: _v, effectiveFrom: _e, ...doc } = GUANGXI_STANDARD_V1;
  return {
    ...doc,
    title: { zh: '八桂应急先锋社区响应队建设标准（2027年版）', en: 'Guangxi standard (2027)' },
    rules: [
      ...doc.rules.map((r) =>
        r.kind === 'min-members' ? { ...r, min: 25, title: { zh: '队员人数达标（25人以上）', en: 'Enough members (25 or more)' } } : r,
      ),
      {
        id: 'equipment-kit',
        kind: 'checklist',
        target: 'team',
        title: { zh: '装备清单齐全（担架、急救箱）', en: 'Kit complete (stretcher, first-aid)' },
        source: { document: '测试用修订', basis: 'interpretation' },
        items: [
          { id: 'stretcher', label: { zh: '担架', en: 'Stretcher' } },
          { id: 'firstAid', label: { zh: '急救箱', en: 'First-aid kit' } },
        ],
        messages: { missing: { zh: '缺少{missing}', en: 'Missing {missing}' } },
      },
    ],
  };
}

describe('standards as versioned data', () => {
  const clock = fixedClock('2026-12-10T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  const token: Record<string, string> = {};
  let codes: string[];
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY, OTHER], clock });
    for (const scope of ['province', 'city:4501', `county:${COUNTY}`]) token[scope] = await s.tokenFor(scope);
    const [a, b] = s.registries;
    codes = [...a.communities.slice(0, 6), ...b.communities.slice(0, 4)].map(([c]) => c);
    // Ten teams meeting v1 until 2027-06: four with 24 members, six with 30 (four of those with the kit). v1 asks for no
    // kit, so a save today refuses it (an item no standard of the team defines): those four hold it as if saved under an
    // earlier standard that asked for it, written straight to the store.
    for (const [i, code] of codes.entries()) {
      const big = i % 5 !== 0 && i % 5 !== 1;
      const withKit = big && i % 3 !== 0;
      const team = goodTeam({
        members: { ...goodTeam().members, volunteers: big ? 11 : 5 },
        insuredMembers: big ? 30 : 24,
        insuranceExpiresOn: '2027-06-30',
        lastTrainingOn: '2026-11-01',
        ...(withKit ? { checklist: { stretcher: true, firstAid: true } } : {}),
      });
      if (withKit) {
        const next = nextTeam(s.deps, code, team, null, { updatedBy: 'province/test', source: 'form' });
        await s.deps.store.writeTeams([{ previous: null, next }], next.updatedAt);
        continue;
      }
      await saveTeam(s.deps, province, code, team, null);
    }
    // A table's first daily job marks every verdict as judged under the standard in force (none changes).
    expect((await runDaily(s.deps)).standard).toMatchObject({ ref: 'gx-2021-v1', teams: 10, changed: 0 });
  });
  afterAll(() => s.close());

  it('only the province may list, read, draft, preview or publish: a city and a county get 403', async () => {
    for (const who of ['city:4501', `county:${COUNTY}`]) {
      for (const [method, path] of [
        ['GET', '/api/standards'],
        ['GET', '/api/standards/gx-2021/1'],
        ['POST', '/api/standards/gx-2021/drafts'],
        ['POST', '/api/standards'],
        ['POST', '/api/standards/gx-2021/drafts/1/preview'],
        ['POST', '/api/standards/gx-2021/drafts/1/publish'],
      ] as const) {
        const res = await s.call(method, path, { token: token[who], body: method === 'POST' ? revised() : undefined });
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    }
    // the programme in force stays readable by everyone signed in
    expect((await s.call('GET', '/api/programme', { token: token[`county:${COUNTY}`] })).status).toBe(200);
  });

  it("lists the shipped standards with the one in force, and reads a version with every rule's source", async () => {
    const list = await s.call('GET', '/api/standards', { token: token.province });
    expect(list.status).toBe(200);
    expect(list.json.inForce).toBe('gx-2021-v1');
    expect(list.json.standards.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(['gx-2021', 'ganzhou-2024', 'lieshan-2025', 'longquan-2022', 'zhangshu-2024']),
    );
    const v1 = await s.call('GET', '/api/standards/gx-2021/1', { token: token.province });
    expect(v1.json.rules.map((r: { source: { basis: string } }) => r.source.basis)).toEqual([
      'text',
      'text',
      'text',
      'text',
      'interpretation',
      'interpretation',
    ]);
    expect((await s.call('GET', '/api/standards/gx-2021/9', { token: token.province })).status).toBe(404);
    expect((await s.call('GET', '/api/standards/gx-2021/x', { token: token.province })).status).toBe(400);
  });

  it.each([
    [
      'a threshold of zero',
      (d: any) => ({ ...d, rules: d.rules.map((r: any) => (r.kind === 'min-members' ? { ...r, min: 0 } : r)) }),
      'rules.0.min',
      /不能小于 1/,
    ],
    [
      'an unknown rule kind',
      (d: any) => ({ ...d, rules: [...d.rules, { ...d.rules[0], id: 'x', kind: 'magic' }] }),
      'rules.7.kind',
      /规则类型/,
    ],
    [
      'a rule without its Chinese title',
      (d: any) => ({ ...d, rules: d.rules.map((r: any, i: number) => (i === 1 ? { ...r, title: { en: 'x' } } : r)) }),
      'rules.1.title.zh',
      /规则（中文）不能为空|标题（中文）不能为空/,
    ],
    ['two rules with one id', (d: any) => ({ ...d, rules: [...d.rules, d.rules[0]] }), 'rules.7.id', /重复/],
    ['an unknown field', (d: any) => ({ ...d, colour: 'red' }), 'colour', /未知字段：colour/],
    [
      'a checklist item named like another column (its template could not be imported)',
      (d: any) => ({
        ...d,
        rules: [
          ...d.rules.slice(0, -1),
          { ...d.rules.at(-1), items: [...d.rules.at(-1).items, { id: 'phone', label: { zh: '队长电话', en: 'Phone' } }] },
        ],
      }),
      'checklist.phone',
      /「队长电话」.*重名/,
    ],
  ])('refuses a draft with %s, naming the field in Chinese, and stores nothing', async (_label, spoil, field, message) => {
    const before = await s.snapshot();
    const res = await s.call('POST', '/api/standards/gx-2021/drafts', { token: token.province, body: spoil(revised()) });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/标准文件有误，未保存/);
    expect(withoutIds(res.json.error.details)).toContainEqual({ field, message: expect.stringMatching(message) });
    expect(await s.snapshot()).toBe(before);
  });

  it('draft → preview (who would fail, on which rule, by county) → publish for a later day → applied on that day; past months keep theirs', async () => {
    const draft = await s.call('POST', '/api/standards/gx-2021/drafts', { token: token.province, body: revised() });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ id: 'gx-2021', n: 1, doc: { version: 2 }, createdBy: expect.stringMatching(/^province\//) });

    const preview = await s.call('POST', '/api/standards/gx-2021/drafts/1/preview', {
      token: token.province,
      body: { asOf: '2027-01-01' },
    });
    expect(preview.status).toBe(200);
    const p = preview.json;
    // 4 teams have 24 members; of the six with 30, two (i = 3, 9 … those with i % 3 === 0) lack the kit
    const small = codes.filter((_c, i) => i % 5 === 0 || i % 5 === 1).length;
    const noKit = codes.filter((_c, i) => i % 5 !== 0 && i % 5 !== 1 && i % 3 === 0).length;
    expect(p).toMatchObject({
      asOf: '2027-01-01',
      draft: 'gx-2021-v2',
      replaces: 'gx-2021-v1',
      teams: 10,
      meetingBefore: 10,
      meetingAfter: 10 - small - noKit,
      newlyFailing: small + noKit,
    });
    // the small teams lack the kit too: every newly failing team fails the new rule
    expect(p.byRule.find((r: { ruleId: string }) => r.ruleId === 'equipment-kit')).toMatchObject({
      newRule: true,
      failing: small + noKit,
      amongNewlyFailing: small + noKit,
    });
    expect(p.byRule.find((r: { ruleId: string }) => r.ruleId === 'members-min')).toMatchObject({ newRule: false, failing: small });
    expect(p.byCounty.map((c: { code: string; name: string }) => c.code).sort()).toEqual([COUNTY, OTHER]);
    expect(p.byCounty.reduce((n: number, c: { newlyFailing: number }) => n + c.newlyFailing, 0)).toBe(small + noKit);

    // The day must be named (a version is for good), in a JSON object.
    for (const body of [[], {}, { effectiveFrom: 20270101 }]) {
      const res = await s.call('POST', '/api/standards/gx-2021/drafts/1/publish', { token: token.province, body });
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // Today is refused (a day begun keeps its verdicts); 2027-01-01 is accepted.
    const today = await s.call('POST', '/api/standards/gx-2021/drafts/1/publish', {
      token: token.province,
      body: { effectiveFrom: '2026-12-10' },
    });
    expect(today.status).toBe(400);
    expect(today.json.error.details[0].message).toMatch(/应晚于今天/);
    const published = await s.call('POST', '/api/standards/gx-2021/drafts/1/publish', {
      token: token.province,
      body: { effectiveFrom: '2027-01-01' },
    });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ ref: 'gx-2021-v2', version: 2, effectiveFrom: '2027-01-01' });
    expect(
      (await s.call('POST', '/api/standards/gx-2021/drafts/1/publish', { token: token.province, body: { effectiveFrom: '2027-02-01' } }))
        .status,
    ).toBe(400);

    // Until then nothing changes: the programme still names v1 and lists v2 to come.
    const programme = await s.call('GET', '/api/programme', { token: token[`county:${COUNTY}`] });
    expect(programme.json.ruleSet.ref).toBe('gx-2021-v1');
    expect(programme.json.versions.map((v: { ref: string; inForce: boolean }) => [v.ref, v.inForce])).toEqual([
      ['gx-2021-v1', true],
      ['gx-2021-v2', false],
    ]);
    expect(await runDaily(s.deps)).toMatchObject({ standard: null });

    // December's record is taken at its end under v1; on 1 January the daily job applies v2.
    clock.set('2027-01-01T00:10:00+08:00');
    const daily = await runDaily(s.deps);
    expect(daily.standard).toMatchObject({ ref: 'gx-2021-v2', teams: 10, changed: 10 });
    const stored = await Promise.all(codes.map((c) => s.store.getTeam(c)));
    expect(stored.map((t) => t!.verdict.ruleSetId)).toEqual(codes.map(() => 'gx-2021-v2'));
    expect(stored.filter((t) => t!.verdict.meetsStandard).length).toBe(10 - small - noKit);
    const history = await s.store.listHistory(codes[0]);
    expect(history[0]).toMatchObject({
      source: 'reevaluate',
      note: '标准 八桂应急先锋社区响应队建设标准（2027年版）（gx-2021-v2）自 2027-01-01 起施行',
    });
    expect(formatWire('en', history[0].noteMessage!)).toMatch(/^Standard .+ \(gx-2021-v2\) in force from 2027-01-01$/);
    expect((await s.store.reconcile()).drift).toEqual([]);
    const december = (await monthFigures(s.deps, '2026-12'))!;
    expect(december.ruleSetId).toBe('gx-2021-v1');
    expect(december.counties[COUNTY].counters.teamsMeetingStandard + december.counties[OTHER].counters.teamsMeetingStandard).toBe(10);
    // a second run the same day does nothing
    expect((await runDaily(s.deps)).standard).toBeNull();
  });

  it('a re-evaluation killed midway carries on where it stopped: each team audited once, counters equal a recount', async () => {
    // v3: back to 20 members, published for 2027-02-01
    const body = { ...revised(), rules: revised().rules.map((r) => (r.kind === 'min-members' ? { ...r, min: 20 } : r)) };
    const draft = await s.call('POST', '/api/standards/gx-2021/drafts', { token: token.province, body });
    expect(draft.json.n).toBe(2);
    expect(
      (await s.call('POST', '/api/standards/gx-2021/drafts/2/publish', { token: token.province, body: { effectiveFrom: '2027-02-01' } }))
        .json.ref,
    ).toBe('gx-2021-v3');
    clock.set('2027-02-01T00:10:00+08:00');
    const before = await Promise.all(codes.map((c) => s.store.listHistory(c)));
    let writes = 0;
    const dying = {
      ...s.deps,
      store: {
        ...s.deps.store,
        writeTeams: async (...args: Parameters<typeof s.deps.store.writeTeams>) => {
          if (++writes > 1) throw new Error('killed');
          return s.deps.store.writeTeams(...args);
        },
      },
    };
    await expect(applyStandardInForce(dying)).rejects.toThrow('killed');
    expect((await s.store.getApplied())!.ref).toBe('gx-2021-v2'); // not marked: the next run carries on
    const resumed = await applyStandardInForce(s.deps);
    expect(resumed).toMatchObject({ ref: 'gx-2021-v3', teams: 10 });
    const after = await Promise.all(codes.map((c) => s.store.listHistory(c)));
    expect(after.map((h, i) => h.length - before[i].length)).toEqual(codes.map(() => 1));
    expect((await Promise.all(codes.map((c) => s.store.getTeam(c)))).every((t) => t!.verdict.ruleSetId === 'gx-2021-v3')).toBe(true);
    expect((await s.store.reconcile()).drift).toEqual([]);
  });

  it('a daily run as of a past day (npm run job:lapse -- --date) never brings back the version a later one replaced', async () => {
    const before = await Promise.all(codes.map((c) => s.store.getTeam(c)));
    // the job as of 2027-01-15, when v2 was in force, run on a day v3 is applied
    const past = { ...s.deps, clock: fixedClock('2027-01-15T04:00:00Z') };
    expect((await runDaily(past)).standard).toBeNull();
    expect((await s.store.getApplied())!.ref).toBe('gx-2021-v3');
    expect(await Promise.all(codes.map((c) => s.store.getTeam(c)))).toEqual(before);
  });

  it('five drafts written at once each get their own number', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => s.call('POST', '/api/standards/gx-2021/drafts', { token: token.province, body: revised() })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.json.n)).size).toBe(5);
  });
});
