// Hostile workbooks built by hand: a zip writer that can state any sizes (honest or lying), and the
// spreadsheet bombs of the hardening review — a sheet that inflates to gigabytes, a million rows,
// a giant shared-strings part, a workbook of thousands of parts.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { COLUMNS } from '#core/columns.js';

export interface ZipPart {
  name: string;
  /** Already deflated (raw) bytes; `data` is deflated here when this is absent. */
  deflated?: Buffer;
  data?: Buffer | string;
  /** The uncompressed size to declare; the true size unless given (a lie, for the bombs). */
  declaredSize?: number;
  crc?: number;
}

/** A zip archive (deflate), written field by field as APPNOTE.TXT describes it. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const raw = p.data === undefined ? null : Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8');
    const body = p.deflated ?? deflateRawSync(raw ?? Buffer.alloc(0));
    const size = p.declaredSize ?? raw?.length ?? 0;
    const crc = p.crc ?? (raw ? crc32(raw) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Raw deflate of `prefix`, then `block` repeated `times`, then `suffix`, without ever holding the
 * inflated text: each piece is compressed from a fresh state and ends on a full flush, so the
 * compressed block can itself be repeated.
 */
export function repeatedDeflate(prefix: string, block: Buffer, times: number, suffix: string): Buffer {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const compressedBlock = deflateRawSync(block, flush);
  return Buffer.concat([
    deflateRawSync(Buffer.from(prefix), flush),
    ...Array.from({ length: times }, () => compressedBlock),
    deflateRawSync(Buffer.from(suffix), { level: 9 }),
  ]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="导入模板" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
export const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_CLOSE = '</sheetData></worksheet>';

/** The parts of a minimal workbook around the given sheet (and shared strings) parts. */
export function workbook(
  sheet: ZipPart,
  sharedStrings: ZipPart = { name: '', data: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' },
): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { ...sharedStrings, name: 'xl/sharedStrings.xml' },
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ]);
}

const MB = 1024 * 1024;
const spaces = Buffer.alloc(MB, 0x20);

export interface Bomb {
  name: string;
  bytes: Buffer;
  /** What the file inflates to, or would if a reader believed it. */
  inflatedBytes: number;
}

/** One cell of `mb` MB of spaces; `lie` declares the sheet as 1 KB. */
export function spacesBomb(mb: number, lie: boolean): Bomb {
  const prefix = `${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">`;
  const suffix = `</t></is></c></row>${SHEET_CLOSE}`;
  const inflatedBytes = prefix.length + mb * MB + suffix.length;
  const deflated = repeatedDeflate(prefix, spaces, mb, suffix);
  return {
    name: `${(mb / 1024).toFixed(1)} GB of spaces in one cell, ${lie ? 'declared as 1 KB' : 'declared honestly'}`,
    bytes: workbook({ name: '', deflated, declaredSize: lie ? 1024 : Math.min(inflatedBytes, 0xffffffff), crc: 0 }),
    inflatedBytes,
  };
}

/** `rows` rows of one number each. */
export function rowsBomb(rows: number): Bomb {
  const row = (n: number) => `<row r="${n}"><c r="A${n}"><v>1</v></c></row>`;
  const xml = SHEET_OPEN + Array.from({ length: rows }, (_, i) => row(i + 1)).join('') + SHEET_CLOSE;
  const data = Buffer.from(xml);
  return { name: `${rows.toLocaleString('en')} rows`, bytes: workbook({ name: '', data }), inflatedBytes: data.length };
}

/** A shared-strings part of `mb` MB (one string per 1 KB), declared as 1 KB. */
export function sharedStringsBomb(mb: number): Bomb {
  const block = Buffer.from(`<si><t>${'队'.repeat(330)}</t></si>`.padEnd(1024, ' ').repeat(1024));
  const deflated = repeatedDeflate('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', block, mb, '</sst>');
  return {
    name: `${mb} MB of shared strings, declared as 1 KB`,
    bytes: workbook({ name: '', data: `${SHEET_OPEN}${SHEET_CLOSE}` }, { name: '', deflated, declaredSize: 1024, crc: 0 }),
    inflatedBytes: block.length * mb,
  };
}

/**
 * The slowest file the limits let through: a shared-strings part and a sheet each just under the
 * 16 MB part limit, the strings many and short, the sheet all empty rows (which are not counted
 * against the row limit), so every byte must be parsed.
 */
