// Who has reported, on DynamoDB Local through the HTTP API: a county that saves a team or commits an
// import has reported (in the same transaction as its writes), one with nothing to change confirms
// 本月无变化, one that did neither by 24:00 on the 25th is overdue. The machine's writes (the lapse
// job) report nothing. Bad confirmations get a Chinese 4xx and write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLapse } from '#app/lapse.js';
import { runReminders } from '#app/reminders.js';
import { previewSummary } from '#app/summaries.js';
import { saveTeam } from '#app/teams.js';
import { csv, teamRow } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const [WRITES, IMPORTS, CONFIRMS, SILENT, OTHER_CITY] = ['450102', '450103', '450105', '450107', '450202'];
const province = { scope: { kind: 'province' as const }, user: 'test' };

describe('monthly reporting', () => {
  const clock = fixedClock('2026-12-10T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  const token: Record<string, string> = {};
  const community = (county: string, i = 0) => s.registries.find((r) => r.code === county)!.communities[i];
  beforeAll(async () => {
    s = await testServer({ counties: [WRITES, IMPORTS, CONFIRMS, SILENT, OTHER_CITY], clock });
    for (const scope of [
      'province',
      'city:4501',
      'city:4502',
      ...[WRITES, IMPORTS, CONFIRMS, SILENT, OTHER_CITY].map((c) => `county:${c}`),
    ])
      token[scope] = await s.tokenFor(scope);
    // A team in SILENT, written in November: not this month's report. Its insurance ends on 2026-12-11, so the lapse job writes it in December.
    clock.set('2026-11-20T04:00:00Z');
    await saveTeam(
      s.deps,
      province,
      community(SILENT)[0],
      goodTeam({ insuranceExpiresOn: '2026-12-11', lastTrainingOn: '2026-06-01' }),
      null,
    );
    clock.set('2026-12-10T04:00:00Z');
  });
  afterAll(() => s.close());

  const statusOf = async (county: string, as = 'province') =>
    (await s.call('GET', '/api/counties', { token: token[as] })).json.counties.find((c: { code: string }) => c.code === county)?.report;

  it('before anyone acts, every county is pending; a team saved in the form reports its county, in the same transaction', async () => {
    expect(await statusOf(WRITES)).toBe('pending');
    const saved = await s.call('PUT', `/api/communities/${community(WRITES)[0]}/team`, {
      token: token[`county:${WRITES}`],
      body: goodTeam(),
    });
    expect(saved.status).toBe(201);
    expect(await statusOf(WRITES)).toBe('reported');
    const history = (await s.call('GET', `/api/counties/${WRITES}/reports`, { token: token[`county:${WRITES}`] })).json;
    expect(history.months[0]).toMatchObject({
      month: '2026-12',
      status: 'reported',
      words: { zh: '已报送' },
      report: { writes: 1, lastBy: expect.stringMatching(new RegExp(`^county:${WRITES}/`)) },
    });
    expect(history.rules).toEqual({ deadline: '2026-12-25', deadlineInstant: '2026-12-25T16:00:00.000Z', from: '2024-06' });
    // months before reporting was tracked, and earlier months with nothing, read as such
    expect(history.months).toHaveLength(12);
    expect(history.months.find((m: { month: string }) => m.month === '2026-11').status).toBe('overdue');
  });

  it('an import commit reports; its dry run does not', async () => {
    const [code, name] = community(IMPORTS);
    const file = csv([teamRow(code, name)]);
    const headers = { 'content-type': 'text/csv' };
    await s.call('POST', `/api/counties/${IMPORTS}/imports?dryRun=true`, { token: token[`county:${IMPORTS}`], raw: file, headers });
    expect(await statusOf(IMPORTS)).toBe('pending');
    const res = await s.call('POST', `/api/counties/${IMPORTS}/imports`, {
      token: token[`county:${IMPORTS}`],
      raw: file,
      headers: { ...headers, 'idempotency-key': 'report-1' },
    });
    expect(res.json.summary).toMatchObject({ created: 1 });
    expect(await statusOf(IMPORTS)).toBe('reported');
  });

  it('本月无变化: the county confirms once; a second confirmation answers with the first', async () => {
    const first = await s.call('POST', `/api/counties/${CONFIRMS}/reports/2026-12`, {
      token: token[`county:${CONFIRMS}`],
      body: { note: '本月无新增或变更' },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      county: CONFIRMS,
      month: '2026-12',
      status: 'confirmed',
      words: { zh: '确认无变化' },
      report: { confirmedAt: '2026-12-10T04:00:00.000Z', note: '本月无新增或变更' },
    });
    clock.set('2026-12-11T04:00:00Z');
    const again = await s.call('POST', `/api/counties/${CONFIRMS}/reports/2026-12`, { token: token[`county:${CONFIRMS}`] });
    expect(again.json.report.confirmedAt).toBe('2026-12-10T04:00:00.000Z');
    expect(await statusOf(CONFIRMS)).toBe('confirmed');
  });

  it.each([
    ['a month to come', `/api/counties/${CONFIRMS}/reports/2027-01`, `county:${CONFIRMS}`, 400, /还没有到/],
    ['a month already over', `/api/counties/${CONFIRMS}/reports/2026-11`, `county:${CONFIRMS}`, 400, /已结束，不能补报/],
    ['a malformed month', `/api/counties/${CONFIRMS}/reports/2026-13`, `county:${CONFIRMS}`, 400, /YYYY-MM/],
    ['another county', `/api/counties/${SILENT}/reports/2026-12`, `county:${CONFIRMS}`, 403, /./],
    ['its city (reads, does not write)', `/api/counties/${SILENT}/reports/2026-12`, 'city:4501', 403, /./],
    ['a county that does not exist', '/api/counties/459999/reports/2026-12', 'province', 404, /没有县/],
    ['a note with a line break', `/api/counties/${SILENT}/reports/2026-12`, `county:${SILENT}`, 400, /备注/],
  ])('refuses a confirmation for %s, in Chinese, writing nothing', async (_label, path, who, status, message) => {
    const before = await s.snapshot();
    const res = await s.call('POST', path, {
      token: token[who],
      body: { note: path.includes(SILENT) && who === `county:${SILENT}` ? '第一行\n第二行' : '无变化' },
    });
    expect(res.status).toBe(status);
    expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.json.error.message).toMatch(message);
    expect(await s.snapshot()).toBe(before);
  });

  it("an import commit that changes nothing reports the month as 本月无变化 (the county's word that nothing changed)", async () => {
    const [code, name] = community(IMPORTS, 1);
    const headers = { 'content-type': 'text/csv' };
    const file = csv([teamRow(code, name)]);
    clock.set('2026-11-28T04:00:00Z'); // registered in November
    await s.call('POST', `/api/counties/${IMPORTS}/imports`, {
      token: token.province,
      raw: file,
      headers: { ...headers, 'idempotency-key': 'nov-1' },
    });
    clock.set('2026-12-11T04:00:00Z');
    const version = (await s.store.getTeam(code))!.version;
    const again = await s.call('POST', `/api/counties/${IMPORTS}/imports`, {
      token: token[`county:${IMPORTS}`],
      raw: csv([teamRow(code, name, undefined, { 版本: version })]),
      headers: { ...headers, 'idempotency-key': 'dec-same' },
    });
    expect(again.json.summary).toMatchObject({ accepted: 1, unchanged: 1, created: 0, updated: 0 });
    const month = (await s.call('GET', `/api/counties/${IMPORTS}/reports`, { token: token[`county:${IMPORTS}`] })).json.months[0];
    expect(month.report).toMatchObject({
      note: '导入 dec-same：全部无变化',
      noteMessage: { messageId: 'note.report.importUnchanged', params: { key: 'dec-same' } },
      confirmedBy: expect.stringMatching(new RegExp(`^county:${IMPORTS}/`)),
    });
    const english = await s.call('GET', `/api/counties/${IMPORTS}/reports`, {
      token: token[`county:${IMPORTS}`],
      headers: { 'accept-language': 'en' },
    });
    expect(english.json.months[0].report.noteMessage.message).toBe('Import dec-same: nothing changed');
    // a city sees neither the note nor its message
    const city = await s.call('GET', `/api/counties/${IMPORTS}/reports`, { token: token['city:4501'] });
    expect(JSON.stringify(city.json.months[0].report)).not.toMatch(/note/);
  });

  it('a city sees what was done and when, not who (user names) nor the notes; an unknown county is 404', async () => {
    const city = (await s.call('GET', '/api/reports/2026-12', { token: token['city:4501'] })).json;
    const confirmed = city.counties.find((c: { code: string }) => c.code === CONFIRMS).report;
    expect(confirmed.confirmedAt).toBeTruthy();
    expect(confirmed).not.toHaveProperty('confirmedBy');
    expect(confirmed).not.toHaveProperty('note');
    expect(JSON.stringify(city)).not.toMatch(/lastBy|confirmedBy|note/);
    expect(
      (await s.call('GET', `/api/counties/${CONFIRMS}/reports`, { token: token['city:4501'] })).json.months[0].report,
    ).not.toHaveProperty('confirmedBy');
    expect(
      (await s.call('GET', `/api/counties/${CONFIRMS}/reports`, { token: token[`county:${CONFIRMS}`] })).json.months[0].report.confirmedBy,
    ).toBeTruthy();
    expect((await s.call('GET', '/api/counties/459999/reports', { token: token.province })).status).toBe(404);
  });

  it("the lapse job's writes are not a report: SILENT stays pending, then overdue after 24:00 on the 25th", async () => {
    clock.set('2026-12-12T00:10:00+08:00');
    expect((await runLapse(s.deps)).changed).toBeGreaterThan(0);
    expect(await statusOf(SILENT)).toBe('pending');
    clock.set('2026-12-25T23:59:59+08:00');
    expect(await statusOf(SILENT)).toBe('pending');
    clock.set('2026-12-26T00:00:00+08:00');
    expect(await statusOf(SILENT)).toBe('overdue');
    // a confirmation now is late
    const late = await s.call('POST', `/api/counties/${SILENT}/reports/2026-12`, { token: token[`county:${SILENT}`] });
    expect(late.json.status).toBe('late');
  });

  it('completeness by city and in all, each county with its record; a city sees its own counties only', async () => {
    const all = (await s.call('GET', '/api/reports/2026-12', { token: token.province })).json;
    expect(all.completeness).toEqual({ reported: 2, confirmed: 1, late: 1, overdue: 1, pending: 0, untracked: 0 });
    expect(all.counties.map((c: { code: string; status: string }) => [c.code, c.status])).toEqual([
      [WRITES, 'reported'],
      [IMPORTS, 'reported'],
      [CONFIRMS, 'confirmed'],
      [SILENT, 'late'],
      [OTHER_CITY, 'overdue'],
    ]);
    expect(all.counties[0].history).toEqual({ onTime: 1, late: 0, missed: 11 }); // the last 12 months: 2026-01 … 2026-11 missed (tracked from 2024-06), 2026-12 on time
    expect(all.cities.map((c: { code: string; completeness: { overdue: number } }) => [c.code, c.completeness.overdue])).toEqual([
      ['4501', 0],
      ['4502', 1],
    ]);
    const city = (await s.call('GET', '/api/reports/2026-12', { token: token['city:4501'] })).json;
    expect(city.counties.map((c: { code: string }) => c.code)).toEqual([WRITES, IMPORTS, CONFIRMS, SILENT]);
    const counties = (await s.call('GET', '/api/counties', { token: token.province })).json;
    expect(counties.totals.reporting).toEqual(all.completeness);
    expect((await s.call('GET', '/api/reports/2027-01', { token: token.province })).status).toBe(400);
    expect((await s.call('GET', `/api/counties/${WRITES}/reports`, { token: token['city:4502'] })).status).toBe(403);
  });

  it("the month's email lists the late and the silent; a county that did not report is told so", async () => {
    clock.set('2027-01-01T08:00:00+08:00');
    const provinceMail = await previewSummary(s.deps, province, '2026-12', 'province');
    expect(provinceMail.text).toContain('按期报送 2 个，确认无变化 1 个，逾期报送 1 个，逾期未报 1 个（共 5 个县（市、区））。');
    expect(provinceMail.text).toMatch(/柳州市.+ \| 逾期未报/);
    const countyMail = await previewSummary(s.deps, province, '2026-12', `county:${OTHER_CITY}`);
    expect(countyMail.text).toContain('本月报送：逾期未报。');
  });
});

