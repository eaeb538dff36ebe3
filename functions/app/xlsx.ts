// A bounded reader of .xlsx workbooks: the zip's central directory is checked before anything is
// inflated, each part is inflated as a stream with a hard cap on its bytes, and the sheets are read
// by a streaming XML parser that stops at the row and cell limits. A 4 MB upload can never become
// gigabytes in memory. (exceljs, which the project uses to write workbooks, unpacks the whole file
// before a single limit can be checked, so it is not used to read them.)
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { columnIndex, type Cell } from '#core/cells.js';
import { ValidationError } from '#core/errors.js';
import { message, type Message } from '#core/messages/index.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import '#core/messages/zh-CN-files.js';

export const XLSX_LIMITS = {
  /** A workbook from Excel, WPS or LibreOffice has 10–30 parts. */
  entries: 300,
  /** Uncompressed bytes of any one part that is read (a full 2,000-row template sheet is about 4 MB). */
  partBytes: 16 * 1024 * 1024,
  /** Uncompressed bytes of the parts that are read, together. */
  totalBytes: 32 * 1024 * 1024,
  /** Small parts: the workbook, its relationships, the styles. */
  smallPartBytes: 4 * 1024 * 1024,
  /** Excel's own limit on the characters in one cell. */
  cellChars: 32_767,
  /** Cells read in one row (a template has about 30 columns). */
  rowCells: 512,
  sharedStrings: 200_000,
  /** Elements open at once: a worksheet nests about 6 deep; a million unclosed tags would each be held. */
  depth: 32,
} as const;

export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

/**
 * Decides, row by row, what to do with a sheet: 'more' reads on, 'skip' leaves this sheet for the
 * next one, 'done' ends the reading.
 */
export type RowVisitor = (row: SheetRow) => 'more' | 'skip' | 'done';

const TOO_BIG = message('file.tooBig');
const BROKEN = message('file.broken');
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

// Built-in number formats that are dates or times (ECMA-376 18.8.30), and the CJK ones Excel uses.
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom number format is a date when, outside quotes, brackets and escapes, it has y, m, d, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  return /[ymdhs年月日]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

interface Workbook {
  zip: ZipFile;
  entries: Map<string, Entry>;
  budget: { left: number };
}

async function openZip(bytes: Uint8Array): Promise<Workbook> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch {
    throw new ValidationError(BROKEN);
  }
  if (zip.entryCount > XLSX_LIMITS.entries) {
    zip.close();
    throw new ValidationError(message('file.tooManyParts', { parts: zip.entryCount, max: XLSX_LIMITS.entries }));
  }
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ''), entry);
  } catch {
    zip.close();
    throw new ValidationError(BROKEN);
  }
  return { zip, entries, budget: { left: XLSX_LIMITS.totalBytes } };
}

/**
 * Streams one part's text to `onText`. The declared size is checked first; the inflated bytes are
 * counted as they come (yauzl also refuses a part that inflates beyond its declared size).
 * `onText` returns true to read on, false to stop early.
 */
