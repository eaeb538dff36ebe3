// Supervision campaigns on DynamoDB Local through the HTTP API: a province campaign drawn by its
// published seed from the registry version in force, checks recorded and versioned, what they find
// against what was reported, results by LQAS with intervals; scope and bad input as everywhere.
import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTeam } from '#app/teams.js';
import { inScope } from '#core/registry.js';
import { decisionRule, drawSample } from '#core/sampling.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';
import { readWorkbook } from '#app/xlsx.js';
import { keysFor } from '#store/keys.js';

const keys = keysFor('45');

const [A, B, OTHER] = ['451026', '451002', '450102'];
const RULES = ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'];
const allRules = (v = true) => Object.fromEntries(RULES.map((r) => [r, v]));

describe('supervision campaigns (督导检查)', () => {
  const clock = fixedClock('2026-12-10T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  const token: Record<string, string> = {};
  let id: string;
  let sample: string[];
  const design = { name: '2026 年度督导检查', year: 2026, area: '45', deadline: '2026-12-31' };
  let seed: string;
  beforeAll(async () => {
    s = await testServer({ counties: [A, B, OTHER], clock });
    for (const scope of ['province', 'city:4510', 'city:4501', `county:${A}`]) token[scope] = await s.tokenFor(scope);
    const writes = s.registries
      .find((r) => r.code === A)!
      .communities.map(([code]) => ({
        previous: null,
        next: nextTeam(s.deps, code, goodTeam({ lastTrainingOn: '2026-11-01', insuranceExpiresOn: '2027-10-31' }), null, {
          updatedBy: 'test',
          source: 'seed',
        }),
      }));
    await s.store.writeTeams(writes, clock.now().toISOString());
  });
  afterAll(() => s.close());

  it("the province creates a campaign: each county's sample is redrawn by anyone from the seed and the registry version", async () => {
    const res = await s.call('POST', '/api/campaigns', { token: token.province, body: design });
    expect(res.status).toBe(201);
    id = res.json.id;
    seed = res.json.seed;
    expect(seed).toMatch(/^[0-9a-f]{32}$/); // drawn by the tracker, shown to the organiser
    expect(res.json.seedHash).toBe(createHash('sha256').update(seed).digest('hex'));
    expect(res.json).toMatchObject({
      registryVersion: 1,
      sampleSize: 19,
      upper: 0.95,
      lower: 0.8,
      rule: { d: decisionRule(19, 0.95, 0.8).d },
      open: true,
    });
    for (const code of [A, B, OTHER]) {
      const codes = inScope(s.registries.find((r) => r.code === code)!).map(([c]) => c);
      expect(res.json.counties[code].sample).toEqual(drawSample(codes, 19, seed, 1));
      expect(res.json.counties[code]).toMatchObject({ size: codes.length, checked: 0, remaining: 19 });
    }
    sample = res.json.counties[A].sample;
  });

  it('a city runs one for its own counties only; a county sees no campaign and no sample', async () => {
    expect((await s.call('POST', '/api/campaigns', { token: token['city:4510'], body: { ...design, area: '4510' } })).status).toBe(201);
    expect((await s.call('POST', '/api/campaigns', { token: token['city:4510'], body: { ...design, area: '4501' } })).status).toBe(403);
    expect((await s.call('POST', '/api/campaigns', { token: token[`county:${A}`], body: { ...design, area: '4510' } })).status).toBe(403);
    expect((await s.call('GET', '/api/campaigns', { token: token[`county:${A}`] })).status).toBe(403);
    expect((await s.call('GET', `/api/campaigns/${id}`, { token: token[`county:${A}`] })).status).toBe(403);
    const cityView = await s.call('GET', `/api/campaigns/${id}`, { token: token['city:4510'] });
    expect(Object.keys(cityView.json.counties).sort()).toEqual([B, A].sort());
    // a city ranked by the province's campaign sees neither the seed nor its counties' samples until the deadline
    expect(cityView.json.seed).toBeNull();
    expect(cityView.json.counties[A].sample).toBeUndefined();
    expect(
      (await s.call('GET', '/api/campaigns', { token: token['city:4510'] })).json.campaigns.find((c: { id: string }) => c.id === id).seed,
    ).toBeNull();
    clock.set('2027-01-01T04:00:00Z');
    expect((await s.call('GET', `/api/campaigns/${id}`, { token: token['city:4510'] })).json.seed).toBe(seed);
    clock.set('2026-12-10T04:00:00Z');
    expect((await s.call('POST', '/api/campaigns', { token: token.province, body: { ...design, seed: 'chosen-by-me' } })).status).toBe(400);
    expect(
      (await s.call('GET', '/api/campaigns', { token: token['city:4501'] })).json.campaigns.map((c: { area: string }) => c.area),
    ).toEqual(['45']);
  });

  it("one campaign an area and year: a second for the same, sent alone or four at once, is a 409 naming the first (it would show the same leaders' phones again)", async () => {
    const before = await s.snapshot();
    const again = await s.call('POST', '/api/campaigns', { token: token.province, body: { ...design, name: '再抽一次' } });
    expect([again.status, again.json.error.messageId, again.json.error.params.id]).toEqual([409, 'campaign.exists', id]);
    const city = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        s.call('POST', '/api/campaigns', {
          token: token['city:4510'],
          body: { ...design, area: '4510', year: 2027, deadline: '2027-06-30', name: `并发${i}` },
        }),
      ),
    );
    expect(city.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await s.snapshot()).not.toBe(before); // the one 2027 campaign
    const list = (await s.call('GET', '/api/campaigns', { token: token.province })).json.campaigns as { area: string; year: number }[];
    expect(list.filter((c) => c.area === '4510' && c.year === 2027)).toHaveLength(1);
  });

  it('records a check (versioned, If-Match) and judges it against what the county reported', async () => {
    const url = `/api/campaigns/${id}/checks/${sample[0]}`;
    const members = (await s.store.getTeam(sample[0]))!.members;
    const first = await s.call('PUT', url, {
      token: token.province,
      body: { method: 'phone', teamExists: true, members, rules: allRules() },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ outcome: 'confirmed', verified: true, version: 1, findings: [] });
    expect(
      (await s.call('PUT', url, { token: token.province, body: { method: 'phone', teamExists: true, members, rules: allRules() } })).status,
    ).toBe(409);
    const corrected = await s.call('PUT', url, {
      token: token.province,
      body: { method: 'visit', teamExists: true, members: members - 5, rules: { ...allRules(), insurance: false }, note: '现场核实' },
      headers: { 'if-match': '1' },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json).toMatchObject({ outcome: 'discrepancy', verified: false, version: 2 });
    expect(corrected.json.findings).toEqual([
      { field: 'members', reported: members, found: members - 5 },
      { field: 'rules.insurance', reported: true, found: false },
    ]);
    expect((await s.store.listCheckLog(id, sample[0])).map((c) => c.version)).toEqual([1, 2]);
    const unreachable = await s.call('PUT', `/api/campaigns/${id}/checks/${sample[1]}`, {
      token: token.province,
      body: { method: 'unreachable', note: '三次拨打无人接听' },
    });
    expect(unreachable.json).toMatchObject({ outcome: 'unreachable', verified: false });
  });

  it('refuses a community not in the sample, members < 0, a missing rule, an inspector that is not the organiser, and writes nothing', async () => {
    const table = await s.snapshot();
    const outside = s.registries
      .find((r) => r.code === A)!
      .communities.map(([c]) => c)
      .find((c) => !sample.includes(c))!;
    for (const [path, body, as, status, text] of [
      [
        `/api/campaigns/${id}/checks/${outside}`,
        { method: 'phone', teamExists: true, members: 20, rules: allRules() },
        'province',
        400,
        '不在本次检查的抽样名单中',
      ],
      [
        `/api/campaigns/${id}/checks/${sample[2]}`,
        { method: 'phone', teamExists: true, members: -1, rules: allRules() },
        'province',
        400,
        '不能为负数',
      ],
      [
        `/api/campaigns/${id}/checks/${sample[2]}`,
        { method: 'phone', teamExists: true, members: 20, rules: { 'members-min': true } },
        'province',
        400,
        '请填写标准',
      ],
      [
        `/api/campaigns/${id}/checks/${sample[2]}`,
        { method: 'phone', teamExists: true, members: 20, rules: allRules() },
        'city:4510',
        403,
        '组织本次检查',
      ],
      [
        `/api/campaigns/${id}/checks/${sample[2]}`,
        { method: 'phone', teamExists: true, members: 20, rules: allRules() },
        `county:${A}`,
        403,
        '不能自己填写',
      ],
      ['/api/campaigns/nope/checks/451026001001', { method: 'unreachable', note: '电话无人接听' }, 'province', 404, '没有检查'],
    ] as const) {
      const res = await s.call('PUT', path, { token: token[as], body });
      expect(res.status, text).toBe(status);
      expect(res.json.error.message).toContain(text);
    }
    clock.set('2027-01-01T04:00:00Z');
    const late = await s.call('PUT', `/api/campaigns/${id}/checks/${sample[2]}`, {
      token: token.province,
      body: { method: 'unreachable', note: '三次拨打无人接听' },
    });
    expect(late.status).toBe(400);
    expect(late.json.error.message).toContain('已于 2026-12-31 截止');
    clock.set('2026-12-10T04:00:00Z');
    expect(await s.snapshot()).toBe(table);
  });

  it('results: each county classed by LQAS with a Wilson interval, the area stratified, each saying how many checks it rests on', async () => {
    for (const code of sample.slice(2)) {
      const members = (await s.store.getTeam(code))!.members;
      await s.call('PUT', `/api/campaigns/${id}/checks/${code}`, {
        token: token.province,
        body: { method: 'phone', teamExists: true, members, rules: allRules() },
      });
    }
    const res = await s.call('GET', `/api/campaigns/${id}/results`, { token: token.province });
    const a = res.json.counties.find((c: { code: string }) => c.code === A);
    expect(a).toMatchObject({ checked: 19, verified: 17, discrepancies: 1, unreachable: 1, class: 'pass' });
    expect(a.estimate.estimate).toBeCloseTo(17 / 19, 6);
    expect(a.estimate.low).toBeCloseTo(0.686, 3);
    expect(res.json.counties.find((c: { code: string }) => c.code === B)).toMatchObject({ checked: 0, class: 'incomplete' });
    expect(res.json.area).toMatchObject({ checks: 19, counties: 1 });
    expect(res.json.area.coveredShare).toBeLessThan(1);
    const city = await s.call('GET', `/api/campaigns/${id}/results`, { token: token['city:4510'] });
    expect(city.json.counties.map((c: { code: string }) => c.code).sort()).toEqual([B, A].sort());
  });

  it('a discrepancy goes back to the county: the team carries 核查发现问题, the county corrects it through the one write path and answers, the inspector closes it', async () => {
    const code = sample[0];
    const clerk = token[`county:${A}`];
    const listed = await s.call('GET', `/api/counties/${A}/discrepancies`, { token: clerk });
    expect(listed.status).toBe(200);
    expect(listed.json.discrepancies).toEqual([expect.objectContaining({ campaignId: id, communityCode: code, status: 'open' })]);
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json.finding).toMatchObject({ campaignId: id });
    expect(
      (await s.call('GET', `/api/counties/${A}/communities`, { token: clerk })).json.communities.find(
        (c: { code: string }) => c.code === code,
      ).finding,
    ).toBe(true);
    expect((await s.call('GET', `/api/counties/${A}/discrepancies`, { token: await s.tokenFor(`county:${OTHER}`) })).status).toBe(403);
    expect((await s.call('GET', `/api/counties/${A}/discrepancies`, { token: token['city:4510'] })).status).toBe(200);

    // the county corrects the team (the inspector found five members fewer, and no valid insurance)
    const team = (await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json;
    const members = { ...team.team.members, volunteers: team.team.members.volunteers - 5 };
    const total = Object.values(members as Record<string, number>).reduce((a, b) => a + b, 0);
    const fixed = { ...team.team, members, insuredMembers: Math.min(team.team.insuredMembers, total) }; // five fewer cannot stay insured
    const saved = await s.call('PUT', `/api/communities/${code}/team`, {
      token: clerk,
      body: fixed,
      headers: { 'if-match': String(team.version) },
    });
    expect(saved.status).toBe(200);
    expect((await s.store.reconcile()).drift).toEqual([]);
    // the inspector re-saves the check after the county's correction: it is judged against what was reported when first checked, still a discrepancy
    const current = (await s.call('GET', `/api/campaigns/${id}`, { token: token.province })).json.counties[A].checks.find(
      (k: { communityCode: string }) => k.communityCode === code,
    );
    const resaved = await s.call('PUT', `/api/campaigns/${id}/checks/${code}`, {
      token: token.province,
      body: { method: 'visit', teamExists: true, members: team.members - 5, rules: { ...allRules(), insurance: false }, note: '补充说明' },
      headers: { 'if-match': String(current.version) },
    });
    expect(resaved.json).toMatchObject({ outcome: 'discrepancy', reported: { members: team.members } });
    expect(
      (
        await s.call('POST', `/api/counties/${A}/discrepancies`, {
          token: clerk,
          body: { campaignId: id, communityCode: code, action: 'disputed' },
        })
      ).status,
    ).toBe(400);
    const answered = await s.call('POST', `/api/counties/${A}/discrepancies`, {
      token: clerk,
      body: { campaignId: id, communityCode: code, action: 'corrected', reason: '已按核查结果更正队员人数' },
    });
    expect(answered.json).toMatchObject({ status: 'corrected', words: { zh: '已整改', en: 'Corrected' }, version: 1 });
    expect(
      (await s.call('GET', `/api/counties/${A}/discrepancies`, { token: clerk })).json.discrepancies.find(
        (d: { communityCode: string }) => d.communityCode === code,
      ).answer,
    ).toMatchObject({ status: 'corrected', version: 1 });
    // an answer sent by someone who read none (or an older one) is refused with the version now stored, and writes nothing
    const before = await s.snapshot();
    for (const version of [undefined, 2]) {
      const stale = await s.call('POST', `/api/counties/${A}/discrepancies`, {
        token: clerk,
        body: { campaignId: id, communityCode: code, action: 'disputed', reason: '未看到上一条答复', ...(version ? { version } : {}) },
      });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    }
    expect(await s.snapshot()).toBe(before);
    expect(
      (
        await s.call('POST', `/api/counties/${A}/discrepancies`, {
          token: clerk,
          body: { campaignId: id, communityCode: code, action: 'closed' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.call('POST', `/api/counties/${A}/discrepancies`, {
          token: token.province,
          body: { campaignId: id, communityCode: sample[3], action: 'closed' },
        })
      ).status,
    ).toBe(400);
    const closed = await s.call('POST', `/api/counties/${A}/discrepancies`, {
      token: token.province,
      body: { campaignId: id, communityCode: code, action: 'closed', version: 1 },
    });
    expect(closed.json).toMatchObject({ status: 'closed', version: 2, history: [expect.objectContaining({ status: 'corrected' })] });
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json.finding).toBeUndefined();
    expect((await s.call('GET', `/api/counties/${A}/discrepancies`, { token: clerk })).json.discrepancies[0].status).toBe('closed');
    // saving the check again (a note added) leaves the closed discrepancy closed
    const again = (await s.call('GET', `/api/campaigns/${id}`, { token: token.province })).json.counties[A].checks.find(
      (k: { communityCode: string }) => k.communityCode === code,
    );
    await s.call('PUT', `/api/campaigns/${id}/checks/${code}`, {
      token: token.province,
      body: {
        method: 'visit',
        teamExists: true,
        members: team.members - 5,
        rules: { ...allRules(), insurance: false },
        note: '销号后补充说明',
      },
      headers: { 'if-match': String(again.version) },
    });
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json.finding).toBeUndefined();
    // ...but a check changed to find something else reopens it: the mark is back, the county may answer again
    const latest = (await s.call('GET', `/api/campaigns/${id}`, { token: token.province })).json.counties[A].checks.find(
      (k: { communityCode: string }) => k.communityCode === code,
    );
    await s.call('PUT', `/api/campaigns/${id}/checks/${code}`, {
      token: token.province,
      body: { method: 'visit', teamExists: false, note: '复查：队伍已解散' },
      headers: { 'if-match': String(latest.version) },
    });
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json.finding).toMatchObject({
      campaignId: id,
      findings: [{ field: 'teamExists', reported: true, found: false }],
    });
    const reopened = (await s.call('GET', `/api/counties/${A}/discrepancies`, { token: clerk })).json.discrepancies.find(
      (d: { communityCode: string }) => d.communityCode === code,
    );
    expect(reopened).toMatchObject({
      status: 'open',
      answer: {
        version: 3,
        reason: '核查记录修改后发现的问题有变化，重新打开',
        reasonMessage: { messageId: 'note.discrepancy.reopened' },
        history: [expect.objectContaining({ status: 'corrected' }), expect.objectContaining({ status: 'closed', by: 'province' })],
      },
    });
    expect(
      (
        await s.call('POST', `/api/counties/${A}/discrepancies`, {
          token: clerk,
          body: { campaignId: id, communityCode: code, action: 'disputed', reason: '队伍仍在', version: 3 },
        })
      ).status,
    ).toBe(200);
    // every answer, the reopening and the 销号 included, is also appended to the audit table (the answer item itself is replaced each time)
    const { Items = [] } = await s.doc.send(
      new QueryCommand({
        TableName: s.store.auditTableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `CAMPAIGN#${id}`, ':p': `ANSWERLOG#${code}#` },
      }),
    );
    expect(Items.map((i) => i.status).sort()).toEqual(['closed', 'corrected', 'disputed', 'open']); // the test's clock stands still: one instant, four answers

    // Closed, then a check that confirms (nothing found), then the same problem found again: that is a new
    // finding, and the county is asked again — the 销号 answered the earlier one, not this one.
    await s.call('POST', `/api/counties/${A}/discrepancies`, {
      token: token.province,
      body: { campaignId: id, communityCode: code, action: 'closed', version: 4 },
    });
    const edit = async (body: Record<string, unknown>) => {
      const { version } = (await s.call('GET', `/api/campaigns/${id}`, { token: token.province })).json.counties[A].checks.find(
        (k: { communityCode: string }) => k.communityCode === code,
      );
      const put = await s.call('PUT', `/api/campaigns/${id}/checks/${code}`, {
        token: token.province,
        body,
        headers: { 'if-match': String(version) },
      });
      expect(put.status).toBe(200);
      return put.json;
    };
    expect((await edit({ method: 'visit', teamExists: true, members: team.members, rules: allRules() })).outcome).toBe('confirmed');
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json.finding).toBeUndefined();
    await edit({ method: 'visit', teamExists: false, note: '再次复查：队伍已解散' });
    expect((await s.call('GET', `/api/communities/${code}/team`, { token: clerk })).json.finding).toMatchObject({
      findings: [{ field: 'teamExists', reported: true, found: false }],
    });
    expect(
      (await s.call('GET', `/api/counties/${A}/discrepancies`, { token: clerk })).json.discrepancies.find(
        (d: { communityCode: string }) => d.communityCode === code,
      ),
    ).toMatchObject({ status: 'open', answer: { version: 6 } });
  });

  it('the bulletin (通报): counties ranked by verified coverage, those to commend and to rectify, the method stated — as a printable page and as XLSX', async () => {
    const html = await s.call('GET', `/api/campaigns/${id}/bulletin.html`, { token: token.province });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.text).toContain('2026 年度督导检查情况通报');
    expect(html.text).toMatch(/一、通报表扬<\/h2><p>百色市那坡县（89\.5%）/);
    expect(html.text).toContain(`以随机种子“${seed}”抽取 19 个`);
    expect(html.text).toContain('（中期）'); // still open
    expect(html.text).toContain('依据 1 个县（市、区）的 19 次核查');
    const xlsx = await s.call('GET', `/api/campaigns/${id}/bulletin.xlsx`, { token: token['city:4510'] });
    expect(xlsx.status).toBe(200);
    const rows: string[] = [];
    await readWorkbook(xlsx.bytes, () => (row) => {
      rows.push(row.cells.map(String).join(','));
      return 'more';
    });
    expect(rows[0]).toBe('排名,地级市,县（市、区）,抽查数,已核查,核实达标,核实覆盖率,95%区间下限,95%区间上限,判定,报送覆盖率,差异率');
    expect(rows[1]).toMatch(/^1,百色市,那坡县,19,19,17,0\.8947,/);
    expect((await s.call('GET', `/api/campaigns/${id}/bulletin.html`, { token: token[`county:${A}`] })).status).toBe(403);
  });

  it("the organiser's checklist shows sampled leaders' phones in full while open, writes each view down, and loads the saved check", async () => {
    const url = `/api/campaigns/${id}/counties/${A}/checklist`;
    const before = (await s.store.listCampaignViews(id, sample[3])).length;
    const res = await s.call('POST', url, { token: token.province });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ county: A, open: true, phonesShown: 19 });
    const row = res.json.communities.find((c: { communityCode: string }) => c.communityCode === sample[3]);
    const team = (await s.store.getTeam(sample[3]))!;
    expect(row.team.leader.phone).toBe(team.team.leader.phone);
    expect(row.name).not.toBe(sample[3]);
    expect(row.check).toMatchObject({ method: 'phone', teamExists: true, members: team.members, rules: allRules() });
    expect((await s.store.listCampaignViews(id, sample[3])).length).toBe(before + 1);
    // the organiser sees its views in the team's history; the county and the city do not, until the sample is public
    const history = (scope: string) => s.call('GET', `/api/communities/${sample[3]}/team/history`, { token: token[scope] });
    expect((await history('province')).json.reveals[0]).toMatchObject({
      by: expect.stringMatching(/^province\//),
      reason: '督导检查：2026 年度督导检查',
    });
    for (const scope of [`county:${A}`, 'city:4510']) expect(JSON.stringify((await history(scope)).json.reveals)).not.toContain('督导检查');
    // not the organiser, not a county; after the deadline the phones are masked and nothing is written
    expect((await s.call('POST', url, { token: token['city:4510'] })).status).toBe(403);
    expect((await s.call('POST', url, { token: token[`county:${A}`] })).status).toBe(403);
    expect((await s.call('POST', `/api/campaigns/${id}/counties/450999/checklist`, { token: token.province })).status).toBe(404);
    clock.set('2027-01-01T04:00:00Z');
    const late = await s.call('POST', url, { token: token.province });
    expect(late.json).toMatchObject({ open: false, phonesShown: 0 });
    expect(late.json.communities.find((c: { communityCode: string }) => c.communityCode === sample[3]).team.leader.phone).toMatch(/\*{4}/);
    expect((await s.store.listCampaignViews(id, sample[3])).length).toBe(before + 1);
    const after = (await history(`county:${A}`)).json.reveals.filter((r: { reason: string }) => r.reason.startsWith('督导检查'));
    expect(after).toEqual([expect.objectContaining({ by: 'province', reason: '督导检查：2026 年度督导检查' })]); // the office, not the user
    clock.set('2026-12-10T04:00:00Z');
  });

  it('the mark is written with the check: a confirming re-check lifts it in the same transaction', async () => {
    const bSample = (await s.call('GET', `/api/campaigns/${id}`, { token: token.province })).json.counties[B].sample as string[];
    // B has no team: a team found on site is a discrepancy, and the mark is there at once
    const found = await s.call('PUT', `/api/campaigns/${id}/checks/${bSample[0]}`, {
      token: token.province,
      body: { method: 'visit', teamExists: true, members: 20, rules: allRules() },
    });
    expect(found.json.outcome).toBe('discrepancy');
    expect(await s.store.getFinding(bSample[0])).toMatchObject({ campaignId: id });
    const log = await s.store.listCheckLog(id, bSample[0]);
    expect(log.length).toBe(1);
    // re-checked: no team after all (what was reported) — confirmed, and the mark lifted
    const fixed = await s.call('PUT', `/api/campaigns/${id}/checks/${bSample[0]}`, {
      token: token.province,
      body: { method: 'visit', teamExists: false },
      headers: { 'if-match': '1' },
    });
    expect(fixed.json.outcome).toBe('confirmed');
    expect(await s.store.getFinding(bSample[0])).toBeNull();
    await s.call('PUT', `/api/campaigns/${id}/checks/${bSample[1]}`, {
      token: token.province,
      body: { method: 'visit', teamExists: true, members: 20, rules: allRules() },
    });
  });

  it('an answer stored before answers were versioned counts its version from its history, and is answered over that version only', async () => {
    const bSample = (await s.call('GET', `/api/campaigns/${id}`, { token: token.province })).json.counties[B].sample as string[];
    const code = bSample[1]; // a team found on site where none was reported: an open discrepancy
    const at = clock.now().toISOString();
    await s.doc.send(
      new PutCommand({
        TableName: s.store.tableName,
        Item: {
          ...keys.answer(id, code),
          type: 'answer',
          communityCode: code,
          status: 'disputed',
          reason: '旧答复',
          by: `county:${B}/clerk`,
          at,
          history: [{ status: 'corrected', by: `county:${B}/clerk`, at }],
        },
      }),
    );
    const clerkB = await s.tokenFor(`county:${B}`);
    const listed = (await s.call('GET', `/api/counties/${B}/discrepancies`, { token: clerkB })).json.discrepancies.find(
      (d: { communityCode: string }) => d.communityCode === code,
    );
    expect(listed.answer).toMatchObject({ status: 'disputed', version: 2 });
    const body = { campaignId: id, communityCode: code, action: 'corrected', reason: '已补报' };
    expect((await s.call('POST', `/api/counties/${B}/discrepancies`, { token: clerkB, body: { ...body, version: 1 } })).status).toBe(409);
    const answered = await s.call('POST', `/api/counties/${B}/discrepancies`, { token: clerkB, body: { ...body, version: 2 } });
    expect(answered.json).toMatchObject({ version: 3, history: [{ status: 'corrected' }, { status: 'disputed', reason: '旧答复' }] });
    expect((await s.call('POST', `/api/counties/${B}/discrepancies`, { token: clerkB, body: { ...body, version: 2 } })).status).toBe(409);
  });

  it("while open, campaign progress is in the province's and cities' monthly emails; a county's gives only its findings to answer", async () => {
    clock.set('2027-01-05T04:00:00Z');
    try {
      const province = await s.call('GET', '/api/summaries/2026-12?scope=province', { token: token.province });
      expect(province.status).toBe(200);
      expect(province.json.text).toContain('■ 督导检查进度');
      expect(province.json.text).toMatch(
        /2026 年度督导检查（自治区组织，截止 2026-12-31）：已核查 2[0-9] \/ 57 个抽查社区，1 个县（市、区）已完成，2 个未完成。/,
      );
      const city = await s.call('GET', '/api/summaries/2026-12?scope=city:4510', { token: token.province });
      expect(city.json.text).toMatch(/已核查 2[0-9] \/ 38 个抽查社区/);
      expect(city.json.text).toContain('（地级市组织，截止 2026-12-31）：已核查 0 / 38');
      const countyB = await s.call('GET', `/api/summaries/2026-12?scope=county:${B}`, { token: token.province });
      expect(countyB.json.text).toContain('核查发现问题：1 个尚未销号（2026-12-31 24:00）');
      expect(countyB.json.text).not.toContain('督导检查进度');
      const countyA = await s.call('GET', `/api/summaries/2026-12?scope=county:${A}`, { token: token.province });
      expect(countyA.json.text).toContain('核查发现问题：1 个尚未销号'); // the reopened one, answered (disputed) but not closed
      expect(countyA.json.text).not.toContain('督导检查进度');
    } finally {
      clock.set('2026-12-10T04:00:00Z');
    }
  });

  it('the yearly summary drafts the verification results once the deadline has passed', async () => {
    const draft = (scope: string) => s.call('GET', scope, { token: token.province });
    // while open, the province's draft says it is under way; a county's says nothing of it
    expect((await draft('/api/province/annual/2026')).json.sections[0].body).toContain('2026 年度督导检查正在进行（截止 2026-12-31）');
    expect((await draft(`/api/counties/${OTHER}/annual/2026`)).json.sections[0].body).not.toContain('督导检查正在进行');
    clock.set('2027-01-05T04:00:00Z');
    try {
      const county = (await draft(`/api/counties/${A}/annual/2026`)).json.sections[0].body;
      expect(county).toContain('2026 年度督导检查：抽查本县（市、区）19 个社区（村），核实达标 17 个，核实覆盖率 89.5%');
      const province = (await draft('/api/province/annual/2026')).json.sections[0].body;
      expect(province).toMatch(/2026 年度督导检查：抽查 \d 个县（市、区）的 2\d 个社区（村），核实覆盖率/);
    } finally {
      clock.set('2026-12-10T04:00:00Z');
    }
  });
});