export function worstCaseBomb(): Bomb {
  const mb = 15;
  const sst = ['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '</sst>'];
  const strings = Buffer.from(`<si><t>${'x'.repeat(60)}</t></si>`.repeat(13_000)); // 1,001,000 bytes, 195,000 strings in all
  const rows = Buffer.from('<row r="1"/>'.repeat(87_000)); // 1,044,000 bytes
  const size = (open: string, block: Buffer, close: string) => open.length + block.length * mb + close.length;
  return {
    name: `${mb} MB of shared strings and a ${mb} MB sheet of empty rows (just under the limits)`,
    bytes: workbook(
      { name: '', deflated: repeatedDeflate(SHEET_OPEN, rows, mb, SHEET_CLOSE), declaredSize: size(SHEET_OPEN, rows, SHEET_CLOSE), crc: 0 },
      { name: '', deflated: repeatedDeflate(sst[0], strings, mb, sst[1]), declaredSize: size(sst[0], strings, sst[1]), crc: 0 },
    ),
    inflatedBytes: (rows.length + strings.length) * mb,
  };
}

/** `cells` header cells all pointing at one shared string of 32,767 "(": slow for a backtracking header pattern. */
export function parensBomb(cells: number): Bomb {
  const row = Array.from({ length: cells }, (_, i) => `<c r="${columnName(i + 1)}1" t="s"><v>0</v></c>`).join('');
  return {
    name: `${cells} header cells of 32,767 "(" each`,
    bytes: workbook(
      { name: '', data: `${SHEET_OPEN}<row r="1">${row}</row>${SHEET_CLOSE}` },
      {
        name: '',
        data: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'('.repeat(32_767)}</t></si></sst>`,
      },
    ),
    inflatedBytes: 32_767,
  };
}

/** A header row, then `n` unclosed elements: a parser that holds every open tag holds them all. */
export function nestingBomb(n: number): Bomb {
  const head = `<row r="1"><c r="A1" t="inlineStr"><is><t>社区代码</t></is></c></row>`;
  const deflated = repeatedDeflate(`${SHEET_OPEN}${head}`, Buffer.from('<a>'.repeat(100_000)), Math.ceil(n / 100_000), SHEET_CLOSE);
  return {
    name: `${(n / 1e6).toFixed(1)} M unclosed elements`,
    bytes: workbook({ name: '', deflated, declaredSize: SHEET_OPEN.length + head.length + 3 * n + SHEET_CLOSE.length, crc: 0 }),
    inflatedBytes: 3 * n,
  };
}

/** Hundreds of header cells holding one long string, and a very long sheet name: a report must not repeat them whole. */
export function longHeadersBomb(): Bomb {
  const text = Array.from({ length: 32_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
  // The template's own header first, so the file is read and the junk columns reach the report.
  const real = COLUMNS.map((c, i) => `<c r="${columnName(i + 1)}1" t="inlineStr"><is><t>${c.header}</t></is></c>`).join('');
  const row = real + Array.from({ length: 470 }, (_, i) => `<c r="${columnName(COLUMNS.length + i + 1)}1" t="s"><v>0</v></c>`).join('');
  const parts = zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK.replace('name="导入模板"', `name="${'表'.repeat(100_000)}"`) },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    {
      name: 'xl/sharedStrings.xml',
      data: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${text}</t></si><si><t>社区代码</t></si></sst>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `${SHEET_OPEN}<row r="1">${row}</row><row r="2"><c r="A2" t="inlineStr"><is><t>450102001001</t></is></c></row>${SHEET_CLOSE}`,
    },
  ]);
  return { name: '470 header cells of a 32,000-character string and a 100,000-character sheet name', bytes: parts, inflatedBytes: 0 };
}

function columnName(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A workbook of `n` empty parts. */
export function partsBomb(n: number): Bomb {
  const parts: ZipPart[] = Array.from({ length: n }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: '' }));
  return { name: `${n.toLocaleString('en')} parts`, bytes: zip(parts), inflatedBytes: 0 };
}

/** The bombs of the review and their variants, each under the 5 MB upload limit. */
export function allBombs(): Bomb[] {
  return [
    spacesBomb(4000, false),
    spacesBomb(4000, true),
    rowsBomb(1_000_000),
    sharedStringsBomb(800),
    partsBomb(30_000),
    worstCaseBomb(),
    parensBomb(512),
    nestingBomb(5_300_000),
  ];
}