async function streamPart(book: Workbook, entry: Entry, maxBytes: number, onText: (text: string) => boolean): Promise<void> {
  if (entry.uncompressedSize > maxBytes || entry.uncompressedSize > book.budget.left) throw new ValidationError(TOO_BIG);
  let stream: Readable;
  try {
    stream = await book.zip.openReadStreamPromise(entry);
  } catch {
    throw new ValidationError(BROKEN);
  }
  stream.setEncoding('utf8');
  let bytes = 0;
  try {
    for await (const text of stream as AsyncIterable<string>) {
      bytes += Buffer.byteLength(text);
      if (bytes > maxBytes) throw new ValidationError(TOO_BIG);
      if (onText(text) === false) break;
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    // yauzl refuses a part that inflates past the size its directory entry declared.
    throw new ValidationError(/too many bytes/i.test((e as Error).message) ? TOO_BIG : BROKEN);
  } finally {
    stream.destroy();
    book.budget.left -= bytes;
  }
}

type Handlers = {
  open?: (tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** Parses one part with saxes; handlers see local names (a prefix such as x: is dropped). */
async function parsePart(
  book: Workbook,
  path: string,
  maxBytes: number,
  handlers: Handlers,
  stopped: () => boolean = () => false,
): Promise<boolean> {
  const entry = book.entries.get(path);
  if (!entry) return false;
  const parser = new SaxesParser();
  let failure: unknown = null;
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (!tag.isSelfClosing && ++depth > XLSX_LIMITS.depth) throw new ValidationError(message('file.tooDeep', { max: XLSX_LIMITS.depth }));
    handlers.open?.({ ...tag, name: localName(tag.name) });
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth -= 1;
    handlers.close?.(localName(tag.name));
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.on('error', (e) => {
    failure ??= e;
  });
  await streamPart(book, entry, maxBytes, (text) => {
    parser.write(text);
    if (failure) throw failure instanceof ValidationError ? failure : new ValidationError(BROKEN);
    return !stopped();
  });
  if (!stopped()) {
    parser.close();
    if (failure) throw failure instanceof ValidationError ? failure : new ValidationError(BROKEN);
  }
  return true;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** Throws when one cell's text passes Excel's own limit, so no cell can grow without bound. */
function checkCellLength(length: number, where: () => Message): void {
  if (length > XLSX_LIMITS.cellChars)
    throw new ValidationError(message('file.cellTooLong', { where: where(), max: XLSX_LIMITS.cellChars }));
}

async function readSharedStrings(book: Workbook, path: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!path) return strings;
  let inT = false;
  let phonetic = 0;
  let current = '';
  await parsePart(book, path, XLSX_LIMITS.partBytes, {
    open: (tag) => {
      if (tag.name === 'rPh') phonetic += 1;
      else if (tag.name === 't') inT = true;
    },
    close: (name) => {
      if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inT = false;
      else if (name === 'si') {
        strings.push(current);
        current = '';
        if (strings.length > XLSX_LIMITS.sharedStrings) throw new ValidationError(TOO_BIG);
      }
    },
    text: (s) => {
      if (!inT || phonetic > 0) return;
      current += s;
      checkCellLength(current.length, () => message('file.where.sharedString', { n: String(strings.length + 1) }));
    },
  });
  return strings;
}

async function readDateStyles(book: Workbook, path: string | undefined): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const isDate: boolean[] = [];
  if (!path) return isDate;
  let inCellXfs = false;
  await parsePart(book, path, XLSX_LIMITS.smallPartBytes, {
    open: (tag) => {
      if (tag.name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
      else if (tag.name === 'cellXfs') inCellXfs = true;
      else if (tag.name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        isDate.push(custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return isDate;
}

async function readRelationships(book: Workbook, part: string): Promise<Map<string, { target: string; type: string }>> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const rels = new Map<string, { target: string; type: string }>();
  await parsePart(book, relsPath, XLSX_LIMITS.smallPartBytes, {
    open: (tag) => {
      if (tag.name === 'Relationship' && tag.attributes.TargetMode !== 'External') {
        rels.set(String(tag.attributes.Id), {
          target: resolveTarget(part, String(tag.attributes.Target ?? '')),
          type: String(tag.attributes.Type ?? ''),
        });
      }
    },
  });
  return rels;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_1904_EPOCH = Date.UTC(1904, 0, 1);

/**
 * Reads each sheet in workbook order, row by row, handing rows to `visit` until it says stop.
 * Returns the sheet names read. A formula is handed over as its text ("=..."), never its result.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  visit: (sheetName: string, workbook: { date1904: boolean }) => RowVisitor,
): Promise<void> {
  const book = await openZip(bytes);
  try {
    const mimetype = book.entries.get('mimetype');
    if (mimetype) {
      let mime = '';
      await streamPart(book, mimetype, 1024, (t) => {
        mime += t;
        return true;
      });
      if (mime.trim().startsWith(ODS_MIME)) {
        throw new ValidationError(message('file.ods'));
      }
    }
    // The package's root relationship names the workbook part (xl/workbook.xml in practice).
    const root = await readRelationships(book, '');
    const workbookPath = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const sheets: { name: string; rid: string }[] = [];
    let date1904 = false;
    const found = await parsePart(book, workbookPath, XLSX_LIMITS.smallPartBytes, {
      open: (tag) => {
        if (tag.name === 'sheet') {
          const rid = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id')?.[1];
          // Excel allows 31 characters in a sheet name; a longer one is cut, so no report repeats it whole.
          sheets.push({ name: String(tag.attributes.name ?? '').slice(0, 31), rid: String(rid ?? '') });
        } else if (tag.name === 'workbookPr') {
          date1904 = /^(1|true)$/.test(String(tag.attributes.date1904 ?? ''));
        }
      },
    });
    if (!found) throw new ValidationError(message('file.notWorkbook'));
    const rels = await readRelationships(book, workbookPath);
    const relOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
    const [strings, dateStyles] = [
      await readSharedStrings(book, relOfType('/sharedStrings')),
      await readDateStyles(book, relOfType('/styles')),
    ];
    const epoch = date1904 ? EXCEL_1904_EPOCH : EXCEL_EPOCH;

    for (const sheet of sheets) {
      const path = rels.get(sheet.rid)?.target;
      if (!path || !book.entries.has(path)) continue;
      const visitor = visit(sheet.name, { date1904 });
      let outcome = 'more' as ReturnType<RowVisitor>;
      let rowNumber = 0;
      let cells: Cell[] = [];
      let nextCol = 0;
      let cell: { col: number; type: string; style: number; formula: boolean } | null = null;
      let reading: 'value' | 'formula' | null = null;
      let phonetic = 0;
      let value = '';
      let formula = '';
      const where = () => message('file.where.sheetRow', { sheet: sheet.name, row: String(rowNumber) });

      const cellValue = (c: NonNullable<typeof cell>): Cell => {
        if (c.formula) return `=${formula}`;
        switch (c.type) {
          case 's':
            return value === '' ? null : (strings[Number(value)] ?? null);
          case 'inlineStr':
          case 'str':
          case 'e':
            return value;
          case 'b':
            return value === '1' || value.toLowerCase() === 'true';
          case 'd': {
            // An ISO date cell holds the calendar day the clerk typed: its date part, whatever zone or time follows.
            const day = /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
            return day ? new Date(`${day}T00:00:00Z`) : value;
          }
          default: {
            if (value === '') return null;
            const n = Number(value);
            // A number in a date-formatted cell is a date: days since the workbook's epoch, as UTC.
            return Number.isNaN(n) ? value : dateStyles[c.style] ? new Date(epoch + n * 86_400_000) : n;
          }
        }
      };

      await parsePart(
        book,
        path,
        XLSX_LIMITS.partBytes,
        {
          open: (tag) => {
            switch (tag.name) {
              case 'row': {
                const r = Number(tag.attributes.r);
                rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
                cells = [];
                nextCol = 0;
                break;
              }
              case 'c':
                cell = {
                  col: (tag.attributes.r ? columnIndex(String(tag.attributes.r)) : null) ?? nextCol,
                  type: String(tag.attributes.t ?? 'n'),
                  style: Number(tag.attributes.s ?? 0),
                  formula: false,
                };
                value = '';
                formula = '';
                break;
              case 'v':
                reading = 'value';
                break;
              case 'f':
                if (cell) {
                  cell.formula = true;
                  reading = 'formula';
                }
                break;
              case 'rPh':
                phonetic += 1;
                break;
              case 't':
                if (cell && phonetic === 0) reading = 'value';
                break;
            }
          },
          close: (name) => {
            switch (name) {
              case 'v':
              case 't':
              case 'f':
                reading = null;
                break;
              case 'rPh':
                phonetic -= 1;
                break;
              case 'c':
                if (cell && cell.col >= XLSX_LIMITS.rowCells)
                  throw new ValidationError(message('file.tooManyColumns', { where: where(), max: XLSX_LIMITS.rowCells }));
                if (cell) cells[cell.col] = cellValue(cell);
                nextCol = (cell?.col ?? nextCol) + 1;
                cell = null;
                break;
              case 'row':
                if (outcome === 'more') outcome = visitor({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
                break;
            }
          },
          text: (s) => {
            if (reading === 'value') {
              value += s;
              checkCellLength(value.length, where);
            } else if (reading === 'formula') {
              formula += s;
              checkCellLength(formula.length, where);
            }
          },
        },
        () => outcome !== 'more',
      );
      if (outcome === 'done') return;
    }
  } finally {
    book.zip.close();
  }
}
