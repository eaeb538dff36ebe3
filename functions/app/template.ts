// The county template (.xlsx): API.md's columns, pre-filled with the county's communities, with
// the sheet's own data validation so Excel itself refuses most mistakes as the clerk types.
import type ExcelJS from 'exceljs';
import { escapeFormula } from '../core/cells.js';
import { COLUMNS } from '../core/columns.js';
import { NotFoundError } from '../core/errors.js';
import { MAX_COUNT } from '../core/team.js';
import { assertCanRead, checkCountyCode } from '../core/scope.js';
import { inForce, type Deps } from './deps.js';
import type { Caller } from './teams.js';

export const TEMPLATE_SHEET = '导入模板';

export async function countyTemplate(deps: Deps, caller: Caller, countyCode: string): Promise<{ fileName: string; bytes: Buffer }> {
  assertCanRead(caller.scope, checkCountyCode(countyCode));
  const registry = await deps.store.getRegistry(countyCode);
  if (!registry) throw new NotFoundError(`没有县（市、区）${countyCode}`);

  const { default: Excel } = await import('exceljs'); // loaded on demand: the read Lambda's other routes never need it
  const book = new Excel.Workbook();
  book.creator = '社区响应队建设进度';
  const sheet = book.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.label ?? c.header, key: c.path,
    width: c.kind === 'info' || c.path === 'name' ? 28 : c.kind === 'date' || c.kind === 'code' || c.kind === 'phone' ? 16 : 12,
    style: c.kind === 'code' || c.kind === 'phone' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const [code, name] of registry.communities) sheet.addRow({ communityCode: code, communityName: escapeFormula(name) });

  const last = registry.communities.length + 1;
  const earliest = inForce(deps).ruleSet.dates.earliest; // the standard's plausible window, as the import checks it
  COLUMNS.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${last}`;
    const rule: ExcelJS.DataValidation | null =
      c.kind === 'bool' ? { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: c.header, error: '请选择 是 或 否' }
      : c.kind === 'count' ? { type: 'whole', operator: 'between', allowBlank: true, formulae: [0, MAX_COUNT], showErrorMessage: true, errorTitle: c.header, error: `请填 0 到 ${MAX_COUNT} 的整数` }
      : c.kind === 'date' ? { type: 'date', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [new Date(`${earliest}T00:00:00Z`)], showErrorMessage: true, errorTitle: c.header, error: `请填 ${earliest} 以后的日期，如 2022-03-15` }
      : c.kind === 'text' ? { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [100], showErrorMessage: true, errorTitle: c.header, error: '不超过 100 个字' }
      : null;
    if (rule) (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, rule);
  });

  const help = book.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  [
    `${registry.cityName}${registry.name}（${registry.code}）社区响应队导入模板：每个社区（村）一行，社区代码和名称已预填，请勿修改表头。`,
    '没有队伍的社区整行留空即可（会被跳过）；同一社区只保留一行。',
    '是/否 列可填 是、否（也接受 Y/N、1/0）；人数填 0 或正整数；日期填 2022-03-15、2022/3/15 或 2022年3月15日。',
    '保险到期日期：保单“自……零时起至 X 日二十四时止”中的 X 日；到期当日仍在保，次日起不再计为达标。',
    '版本：修改已登记队伍时保留下载时的版本号（新建留空）；若他人已先修改，该行会被拒绝，请重新下载后再改。',
    '先“试导入”查看每一行的检查结果，再正式提交；同一文件重复提交不会重复计数。',
    '',
    '达标标准（全部满足才算达标）：',
    `（${inForce(deps).ruleSet.title.zh}，自 ${inForce(deps).ruleSet.effectiveFrom} 起施行）`,
    ...inForce(deps).ruleSet.rules.map((r) => `· ${r.title.zh}——依据：${r.source.document}${r.source.clause ? `，${r.source.clause}` : ''}（${r.source.basis === 'text' ? '原文' : '自治区的理解'}）`),
  ].forEach((line) => help.addRow([line]));

  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${registry.name}-社区响应队导入模板.xlsx`, bytes };
}
