// A county's roster file through the API on DynamoDB Local: the dry run says what each row would do and
// writes nothing; a commit writes each team's rows as one version of it, under its idempotency key; a renewal
// file corrects and ends; two counties importing one person at the same moment count them once; hostile
// files (a phone in a name, formula text, 10,000 rows, a person 300 times) are refused row by row, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Cell } from '#core/cells.js';
import { MEMBER_CATEGORIES, type MemberCategory } from '#core/team.js';
import { keysFor } from '#store/keys.js';
import { saveTeam, getTeamHistory } from '#app/teams.js';
import type { Caller } from '#app/caller.js';
import { csv, ROSTER_HEADER, rosterRow, rosterXlsx, sheetText, teamRow } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const [XINGNING, QINGXIU] = ['450102', '450103'];
const clerk = (county: string): Caller => ({ scope: { kind: 'county', code: county }, user: `clerk-${county}` });
const phone = (n: number) => `154${String(n).padStart(8, '0')}`;

describe('roster files on DynamoDB Local', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  const tokens: Record<string, string> = {};
  let a: string; // 兴宁区's first community: its team gets a roster by file
  let b: string; // 青秀区's first
  let spare: string[]; // 兴宁区's communities 3–8, each with a team on typed counts
  let members: Cell[][];
  beforeAll(async () => {
    s = await testServer({ counties: [XINGNING, QINGXIU], clock: fixedClock('2023-06-15T04:00:00Z') });
    const codes = (county: string) => s.registries.find((r) => r.code === county)!.communities.map(([code]) => code);
    [a] = codes(XINGNING);
    [b] = codes(QINGXIU);
    spare = codes(XINGNING).slice(2, 8);
    members = membersOf(a);
    for (const code of [a, b, ...spare]) await saveTeam(s.deps, clerk(code.slice(0, 6)), code, goodTeam(), null);
    for (const county of [XINGNING, QINGXIU]) tokens[county] = await s.tokenFor(`county:${county}`);
  });
  afterAll(() => s.close());

  const post = (county: string, body: Buffer, init: { key?: string; dryRun?: boolean; query?: string; type?: string } = {}) =>
    s.call('POST', `/api/counties/${county}/roster-imports?${init.dryRun ? 'dryRun=true&' : ''}${init.query ?? ''}`, {
      token: tokens[county],
      raw: body,
      headers: {
        'content-type': init.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
    });
  const history = (code: string) => getTeamHistory(s.deps, clerk(code.slice(0, 6)), code);
  const team = async (code: string) => (await s.call('GET', `/api/communities/${code}/team`, { token: tokens[code.slice(0, 6)] })).json;
  const roster = async (code: string) => (await s.call('GET', `/api/communities/${code}/roster`, { token: tokens[code.slice(0, 6)] })).json;
  const drift = async () => (await s.store.reconcile()).drift;

  /** Team a's 25 members: three of each category but the last, two without a mobile. */
  const membersOf = (a: string): Cell[][] =>
    Array.from({ length: 25 }, (_, i) =>
      rosterRow(a, `队员${i + 1}（模拟）`, i < 23 ? phone(1000 + i) : null, {
        category: [
          '社区工作人员',
          '退役军人',
          '退出消防员',
          '辖区单位工作人员',
          '社区医疗服务中心医疗人员',
          '物业保安',
          '其他志愿者',
          '政府购买服务人员',
        ][i % 8],
      }),
    );

  it('a dry run says what each row would do and how the team would stand, and writes nothing', async () => {
    const before = await s.snapshot();
    const res = await post(
      XINGNING,
      await rosterXlsx([
        ...members,
        rosterRow(a, '刘一15400009999', null),
        rosterRow(a, '=1+1', phone(9001)),
        rosterRow(a, '陈二', phone(9002), { category: '队长' }),
      ]),
      { dryRun: true },
    );
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ rows: 28, accepted: 25, rejected: 3, added: 25, teams: 1, dropped: 0 });
    expect(res.json.rows.slice(0, 25).every((r: { action: string }) => r.action === 'add')).toBe(true);
    expect(res.json.rows[23]).toMatchObject({ standing: 'unchecked' });
    expect(res.json.rows.slice(25).map((r: { errors: { messageId: string }[] }) => r.errors[0].messageId)).toEqual([
      'roster.name.mobile',
      'field.formula',
      'roster.category.invalid',
    ]);
    expect(JSON.stringify(res.json)).not.toContain('15400009999');
    expect(res.json.teams).toEqual([
      {
        communityCode: a,
        communityName: expect.any(String),
        rows: 25,
        membersBefore: 24,
        membersAfter: 25,
        meetsBefore: true,
        meetsAfter: true,
      },
    ]);
    expect(await s.snapshot()).toBe(before);
  });

  it('a commit writes the team’s rows as one version, once under its key, and the team is judged by its roster', async () => {
    const versions = (await history(a)).history.length;
    const file = await rosterXlsx(members);
    const res = await post(XINGNING, file, { key: 'roster-2023-06-a' });
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ accepted: 25, added: 25 });
    const after = (await history(a)).history;
    expect(after).toHaveLength(versions + 1);
    expect(after.filter((h) => h.source === 'roster-import:roster-2023-06-a')).toHaveLength(1);
    expect(await team(a)).toMatchObject({ membersFrom: 'roster', members: 25 });
    expect((await roster(a)).counts).toMatchObject({ members: 25, unchecked: 2 });
    expect(await drift()).toEqual([]);

    // the same key and file: the first answer, nothing written again; another file under it: 409
    const snap = await s.snapshot();
    const again = await post(XINGNING, file, { key: 'roster-2023-06-a' });
    expect(again.json).toMatchObject({ replayed: true, summary: { added: 25 } });
    expect((await post(XINGNING, await rosterXlsx(members.slice(1)), { key: 'roster-2023-06-a' })).status).toBe(409);
    expect(await s.snapshot()).toBe(snap);
    // the same file under a new key finds every member there already: unchanged, no new version
    const same = await post(XINGNING, file, { key: 'roster-2023-06-a-again' });
    expect(same.json.summary).toMatchObject({ unchanged: 25, added: 0, teams: 0 });
    expect((await history(a)).history).toHaveLength(versions + 1);
  });

  it('a renewal file corrects insurance and records leavings, in one version; a leaving that takes the team below the standard asks to be confirmed', async () => {
    const renewed = members.map((r, i) => {
      const row = [...r];
      if (i < 5) row[6] = '2024-12-31';
      if (i >= 20 && i < 22) row[7] = '2023-06-10';
      return row;
    });
    const dry = await post(XINGNING, await rosterXlsx(renewed), { dryRun: true });
    expect(dry.json.summary).toMatchObject({ updated: 5, ended: 2, unchanged: 18, dropped: 0 });
    expect(dry.json.teams[0]).toMatchObject({ membersBefore: 25, membersAfter: 23 });
    const versions = (await history(a)).history.length;
    expect((await post(XINGNING, await rosterXlsx(renewed), { key: 'renewal-2023-06' })).json.summary).toMatchObject({
      updated: 5,
      ended: 2,
    });
    expect((await history(a)).history).toHaveLength(versions + 1);
    expect(await team(a)).toMatchObject({ members: 23 });

    // four more leave: 19, below the 20 the standard asks; the clerk confirmed none, so nothing is written
    const leaving = renewed.map((r, i) => (i >= 10 && i < 14 ? [...r.slice(0, 7), '2023-06-12'] : r));
    const check = await post(XINGNING, await rosterXlsx(leaving), { dryRun: true });
    expect(check.json.summary.dropped).toBe(1);
    expect(check.json.teams[0]).toMatchObject({ membersAfter: 19, meetsBefore: true, meetsAfter: false, drops: true });
    const snap = await s.snapshot();
    expect((await post(XINGNING, await rosterXlsx(leaving), { key: 'leaving-1', query: 'confirmDrops=0' })).status).toBe(409);
    expect(await s.snapshot()).toBe(snap);
  });

  it('the renewal file (teams.xlsx) lists the county’s current members, imports back unchanged, and shows a city none', async () => {
    const download = async (token: string) => {
      const res = await fetch(`${s.base}/api/counties/${XINGNING}/teams.xlsx`, { headers: { authorization: `Bearer ${token}` } });
      return Buffer.from(await res.arrayBuffer());
    };
    const own = await download(tokens[XINGNING]);
    const text = await sheetText(own);
    expect(text).toContain('队员1（模拟）');
    expect(text).toContain(phone(1000));
    const back = await post(XINGNING, own, { dryRun: true });
    expect(back.json.sheetName).toBe('队员名册');
    expect(back.json.summary).toMatchObject({ rows: 23, unchanged: 23, rejected: 0, teams: 0 });
    // the team sheet of the same file still imports as the teams' (unchanged, versions as downloaded)
    const teams = await s.call('POST', `/api/counties/${XINGNING}/imports?dryRun=true`, {
      token: tokens[XINGNING],
      raw: own,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(teams.json).toMatchObject({ sheetName: '导入模板', summary: { rejected: 0 } });
    const city = await sheetText(await download(await s.tokenFor('city:4501')));
    expect(city).toContain('人员类别');
    expect(city).not.toContain('队员1');
    expect(city).not.toMatch(/154\d{8}/);
  });

  it('two counties importing one person at the same moment count them once, ten times over, the aggregates exact', async () => {
    for (let round = 0; round < 10; round++) {
      const mobile = phone(5000 + round);
      const [x, y] = await Promise.all([
        post(XINGNING, await rosterXlsx([rosterRow(spare[0], `黄小明${round}`, mobile)]), { key: `same-${round}-x` }),
        post(QINGXIU, await rosterXlsx([rosterRow(b, `黄 小明${round}`, `+86 ${mobile}`)]), { key: `same-${round}-y` }),
      ]);
      expect([x.json.rows[0].standing, y.json.rows[0].standing].sort(), `round ${round}`).toEqual(['counts', 'duplicate']);
    }
    const [rx, ry] = await Promise.all([roster(spare[0]), roster(b)]);
    expect(rx.counts.members + ry.counts.members).toBe(10);
    expect(rx.counts.duplicates + ry.counts.duplicates).toBe(10);
    expect(await drift()).toEqual([]);
    // a dry run is no way to look people up: a mobile counting in another county is said to be on a roster there, no more
    const mobile = phone(5100);
    await post(QINGXIU, await rosterXlsx([rosterRow(b, '蓝天（模拟）', mobile)]), { key: 'probe-target' });
    const probe = await post(XINGNING, await rosterXlsx([rosterRow(spare[5], '猜测姓名', mobile)]), { dryRun: true });
    expect(probe.json.rows[0].standing).toBeUndefined();
    expect(probe.json.rows[0].warnings.map((w: { messageId: string }) => w.messageId)).toEqual(['rosterImport.standing.elsewhere']);
    expect(JSON.stringify(probe.json)).not.toContain(b);
  });

  it('the province’s counties list carries each county’s roster tally, the same as the county’s own page recounts', async () => {
    const province = await s.tokenFor('province');
    const list = (await s.call('GET', '/api/counties', { token: province })).json;
    for (const county of [XINGNING, QINGXIU]) {
      const row = list.counties.find((c: { code: string }) => c.code === county);
      const own = (await s.call('GET', `/api/counties/${county}`, { token: province })).json;
      expect(row.rosters, county).toEqual(own.rosters);
      expect(row.rosters.withRoster, county).toBeGreaterThan(0);
    }
    expect(list.totals.rosters.duplicates).toBe(10);
    // a past month's figures have no roster tally: the record does not hold one
    expect(list.totals.rosters.teams).toBe(list.totals.teamsRegistered);
  });

  it('a roster tally gone wrong is found by the reconciliation and put right', async () => {
    const key = keysFor(s.store.programme).aggregate(XINGNING);
    await s.doc.send(
      new UpdateCommand({
        TableName: s.tableName,
        Key: key,
        UpdateExpression: 'ADD roster_suspected :n',
        ExpressionAttributeValues: { ':n': 3 },
      }),
    );
    const found = await s.store.reconcile();
    expect(found.drift).toEqual([
      expect.objectContaining({
        countyCode: XINGNING,
        rosters: { stored: expect.objectContaining({ suspected: 3 }), recounted: expect.objectContaining({ suspected: 0 }) },
      }),
    ]);
    expect((await s.store.reconcile({ fix: true, now: '2023-06-15T05:00:00Z' })).corrected).toEqual([XINGNING]);
    expect(await drift()).toEqual([]);
  });

  it('an aggregate made before the tally shows none, is no drift to a report, and a correction counts it', async () => {
    const key = keysFor(s.store.programme).aggregate(QINGXIU);
    await s.doc.send(
      new UpdateCommand({
        TableName: s.tableName,
        Key: key,
        UpdateExpression:
          'REMOVE roster_since, roster_teams, roster_withRoster, roster_onRosters, roster_typed, roster_duplicates, roster_suspected, roster_unchecked',
      }),
    );
    const province = await s.tokenFor('province');
    const list = (await s.call('GET', '/api/counties', { token: province })).json;
    expect(list.counties.find((c: { code: string }) => c.code === QINGXIU).rosters).toBeUndefined();
    expect(list.totals.rosters).toBeUndefined();
    expect((await s.store.reconcile()).drift).toEqual([]);
    expect((await s.store.reconcile({ fix: true, now: '2023-06-15T05:00:00Z' })).corrected).toEqual([QINGXIU]);
    const own = (await s.call('GET', `/api/counties/${QINGXIU}`, { token: province })).json;
    const after = (await s.call('GET', '/api/counties', { token: province })).json;
    expect(after.counties.find((c: { code: string }) => c.code === QINGXIU).rosters).toEqual(own.rosters);
    expect(await drift()).toEqual([]);
  });

  it('a file cannot count a member twice, nor clear insurance by leaving it blank; a leaving sent again reads as written', async () => {
    const before = await roster(a);
    const insured = before.members.find((m: { left: string | null; mobile: string | null }) => m.left === null && m.mobile)!;
    const res = await post(
      XINGNING,
      await rosterXlsx([
        // a current member's name with no mobile, and with another: refused, not added
        rosterRow(a, insured.name, null),
        rosterRow(a, insured.name, phone(60_000)),
        // the same member with the insurance cell blank: as written (the date is kept)
        rosterRow(a, insured.name, insured.mobile, { insuredThrough: null, joined: insured.joined, category: '其他志愿者' }),
      ]),
      { dryRun: true },
    );
    expect(res.json.rows.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(res.json.rows[0].errors[0].messageId).toBe('rosterImport.nameRepeated');
    const alone = await post(XINGNING, await rosterXlsx([rosterRow(a, insured.name, null)]), { dryRun: true });
    expect(alone.json.rows[0].errors[0]).toMatchObject({ column: '手机号码', messageId: 'rosterImport.sameName' });
    const kept = await post(
      XINGNING,
      await rosterXlsx([
        rosterRow(a, insured.name, insured.mobile, {
          insuredThrough: null,
          joined: insured.joined,
          category: MEMBER_CATEGORIES[insured.category as MemberCategory].zh,
        }),
      ]),
      { dryRun: true },
    );
    expect(kept.json.rows[0]).toMatchObject({ status: 'accepted', action: 'unchanged' });
    // the renewal's two leavings, sent again: as written, not "no such member"
    const left = before.members.filter((m: { left: string | null }) => m.left === '2023-06-10');
    const again = await post(
      XINGNING,
      await rosterXlsx(left.map((m: { name: string; mobile: string }) => rosterRow(a, m.name, m.mobile, { left: '2023-06-10' }))),
      { dryRun: true },
    );
    expect(again.json.summary).toMatchObject({ rows: 2, unchanged: 2, rejected: 0 });
  });

  it('a GBK CSV reads as the workbook does', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => rosterRow(spare[1], `何${'一二三'[i]}（模拟）`, phone(7000 + i)));
    const fromCsv = await post(XINGNING, csv(rows, 'gbk', ROSTER_HEADER), { dryRun: true, type: 'text/csv' });
    const fromXlsx = await post(XINGNING, await rosterXlsx(rows), { dryRun: true });
    expect(fromCsv.status).toBe(200);
    expect(fromCsv.json.encoding).toBe('gb18030');
    expect(fromCsv.json.rows).toEqual(fromXlsx.json.rows);
    expect(fromCsv.json.summary).toMatchObject({ added: 3 });
  });

  it('a workbook with both sheets: the team import reads the teams, the roster import the members', async () => {
    const book = await rosterXlsx([rosterRow(spare[2], '罗一（模拟）', phone(8000))], [teamRow(spare[2], '', goodTeam())]);
    const teams = await s.call('POST', `/api/counties/${XINGNING}/imports?dryRun=true`, {
      token: tokens[XINGNING],
      raw: book,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(teams.json).toMatchObject({ sheetName: '导入模板', summary: { rows: 1 } });
    expect((await post(XINGNING, book, { dryRun: true })).json).toMatchObject({ sheetName: '队员名册', summary: { added: 1 } });
  });

  it('hostile files are refused row by row and write nothing: 10,000 rows, a person 300 times, a team too large for one write', async () => {
    const snap = await s.snapshot();
    const flood = Array.from({ length: 10_000 }, (_, i) => rosterRow(spare[3], `假${i}13800138000`, null));
    const f = await post(XINGNING, csv(flood, 'utf-8', ROSTER_HEADER), { key: 'flood', type: 'text/csv' });
    expect(f.status).toBe(200);
    expect(f.json.summary).toMatchObject({ rows: 10_000, rejected: 10_000, added: 0 });
    expect(f.json.rows[9_999].errors[0].messageId).toBe('roster.name.mobile');

    const repeated = Array.from({ length: 300 }, (_, i) => rosterRow(spare[3 + (i % 3)], '重复者', phone(9999)));
    const r = await post(XINGNING, await rosterXlsx(repeated), { key: 'repeated' });
    expect(r.json.summary).toMatchObject({ rows: 300, rejected: 300 });
    expect(r.json.rows[0].errors[0].message).toContain('300 次');

    const large = Array.from({ length: 50 }, (_, i) => rosterRow(spare[4], `大队${i}（模拟）`, phone(20_000 + i)));
    const l = await post(XINGNING, await rosterXlsx(large), { key: 'large' });
    expect(l.json.summary).toMatchObject({ rejected: 50, added: 0 });
    expect(l.json.rows[0].errors[0].messageId).toBe('rosterImport.tooMany');
    // the failed commits stored their reports under their keys; nothing else moved
    const after = JSON.parse(await s.snapshot()) as string[];
    const was = JSON.parse(snap) as string[];
    expect(after.filter((i) => !was.includes(i)).every((i) => i.includes('IMPORT#roster/'))).toBe(true);
  }, 120_000);

  it('refuses another county’s file, and a row for a community with no team', async () => {
    const other = await s.call('POST', `/api/counties/${QINGXIU}/roster-imports?dryRun=true`, {
      token: tokens[XINGNING],
      raw: await rosterXlsx([rosterRow(b, '某人', phone(30_000))]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(other.status).toBe(403);
    const noTeam = s.registries.find((r) => r.code === XINGNING)!.communities[1][0];
    const res = await post(XINGNING, await rosterXlsx([rosterRow(noTeam, '某人', phone(30_001))]), { dryRun: true });
    expect(res.json.rows[0]).toMatchObject({ status: 'rejected', errors: [{ messageId: 'rosterImport.noTeam' }] });
  });
});
