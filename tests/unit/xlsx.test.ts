// The bounded .xlsx reader: what Excel, WPS, LibreOffice and exceljs write is read as before; what a
// hostile file holds is refused before it can grow.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isDateFormat, readWorkbook, XLSX_LIMITS, type SheetRow } from '#app/xlsx.js';
import { readSheet } from '#app/spreadsheet.js';
import { allBombs, SHEET_CLOSE, SHEET_OPEN, spacesBomb, workbook, zip } from '#tests/helpers/bombs.js';

async function allRows(bytes: Uint8Array) {
  const sheets: { name: string; rows: SheetRow[] }[] = [];
  await readWorkbook(bytes, (name) => {
    const sheet = { name, rows: [] as SheetRow[] };
    sheets.push(sheet);
    return (row) => {
      sheet.rows.push(row);
      return 'more';
    };
  });
  return sheets;
}

const sheetOf = (rowsXml: string, strings?: string) =>
  workbook(
    { name: '', data: `${SHEET_OPEN}${rowsXml}${SHEET_CLOSE}` },
    strings === undefined
      ? undefined
      : { name: '', data: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>` },
  );

describe('reading a workbook', () => {
  it('reads what exceljs writes: text, numbers, dates, booleans, rich text, and formulas as their text', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('封面').addRow(['说明']);
    const sheet = book.addWorksheet('导入模板');
    sheet.addRow(['社区代码', '队伍名称', '成立日期', '人数', '是否', '公式']);
    sheet.addRow([
      '450102001003',
      '民主社区队',
      new Date(Date.UTC(2022, 2, 15)),
      24,
      true,
      { formula: 'HYPERLINK("http://x","点我")', result: '点我' },
    ]);
    sheet.getCell('B3').value = { richText: [{ text: '兴宁' }, { text: '社区', font: { bold: true } }] };
    const sheets = await allRows(Buffer.from(await book.xlsx.writeBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['封面', '导入模板']);
    const [, row2, row3] = sheets[1].rows;
    expect(row2.rowNumber).toBe(2);
    expect(row2.cells).toEqual(['450102001003', '民主社区队', new Date(Date.UTC(2022, 2, 15)), 24, true, '=HYPERLINK("http://x","点我")']);
    expect(row3).toEqual({ rowNumber: 3, cells: [null, '兴宁社区'] });
  });

  it('places cells by their reference, skips phonetic runs, and reads prefixed (x:) markup', async () => {
    const rows = await allRows(
      sheetOf(
        '<row r="4"><c r="C4" t="s"><v>0</v></c><c r="E4" t="inlineStr"><is><r><t>甲</t></r><rPh><t>jia</t></rPh><r><t>乙</t></r></is></c></row>',
        '<si><t>共享</t></si>',
      ),
    );
    expect(rows[0].rows).toEqual([{ rowNumber: 4, cells: [null, null, '共享', null, '甲乙'] }]);
    const prefixed = workbook({
      name: '',
      data: '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>前缀</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    });
    expect((await allRows(prefixed))[0].rows[0].cells).toEqual(['前缀']);
  });

  it('an ISO date cell is the calendar day it names, whatever the time and zone after it', async () => {
    const rows = await allRows(
      sheetOf(
        '<row r="1"><c r="A1" t="d"><v>2026-03-05T00:00:00+08:00</v></c><c r="B1" t="d"><v>2026-03-05</v></c><c r="C1" t="d"><v>2026-03-05T23:30:00Z</v></c></row>',
      ),
    );
    expect(rows[0].rows[0].cells).toEqual([
      new Date('2026-03-05T00:00:00Z'),
      new Date('2026-03-05T00:00:00Z'),
      new Date('2026-03-05T00:00:00Z'),
    ]);
  });

  it('knows date formats from the custom codes Excel, WPS and LibreOffice use, and not number formats', () => {
    for (const code of [
      'yyyy-mm-dd',
      'yyyy/m/d;@',
      '[$-804]yyyy"年"m"月"d"日"',
      'yyyy"年"m"月"d"日"',
      'm/d/yy h:mm',
      '[DBNum1][$-804]yyyy"年"m"月"d"日"',
    ])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['0', '0.00', '#,##0', '0%', '@', '"人"0', '[Red]0.00']) expect(isDateFormat(code), code).toBe(false);
  });

  it('stops at the visitor\'s word: a skipped sheet is left, "done" ends the reading', async () => {
    const book = new ExcelJS.Workbook();
    for (const name of ['一', '二', '三'])
      for (let i = 0; i < 5; i++) book.addWorksheet(name === '一' && i === 0 ? name : `${name}${i}`).addRow([name]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const seen: string[] = [];
    await readWorkbook(bytes, (name) => () => {
      seen.push(name);
      return name === '二0' ? 'done' : 'skip';
    });
    expect(seen).toEqual(['一', '一1', '一2', '一3', '一4', '二0']);
  });
});

describe('a hostile workbook is refused before it grows', () => {
  it.each(allBombs().map((b) => [b.name, b] as const))('%s: a 400 naming the problem, within the part limits', async (_name, bomb) => {
    expect(bomb.bytes.length).toBeLessThan(5 * 1024 * 1024);
    const started = performance.now();
    const error = await readSheet(bomb.bytes).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.name).toBe('ValidationError');
    expect(error!.message).toMatch(/过大|部件|嵌套|没有找到导入模板的表头/);
    expect(performance.now() - started).toBeLessThan(30_000); // the bench measures; this only says it ends
  });

  it("a cell of more than Excel's 32,767 characters is refused, naming the sheet and row", async () => {
    const long = `<row r="7"><c r="A7" t="inlineStr"><is><t>${'x'.repeat(XLSX_LIMITS.cellChars + 1)}</t></is></c></row>`;
    await expect(readSheet(sheetOf(long))).rejects.toThrow(/“导入模板”第 7 行的单元格超过 32767 个字符/);
    const exactly = `<row r="1"><c t="inlineStr"><is><t>社区代码</t></is></c></row><row r="2"><c t="inlineStr"><is><t>${'x'.repeat(XLSX_LIMITS.cellChars)}</t></is></c></row>`;
    expect((await readSheet(sheetOf(exactly))).rows[0].cells[0]).toHaveLength(XLSX_LIMITS.cellChars);
  });

  it('a sheet declared larger than the part limit is refused without inflating a byte of it', async () => {
    await expect(readSheet(spacesBomb(64, false).bytes)).rejects.toThrow(/过大/);
  });

  it('an OpenDocument spreadsheet (.ods) is named, with how to save it as .xlsx', async () => {
    const ods = zip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    await expect(readSheet(ods)).rejects.toThrow(/OpenDocument 表格（\.ods）.*另存为.*\.xlsx/);
  });

  it('a zip that is not a workbook, or is broken, gets a plain message', async () => {
    await expect(readSheet(zip([{ name: 'readme.txt', data: 'hello' }]))).rejects.toThrow(/不是 Excel 工作簿/);
    const broken = Buffer.from(sheetOf('<row r="1"><c r="A1"><v>1</v></c></row>'));
    broken.fill(0, broken.length - 22); // no end-of-directory record
    await expect(readSheet(broken)).rejects.toThrow(/无法读取 Excel 文件/);
    await expect(readSheet(sheetOf('<row r="1"><c r="A1"><v>1</v></c><row>'))).rejects.toThrow(/无法读取 Excel 文件/);
  });
});
