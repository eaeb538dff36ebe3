import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteHandler } from '#api/write.js';
import { tenancyOf, type Deps } from '#app/deps.js';
import { COLUMNS } from '#core/columns.js';
import iconv from 'iconv-lite';
import { withoutIds } from '#tests/helpers/messages.js';
import { csv, teamRow, xlsx, HEADER } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { goodTeam, largerTeam } from '#tests/helpers/team.js';

const COUNTY = '450102'; // 兴宁区: 80 communities, so a commit takes two transactions
const OTHER = '450103';

describe('bulk import of the county template', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let communities: [string, string][];
  let token: string;
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY, OTHER] });
    communities = s.registries.find((r) => r.code === COUNTY)!.communities;
    token = await s.tokenFor(`county:${COUNTY}`);
  });
  afterAll(() => s.close());

  const post = (body: Buffer, init: { key?: string; dryRun?: boolean; type?: string; county?: string; tokenOverride?: string } = {}) =>
    s.call('POST', `/api/counties/${init.county ?? COUNTY}/imports${init.dryRun ? '?dryRun=true' : ''}`, {
      token: init.tokenOverride ?? token,
      raw: body,
      headers: { 'content-type': init.type ?? 'text/csv', ...(init.key ? { 'idempotency-key': init.key } : {}) },
    });

  it("the template is pre-filled with the county's communities and validates cells itself", async () => {
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/template.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('导入模板')!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(COLUMNS.map((c) => c.label ?? c.header));
    expect(sheet.rowCount).toBe(communities.length + 1);
    expect(sheet.getCell('A2').value).toBe(communities[0][0]);
    expect(sheet.getCell('B2').value).toBe(communities[0][1]);
    const boolColumn = sheet.getColumn(COLUMNS.findIndex((c) => c.header === '组织章程') + 1).letter;
    expect(sheet.getCell(`${boolColumn}2`).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    const countColumn = sheet.getColumn(COLUMNS.findIndex((c) => c.header === '退役军人') + 1).letter;
    expect(sheet.getCell(`${countColumn}5`).dataValidation).toMatchObject({ type: 'whole' });
    // the standard's earliest date is allowed, as the import allows it
    const dateColumn = sheet.getColumn(COLUMNS.findIndex((c) => c.header === '成立日期') + 1).letter;
    expect(sheet.getCell(`${dateColumn}2`).dataValidation).toMatchObject({ type: 'date', operator: 'greaterThanOrEqual' });
    expect(new Date(sheet.getCell(`${dateColumn}2`).dataValidation.formulae![0] as Date).toISOString().slice(0, 10)).toBe('2000-01-01');
  });

  it("another county's template is refused", async () => {
    expect((await s.call('GET', `/api/counties/${OTHER}/template.xlsx`, { token })).status).toBe(403);
  });

  it('a dry run reports every row and writes nothing', async () => {
    const before = await s.snapshot();
    const body = csv([
      teamRow(...communities[0]),
      teamRow(...communities[1], goodTeam({ equipment: false })),
      teamRow(...communities[2], goodTeam(), { 退役军人: -2 }),
      [communities[3][0], communities[3][1]],
    ]);
    const res = await post(body, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ rows: 4, accepted: 2, rejected: 1, skipped: 1, created: 2, meetingStandard: 1 });
    expect(res.json.rows[1].verdict.failed[0].ruleId).toBe('equipment');
    // a new team is shown whole, its leader only as changed
    expect(res.json.rows[0].changes).toContainEqual({ field: 'members.veterans', before: null, after: 4 });
    expect(res.json.rows[0].changes).toContainEqual({ field: 'leader.phone', before: null, after: null, redacted: expect.any(Object) });
    expect(withoutIds(res.json.rows[2].errors)).toEqual([
      { column: '退役军人', value: '-2', cell: `${String.fromCharCode(65 + HEADER.indexOf('退役军人'))}4`, message: '退役军人不能为负数' },
    ]);
    expect(res.json.encoding).toBe('utf-8');
    expect(await s.snapshot()).toBe(before);
  });

  it('a dry run shows what each update changes and names the rows that take a team below the standard; a commit confirms their number', async () => {
    const [a, b] = s.registries.find((r) => r.code === OTHER)!.communities;
    const clerk = await s.tokenFor(`county:${OTHER}`);
    const send = (body: Buffer, query: string, key?: string) =>
      s.call('POST', `/api/counties/${OTHER}/imports${query}`, {
        token: clerk,
        raw: body,
        headers: { 'content-type': 'text/csv', ...(key ? { 'idempotency-key': key } : {}) },
      });
    expect((await send(csv([teamRow(...a), teamRow(...b)]), '', 'drops-setup')).json.summary).toMatchObject({
      created: 2,
      meetingStandard: 2,
    });
    const version = async (code: string) => (await s.store.getTeam(code))!.version;
    const five = { ...goodTeam().members, communityStaff: 0, veterans: 0, formerFirefighters: 0, localUnitStaff: 0 };
    const small = goodTeam({ members: { ...five, medicalStaff: 0, propertySecurity: 0, purchasedServices: 0 }, insuredMembers: 5 });
    const body = csv([
      teamRow(...a, goodTeam({ insuranceExpiresOn: '2025-03-01' }), { 版本: await version(a[0]) }), // a renewal
      teamRow(...b, small, { 版本: await version(b[0]) }), // down to five members
    ]);

    const dry = await send(body, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.json.summary).toMatchObject({ updated: 2, dropped: 1, meetingStandard: 1 });
    expect(dry.json.rows[0].changes).toEqual([{ field: 'insuranceExpiresOn', before: '2024-03-01', after: '2025-03-01' }]);
    expect(dry.json.rows[0].drops).toBeUndefined();
    expect(dry.json.rows[1].drops).toBe(true);
    expect(dry.json.rows[1].changes).toContainEqual({ field: 'members.communityStaff', before: 6, after: 0 });
    expect(dry.json.rows[1].changes).toContainEqual({ field: 'insuredMembers', before: 24, after: 5 });

    // Confirming another number writes nothing and leaves the key unused; a malformed one is refused.
    const before = await s.snapshot();
    const stale = await send(body, '?confirmDrops=0', 'drops-commit');
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      messageId: 'import.drops.changed',
      params: { confirmed: 0, found: 1 },
    });
    expect(stale.json.error.message).toBe('确认的降为未达标行数（0）与现在的（1）不一致：数据已变化，请重新试导入并确认，未写入任何内容');
    expect((await send(body, '?confirmDrops=one', 'drops-commit')).status).toBe(400);
    expect(await s.snapshot()).toBe(before);

    // The same key with the number the dry run showed commits, and says which row took its team below the standard.
    const done = await send(body, '?confirmDrops=1', 'drops-commit');
    expect(done.status).toBe(200);
    expect(done.json.summary).toMatchObject({ updated: 2, dropped: 1 });
    expect(done.json.rows[1].drops).toBe(true);
    expect((await s.store.getTeam(b[0]))!.verdict.meetsStandard).toBe(false);
    // Without the parameter an import commits as before, and reports the drops.
    const unasked = await send(csv([teamRow(...a, small, { 版本: await version(a[0]) })]), '', 'drops-unconfirmed');
    expect(unasked.json.summary).toMatchObject({ updated: 1, dropped: 1 });
    expect((await s.store.getTeam(a[0]))!.verdict.meetsStandard).toBe(false);
  });

  it("a dry run's checked copy gives the clerk's own rows back with the result beside each, the cells in error marked, and stores nothing", async () => {
    const before = await s.snapshot();
    const title = iconv.encode('兴宁区社区响应队（2026 年 12 月）\r\n', 'gbk');
    const rows = csv(
      [
        teamRow(...communities[0]),
        teamRow(...communities[1], goodTeam(), { 队长电话: '1380013800x' }),
        teamRow(...communities[2], goodTeam(), { 参保人数: 99 }),
        teamRow(...communities[3], goodTeam(), { 退役军人: '-2' }),
      ],
      'gbk',
    );
    const send = (body: Buffer, lang = 'zh-CN') =>
      s.call('POST', `/api/counties/${COUNTY}/imports?dryRun=true&format=xlsx`, {
        token,
        raw: body,
        headers: { 'content-type': 'text/csv', 'accept-language': lang },
      });
    const res = await send(Buffer.concat([title, rows]));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('兴宁区-试导入结果.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes.buffer as ArrayBuffer);
    const sheet = book.worksheets[0];
    // The rows where the file has them: its title above, its header on row 2, the result in the column after the last.
    const result = HEADER.length + 1;
    expect(sheet.getCell('A1').value).toBe('兴宁区社区响应队（2026 年 12 月）');
    expect(sheet.getRow(2).getCell(result).value).toBe('检查结果');
    expect(String(sheet.getRow(3).getCell(result).value)).toMatch(/^✓ 新建/);
    const phone = HEADER.indexOf('队长电话') + 1;
    // The clerk's own value, whole: the copy goes back only to the caller who sent it.
    expect(sheet.getRow(4).getCell(phone).value).toBe('1380013800x');
    expect(sheet.getRow(4).getCell(phone).fill).toMatchObject({ fgColor: { argb: 'FFFDE2E2' } });
    expect(String(sheet.getRow(4).getCell(result).value)).toMatch(/^✗ 未通过：「队长电话」/);
    expect(String(sheet.getRow(5).getCell(result).value)).toMatch(/参保人数 99 多于队员人数/);
    // What looks like a formula comes back as the clerk typed it, formatted as text (never run, even once edited).
    const veterans = sheet.getRow(6).getCell(HEADER.indexOf('退役军人') + 1);
    expect([veterans.value, veterans.numFmt]).toEqual(['-2', '@']);
    expect(await s.snapshot()).toBe(before);
    // In English, and read back: the same rows as the file the clerk sent, the result column named as ignored.
    const english = await send(Buffer.concat([title, rows]), 'en');
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.bytes.buffer as ArrayBuffer);
    expect(en.worksheets[0].getRow(2).getCell(result).value).toBe('Check result');
    expect(String(en.worksheets[0].getRow(4).getCell(result).value)).toMatch(/^✗ Refused: "队长电话": /);
    const again = await post(Buffer.from(res.bytes), { dryRun: true, type: 'application/octet-stream' });
    const plain = await post(Buffer.concat([title, rows]), { dryRun: true });
    const outcome = (r: { json: { rows: { row: number; status: string; errors: { cell?: string }[] }[] } }) =>
      r.json.rows.map((x) => [x.row, x.status, x.errors.map((e) => e.cell)]);
    expect(outcome(again)).toEqual(outcome(plain));
    expect(again.json.ignoredColumns).toEqual(['检查结果']);
    // A file that cannot be read is refused as the dry run refuses it, and nothing is written.
    const broken = await send(Buffer.from('PK\u0003\u0004 not a workbook'));
    expect([broken.status, broken.json.error.messageId]).toEqual([400, 'file.broken']);
    expect(await s.snapshot()).toBe(before);
  });

  it('a mistyped or unknown query parameter is refused and writes nothing: a check never turns into a commit', async () => {
    const before = await s.snapshot();
    const body = csv([teamRow(...communities[5])]);
    const send = (query: string, key?: string) =>
      s.call('POST', `/api/counties/${COUNTY}/imports?${query}`, {
        token,
        raw: body,
        headers: { 'content-type': 'text/csv', ...(key ? { 'idempotency-key': key } : {}) },
      });
    const refusals = [
      ['dryRun=yes', 'query.dryRun.invalid'],
      ['dryrun=true', 'query.unknown'],
      ['format=xlsx', 'query.format.dryRunOnly'],
      ['dryRun=false&format=xlsx', 'query.format.dryRunOnly'],
      ['dryRun=true&format=pdf', 'query.format.invalid'],
    ];
    for (const [query, id] of refusals) {
      const res = await send(query, `typo-${id}`);
      expect([query, res.status, res.json.error.messageId]).toEqual([query, 400, id]);
    }
    expect(await s.snapshot()).toBe(before);
    // What stays as it was: any case of true, 1, and false as a commit.
    for (const query of ['dryRun=TRUE', 'dryRun=1']) expect((await send(query)).json.dryRun).toBe(true);
  });

  it('a commit writes the accepted rows through the transactional path; a re-send counts nothing twice', async () => {
    const rows = communities.slice(10, 70).map(([c, n], i) => teamRow(c, n, goodTeam({ equipment: i % 5 !== 0 })));
    rows.push(teamRow(...communities[70], goodTeam(), { 队长电话: '12345' }));
    const body = await xlsx(rows);
    const aggBefore = (await s.store.getAggregate(COUNTY))!.counters;
    // the metrics the import emits, for the dashboard
    const emitted: [string, number, Record<string, string> | undefined][] = [];
    s.deps.metrics = {
      count: (name, value, dimensions) => {
        emitted.push([name, value, dimensions]);
      },
    };
    const first = await post(body, {
      key: 'xingning-2023-06-a',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    s.deps.metrics = undefined;
    expect(first.status).toBe(200);
    expect(first.json.summary).toMatchObject({ accepted: 60, rejected: 1, created: 60 });
    expect(emitted).toEqual([
      ['ImportRowsAccepted', 60, { ScopeKind: 'county' }],
      ['ImportRowsRejected', 1, { ScopeKind: 'county' }],
      ['TeamWrites', 60, { Source: 'import' }],
    ]);
    const agg = (await s.store.getAggregate(COUNTY))!.counters;
    expect(agg.teamsRegistered - aggBefore.teamsRegistered).toBe(60);
    expect(agg.teamsMeetingStandard - aggBefore.teamsMeetingStandard).toBe(48);
    expect((await s.store.reconcile()).drift).toEqual([]);
    const history = await s.call('GET', `/api/communities/${communities[10][0]}/team/history`, { token });
    expect(history.json.history[0]).toMatchObject({
      version: 1,
      source: 'import:xingning-2023-06-a',
      by: `county:${COUNTY}/demo-county-${COUNTY}`,
    });

    const snapshot = await s.snapshot();
    const again = await post(body, { key: 'xingning-2023-06-a', type: 'application/octet-stream' });
    expect(again.json).toEqual({ ...first.json, replayed: true });
    expect(await s.snapshot()).toBe(snapshot);

    const otherFile = await post(csv([teamRow(...communities[71])]), { key: 'xingning-2023-06-a' });
    expect(otherFile.status).toBe(409);
    expect(otherFile.json.error.message).toMatch(/已用于另一个文件/);
    // The key answers before the file is judged, even when the file is not a spreadsheet at all.
    const brokenFile = await post(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), {
      key: 'xingning-2023-06-a',
      type: 'application/octet-stream',
    });
    expect(brokenFile.status).toBe(409);
    expect(brokenFile.json.error.message).toMatch(/已用于另一个文件/);
    expect(await s.snapshot()).toBe(snapshot);
  });

  it('re-importing a changed file updates only the rows that changed, and history shows before/after', async () => {
    // a file made from the teams as they stand: each row with its 版本
    const version = async (c: string) => (await s.store.getTeam(c))!.version;
    const rows = await Promise.all(
      communities.slice(10, 13).map(async ([c, n]) => teamRow(c, n, goodTeam({ equipment: true }), { 版本: await version(c) })),
    );
    rows[0] = teamRow(...communities[10], goodTeam({ equipment: true, name: '民主社区应急先锋（新）' }), {
      版本: await version(communities[10][0]),
    });
    const res = await post(csv(rows), { key: 'xingning-2023-06-b' });
    expect(res.json.summary).toMatchObject({ updated: 1, unchanged: 2 });
    // Checked again afterwards, even under the key it was committed with: a commit now would change nothing.
    const snapshot = await s.snapshot();
    const checked = await post(csv(rows), { key: 'xingning-2023-06-b', dryRun: true });
    expect(checked.json.summary).toMatchObject({ updated: 0, unchanged: 3 });
    expect(checked.json.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await s.snapshot()).toBe(snapshot);
    const history = await s.call('GET', `/api/communities/${communities[10][0]}/team/history`, { token });
    expect(history.json.history[0].changes).toEqual([
      { field: 'equipment', before: false, after: true },
      { field: 'name', before: goodTeam().name, after: '民主社区应急先锋（新）' },
    ]);
  });

  it.each(['utf-8', 'utf-8-bom', 'gbk'] as const)('a CSV in %s reads the same', async (encoding) => {
    const res = await post(csv([teamRow(...communities[75])], encoding), { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.json.rows[0]).toMatchObject({ status: 'accepted', communityName: communities[75][1] });
    expect(res.json.encoding).toBe(encoding === 'gbk' ? 'gb18030' : encoding);
  });

  it('an XLSX whose template sheet sits behind other sheets is found', async () => {
    const res = await post(await xlsx([teamRow(...communities[76])], { sheetsBefore: ['封面', '说明'] }), { dryRun: true });
    expect(res.json).toMatchObject({ sheetName: '导入模板', summary: { accepted: 1 } });
  });

  it('a formula typed into a cell is refused, not run', async () => {
    const column = String.fromCharCode(65 + HEADER.indexOf('队伍名称'));
    const res = await post(
      await xlsx([teamRow(...communities[77])], { formulas: { [`${column}2`]: 'HYPERLINK("http://evil.example","点我")' } }),
      { dryRun: true },
    );
    expect(res.json.rows[0].errors[0]).toMatchObject({ column: '队伍名称', message: '队伍名称不能以 = + - @ 开头' });
  });

  it('multipart form data with the file in a field works like a raw body', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv([teamRow(...communities[78])], 'gbk'))]), '兴宁区.csv');
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/imports?dryRun=true`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).summary.accepted).toBe(1);
  });

  describe('bad files get a 4xx in Chinese and change nothing', () => {
    const oneRow = () => teamRow(...communities[79]);
    const cases: [string, () => Promise<Buffer> | Buffer, { status: number; message: RegExp; type?: string }][] = [
      [
        'wrong headers',
        () =>
          csv(
            [oneRow()],
            'utf-8',
            HEADER.map((h) => (h === '参保人数' ? '保险人数' : h)),
          ),
        { status: 400, message: /缺少列：参保人数/ },
      ],
      ['missing headers', () => Buffer.from('社区代码,队伍名称\n450102001001,x\n'), { status: 400, message: /缺少列/ }],
      ['an empty file', () => Buffer.alloc(0), { status: 400, message: /文件是空的/ }],
      ['a 20 MB file', () => Buffer.alloc(20 * 1024 * 1024, 0x41), { status: 413, message: /超过/ }],
      [
        'a PNG, not a spreadsheet',
        () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'),
        { status: 400, message: /不是表格/ },
      ],
      ['an old .xls', () => Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), { status: 400, message: /另存为 \.xlsx/ }],
      ['a broken XLSX', () => Buffer.from('504b0304deadbeef', 'hex'), { status: 400, message: /无法读取 Excel/ }],
      [
        'an XLSX without the template sheet',
        async () => {
          const b = new ExcelJS.Workbook();
          b.addWorksheet('Sheet1').addRow(['a', 'b']);
          return Buffer.from(await b.xlsx.writeBuffer());
        },
        { status: 400, message: /没有找到导入模板的表头/ },
      ],
    ];
    it.each(cases)('%s', async (_label, make, expected) => {
      const before = await s.snapshot();
      const res = await post(await make(), { key: `bad-${_label.length}` });
      expect(res.status).toBe(expected.status);
      expect(res.json.error.message).toMatch(expected.message);
      expect(await s.snapshot()).toBe(before);
    });

    it('a commit without an Idempotency-Key is refused', async () => {
      const res = await post(csv([oneRow()]));
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/Idempotency-Key/);
    });

    it('rows for another county, duplicates and bad values are rejected row by row; nothing else is written', async () => {
      const otherCommunity = s.registries.find((r) => r.code === OTHER)!.communities[0];
      const body = csv([
        teamRow(...otherCommunity),
        teamRow(...communities[79]),
        teamRow(...communities[79]),
        teamRow(...communities[5], goodTeam(), {
          退役军人: '1.5',
          参保人数: '1000000',
          队长电话: '+852 91234567',
          队伍名称: '=HYPERLINK("x")',
        }),
      ]);
      const before = await s.snapshot();
      const res = await post(body, { key: 'all-bad-rows' });
      expect(res.status).toBe(200);
      expect(res.json.summary).toMatchObject({ accepted: 0, rejected: 4 });
      expect(res.json.rows[0].errors[0].message).toMatch(/不属于兴宁区/);
      expect(res.json.rows[1].errors[0].message).toMatch(/出现 2 次/);
      expect(res.json.rows[3].errors.map((e: { column: string }) => e.column).sort()).toEqual(
        ['参保人数', '退役军人', '队伍名称', '队长电话'].sort(),
      );
      // Only the import's own record (and its stored result) is new: no team, audit or aggregate changed.
      const after = JSON.parse(await s.snapshot()) as string[];
      expect(after.filter((i) => !/\|IMPORT#all-bad-rows[|#]/.test(i))).toEqual(JSON.parse(before));
    });

    it('a county cannot import into another county; a city cannot import at all', async () => {
      expect((await post(csv([oneRow()]), { county: OTHER, key: 'x1' })).status).toBe(403);
      expect((await post(csv([oneRow()]), { key: 'x2', tokenOverride: await s.tokenFor('city:4501') })).status).toBe(403);
    });
  });

  it("a report past DynamoDB's 400 KB item limit is stored in parts and replays; the answer stays far below Lambda's 6 MB", async () => {
    // 1,300 rows of random text in every cell: each row's errors repeat 40 characters of each bad value.
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const noise = () => Array.from({ length: 45 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20000))).join('');
    const rows = Array.from({ length: 1300 }, (_, i) => [communities[i % communities.length][0], ...HEADER.slice(1).map(noise)]);
    const body = csv(rows);
    expect(body.length).toBeLessThan(5 * 1024 * 1024);
    const before = await s.snapshot();
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/imports`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'text/csv',
        'idempotency-key': 'huge-report',
        'accept-encoding': 'gzip',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const report = await res.json();
    expect(report.summary).toMatchObject({ rows: 1300, rejected: 1300 });
    expect(report.rows[0].errors).toHaveLength(9);
    expect(report.rows[0].errors[8].message).toMatch(/另有 \d+ 处错误未列出/);
    const parts = (JSON.parse(await s.snapshot()) as string[]).filter((i) => i.includes('|IMPORT#huge-report#RESULT#'));
    expect(parts.length).toBeGreaterThan(1);
    const again = await post(body, { key: 'huge-report' });
    expect(again.json).toEqual({ ...report, replayed: true });
    // Nothing but the import's own record and result parts was written.
    const after = (JSON.parse(await s.snapshot()) as string[]).filter((i) => !/\|IMPORT#huge-report[|#]/.test(i));
    expect(after).toEqual(JSON.parse(before));
  });

  it('an import cut off half-way and re-sent with the same key ends as if it never failed', async () => {
    const versions = new Map((await s.store.listTeams(COUNTY)).map((t) => [t.communityCode, t.version]));
    const rows = communities
      .slice(20, 80)
      .map(([c, n], i) => teamRow(c, n, largerTeam(i % 2, { name: `续传测试队 ${i}` }), { 版本: versions.get(c) ?? null }));
    const body = csv(rows);
    // The first attempt dies after its first transaction (49 teams) is committed.
    let calls = 0;
    const failing: Deps = {
      ...s.deps,
      store: {
        ...s.deps.store,
        writeTeams: async (w, now) => {
          if (calls++ === 1) throw new Error('connection reset');
          return s.deps.store.writeTeams(w, now);
        },
      },
    };
    const handler = createWriteHandler(() => tenancyOf(failing));
    const hadTeam = new Set((await s.store.listTeams(COUNTY)).map((t) => t.communityCode));
    const expectedCreated = rows.filter((r) => !hadTeam.has(String(r[0]))).length;
    const event = (await import('#tests/helpers/events.js')).importEvent(COUNTY, body, 'resume-test', `county:${COUNTY}`);
    expect((await handler(event)).statusCode).toBe(500);
    const half = (await s.store.listTeams(COUNTY)).filter((t) => t.source === 'import:resume-test');
    expect(half).toHaveLength(49);

    const res = await post(body, { key: 'resume-test' });
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ accepted: 60, created: expectedCreated, updated: 60 - expectedCreated });
    expect(expectedCreated).toBeGreaterThan(0);
    const teams = (await s.store.listTeams(COUNTY)).filter((t) => t.source === 'import:resume-test');
    expect(teams).toHaveLength(60);
    // each team got exactly one new version from this import
    for (const t of teams) {
      const history = await s.store.listHistory(t.communityCode);
      expect(history.filter((h) => h.source === 'import:resume-test')).toHaveLength(1);
    }
    expect((await s.store.reconcile()).drift).toEqual([]);
  });
});
