// Reading one spreadsheet cell as the column's type, the way a county clerk types it.
import { isIsoDate, type IsoDate } from './dates.js';
import type { ColumnKind } from './columns.js';
import { message, type Message } from './messages/index.js';
import { FORMULA_PREFIX } from './text.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import './messages/zh-CN-files.js';

export type Cell = string | number | boolean | Date | null | undefined;

/** A cell read, or what is wrong with it (a message the row's reason puts after the column's name). */
export type CellResult = { ok: true; value: unknown } | { ok: false; problem: Message };

const YES = new Set(['是', 'y', 'yes', 'true', '1', '有', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '无', '×', '✗']);

/** 9999-12-31, the last date Excel knows. */
const MAX_EXCEL_SERIAL = 2_958_465;

/** Excel stores dates as days since 1899-12-30, or since 1904-01-01 in a workbook on the 1904 system. */
export function excelSerialToDate(serial: number, date1904 = false): IsoDate {
  return new Date((date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** The encodings a county's CSV may come in, as a report names them. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';

/** The separators a CSV's rows may use (Excel's own by locale, and tab from a paste). */
export const CSV_DELIMITERS = [',', '\t', ';'];

/** Whether the bytes begin with a signature (a BOM, a zip's or an old .xls's magic number). */
export const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * UTF-8 is self-validating: bytes that decode strictly as UTF-8 are taken as UTF-8, anything else
 * as GB18030 (the superset of GBK that Excel on Chinese Windows writes). For the two encodings
 * the contract admits this decides exactly, where a statistical detector would only guess. Pure: the
 * server reads an upload with it, and the import page the same file in the clerk's browser.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Column index (0-based) from a cell reference such as "AB12"; null when it is no reference. */
export function columnIndex(ref: string): number | null {
  const m = /^([A-Z]{1,3})\d*$/.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell's reference as a spreadsheet names it: column index 5 of row 12 is "F12". */
export function cellRef(column: number, row: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A drill log longer than this in one cell is not a log. */
const MAX_DATES = 400;

function readDate(cell: Cell, date1904: boolean): CellResult {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, problem: message('cell.notDate') };
    // Spreadsheet dates carry no zone; the libraries hand them over as UTC midnight.
    return { ok: true, value: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell === 'number') {
    // A date typed into a number cell arrives as Excel's serial: days since 1899-12-30, a fraction for the time of day.
    return cell >= 1 && cell <= MAX_EXCEL_SERIAL
      ? { ok: true, value: excelSerialToDate(Math.floor(cell), date1904) }
      : { ok: false, problem: message('cell.notDate') };
  }
  const s = String(cell).trim();
  // Excel's CSV writes a date-time cell as "2026/3/5 0:00": the time of day is dropped.
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { ok: false, problem: message('cell.dateFormat') };
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? { ok: true, value: iso } : { ok: false, problem: message('cell.notDate') };
}

export function readCell(kind: ColumnKind, cell: Cell, options: { date1904?: boolean } = {}): CellResult {
  if (isBlank(cell)) return { ok: true, value: null };
  // A formula arrives as its text (app/xlsx.ts): its result is the spreadsheet's, not the file's. A text
  // column refuses it through the team's own rule (no leading =); any other says what to do instead.
  if (typeof cell === 'string' && kind !== 'text' && kind !== 'info' && cell.trimStart().startsWith('='))
    return { ok: false, problem: message('cell.formula') };
  switch (kind) {
    case 'bool': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const s = String(cell).trim().toLowerCase();
      if (YES.has(s)) return { ok: true, value: true };
      if (NO.has(s)) return { ok: true, value: false };
      return { ok: false, problem: message('cell.yesNo') };
    }
    case 'count': {
      const s = typeof cell === 'number' ? String(cell) : String(cell).trim().replace(/人$/, '');
      if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, problem: message('cell.notInteger') };
      return { ok: true, value: Number(s) }; // range and integer checks belong to the team schema
    }
    case 'date':
      return readDate(cell, options.date1904 === true);
    case 'dates': {
      // A drill log in one cell: dates separated by spaces, commas or 、 (one date cell is a log of one).
      if (cell instanceof Date || typeof cell === 'number') {
        const one = readDate(cell, options.date1904 === true);
        return one.ok ? { ok: true, value: [one.value] } : one;
      }
      const parts = String(cell)
        .split(/[\s,，、;；]+/)
        .filter(Boolean);
      if (parts.length > MAX_DATES) return { ok: false, problem: message('cell.tooManyDates', { max: MAX_DATES }) };
      const dates: string[] = [];
      for (const p of parts) {
        const one = readDate(p, false);
        if (!one.ok) return { ok: false, problem: message('cell.dateInList', { value: p.slice(0, 12), problem: one.problem }) };
        dates.push(one.value as string);
      }
      return { ok: true, value: [...new Set(dates)].sort() };
    }
    case 'code':
    case 'phone':
    case 'text':
    case 'version':
    case 'info': {
      if (cell instanceof Date) return { ok: false, problem: message('cell.notText') };
      const s = typeof cell === 'number' ? String(cell) : String(cell);
      return { ok: true, value: kind === 'phone' || kind === 'code' ? s.replace(/\s+/g, '') : s.trim() };
    }
  }
}

/** Cells an exported file must not let a spreadsheet run as a formula get a leading apostrophe. */
export function escapeFormula(value: string): string {
  return FORMULA_PREFIX.test(value) ? `'${value}` : value;
}
