// The yearly renewal: a county downloads its current teams (teams.xlsx, the template's layout with a
// version per row), updates dates in Excel or LibreOffice, and imports the file back. A file that
// went through a spreadsheet unedited imports as all unchanged (dates, codes, phones, 是/否 intact);
// an edited row is updated; a row whose team changed meanwhile is refused with the reason.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTeam } from '#app/teams.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty } from '#local/demo.js';
import { convert } from '#tests/helpers/libreoffice.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { cellRef } from '#core/cells.js';

const COUNTY = '450102';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('teams.xlsx: download, edit, import back', () => {
  const clock = fixedClock('2026-11-20T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  let token: string;
  let teams: number;
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY], clock });
    token = await s.tokenFor(`county:${COUNTY}`);
    const demo = demoCounty(s.registries[0], '2026-11-20');
    teams = demo.length;
    const writes = demo.map((t) => ({
      previous: null,
      next: nextTeam(s.deps, t.communityCode, parseTeamInput(t.team, '2026-11-20'), null, { updatedBy: 'test', source: 'seed' }),
    }));
    for (let i = 0; i < writes.length; i += 40) await s.store.writeTeams(writes.slice(i, i + 40), clock.now().toISOString());
  }, 60_000);
  afterAll(() => s.close());

  const download = async (as = token) => {
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/teams.xlsx`, { headers: { authorization: `Bearer ${as}` } });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(/兴宁区-社区响应队-2026-11-20\.xlsx/);
    return Buffer.from(await res.arrayBuffer());
  };
  let keys = 0;
  const upload = (body: Buffer, dryRun = true, as = token) =>
    s.call('POST', `/api/counties/${COUNTY}/imports${dryRun ? '?dryRun=true' : ''}`, {
      token: as,
      raw: body,
      headers: { 'content-type': XLSX, ...(dryRun ? {} : { 'idempotency-key': `renewal-${++keys}` }) },
    });

  it('has one row per community, the teams filled in with their version, codes and phones as text, dates as dates', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download()).buffer as ArrayBuffer);
    const sheet = book.getWorksheet('导入模板')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.at(-1)).toBe('版本（请勿修改）');
    expect(sheet.rowCount - 1).toBe(s.registries[0].communities.length);
    const stored = new Map((await s.store.listTeams(COUNTY)).map((t) => [t.communityCode, t]));
    let filled = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const team = stored.get(String(row.getCell(1).value));
      if (!team) return expect(row.getCell(3).value ?? null).toBeNull();
      filled += 1;
      expect(row.getCell(header.indexOf('队长电话') + 1).value).toBe(team.team.leader.phone); // the county sees its own numbers
      expect(row.getCell(header.indexOf('成立日期') + 1).value).toEqual(new Date(`${team.team.establishedOn}T00:00:00Z`));
      expect(row.getCell(header.length).value).toBe(team.version);
    });
    expect(filled).toBe(teams);
  });

  it('unedited, straight back and through LibreOffice: every team unchanged, nothing written', async () => {
    const file = await download();
    const before = await s.snapshot();
    for (const [name, body] of [
      ['as downloaded', file],
      ['saved by LibreOffice', await convert(Buffer.from(file), 'xlsx', 'xlsx')],
    ] as const) {
      const res = await upload(body);
      expect(res.status, name).toBe(200);
      expect(res.json.summary, name).toMatchObject({ accepted: teams, rejected: 0, unchanged: teams, updated: 0, created: 0 });
    }
    const committed = await upload(await convert(Buffer.from(file), 'xlsx', 'xlsx'), false);
    expect(committed.json.summary).toMatchObject({ unchanged: teams, updated: 0 });
    // no team moved (only the import's own record was written)
    expect((await s.store.listTeams(COUNTY)).every((t) => t.version === 1)).toBe(true);
    expect(before).toContain('TEAM#');
  });

  it('one row edited in a spreadsheet is updated; the others are unchanged', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download()).buffer as ArrayBuffer);
    const sheet = book.getWorksheet('导入模板')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const insurance = header.findIndex((h) => h.startsWith('保险到期日期')) + 1;
    let edited = '';
    sheet.eachRow((row, n) => {
      if (n === 1 || edited || !row.getCell(insurance).value) return;
      edited = String(row.getCell(1).value);
      row.getCell(insurance).value = new Date('2027-12-31T00:00:00Z');
    });
    const body = await convert(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx', 'xlsx');
    const res = await upload(body, false);
    expect(res.json.summary).toMatchObject({ updated: 1, unchanged: teams - 1, rejected: 0 });
    const team = await s.store.getTeam(edited);
    expect(team).toMatchObject({ version: 2, team: { insuranceExpiresOn: '2027-12-31' } });
  });

  it('a row whose team was changed by someone else since the download is refused: 版本 n → n+1, 请重新下载', async () => {
    const file = await download();
    const current = (await s.store.listTeams(COUNTY)).find((t) => t.version === 1)!;
    const code = current.communityCode;
    // someone saves the team in the form meanwhile
    const saved = await s.call('PUT', `/api/communities/${code}/team`, {
      token,
      body: { ...current.team, name: `${current.team.name}（改）` },
      headers: { 'if-match': String(current.version) },
    });
    expect(saved.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.buffer as ArrayBuffer);
    const sheet = book.getWorksheet('导入模板')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    sheet.eachRow((row) => {
      if (row.getCell(1).value === code) row.getCell(header.indexOf('最近培训演练日期') + 1).value = new Date('2026-11-15T00:00:00Z');
    });
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), false);
    const row = res.json.rows.find((r: { communityCode: string }) => r.communityCode === code);
    expect(row.status).toBe('rejected');
    expect(row.errors[0].message).toBe(`该队伍已被他人修改（版本 ${current.version} → ${current.version + 1}），请重新下载`);
    // The reason names the row's 版本 cell, the last column, so the clerk's own file can be read there.
    expect(row.errors[0].cell).toBe(
      cellRef(
        header.findIndex((h) => h.startsWith('版本')),
        row.row,
      ),
    );
    expect((await s.store.getTeam(code))!.team.name).toBe(`${current.team.name}（改）`);
    // The same row with a wrong cell as well: both are said at once, so fixing the cell is not work lost.
    sheet.eachRow((row) => {
      if (row.getCell(1).value === code) row.getCell(header.indexOf('队长电话') + 1).value = '12345';
    });
    const both = (await upload(Buffer.from(await book.xlsx.writeBuffer()))).json.rows.find(
      (r: { communityCode: string }) => r.communityCode === code,
    );
    expect(both.errors.map((e: { column: string }) => e.column)).toEqual(['队长电话', '版本']);
    expect(both.errors[1].message).toBe(`该队伍已被他人修改（版本 ${current.version} → ${current.version + 1}），请重新下载`);
  });

  it('a row whose 版本 cell was cleared is refused, not applied over the team as it stands now', async () => {
    const file = await download();
    const current = (await s.store.listTeams(COUNTY)).find((t) => t.version === 1)!;
    const code = current.communityCode;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.buffer as ArrayBuffer);
    const sheet = book.getWorksheet('导入模板')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== code) return;
      row.getCell(header.indexOf('最近培训演练日期') + 1).value = new Date('2026-11-16T00:00:00Z');
      row.getCell(header.findIndex((h) => h.startsWith('版本')) + 1).value = null;
    });
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), false);
    const row = res.json.rows.find((r: { communityCode: string }) => r.communityCode === code);
    expect(row.status).toBe('rejected');
    expect(row.errors[0].message).toContain(`「版本」为空，但该社区已有队伍（版本 ${current.version}）`);
    expect(row.errors[0].cell).toBe(
      cellRef(
        header.findIndex((h) => h.startsWith('版本')),
        row.row,
      ),
    );
    expect(await s.store.getTeam(code)).toMatchObject({ version: current.version, team: { lastTrainingOn: current.team.lastTrainingOn } });
  });

  it("the province's download masks the phones, and imports back as unchanged (a masked phone stands for the stored one)", async () => {
    const province = await s.tokenFor('province');
    const file = await download(province);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.buffer as ArrayBuffer);
    const sheet = book.getWorksheet('导入模板')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const phones: string[] = [];
    sheet.eachRow((row, n) => {
      const v = row.getCell(header.indexOf('队长电话') + 1).value;
      if (n > 1 && v) phones.push(String(v));
    });
    expect(phones.length).toBe(teams);
    for (const p of phones) expect(p).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const res = await upload(await convert(Buffer.from(file), 'xlsx', 'xlsx'), true, province);
    expect(res.json.summary).toMatchObject({ rejected: 0, updated: 0, unchanged: res.json.summary.accepted });
  });

  it('a city outside the county gets 403', async () => {
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/teams.xlsx`, {
      headers: { authorization: `Bearer ${await s.tokenFor('city:4502')}` },
    });
    expect(res.status).toBe(403);
  });
});
