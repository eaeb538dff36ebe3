// Builds filled templates as counties send them: XLSX, CSV in UTF-8, UTF-8 with BOM, or GBK.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { COLUMNS } from '../../functions/core/columns.js';
import type { Cell } from '../../functions/core/cells.js';
import type { TeamInput } from '../../functions/core/team.js';
import { goodTeam } from './team.js';

export const HEADER = COLUMNS.map((c) => c.header);

/** One template row for a community, from a team (or overrides by zh header). */
export function teamRow(code: string, name: string, team: TeamInput = goodTeam(), overrides: Record<string, Cell> = {}): Cell[] {
  const yes = (b: boolean) => (b ? '是' : '否');
  const values: Record<string, Cell> = {
    社区代码: code, 社区名称: name, 队伍名称: team.name, 队长姓名: team.leader.name, 队长电话: team.leader.phone, 成立日期: team.establishedOn,
    社区工作人员: team.members.communityStaff, 退役军人: team.members.veterans, 退出消防员: team.members.formerFirefighters,
    辖区单位工作人员: team.members.localUnitStaff, 医疗人员: team.members.medicalStaff, 物业保安: team.members.propertySecurity,
    其他志愿者: team.members.volunteers, 政府购买服务: team.members.purchasedServices,
    组织章程: yes(team.rules.charter), 队员守则: yes(team.rules.memberCode), 培训演练制度: yes(team.rules.trainingDrills), 考核评价制度: yes(team.rules.assessment),
    指挥体系: yes(team.management.commandSystem), 服务时长登记: yes(team.management.serviceHours), 考勤考评: yes(team.management.attendance),
    基本救援装备: yes(team.equipment), 参保人数: team.insuredMembers, 保险到期日期: team.insuranceExpiresOn, 最近培训演练日期: team.lastTrainingOn,
    ...overrides,
  };
  return HEADER.map((h) => values[h] ?? null);
}

export function csv(rows: Cell[][], encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8', header: string[] = HEADER): Buffer {
  const quote = (c: Cell) => {
    const s = c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** An XLSX with the template sheet, optionally behind other sheets; `formulas` puts formulas in cells. */
export async function xlsx(rows: Cell[][], options: { sheetsBefore?: string[]; formulas?: Record<string, string> } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const name of options.sheetsBefore ?? []) book.addWorksheet(name).addRow(['说明', '这不是模板']);
  const sheet = book.addWorksheet('导入模板');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r.map((c) => c ?? null));
  for (const [address, formula] of Object.entries(options.formulas ?? {})) sheet.getCell(address).value = { formula, result: '点我' } as ExcelJS.CellFormulaValue;
  return Buffer.from(await book.xlsx.writeBuffer());
}
