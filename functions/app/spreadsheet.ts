// Reads an uploaded template — .xlsx, or .csv in UTF-8 (with or without BOM) or GBK/GB18030 —
// into header + rows of cells. Which sheet and which encoding are found, never asked.
import Papa from 'papaparse';
import { CSV_DELIMITERS, decodeText, isBlank, startsWith, type Cell, type TextEncoding } from '#core/cells.js';
import { columnForHeader } from '#core/columns.js';
import { ValidationError } from '#core/errors.js';
import type { SheetRows } from '#core/rows.js';
import { readWorkbook, XLSX_LIMITS } from './xlsx.js';
import { isRosterHeader } from '#core/roster-rows.js';
import { message, type Message } from '#core/messages/index.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import '#core/messages/zh-CN-files.js';

/**
 * Far above the largest county (桂平市, 444 communities); a file beyond it is not a county's
 * template. It also bounds the row report: at most 2,000 rows of a few short errors each.
 */
export const MAX_ROWS = 2000;
/** Far above the largest county's roster (桂平市: about 11,000 members); it also bounds the row report. */
export const MAX_ROSTER_ROWS = 20_000;
/** The header is looked for in this many non-blank rows at the top of a sheet. */
const HEADER_SEARCH_ROWS = 10;

export interface ReadSheet extends SheetRows {
  format: 'xlsx' | 'csv';
  encoding?: TextEncoding;
  sheetName?: string;
  /** The header's row number in the file, and the rows above it (a title, notes: at most a few). */
  headerRow: number;
  above: SheetRows['rows'];
}

/** What sheet is looked for: its header row, and what to say when no sheet has one. */
export interface SheetKind {
  isHeader: (cells: Cell[]) => boolean;
  missing: { csv: Message; xlsx: Message };
  /** Rows read at most (a team template's by default). */
  maxRows?: number;
}

/** A county's team template: the header names 社区代码 (and is not a roster's, which names it too). */
export const TEMPLATE_SHEET: SheetKind = {
  isHeader: (cells) =>
    cells.some((c) => typeof c === 'string' && c !== '' && columnForHeader(c)?.path === 'communityCode') && !isRosterHeader(cells),
  missing: {
    csv: message('file.header.csv'),
    xlsx: message('file.header.xlsx'),
  },
};

/**
 * A county's roster (队员名册): one row a member, so a county's file may be many times a team file's length
 * (桂平市's roster is about 11,000 rows).
 */
export const ROSTER_SHEET: SheetKind = {
  isHeader: isRosterHeader,
  missing: { csv: message('rosterImport.sheet.csv'), xlsx: message('rosterImport.sheet.xlsx') },
  maxRows: MAX_ROSTER_ROWS,
};

function fromCsv(bytes: Uint8Array, kind: SheetKind): ReadSheet {
  const maxRows = kind.maxRows ?? MAX_ROWS;
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0) && !startsWith(bytes, [0xff, 0xfe])) throw new ValidationError(message('file.notSheet'));
  const { text, encoding } = decodeText(bytes);
  // Parsing stops past the row limit: 5 MB of line breaks would otherwise be five million rows.
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: CSV_DELIMITERS,
    preview: maxRows + HEADER_SEARCH_ROWS + 1,
  });
  const all = parsed.data.map((cells, i) => ({ rowNumber: i + 1, cells: cells as Cell[] }));
  // Every cell is bounded before any is looked at: columns per row, characters per cell.
  for (const row of all) {
    if (row.cells.length > XLSX_LIMITS.rowCells)
      throw new ValidationError(
        message('file.rowTooWide', { row: String(row.rowNumber), columns: row.cells.length, max: XLSX_LIMITS.rowCells }),
      );
    if (row.cells.some((c) => typeof c === 'string' && c.length > XLSX_LIMITS.cellChars)) {
      throw new ValidationError(
        message('file.cellTooLong', { where: message('file.where.row', { row: String(row.rowNumber) }), max: XLSX_LIMITS.cellChars }),
      );
    }
  }
  const headerAt = all.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => kind.isHeader(r.cells));
  if (headerAt < 0) throw new ValidationError(kind.missing.csv);
  const rows = all.slice(headerAt + 1);
  if (rows.length > maxRows) throw new ValidationError(message('file.tooManyRows', { max: maxRows }));
  return { format: 'csv', encoding, header: all[headerAt].cells, headerRow: all[headerAt].rowNumber, above: all.slice(0, headerAt), rows };
}

async function fromXlsx(bytes: Uint8Array, kind: SheetKind): Promise<ReadSheet> {
  const maxRows = kind.maxRows ?? MAX_ROWS;
  let found: ReadSheet | null = null;
  // The template's sheet is the one with the header in its first rows, wherever it sits among the sheets.
  await readWorkbook(bytes, (sheetName, { date1904 }) => {
    const above: ReadSheet['above'] = [];
    let sheet: ReadSheet | null = null;
    return (row) => {
      if (row.cells.every(isBlank)) return 'more';
      if (!sheet) {
        if (kind.isHeader(row.cells)) {
          found = sheet = {
            format: 'xlsx',
            sheetName,
            header: row.cells,
            headerRow: row.rowNumber,
            above,
            rows: [],
            ...(date1904 ? { date1904 } : {}),
          };
          return 'more';
        }
        above.push(row);
        return above.length >= HEADER_SEARCH_ROWS ? 'skip' : 'more';
      }
      if (sheet.rows.length >= maxRows) throw new ValidationError(message('file.sheetTooManyRows', { sheet: sheetName, max: maxRows }));
      sheet.rows.push(row);
      return 'more';
    };
  });
  // The first sheet with a header is the template; later sheets are not read once it is complete.
  if (!found) throw new ValidationError(kind.missing.xlsx);
  return found;
}

export async function readSheet(bytes: Uint8Array, kind: SheetKind = TEMPLATE_SHEET): Promise<ReadSheet> {
  if (bytes.length === 0) throw new ValidationError(message('file.empty'));
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new ValidationError(message('file.xls'));
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? fromXlsx(bytes, kind) : fromCsv(bytes, kind);
}
