// The county template's columns (API.md): zh-CN header, JSON path, and how a cell is read.
import { MANAGEMENT, MEMBER_CATEGORIES, WRITTEN_RULES, type TeamInput } from './team.js';

export type ColumnKind = 'code' | 'info' | 'text' | 'phone' | 'date' | 'count' | 'bool' | 'version';

export interface Column {
  header: string;
  /** JSON path in the team (the community code and name, and the version, are not team fields). */
  path: string;
  kind: ColumnKind;
  required: boolean;
  /** The header the template writes, when it says more than `header` (a note in brackets, which reading ignores). */
  label?: string;
}

export const COLUMNS: readonly Column[] = [
  { header: '社区代码', path: 'communityCode', kind: 'code', required: true },
  { header: '社区名称', path: 'communityName', kind: 'info', required: false },
  { header: '队伍名称', path: 'name', kind: 'text', required: true },
  { header: '队长姓名', path: 'leader.name', kind: 'text', required: true },
  { header: '队长电话', path: 'leader.phone', kind: 'phone', required: true },
  { header: '成立日期', path: 'establishedOn', kind: 'date', required: true },
  ...Object.entries(MEMBER_CATEGORIES).map(([k, v]) => ({ header: v.zh, path: `members.${k}`, kind: 'count' as const, required: true })),
  ...Object.entries(WRITTEN_RULES).map(([k, v]) => ({ header: v.zh, path: `rules.${k}`, kind: 'bool' as const, required: true })),
  ...Object.entries(MANAGEMENT).map(([k, v]) => ({ header: v.zh, path: `management.${k}`, kind: 'bool' as const, required: true })),
  { header: '基本救援装备', path: 'equipment', kind: 'bool', required: true },
  { header: '参保人数', path: 'insuredMembers', kind: 'count', required: true },
  { header: '保险到期日期', label: '保险到期日期（含当日）', path: 'insuranceExpiresOn', kind: 'date', required: false },
  { header: '最近培训演练日期', path: 'lastTrainingOn', kind: 'date', required: false },
  // The team's version when the file was made: blank for a new team. A row whose team has changed
  // since is refused as stale, so an import never overwrites a newer save.
  { header: '版本', label: '版本（请勿修改）', path: 'version', kind: 'version', required: false },
];

/** Columns that are the team's own fields (not the community's code or name, nor the version). */
export const TEAM_COLUMNS = COLUMNS.filter((c) => c.kind !== 'code' && c.kind !== 'info' && c.kind !== 'version');

/** No column's name is longer; a longer header cell is no column (and is not worth parsing). */
export const MAX_HEADER_CHARS = 60;

/** Header text → column: the zh-CN header, the JSON path, or a JSON field name that is unambiguous. */
export function columnForHeader(raw: string): Column | undefined {
  if (raw.length > MAX_HEADER_CHARS) return undefined;
  let h = raw.replace(/^\uFEFF/, '').replace(/\s+/g, '');
  // A note in brackets at the end ("保险到期日期（含当日）") is not part of the name; found in one pass, no backtracking.
  const open = h.search(/[（(]/);
  if (open > 0 && /[)）]$/.test(h)) h = h.slice(0, open);
  const lower = h.toLowerCase();
  const exact = COLUMNS.find((c) => c.header === h || c.path.toLowerCase() === lower);
  if (exact) return exact;
  const byLeaf = COLUMNS.filter((c) => c.path.split('.').pop()!.toLowerCase() === lower);
  return byLeaf.length === 1 ? byLeaf[0] : undefined;
}

export const columnByPath = new Map(COLUMNS.map((c) => [c.path, c]));

/** A team as one template row (the inverse of reading a row): for exports, tests and benchmarks. */
export function teamToRow(communityCode: string, communityName: string, team: TeamInput, version: number | null = null): (string | number | null)[] {
  const value = (path: string): string | number | null => {
    if (path === 'communityCode') return communityCode;
    if (path === 'communityName') return communityName;
    if (path === 'version') return version;
    const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], team);
    return typeof v === 'boolean' ? (v ? '是' : '否') : (v as string | number | null) ?? null;
  };
  return COLUMNS.map((c) => value(c.path));
}
