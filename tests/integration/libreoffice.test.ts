// County files as LibreOffice saves them: the template downloaded from the API, filled in, then
// saved again by LibreOffice as .xlsx, as CSV (UTF-8 and GB18030) and as .ods. Every spreadsheet
// form gives the same rows as the file the project wrote; the .ods is refused with how to save it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '#core/columns.js';
import { ROSTER_SHEET_NAME } from '#core/roster-rows.js';
import { saveTeam } from '#app/teams.js';
import { goodTeam } from '#tests/helpers/team.js';
import { demoCounty } from '#local/demo.js';
import { convert } from '#tests/helpers/libreoffice.js';
import { testServer } from '#tests/helpers/server.js';

const COUNTY = '450102';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('a template filled in and saved by LibreOffice', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let token: string;
  let filled: Buffer;
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY] });
    token = await s.tokenFor(`county:${COUNTY}`);
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/template.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('导入模板')!;
    const teams = new Map(demoCounty(s.registries[0], '2023-06-10').map((t) => [t.communityCode, t.team]));
    // Typed as a clerk types: real dates in the date columns, numbers in the counts, 是/否.
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const team = teams.get(String(row.getCell(1).value));
      if (!team) return;
      COLUMNS.forEach((c, i) => {
        if (c.kind === 'code' || c.kind === 'info') return;
        const v = c.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], team);
        row.getCell(i + 1).value =
          v === null || v === undefined
            ? null
            : c.kind === 'date'
              ? new Date(`${v}T00:00:00Z`)
              : c.kind === 'bool'
                ? v
                  ? '是'
                  : '否'
                : (v as string | number);
      });
    });
    filled = Buffer.from(await book.xlsx.writeBuffer());
  }, 120_000);
  afterAll(() => s.close());

  const dryRun = async (body: Buffer, type: string) => {
    const res = await s.call('POST', `/api/counties/${COUNTY}/imports?dryRun=true`, {
      token,
      raw: body,
      headers: { 'content-type': type },
    });
    return res;
  };
  const accepted = (json: {
    rows: { row: number; communityCode: string; status: string; action?: string; verdict?: unknown; errors: unknown[] }[];
  }) => json.rows.map(({ communityCode, status, action, verdict, errors }) => ({ communityCode, status, action, verdict, errors }));

  it('as .xlsx, as CSV in UTF-8 and in GB18030: the same rows, teams and verdicts as the original', async () => {
    const original = await dryRun(filled, XLSX);
    expect(original.status).toBe(200);
    expect(original.json.summary.accepted).toBeGreaterThan(40);
    expect(original.json.summary.rejected).toBe(0);
    const forms = [
      { name: 'xlsx', body: await convert(filled, 'xlsx', 'xlsx'), type: XLSX, encoding: null },
      {
        name: 'csv utf-8',
        body: await convert(filled, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76', 'csv'),
        type: 'text/csv',
        encoding: 'utf-8',
      },
      {
        name: 'csv gb18030',
        body: await convert(filled, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,85', 'csv'),
        type: 'application/octet-stream',
        encoding: 'gb18030',
      },
    ];
    for (const form of forms) {
      const res = await dryRun(form.body, form.type);
      expect(res.status, form.name).toBe(200);
      expect(res.json.encoding, form.name).toBe(form.encoding);
      expect(accepted(res.json), form.name).toEqual(accepted(original.json));
    }
  });

  it('as .ods: refused, naming the format and how to save it as .xlsx, and nothing is written', async () => {
    const before = await s.snapshot();
    const res = await dryRun(await convert(filled, 'xlsx', 'ods'), 'application/vnd.oasis.opendocument.spreadsheet');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/\.ods.*另存为.*\.xlsx/);
    expect(await s.snapshot()).toBe(before);
  });
});

describe('a roster sheet filled in and saved by LibreOffice', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let token: string;
  let filled: Buffer;
  let rosterOnly: Buffer;
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY] });
    token = await s.tokenFor(`county:${COUNTY}`);
    const codes = s.registries[0].communities.slice(0, 3).map(([code]) => code);
    for (const code of codes) await saveTeam(s.deps, { scope: { kind: 'county', code: COUNTY }, user: 'clerk' }, code, goodTeam(), null);
    const res = await fetch(`${s.base}/api/counties/${COUNTY}/template.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    // Typed as a clerk types: the category picked from the list, real dates, a phone with spaces, one member without one.
    const rows = codes.flatMap((code, t) =>
      Array.from({ length: 8 }, (_, i) => [
        code,
        null,
        `队员${t}-${i}（模拟）`,
        i === 7 ? null : `154 0000 ${String(t * 100 + i).padStart(4, '0')}`,
        ['社区工作人员', '退役军人', '其他志愿者', '社区医疗服务中心医疗人员'][i % 4],
        new Date('2023-03-01T00:00:00Z'),
        i % 2 ? new Date('2023-12-31T00:00:00Z') : null,
        null,
      ]),
    );
    book.getWorksheet(ROSTER_SHEET_NAME)!.addRows(rows);
    filled = Buffer.from(await book.xlsx.writeBuffer());
    // The sheet on its own, as a clerk copies it into a file of its own to save as CSV (a CSV holds one sheet).
    for (const other of book.worksheets.filter((w) => w.name !== ROSTER_SHEET_NAME)) book.removeWorksheet(other.id);
    rosterOnly = Buffer.from(await book.xlsx.writeBuffer());
  }, 120_000);
  afterAll(() => s.close());

  const dryRun = (body: Buffer, type: string) =>
    s.call('POST', `/api/counties/${COUNTY}/roster-imports?dryRun=true`, { token, raw: body, headers: { 'content-type': type } });
  const rowsOf = (json: { rows: { row: number; status: string; action?: string; standing?: string; errors: unknown[] }[] }) =>
    json.rows.map(({ row, status, action, standing, errors }) => ({ row, status, action, standing, errors }));

  it('as .xlsx, and its sheet as CSV in UTF-8 and in GB18030: the same members as the original', async () => {
    const original = await dryRun(filled, XLSX);
    expect(original.status).toBe(200);
    expect(original.json.summary).toMatchObject({ rows: 24, added: 24, rejected: 0, teams: 3 });
    const forms = [
      { name: 'xlsx', body: await convert(filled, 'xlsx', 'xlsx'), type: XLSX, encoding: null },
      {
        name: 'csv utf-8',
        body: await convert(rosterOnly, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76', 'csv'),
        type: 'text/csv',
        encoding: 'utf-8',
      },
      {
        name: 'csv gb18030',
        body: await convert(rosterOnly, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,85', 'csv'),
        type: 'application/octet-stream',
        encoding: 'gb18030',
      },
    ];
    for (const form of forms) {
      const res = await dryRun(form.body, form.type);
      expect(res.status, form.name).toBe(200);
      expect(res.json.encoding, form.name).toBe(form.encoding);
      expect(rowsOf(res.json), form.name).toEqual(rowsOf(original.json));
    }
  }, 120_000);
});
