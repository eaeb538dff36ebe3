// The county template's columns (API.md): zh-CN header, JSON path, and how a cell is read. The
// Guangxi template is COLUMNS; a standard that asks for other fields (checklists, roles, counts, a
// drill log) gets them as further columns (columnsFor), and old headers still read (aliases).
import { MANAGEMENT, MEMBER_CATEGORIES, WRITTEN_RULES, type RequiredField, type TeamInput } from './team.js';
import type { FieldIssue } from './errors.js';
import { message } from './messages/index.js';

export type ColumnKind = 'code' | 'info' | 'text' | 'phone' | 'date' | 'dates' | 'count' | 'bool' | 'version';

export interface Column {
  header: string;
  /** JSON path in the team (the community code and name, and the version, are not team fields). */
  path: string;
  kind: ColumnKind;
  required: boolean;
  /** The header the template writes, when it says more than `header` (a note in brackets, which reading ignores). */
  label?: string;
  /** Headers earlier templates used for this column: files made from them still import. */
  aliases?: readonly string[];
}

/** Headers of earlier templates, by path (the plan's own words replaced them). */
const ALIASES: Record<string, readonly string[]> = {
  'members.medicalStaff': ['医疗人员'],
  'members.purchasedServices': ['政府购买服务'],
  'management.commandSystem': ['指挥体系'],
};

export const COLUMNS: readonly Column[] = [
  { header: '社区代码', path: 'communityCode', kind: 'code', required: true },
  { header: '社区名称', path: 'communityName', kind: 'info', required: false },
  { header: '队伍名称', path: 'name', kind: 'text', required: true },
  { header: '队长姓名', path: 'leader.name', kind: 'text', required: true },
  { header: '队长电话', path: 'leader.phone', kind: 'phone', required: true },
  { header: '成立日期', path: 'establishedOn', kind: 'date', required: true },
  ...Object.entries(MEMBER_CATEGORIES).map(([k, v]) => ({
    header: v.zh,
    path: `members.${k}`,
    kind: 'count' as const,
    required: true,
    aliases: ALIASES[`members.${k}`],
  })),
  ...Object.entries(WRITTEN_RULES).map(([k, v]) => ({ header: v.zh, path: `rules.${k}`, kind: 'bool' as const, required: true })),
  ...Object.entries(MANAGEMENT).map(([k, v]) => ({
    header: v.zh,
    path: `management.${k}`,
    kind: 'bool' as const,
    required: true,
    aliases: ALIASES[`management.${k}`],
  })),
  { header: '基本救援装备', path: 'equipment', kind: 'bool', required: true },
  { header: '参保人数', path: 'insuredMembers', kind: 'count', required: true },
  { header: '保险到期日期', label: '保险到期日期（含当日）', path: 'insuranceExpiresOn', kind: 'date', required: false },
  { header: '最近培训演练日期', path: 'lastTrainingOn', kind: 'date', required: false },
  // The team's version when the file was made: blank for a new team. A row whose team has changed
  // since is refused as stale, so an import never overwrites a newer save.
  { header: '版本', label: '版本（请勿修改）', path: 'version', kind: 'version', required: false },
];

const isStandardPath = (path: string) => /^(rules|management)\.|^equipment$|^(checklist|roles|extra)\.|^drills$/.test(path);
const BASE = COLUMNS.filter((c) => !isStandardPath(c.path));
const VERSION_AT = BASE.findIndex((c) => c.kind === 'version');
const INSURED_AT = BASE.findIndex((c) => c.path === 'insuredMembers');

/**
 * A standard's template: the team record's own columns, with the standard's yes/no items where
 * the Guangxi template has its checklists (before 参保人数), its counts and drill log after the
 * dates, and the version last. For Guangxi v1 this is COLUMNS.
 */
export function columnsFor(fields: readonly RequiredField[]): Column[] {
  const legacy = new Map(COLUMNS.map((c) => [c.path, c]));
  const column = (f: RequiredField): Column => {
    const known = legacy.get(f.path);
    const header = f.label.zh.replace(/\s+/g, '');
    return known
      ? { ...known, header, aliases: [...new Set([known.header, ...(known.aliases ?? [])])].filter((h) => h !== header) }
      : {
          header,
          path: f.path,
          kind: f.kind === 'bool' ? 'bool' : f.kind === 'count' ? 'count' : 'dates',
          required: true,
          ...(f.kind === 'dates' ? { label: `${header}（多个日期用空格或顿号分开）` } : {}),
        };
  };
  const bools = fields.filter((f) => f.kind === 'bool').map(column);
  const others = fields.filter((f) => f.kind !== 'bool').map(column);
  return [...BASE.slice(0, INSURED_AT), ...bools, ...BASE.slice(INSURED_AT, VERSION_AT), ...others, ...BASE.slice(VERSION_AT)];
}

