// The county template (.xlsx): API.md's columns (and those the standard in force adds), pre-filled
// with the county's communities; and the same sheet filled with the county's current teams.
import type ExcelJS from 'exceljs';
import { escapeFormula } from '#core/cells.js';
import { columnsFor, teamToRow } from '#core/columns.js';
import { NotFoundError } from '#core/errors.js';
import { standardFields, standardRef } from '#core/standard.js';
import { MAX_COUNT, MEMBER_CATEGORIES, MEMBER_CATEGORY_IDS, type TeamInput } from '#core/team.js';
import { ROSTER_COLUMNS, ROSTER_SHEET_NAME } from '#core/roster-rows.js';
import { EARLIEST_DAY } from '#core/roster-input.js';
import type { StoredMembership } from '#store/roster.js';
import { assertCanRead, checkCountyCode } from '#core/scope.js';
import type { CountyRegistry } from '#store/store.js';
import { inForce, today, type Deps, rootArea } from './deps.js';
import type { Caller } from './caller.js';
import { ownsCommunity, viewFor } from './teams.js';
import { message } from '#core/messages/index.js';

export const TEMPLATE_SHEET = '导入模板';

/**
 * One sheet in the template's layout: the standard's columns, a row per community (filled in when
 * `teams` has its team), and the sheet's own data validation so Excel refuses most slips as the
 * clerk types. Codes and phones are text cells, dates real date cells, yes/no 是/否: a file that
 * goes through Excel or LibreOffice unedited reads back as it was written.
 */
async function countySheet(
  deps: Deps,
  registry: CountyRegistry,
  teams: Map<string, { team: TeamInput; version: number }>,
  members: RosterRows,
) {
  const { ruleSet: standard, area } = inForce(deps);
  const organiser = area.words.organiser;
  const columns = columnsFor(standardFields(standard));
  const { default: Excel } = await import('exceljs'); // loaded on demand: the read Lambda's other routes never need it
  const book = new Excel.Workbook();
  book.creator = '社区响应队建设进度';
  const sheet = book.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.label ?? c.header,
    key: c.path,
    width:
      c.kind === 'info' || c.path === 'name' || c.kind === 'dates'
        ? 28
        : c.kind === 'date' || c.kind === 'code' || c.kind === 'phone'
          ? 16
          : 12,
    style:
      c.kind === 'code' || c.kind === 'phone' || c.kind === 'dates' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const [code, name] of registry.communities) {
    const held = teams.get(code);
    const values = held ? teamToRow(code, name, held.team, held.version, columns) : [code, name];
    sheet.addRow(
      values.map((v, i) => {
        const c = columns[i];
        if (v === null || v === undefined) return null;
        if (c.kind === 'date') return new Date(`${v}T00:00:00Z`);
        return typeof v === 'string' ? escapeFormula(v) : v;
      }),
    );
  }

  const last = registry.communities.length + 1;
  const earliest = standard.dates.earliest; // the standard's plausible window, as the import checks it
  columns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${last}`;
    const rule: ExcelJS.DataValidation | null =
      c.kind === 'bool'
        ? { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: c.header, error: '请选择 是 或 否' }
        : c.kind === 'count'
          ? {
              type: 'whole',
              operator: 'between',
              allowBlank: true,
              formulae: [0, MAX_COUNT],
              showErrorMessage: true,
              errorTitle: c.header,
              error: `请填 0 到 ${MAX_COUNT} 的整数`,
            }
          : c.kind === 'date'
            ? {
                type: 'date',
                operator: 'greaterThanOrEqual',
                allowBlank: true,
                formulae: [new Date(`${earliest}T00:00:00Z`)],
                showErrorMessage: true,
                errorTitle: c.header,
                error: `请填 ${earliest} 以后的日期，如 2022-03-15`,
              }
            : c.kind === 'text'
              ? {
                  type: 'textLength',
                  operator: 'lessThanOrEqual',
                  allowBlank: true,
                  formulae: [100],
                  showErrorMessage: true,
                  errorTitle: c.header,
                  error: '不超过 100 个字',
                }
              : null;
    if (rule)
      (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, rule);
  });

  rosterSheet(book, registry, members);
  const help = book.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  const lines = [
    `${registry.cityName}${registry.name}（${registry.code}）社区响应队导入模板：每个社区（村）一行，社区代码和名称已预填，请勿修改表头。`,
    '没有队伍的社区整行留空即可（会被跳过）；同一社区只保留一行。',
    '是/否 列可填 是、否（也接受 Y/N、1/0）；人数填 0 或正整数；日期填 2022-03-15、2022/3/15 或 2022年3月15日。',
    '保险到期日期：保单“自……零时起至 X 日二十四时止”中的 X 日；到期当日仍在保，次日起不再计为达标。',
    '版本：修改已登记队伍时保留下载时的版本号（新建留空）；若他人已先修改，该行会被拒绝，请重新下载后再改。',
    '先“试导入”查看每一行的检查结果，再正式提交；同一文件重复提交不会重复计数。',
    '请保存为 Excel 工作簿（.xlsx）后导入；WPS、LibreOffice 中“另存为”时选择 .xlsx 格式。',
    '',
    `“${ROSTER_SHEET_NAME}”表：每名队员一行，在“队员名册导入”中单独导入（与本表分开试导入、提交）。手机号用于一人只计一次；没有手机号的队员可不填，按姓名登记（未查重）。`,
    '名册中已有的队员：改“人员类别”或“保险到期日期”即为更正，填“离队日期”即为离队；姓名和手机号不能在文件中修改（请在队伍页面先办理离队，再重新登记）。文件中没有列出的队员不受影响。',
    members.kind === 'hidden'
      ? `本文件由${registry.name}以外的单位下载：“${ROSTER_SHEET_NAME}”表不含队员姓名和手机号。`
      : members.kind === 'filled'
        ? `“${ROSTER_SHEET_NAME}”表已列出下载时在队的队员。`
        : '',
    '',
    `达标标准（全部满足才算达标）：${standard.title.zh}（${standardRef(standard)}，自 ${standard.effectiveFrom} 起施行）`,
    ...standard.rules.map(
      (r) =>
        `· ${r.title.zh}——依据：${r.source.document}${r.source.clause ? `，${r.source.clause}` : ''}（${r.source.basis === 'text' ? '原文' : `${organiser}的理解`}）`,
    ),
  ];
  for (const line of lines) help.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What the roster sheet lists: nothing (the blank template), the county's current members, or none for a reader outside it. */
type RosterRows = { kind: 'blank' } | { kind: 'hidden' } | { kind: 'filled'; members: StoredMembership[] };

/** Rows the roster sheet's checks (category list, dates) cover: a county's largest roster and room to grow. */
const ROSTER_VALIDATED_ROWS = 20_000;

/**
 * The roster sheet (队员名册): a row per current member (community, name, mobile, category, joined, insured
 * through; 离队日期 blank), sorted by community and day joined, with the category as a list to pick from.
 */
function rosterSheet(book: ExcelJS.Workbook, registry: CountyRegistry, rows: RosterRows): void {
  const sheet = book.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.label ?? c.header,
    key: c.path,
    width: c.kind === 'info' || c.kind === 'text' ? 24 : 16,
    style: c.kind === 'code' || c.kind === 'phone' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const names = new Map(registry.communities);
  const day = (d: string | null) => (d === null ? null : new Date(`${d}T00:00:00Z`));
  if (rows.kind === 'filled') {
    const sorted = [...rows.members].sort((a, b) => a.community.localeCompare(b.community) || a.joined.localeCompare(b.joined));
    for (const m of sorted)
      sheet.addRow([
        m.community,
        names.get(m.community) ?? null,
        escapeFormula(m.name),
        m.mobile,
        MEMBER_CATEGORIES[m.category].zh,
        day(m.joined),
        day(m.insuredThrough),
        null,
      ]);
  }
  const validate = (path: string, rule: ExcelJS.DataValidation) => {
    const letter = sheet.getColumn(ROSTER_COLUMNS.findIndex((c) => c.path === path) + 1).letter;
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${ROSTER_VALIDATED_ROWS}`,
      rule,
    );
  };
  validate('category', {
    type: 'list',
    allowBlank: true,
    formulae: [`"${MEMBER_CATEGORY_IDS.map((id) => MEMBER_CATEGORIES[id].zh).join(',')}"`],
    showErrorMessage: true,
    errorTitle: '人员类别',
    error: '请从列表中选择人员类别',
  });
  for (const path of ['joined', 'insuredThrough', 'left'])
    validate(path, {
      type: 'date',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [new Date(`${EARLIEST_DAY}T00:00:00Z`)],
      showErrorMessage: true,
      errorTitle: ROSTER_COLUMNS.find((c) => c.path === path)!.header,
      error: '请填日期，如 2022-03-15',
    });
}

