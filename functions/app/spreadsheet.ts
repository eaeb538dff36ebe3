// Reads an uploaded template — .xlsx, or .csv in UTF-8 (with or without BOM) or GBK/GB18030 —
// into header + rows of cells. Which sheet and which encoding are found, never asked.
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Cell } from '../core/cells.js';
import { columnForHeader } from '../core/columns.js';
import { ValidationError } from '../core/errors.js';
import type { SheetRows } from '../core/rows.js';

/** Far above the largest county (several hundred communities); a file beyond it is not a template. */
export const MAX_ROWS = 5000;

export interface ReadSheet extends SheetRows {
  format: 'xlsx' | 'csv';
  encoding?: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';
  sheetName?: string;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const isHeaderRow = (cells: Cell[]) => cells.some((c) => typeof c === 'string' && columnForHeader(c)?.path === 'communityCode');

/**
 * UTF-8 is self-validating: bytes that decode strictly as UTF-8 are taken as UTF-8, anything else
 * as GB18030 (the superset of GBK that Excel on Chinese Windows writes). For the two encodings
 * the contract admits this decides exactly, where a statistical detector would only guess.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<ReadSheet['encoding']> } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function fromCsv(bytes: Uint8Array): ReadSheet {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0) && !startsWith(bytes, [0xff, 0xfe])) throw new ValidationError('文件不是表格：请上传 .xlsx 或 .csv 格式的导入模板');
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] });
  const all = parsed.data.map((cells, i) => ({ rowNumber: i + 1, cells: cells as Cell[] }));
  const headerAt = all.slice(0, 10).findIndex((r) => isHeaderRow(r.cells));
  if (headerAt < 0) throw new ValidationError('找不到表头（应包含“社区代码”等列）。请使用本县（区）的导入模板；若用 Excel 另存为 CSV，请选择“CSV UTF-8”或“CSV（逗号分隔）”。');
  return { format: 'csv', encoding, header: all[headerAt].cells, rows: all.slice(headerAt + 1) };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value as Cell;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  // A formula is kept as its text, so a formula where a value belongs is refused, never run.
  if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string }).formula ?? ''}`;
  if ('text' in value) return String((value as { text: unknown }).text);
  if ('error' in value) return String((value as { error: unknown }).error);
  return String(value);
}

async function fromXlsx(bytes: Uint8Array): Promise<ReadSheet> {
  const { default: Excel } = await import('exceljs'); // loaded on demand: a CSV or a form never needs it
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError('无法读取 Excel 文件：文件可能已损坏，或不是 .xlsx 格式');
  }
  // The template's sheet is the one with the header, wherever it sits among the sheets.
  for (const sheet of workbook.worksheets) {
    if (sheet.rowCount > MAX_ROWS + 20) throw new ValidationError(`工作表“${sheet.name}”超过 ${MAX_ROWS} 行，请按县（区）分开导入`);
    const rows: { rowNumber: number; cells: Cell[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = cellValue(cell.value); });
      rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
    });
    const headerAt = rows.slice(0, 10).findIndex((r) => isHeaderRow(r.cells));
    if (headerAt >= 0) return { format: 'xlsx', sheetName: sheet.name, header: rows[headerAt].cells, rows: rows.slice(headerAt + 1) };
  }
  throw new ValidationError('Excel 文件中没有找到导入模板的表头（应包含“社区代码”等列）。请使用本县（区）的导入模板。');
}

export async function readSheet(bytes: Uint8Array): Promise<ReadSheet> {
  if (bytes.length === 0) throw new ValidationError('文件是空的');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new ValidationError('这是旧版 .xls 文件：请在 Excel 中另存为 .xlsx 后再导入');
  const sheet = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? await fromXlsx(bytes) : fromCsv(bytes);
  if (sheet.rows.length > MAX_ROWS) throw new ValidationError(`文件超过 ${MAX_ROWS} 行，请按县（区）分开导入`);
  return sheet;
}