/**
 * What an import reads under a standard: its template's columns, required as the template has them,
 * and every column of the Guangxi template besides, optional (an older file still imports).
 */
export function readableColumns(fields: readonly RequiredField[]): Column[] {
  const own = columnsFor(fields);
  const paths = new Set(own.map((c) => c.path));
  return [...own, ...COLUMNS.filter((c) => !paths.has(c.path)).map((c) => ({ ...c, required: false }))];
}

/**
 * Why a standard's fields would make a template that cannot be read back: each of its columns must
 * be found again by its own header, and take no other column's old name (no label equal to another column's header or old name, e.g. a
 * checklist item called 队长电话, and no two items with one label). Empty when every column reads back.
 */
export function columnIssues(fields: readonly RequiredField[]): FieldIssue[] {
  const readable = readableColumns(fields);
  const issues: FieldIssue[] = [];
  const named = new Set<string>();
  const own = new Set(fields.map((f) => f.path));
  // named by the standard's own field (a fixed column it collides with is not the document's to rename)
  for (const c of columnsFor(fields).filter((col) => own.has(col.path))) {
    const found = columnForHeader(c.header, readable);
    const shared = readable.filter((o) => o.header === c.header || (o.path !== c.path && o.aliases?.includes(c.header)));
    if (found?.path === c.path && shared.length === 1) continue;
    if (named.has(c.header)) continue; // one issue a name
    named.add(c.header);
    const other = readable.find(
      (o) => o.path !== c.path && (o.header === c.header || o.aliases?.includes(c.header) || found?.path === o.path),
    );
    issues.push({
      field: c.path,
      message: other
        ? message('standard.column.clash', { header: c.header, other: other.header })
        : message('standard.column.clashAny', { header: c.header }),
    });
  }
  return issues;
}

/** Columns that are the team's own fields (not the community's code or name, nor the version). */
export const teamColumns = (columns: readonly Column[]) =>
  columns.filter((c) => c.kind !== 'code' && c.kind !== 'info' && c.kind !== 'version');
export const TEAM_COLUMNS = teamColumns(COLUMNS);

/** No column's name is longer; a longer header cell is no column (and is not worth parsing). */
export const MAX_HEADER_CHARS = 60;

/** Header text → column: the zh-CN header (or an earlier one), the JSON path, or a JSON field name that is unambiguous. */
export function columnForHeader(raw: string, columns: readonly Column[] = COLUMNS): Column | undefined {
  if (raw.length > MAX_HEADER_CHARS) return undefined;
  const whole = raw.replace(/^\uFEFF/, '').replace(/\s+/g, '');
  const named = columns.find((c) => c.header === whole); // a name with brackets of its own, "集结时间（分钟）"
  if (named) return named;
  let h = whole;
  // A note in brackets at the end ("保险到期日期（含当日）") is not part of the name; found in one pass, no backtracking.
  const open = h.search(/[（(]/);
  if (open > 0 && /[)）]$/.test(h)) h = h.slice(0, open);
  const lower = h.toLowerCase();
  const exact = columns.find((c) => c.header === h || c.path.toLowerCase() === lower) ?? columns.find((c) => c.aliases?.includes(h));
  if (exact) return exact;
  const byLeaf = columns.filter((c) => c.path.split('.').pop()!.toLowerCase() === lower);
  return byLeaf.length === 1 ? byLeaf[0] : undefined;
}

export const columnByPath = new Map(COLUMNS.map((c) => [c.path, c]));

/** A team as one template row (the inverse of reading a row): for the teams export, tests and benchmarks. */
export function teamToRow(
  communityCode: string,
  communityName: string,
  team: TeamInput,
  version: number | null = null,
  columns: readonly Column[] = COLUMNS,
): (string | number | null)[] {
  const value = (c: Column): string | number | null => {
    if (c.path === 'communityCode') return communityCode;
    if (c.path === 'communityName') return communityName;
    if (c.path === 'version') return version;
    const v = c.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], team);
    if (c.kind === 'dates') return Array.isArray(v) && v.length ? [...v].sort().join(' ') : null;
    return typeof v === 'boolean' ? (v ? '是' : '否') : ((v as string | number | null) ?? null);
  };
  return columns.map(value);
}
