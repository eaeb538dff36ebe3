// Builds filled templates as counties send them: XLSX, CSV in UTF-8, UTF-8 with BOM, or GBK.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { COLUMNS, teamToRow } from '#core/columns.js';
import { ROSTER_COLUMNS, ROSTER_SHEET_NAME } from '#core/roster-rows.js';
import type { Cell } from '#core/cells.js';
import type { TeamInput } from '#core/team.js';
import { readWorkbook } from '#app/xlsx.js';
import { goodTeam } from './team.js';

export const HEADER = COLUMNS.map((c) => c.header);

/** One template row for a community, from a team (or overrides by zh header). */
export function teamRow(code: string, name: string, team: TeamInput = goodTeam(), overrides: Record<string, Cell> = {}): Cell[] {
  const row: Cell[] = teamToRow(code, name, team);
  for (const [header, value] of Object.entries(overrides)) row[HEADER.indexOf(header)] = value;
  return row;
}

export function csv(rows: Cell[][], encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8', header: string[] = HEADER): Buffer {
  const quote = (c: Cell) => {
    const s = c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** A CSV without the 版本 column, as a county's own system might send: each row updates the team as it stands when the import begins. */
export function csvWithoutVersion(rows: Cell[][]): Buffer {
  const at = HEADER.indexOf('版本');
  return csv(
    rows.map((r) => r.filter((_, i) => i !== at)),
    'utf-8',
    HEADER.filter((_, i) => i !== at),
  );
}

/** An XLSX with the template sheet, optionally behind other sheets; `formulas` puts formulas in cells. */
export async function xlsx(rows: Cell[][], options: { sheetsBefore?: string[]; formulas?: Record<string, string> } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const name of options.sheetsBefore ?? []) book.addWorksheet(name).addRow(['说明', '这不是模板']);
  const sheet = book.addWorksheet('导入模板');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r.map((c) => c ?? null));
  for (const [address, formula] of Object.entries(options.formulas ?? {}))
    sheet.getCell(address).value = { formula, result: '点我' } as ExcelJS.CellFormulaValue;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A workbook's cells as text, row by row (for looking into a downloaded file). */
export async function sheetText(bytes: Uint8Array): Promise<string> {
  const parts: string[] = [];
  await readWorkbook(bytes, () => (row) => {
    parts.push(row.cells.map(String).join(','));
    return 'more';
  });
  return parts.join('\n');
}

/** A roster file's header, as the template writes it. */
export const ROSTER_HEADER = ROSTER_COLUMNS.map((c) => c.label ?? c.header);

/** One roster row: community, name, mobile, category (the plan's name), joined, insured through, left. */
export const rosterRow = (
  code: string,
  name: string,
  mobile: string | null,
  over: { category?: string; joined?: string; insuredThrough?: string | null; left?: string | null } = {},
): Cell[] => [
  code,
  null,
  name,
  mobile,
  over.category ?? '其他志愿者',
  over.joined ?? '2023-03-01',
  over.insuredThrough === undefined ? '2023-12-31' : over.insuredThrough,
  over.left ?? null,
];

/** A workbook with the 队员名册 sheet, behind the team template's sheet when `withTeams` gives its rows. */
export async function rosterXlsx(rows: Cell[][], withTeams?: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (withTeams) {
    const teams = book.addWorksheet('导入模板');
    teams.addRow(HEADER);
    for (const r of withTeams) teams.addRow(r.map((c) => c ?? null));
  }
  const sheet = book.addWorksheet(ROSTER_SHEET_NAME);
  sheet.addRow(ROSTER_HEADER);
  for (const r of rows) sheet.addRow(r.map((c) => c ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}
