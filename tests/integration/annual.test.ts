// 分年度总结 through the HTTP API on DynamoDB Local: a county's draft from the figures of record, saved
// (If-Match versioned) and submitted once; a city's roll-up counting its counties' summaries; scope
// rules as everywhere; bad sections get a Chinese 400 and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTeam } from '#app/teams.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const [A, B, OTHER] = ['451026', '451002', '450102'];
const province = { scope: { kind: 'province' as const }, user: 'test' };

describe('yearly summaries (分年度总结)', () => {
  const clock = fixedClock('2026-03-10T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  const token: Record<string, string> = {};
  const url = (county = A, year = '2026') => `/api/counties/${county}/annual/${year}`;
  beforeAll(async () => {
    s = await testServer({ counties: [A, B, OTHER], clock });
    for (const scope of ['province', 'city:4510', `county:${A}`, `county:${B}`, `county:${OTHER}`]) token[scope] = await s.tokenFor(scope);
    const [code] = s.registries.find((r) => r.code === A)!.communities[0];
    await saveTeam(s.deps, province, code, goodTeam({ lastTrainingOn: '2026-03-01', insuranceExpiresOn: '2027-03-01' }), null);
    clock.set('2027-01-10T04:00:00Z');
  });
  afterAll(() => s.close());

  it("drafts the county's summary from the year-end figures (not stored until saved)", async () => {
    const table = await s.snapshot();
    const res = await s.call('GET', url(), { token: token[`county:${A}`] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      year: 2026,
      status: 'missing',
      version: null,
      due: '2027-01-31',
      asOfMonth: '2026-12',
      canWrite: true,
      figures: { end: { teamsMeetingStandard: 1 } },
    });
    expect(res.json.sections.map((x: { id: string }) => x.id)).toEqual(['overview', 'practice', 'problems', 'plans']);
    expect(res.json.sections[0].body).toContain('截至2026 年底，百色市那坡县');
    expect(await s.snapshot()).toBe(table);
  });

  it("saves the office's text (If-Match versioned), then submits it; a submitted summary is final", async () => {
    const draft = (await s.call('GET', url(), { token: token[`county:${A}`] })).json;
    const sections = Object.fromEntries(draft.sections.map((x: { id: string; body: string }) => [x.id, x.body || '本县按计划推进。']));
    const created = await s.call('PUT', url(), { token: token[`county:${A}`], body: { sections } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ status: 'draft', version: 1 });
    expect(created.headers.get('etag')).toBe('1');
    const stale = await s.call('PUT', url(), { token: token[`county:${A}`], body: { sections } });
    expect(stale.status).toBe(409);
    const submitted = await s.call('PUT', url(), {
      token: token[`county:${A}`],
      body: { sections: { ...sections, plans: '明年巩固提高。' }, submit: true },
      headers: { 'if-match': '1' },
    });
    expect(submitted.json).toMatchObject({
      status: 'submitted',
      version: 2,
      canWrite: false,
      sections: expect.arrayContaining([expect.objectContaining({ id: 'plans', body: '明年巩固提高。' })]),
    });
    const again = await s.call('PUT', url(), { token: token[`county:${A}`], body: { sections }, headers: { 'if-match': '2' } });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('已于');
  });

  it('rolls up in the city: which counties submitted, part of completeness', async () => {
    const city = await s.call('GET', '/api/cities/4510/annual/2026', { token: token['city:4510'] });
    expect(city.status).toBe(200);
    expect(city.json.completeness).toMatchObject({ submitted: 1, missing: 1 });
    expect(city.json.parts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: A, status: 'submitted' }),
        expect.objectContaining({ code: B, status: 'missing' }),
      ]),
    );
    expect(city.json.sections[0].body).toContain('已提交 1 个，共 2 个；未提交：右江区');
    const provinceView = await s.call('GET', '/api/province/annual/2026', { token: token.province });
    expect(provinceView.json.completeness).toMatchObject({ submitted: 1 });
    expect(provinceView.json.parts).toHaveLength(2 + 3); // two cities, three counties
    clock.set('2027-02-01T04:00:00Z');
    expect((await s.call('GET', '/api/cities/4510/annual/2026', { token: token['city:4510'] })).json.completeness).toMatchObject({
      submitted: 1,
      overdue: 1,
    });
    clock.set('2027-01-10T04:00:00Z');
  });

  it('keeps to scope: another county or city gets 403, a city reads its county but does not write it', async () => {
    expect((await s.call('GET', url(), { token: token[`county:${OTHER}`] })).status).toBe(403);
    expect((await s.call('GET', '/api/cities/4510/annual/2026', { token: token[`county:${A}`] })).status).toBe(403);
    expect((await s.call('GET', url(B), { token: token['city:4510'] })).json.canWrite).toBe(false);
    expect((await s.call('PUT', url(B), { token: token['city:4510'], body: { sections: {} } })).status).toBe(403);
    expect((await s.call('GET', url(B), { token: token.province })).status).toBe(200);
  });

  it('refuses bad sections, a year not yet drafted and one before the programme, and writes nothing', async () => {
    const table = await s.snapshot();
    for (const [path, body, text] of [
      [url(B), { sections: { overview: 'x'.repeat(5001) } }, '不能超过 5000 个字'],
      [url(B), { sections: { summary: '?' } }, '没有这一节'],
      [url(B), { sections: 'text' }, 'sections 应为对象'],
      [url(B, '2027'), { sections: {} }, '2027-12-01 起起草'],
      [url(B, '2020'), { sections: {} }, '计划开始'],
    ] as const) {
      const res = await s.call('PUT', path, { token: token[`county:${B}`], body });
      expect(res.status, text).toBe(400);
      expect(res.json.error.message).toContain(text);
    }
    expect(await s.snapshot()).toBe(table);
  });
});
