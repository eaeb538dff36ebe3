// Exports of the county rankings as CSV (UTF-8 with BOM, so Excel reads the Chinese) and XLSX.
// Every text cell is escaped against formula injection.
import { escapeFormula } from '#core/cells.js';
import { STATUS_WORDS } from '#core/milestones.js';
import type { CountiesResponse } from './reads.js';

export const EXPORT_COLUMNS = [
  '地级市',
  '县（市、区）',
  '县代码',
  '社区（村）数',
  '已建队',
  '达标队',
  '达标覆盖率',
  '本月净增达标',
  '当前目标',
  '完成时限',
  '缺口',
  '状态',
  // Today's rosters (blank for a past month: its record keeps none).
  '有名册队伍',
  '名册计入人数',
  '自报人数（无名册）',
  '疑似重复（待核实）',
  // This year's trainings and drills from the activity logs (blank for a past month).
  '今年培训演练场次',
  '今年培训演练人次',
];

export function countyExportRows(data: CountiesResponse): (string | number | null)[][] {
  return data.counties.map((c) => [
    c.cityName,
    c.name,
    c.code,
    c.communities,
    c.teamsRegistered,
    c.teamsMeetingStandard,
    Math.round(c.coverage * 10000) / 10000,
    c.changeThisMonth,
    c.milestone.target.target,
    c.milestone.target.due,
    c.milestone.gap,
    STATUS_WORDS[c.milestone.status].zh,
    c.rosters?.withRoster ?? null,
    c.rosters?.onRosters ?? null,
    c.rosters?.typed ?? null,
    c.rosters?.suspected ?? null,
    c.practices?.events ?? null,
    c.practices?.people ?? null,
  ]);
}

export function toCsv(header: string[], rows: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : typeof v === 'number' ? String(v) : escapeFormula(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Columns an office sorts and sums: shares as percentages, deadlines as dates (named by their header). */
const PERCENT_HEADER = /覆盖率$|差异率$|区间[上下]限$|^当前目标$/;
const DATE_HEADER = /时限$|日期$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * One sheet, the header bold and frozen. Shares (0..1) are numbers formatted 0.0%, deadlines real
 * dates formatted yyyy-mm-dd, so the sheet sorts and filters as Excel and LibreOffice users expect.
 */
export async function toXlsx(sheetName: string, header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  const dateColumns = new Set(header.flatMap((h, i) => (DATE_HEADER.test(h) ? [i] : [])));
  for (const r of rows) {
    sheet.addRow(
      r.map((v, i) => {
        const day = typeof v === 'string' && dateColumns.has(i) ? ISO_DATE.exec(v) : null;
        if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
        return typeof v === 'string' ? escapeFormula(v) : v;
      }),
    );
  }
  sheet.columns.forEach((c, i) => {
    c.width = 14;
    if (PERCENT_HEADER.test(header[i])) c.numFmt = '0.0%';
    if (dateColumns.has(i)) c.numFmt = 'yyyy-mm-dd';
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
