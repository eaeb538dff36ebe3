// The clerk's own cells, read in the browser from the file they chose. An import's report masks
// personal values (139****0001) and cuts long ones, as a stored report must; it names each reason's cell
// ("F12"), and the page reads that cell here to show the clerk what their file holds. Nothing read here
// is sent anywhere. It runs only after the server has accepted the file's shape (a dry run answered), so
// the file is known to be a bounded workbook or CSV.
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { CSV_DELIMITERS, columnIndex, decodeText } from '#core/cells.js';

/** A cell's text by its reference ("F12"); undefined where the file has nothing there. */
export type OwnCells = (ref: string) => string | undefined;

interface ReadAs {
  format: 'xlsx' | 'csv';
  sheetName?: string | null;
}

const split = (ref: string) => {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  return m ? { col: columnIndex(m[1]), row: Number(m[2]) } : null;
};

function fromCsv(bytes: Uint8Array): OwnCells {
  const { data } = Papa.parse<string[]>(decodeText(bytes).text, { skipEmptyLines: false, delimitersToGuess: CSV_DELIMITERS });
  return (ref) => {
    const at = split(ref);
    return at?.col == null ? undefined : data[at.row - 1]?.[at.col];
  };
}

const xml = (text: string) => new DOMParser().parseFromString(text, 'application/xml');
/** Elements by local name, whatever prefix the writer gave the spreadsheet namespace. */
const all = (node: Document | Element, name: string) => [...node.getElementsByTagNameNS('*', name)];
/** A string item's text: its runs joined, without the phonetic guide (rPh) some writers add. */
const textOf = (node: Element) =>
  all(node, 't')
    .filter((t) => t.parentElement?.localName !== 'rPh')
    .map((t) => t.textContent ?? '')
    .join('');

function fromXlsx(bytes: Uint8Array, sheetName: string | null | undefined): OwnCells {
  const parts = unzipSync(bytes, { filter: (f) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml)$/.test(f.name) });
  const read = (name: string) => (parts[name] ? xml(strFromU8(parts[name])) : null);
  const workbook = read('xl/workbook.xml');
  const rels = read('xl/_rels/workbook.xml.rels');
  const sheet = workbook && all(workbook, 'sheet').find((s) => s.getAttribute('name') === sheetName);
  const relId = sheet && [...sheet.attributes].find((a) => a.localName === 'id' && a.prefix)?.value;
  const target =
    rels &&
    all(rels, 'Relationship')
      .find((r) => r.getAttribute('Id') === relId)
      ?.getAttribute('Target');
  if (!target) return () => undefined;
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetBytes = unzipSync(bytes, { filter: (f) => f.name === path })[path];
  if (!sheetBytes) return () => undefined;
  const shared = all(read('xl/sharedStrings.xml') ?? xml('<sst/>'), 'si').map(textOf);
  const cells = new Map<string, string>();
  for (const c of all(xml(strFromU8(sheetBytes)), 'c')) {
    const ref = c.getAttribute('r');
    if (!ref) continue;
    const type = c.getAttribute('t');
    const value = all(c, 'v')[0]?.textContent ?? '';
    cells.set(ref, type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textOf(c) : value);
  }
  return (ref) => cells.get(ref);
}

/** Reads the chosen file as the report read it: the same sheet, the same encoding. */
export async function readOwnCells(file: File, as: ReadAs): Promise<OwnCells> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return as.format === 'xlsx' ? fromXlsx(bytes, as.sheetName) : fromCsv(bytes);
}
