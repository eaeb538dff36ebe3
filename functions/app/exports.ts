// Exports of the county rankings as CSV (UTF-8 with BOM, so Excel reads the Chinese) and XLSX.
// Every text cell is escaped against formula injection.
import type ExcelJS from 'exceljs';
import { escapeFormula } from '../core/cells.js';
import { STATUS_WORDS } from '../core/milestones.js';
import type { CountiesResponse } from './reads.js';


export const EXPORT_COLUMNS = ['地级市', '县（市、区）', '县代码', '社区（村）数', '已建队', '达标队', '达标覆盖率', '本月净增达标', '当前目标', '完成时限', '缺口', '状态'];

export function countyExportRows(data: CountiesResponse): (string | number | null)[][] {
  return data.counties.map((c) => [
    c.cityName, c.name, c.code, c.communities, c.teamsRegistered, c.teamsMeetingStandard,
    Math.round(c.coverage * 10000) / 10000, c.changeThisMonth, c.milestone.target.target, c.milestone.target.due,
    c.milestone.gap, STATUS_WORDS[c.milestone.status].zh,
  ]);
}

export function toCsv(header: string[], rows: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : typeof v === 'number' ? String(v) : escapeFormula(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function toXlsx(sheetName: string, header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'string' ? escapeFormula(v) : v)));
  sheet.columns.forEach((c) => { c.width = 14; });
  return Buffer.from(await book.xlsx.writeBuffer());
}
