// The checked copy of a county's file (试导入结果): the clerk's own rows, as their file has them, each
// with the dry run's result in a column beside it and the cells it names marked, so the file the clerk
// knows is the one they mend and send again. It goes back only to the caller who sent the file, and
// nothing of it is stored: the stored reports stay masked.
import type ExcelJS from 'exceljs';
import type { Cell } from '#core/cells.js';
import { FORMULA_PREFIX } from '#core/text.js';
import { formatWire, format } from '#core/messages/format.js';
import { message, type Lang } from '#core/messages/index.js';
import type { ImportReport, ImportRow } from '#contract/imports.js';
import type { Caller } from './caller.js';
import type { Deps } from './deps.js';
import { importTeams } from './imports.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import '#core/messages/zh-CN-files.js';

const REFUSED_FILL = 'FFFDE2E2';
const DROPS_FILL = 'FFFFEDD5';

/** A row's result as one cell's text, in the caller's language. */
export function resultText(row: ImportRow, lang: Lang): string {
  const wire = (w: Parameters<typeof formatWire>[1]) => formatWire(lang, w);
  const list = (items: string[]) => items.join(lang === 'zh-CN' ? '；' : '; ');
  const column = (name: string) => (lang === 'zh-CN' ? `「${name}」` : `"${name}": `);
  if (row.status === 'skipped') return format(lang, message('import.check.skipped'));
  if (row.status === 'rejected')
    return format(
      lang,
      message('import.check.rejected', { reasons: list(row.errors.map((e) => (e.column ? column(e.column) + wire(e) : wire(e)))) }),
    );
  const parts = [format(lang, message(`import.check.${row.action ?? 'unchanged'}`))];
  if (row.drops) parts.push(format(lang, message('import.summary.dropped')));
  if (row.verdict && !row.verdict.meetsStandard)
    parts.push(
      format(
        lang,
        message('import.check.notMeeting', {
          reasons: list(row.verdict.failed.map((f) => (lang === 'zh-CN' ? f.message.zh : f.message.en))),
        }),
      ),
    );
  parts.push(...row.warnings.map(wire));
  return list(parts);
}

/** The dry run of `bytes`, and the same rows written back with the result beside each. */
export async function importCheckFile(
  deps: Deps,
  caller: Caller,
  req: { countyCode: string; bytes: Uint8Array; lang: Lang },
): Promise<{ file: Buffer; fileName: string; report: ImportReport }> {
  // The file is read once: the dry run judges its rows, and the same rows are written back here.
  const { readSheet } = await import('./spreadsheet.js');
  const reading = readSheet(req.bytes);
  reading.catch(() => undefined); // a file that cannot be read is the dry run's to refuse, in its own order
  const report = await importTeams(deps, caller, {
    countyCode: req.countyCode,
    bytes: req.bytes,
    dryRun: true,
    idempotencyKey: null,
    sheet: reading,
  });
  const [sheet, { default: Excel }] = await Promise.all([reading, import('exceljs')]);
  const book = new Excel.Workbook();
  const title = format(req.lang, message('import.check.sheet'));
  const out = book.addWorksheet(title, { views: [{ state: 'frozen', ySplit: sheet.headerRow }] });
  const width = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.cells.length));
  const resultColumn = width + 1;
  const put = (rowNumber: number, cells: Cell[]) => {
    const row = out.getRow(rowNumber);
    cells.forEach((c, i) => {
      if (c === null || c === undefined || c === '') return;
      const cell = row.getCell(i + 1);
      // The clerk's value as they typed it: a string cell is never run as a formula when the file is opened,
      // and one that looks like a formula is formatted as text, so editing it does not run it either.
      cell.value = c;
      if (c instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      else if (typeof c === 'string' && FORMULA_PREFIX.test(c)) cell.numFmt = '@';
    });
    return row;
  };
  for (const row of sheet.above) put(row.rowNumber, row.cells);
  const header = put(sheet.headerRow, sheet.header);
  header.getCell(resultColumn).value = format(req.lang, message('import.check.column'));
  header.font = { bold: true };
  const byRow = new Map(report.rows.map((r) => [r.row, r]));
  for (const { rowNumber, cells } of sheet.rows) {
    const row = put(rowNumber, cells);
    const result = byRow.get(rowNumber);
    if (!result) continue;
    const cell = row.getCell(resultColumn);
    cell.value = resultText(result, req.lang);
    const fill = result.status === 'rejected' ? REFUSED_FILL : result.drops ? DROPS_FILL : null;
    if (fill) cell.fill = solid(fill);
    for (const e of result.errors) if (e.cell) out.getCell(e.cell).fill = solid(REFUSED_FILL);
  }
  out.getColumn(resultColumn).width = 60;
  return { file: Buffer.from(await book.xlsx.writeBuffer()), fileName: `${report.countyName}-${title}.xlsx`, report };
}

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