async function registryOf(deps: Deps, caller: Caller, countyCode: string): Promise<CountyRegistry> {
  assertCanRead(caller.scope, checkCountyCode(countyCode, rootArea(deps).code));
  const registry = await deps.store.getRegistry(countyCode);
  if (!registry) throw new NotFoundError(message('county.unknown', { county: countyCode }));
  return registry;
}

/** The blank template: a row per community, code and name filled in. */
export async function countyTemplate(deps: Deps, caller: Caller, countyCode: string): Promise<{ fileName: string; bytes: Buffer }> {
  const registry = await registryOf(deps, caller, countyCode);
  return {
    fileName: `${registry.name}-社区响应队导入模板.xlsx`,
    bytes: await countySheet(deps, registry, new Map(), { kind: 'blank' }),
  };
}

/**
 * The county's current teams in the template's layout, each with its version, for the yearly
 * renewal: a clerk updates insurance and drill dates in Excel and imports the file back. A reader
 * outside the county gets the leaders' phones masked (the import takes a masked phone back as the stored one).
 */
export async function countyTeamsFile(deps: Deps, caller: Caller, countyCode: string): Promise<{ fileName: string; bytes: Buffer }> {
  const registry = await registryOf(deps, caller, countyCode);
  const teams = await deps.store.listTeams(countyCode);
  const held = new Map(teams.map((t) => [t.communityCode, { team: viewFor(deps, caller, t).team, version: t.version }]));
  // Members' names and phones leave only for the county's own office (an export outside the county carries none).
  // The current members of the teams that count: a file's row for a closed or out-of-scope team is refused on import.
  const counting = new Set(teams.filter((t) => !t.excluded).map((t) => t.communityCode));
  const members: RosterRows = ownsCommunity(deps, caller, `${countyCode}000000`)
    ? {
        kind: 'filled',
        members: (await deps.store.listCountyRoster(countyCode)).filter((m) => m.left === null && counting.has(m.community)),
      }
    : { kind: 'hidden' };
  return { fileName: `${registry.name}-社区响应队-${today(deps.clock)}.xlsx`, bytes: await countySheet(deps, registry, held, members) };
}