describe('the reporting reminder', () => {
  const clock = fixedClock('2026-12-21T01:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  const sent: { to: string; subject: string; text: string; key: string }[] = [];
  const deps = () => ({
    ...s.deps,
    mailer: {
      send: async (m: { to: string; subject: string; text: string; key: string }) => {
        sent.push(m);
      },
    },
    log: { info: () => {}, warn: () => {} },
    claimTimeoutMs: 0,
  });
  beforeAll(async () => {
    s = await testServer({ counties: [WRITES, SILENT, OTHER_CITY], clock });
    for (const c of [WRITES, SILENT, OTHER_CITY])
      await s.store.putRecipients(`county:${c}`, [`clerk-${c}@example.com`], 'test', clock.now().toISOString());
    await s.call('PUT', `/api/communities/${s.registries[0].communities[0][0]}/team`, {
      token: await s.tokenFor(`county:${WRITES}`),
      body: goodTeam(),
    });
  });
  afterAll(() => s.close());

  it('goes from the 22nd to the deadline, to the counties not yet reported, once each', async () => {
    expect(await runReminders(deps())).toMatchObject({ due: false, sent: 0 }); // the 21st
    clock.set('2026-12-22T09:00:00+08:00');
    const first = await runReminders(deps());
    expect(first).toMatchObject({ month: '2026-12', due: true, counties: [SILENT, OTHER_CITY], sent: 2, alreadySent: 0, failed: [] });
    expect(sent.map((m) => m.to).sort()).toEqual([`clerk-${SILENT}@example.com`, `clerk-${OTHER_CITY}@example.com`]);
    expect(sent[0].subject).toBe('【社区响应队】2026年12月月度报送提醒：2026-12-25 24:00 截止');
    expect(sent[0].text).toContain('本月无变化，确认报送');
    expect(sent[0].key).toMatch(/^REMIND#2026-12\/county:/);
    // the next day: SILENT confirmed meanwhile; nobody is reminded twice
    await s.call('POST', `/api/counties/${SILENT}/reports/2026-12`, { token: await s.tokenFor(`county:${SILENT}`) });
    clock.set('2026-12-23T09:00:00+08:00');
    expect(await runReminders(deps())).toMatchObject({ due: true, counties: [OTHER_CITY], sent: 0, alreadySent: 1 });
    expect(sent).toHaveLength(2);
    // after the deadline: none
    clock.set('2026-12-26T09:00:00+08:00');
    expect(await runReminders(deps())).toMatchObject({ due: false, sent: 0 });
  });
});
