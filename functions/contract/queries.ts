// The write routes' query parameters: the contract documents them, the frontend's URLs are typed by
// them, and every route refuses a name its schema does not list (a mistyped ?dryrun=true would
// otherwise commit).
import * as z from 'zod';
import { isoDate } from './common.js';

/** An optional query parameter: its schema and what it means. */
export const param = <S extends z.ZodType>(schema: S, zh: string, en: string) => schema.optional().meta({ description: `${zh} / ${en}` });
/** true or false (1 or 0, in any case). */
const yesNo = z.string().regex(/^(true|false|1|0)$/i);

/** POST /api/counties/{code}/imports */
export const importQuery = z.object({
  dryRun: param(
    yesNo,
    'true 时只预检，不写入；只能是 true 或 false，其他值或此处未列出的参数一律 400，不写入',
    'true: check only, write nothing; true or false only: any other value, or a parameter not listed here, is a 400 that writes nothing',
  ),
  format: param(
    z.literal('xlsx'),
    'xlsx（与 dryRun=true 同用）：返回检查过的文件副本：原有各行及其单元格，旁加“检查结果”列，出错的单元格标红；不保存',
    'xlsx (with dryRun=true): answers a checked copy of the file instead: its rows and cells, a "check result" column beside them, the cells in error marked; nothing is stored',
  ),
  confirmDrops: param(
    z.string().regex(/^\d+$/),
    '可选：已确认的降为未达标行数（试导入的 summary.dropped）；与正式导入时的行数不一致则 409，不写入、不占用幂等键。不带此参数照常导入，并在结果中报告降为未达标的行',
    "optional: the rows taking a team below the standard that the clerk confirmed (the dry run's summary.dropped); another number at commit is a 409 that writes nothing and does not use up the key. Without it the import commits as before and reports those rows",
  ),
});

/** POST /api/counties/{code}/roster-imports */
export const rosterImportQuery = z.object({
  dryRun: importQuery.shape.dryRun,
  confirmDrops: param(
    z.string().regex(/^\d+$/),
    '可选：已确认的降为未达标队伍数（试导入的 summary.dropped）；与正式导入时不一致则 409，不写入、不占用幂等键',
    "optional: the teams taken below the standard that the clerk confirmed (the dry run's summary.dropped); another number at commit is a 409 that writes nothing and does not use up the key",
  ),
});

/** POST /api/registry/changes */
export const registryChangesQuery = z.object({
  dryRun: param(
    yesNo,
    'true 时只预检；只能是 true 或 false，其他值或此处未列出的参数（effectiveFrom、source、note 也可作查询参数）一律 400',
    'true: check only; true or false only: any other value, or a parameter not listed here (effectiveFrom, source and note may also be query parameters), is a 400',
  ),
  compare: param(
    yesNo,
    'true 时上传完整名录 JSON 比对（单位数、名称长度有上限；试运行的答复只列前 200 项变更并给出总数）',
    'true: upload a full edition to compare (bounded in units and name length; its dry run lists the first 200 changes and counts them all)',
  ),
  format: param(
    z.literal('xlsx'),
    'xlsx：试运行改为返回全部变更的 Excel 文件（列同变更表；不超过 2000 行时可作为变更集重新上传）',
    'xlsx: the dry run answers every change as an Excel file instead (the change-set columns: up to 2,000 rows it reads back as a change set)',
  ),
  effectiveFrom: param(isoDate, '施行日期（也可在请求体中）', 'the effective date (or in the body)'),
  source: param(z.string(), '来源（也可在请求体中）', 'the source (or in the body)'),
  note: param(z.string(), '说明（也可在请求体中）', 'a note (or in the body)'),
});
