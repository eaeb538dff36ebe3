// A county's roster file (队员名册: one row a member, teams named by community code) read into one outcome per
// row, and each row planned against the team's roster as held: a member to add, one whose category or
// insurance changed, one who left, or one already there as written. Reasons are messages of the catalogue,
// naming the column and the cell. Pure: the identity of a mobile (keyed, core/roster.ts) is the caller's.
// The people's messages (core/messages/zh-CN-people.ts): this module speaks them.
import './messages/zh-CN-people.js';
import { cellRef, isBlank, readCell, type Cell } from './cells.js';
import { columnForHeader, type Column } from './columns.js';
import type { IsoDate } from './dates.js';
import { checkWith, fieldIssues } from './issues.js';
import { listed, message, toWire, type Message, type WireMessage } from './messages/index.js';
import { echoedCode, communitiesByName, checkCommunity, readHeader, show, type RowContext, type RowError, type SheetRows } from './rows.js';
import { MEMBERSHIP_LABELS, membershipInputShape } from './roster-input.js';
import { normaliseName, sameMemberOn } from './roster.js';
import type { RosterEntry } from './roster-counts.js';
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_IDS, type MemberCategory } from './team.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import './messages/zh-CN-files.js';

/** The roster sheet's name in a county's workbook (the template, the renewal file). */
export const ROSTER_SHEET_NAME = '队员名册';

/** A roster file's columns: the community, then the member as the form asks for them. */
export const ROSTER_COLUMNS: readonly Column[] = [
  { header: '社区代码', path: 'communityCode', kind: 'code', required: true },
  { header: '社区名称', path: 'communityName', kind: 'info', required: false },
  { header: '姓名', path: 'name', kind: 'text', required: true, aliases: ['队员姓名'] },
  // The column is required (a file without it would add every member again, by name); its cells may be blank.
  {
    header: '手机号码',
    label: '手机号码（无手机号可不填）',
    path: 'mobile',
    kind: 'phone',
    required: true,
    aliases: ['手机号', '联系电话', '手机'],
  },
  { header: '人员类别', path: 'category', kind: 'text', required: true },
  { header: '入队日期', path: 'joined', kind: 'date', required: true },
  {
    header: '保险到期日期',
    label: '意外伤害保险到期日期（含当日）',
    path: 'insuredThrough',
    kind: 'date',
    required: false,
    aliases: ['意外伤害保险到期日期', '意外伤害保险到期日'],
  },
  { header: '离队日期', label: '离队日期（在队的不填）', path: 'left', kind: 'date', required: false },
];

/** Whether a header row is a roster's: it names the member's category, which a team's template never does. */
export function isRosterHeader(cells: readonly Cell[]): boolean {
  const paths = new Set(cells.map((c) => (typeof c === 'string' && c !== '' ? columnForHeader(c, ROSTER_COLUMNS)?.path : undefined)));
  return paths.has('category') && paths.has('communityCode');
}

/** A member as a row writes them. */
export interface MemberRow {
  name: string;
  mobile: string | null;
  category: MemberCategory;
  joined: IsoDate;
  insuredThrough: IsoDate | null;
  left: IsoDate | null;
}

export interface RosterRowOutcome {
  row: number;
  communityCode: string | null;
  communityName: string | null;
  status: 'accepted' | 'rejected' | 'skipped';
  member?: MemberRow;
  errors: RowError[];
  warnings: WireMessage[];
}

/** Other words clerks write for a category (the plan's shorter names, an earlier template's headers). */
const CATEGORY_WORDS: Record<string, MemberCategory> = {
  医疗人员: 'medicalStaff',
  政府购买服务: 'purchasedServices',
  志愿者: 'volunteers',
};

/** A category cell: the plan's name (either language), the id, or one of the shorter names clerks use. */
export function categoryOf(written: string): MemberCategory | null {
  const w = written.normalize('NFKC').replace(/\s+/g, '');
  const lower = w.toLowerCase();
  for (const id of MEMBER_CATEGORY_IDS) {
    const { zh, en } = MEMBER_CATEGORIES[id];
    if (w === zh || lower === en.toLowerCase().replace(/\s+/g, '') || lower === id.toLowerCase()) return id;
  }
  return CATEGORY_WORDS[w] ?? null;
}

const headerOf = (path: string) => ROSTER_COLUMNS.find((c) => c.path === path)!.header;

/**
 * Reads a roster sheet: each row's community (as a team file's), its member checked as the form checks one
 * (core/roster-input.ts), and the days it gives no later than today. One person on two rows of one file (by
 * their mobile; without one, by their name within the community) is refused on every such row: which is meant
 * is unknowable, and a file is no place to put one person on two teams.
 */
export function readRosterRows(
  sheet: SheetRows,
  ctx: Pick<RowContext, 'countyCode' | 'countyName' | 'communities' | 'today'>,
): { outcomes: RosterRowOutcome[]; ignoredColumns: string[]; where: (header: string, row: number) => { cell?: string } } {
  const { columns, ignored } = readHeader(sheet.header, ROSTER_COLUMNS);
  const where = (header: string, row: number) => {
    const at = columns.findIndex((c) => c?.header === header);
    return at < 0 ? {} : { cell: cellRef(at, row) };
  };
  const codesByName = communitiesByName(ctx.communities);
  const outcomes: RosterRowOutcome[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    if (cells.every(isBlank)) continue;
    const byPath = new Map<string, Cell>();
    columns.forEach((c, i) => {
      if (c) byPath.set(c.path, cells[i]);
    });
    const rawCode = byPath.get('communityCode');
    const code = isBlank(rawCode) ? null : String(rawCode).replace(/\s+/g, '');
    const outcome: RosterRowOutcome = {
      row: rowNumber,
      communityCode: echoedCode(code),
      communityName: code ? (ctx.communities.get(code) ?? null) : null,
      status: 'rejected',
      errors: [],
      warnings: [],
    };
    outcomes.push(outcome);
    const reject = (column: string, value: Cell, reason: Message) =>
      outcome.errors.push({
        column,
        value: show(
          value,
          ROSTER_COLUMNS.find((c) => c.header === column),
        ),
        ...where(column, rowNumber),
        ...toWire(reason),
      });
    const community = checkCommunity(rawCode, byPath.get('communityName'), ctx, codesByName);
    if (community.problem) {
      reject(community.problem.column, community.problem.value, community.problem.reason);
      continue;
    }
    if (community.warning) outcome.warnings.push(toWire(community.warning));
    const own = ROSTER_COLUMNS.filter((c) => c.kind !== 'code' && c.kind !== 'info');
    if (own.every((c) => isBlank(byPath.get(c.path)))) {
      outcome.status = 'skipped';
      continue;
    }
    // Each cell read as its kind first (a date typed as a date, a number as a phone); then the member as the form checks one.
    const read: Record<string, unknown> = {};
    for (const column of own) {
      const cell = byPath.get(column.path);
      const got = readCell(column.kind, cell, { date1904: sheet.date1904 });
      const label = MEMBERSHIP_LABELS[column.path] ?? column.header;
      if (!got.ok) reject(column.header, cell, message('import.cell', { label, problem: got.problem }));
      else if (got.value === null) {
        if (column.required && column.path !== 'mobile') reject(column.header, cell, message('field.required', { label }));
      } else read[column.path] = got.value;
    }
    if (outcome.errors.length) continue;
    const category = categoryOf(String(read.category));
    const parsed = checkWith(membershipInputShape, {
      name: read.name,
      mobile: read.mobile ?? null,
      category: category ?? String(read.category),
      joined: read.joined,
      insuredThrough: read.insuredThrough ?? null,
    });
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error.issues, (p) => MEMBERSHIP_LABELS[p] ?? p)) {
        const header = headerOf(issue.field);
        reject(header, byPath.get(issue.field), issue.message);
      }
      continue;
    }
    const member: MemberRow = { ...parsed.data, left: (read.left as IsoDate | undefined) ?? null };
    const future = (path: 'joined' | 'left', date: IsoDate) =>
      reject(headerOf(path), byPath.get(path), message('roster.date.future', { label: MEMBERSHIP_LABELS[path], date, today: ctx.today }));
    if (member.joined > ctx.today) future('joined', member.joined);
    if (member.left !== null && member.left > ctx.today) future('left', member.left);
    if (member.left !== null && member.left < member.joined)
      reject(headerOf('left'), byPath.get('left'), message('roster.left.beforeJoined', { left: member.left, joined: member.joined }));
    if (outcome.errors.length) continue;
    outcome.member = member;
    outcome.status = 'accepted';
  }

  // One person on several rows: by mobile across the file; by name within a community where any of the rows
  // has no mobile (two 张伟 with two mobiles are two people; one of them without a mobile may be either).
  const byMobile = new Map<string, RosterRowOutcome[]>();
  const byName = new Map<string, RosterRowOutcome[]>();
  const push = (map: Map<string, RosterRowOutcome[]>, key: string, o: RosterRowOutcome) => {
    const list = map.get(key);
    if (list) list.push(o);
    else map.set(key, [o]);
  };
  for (const o of outcomes) {
    if (!o.member) continue;
    if (o.member.mobile !== null) push(byMobile, o.member.mobile, o);
    push(byName, `${o.communityCode}:${normaliseName(o.member.name)}`, o);
  }
  const refuseRepeated = (list: RosterRowOutcome[], path: 'mobile' | 'name') => {
    const header = headerOf(path);
    const rows = listed([...list.slice(0, MAX_ROWS_LISTED).map((x) => x.row), ...(list.length > MAX_ROWS_LISTED ? ['…'] : [])]);
    for (const o of list) {
      if (o.status === 'rejected') continue;
      o.status = 'rejected';
      const value = path === 'mobile' ? o.member!.mobile! : o.member!.name;
      delete o.member;
      o.errors.push({
        column: header,
        value: show(
          value,
          ROSTER_COLUMNS.find((c) => c.header === header),
        ),
        ...where(header, o.row),
        ...toWire(message(path === 'mobile' ? 'rosterImport.mobileRepeated' : 'rosterImport.nameRepeated', { count: list.length, rows })),
      });
    }
  };
  for (const list of byMobile.values()) if (list.length > 1) refuseRepeated(list, 'mobile');
  for (const list of byName.values()) if (list.length > 1 && list.some((o) => o.member?.mobile === null)) refuseRepeated(list, 'name');
  // A row's reasons are at most one a cell, and a roster row has six of its own: no cap as a team row's need.
  return { outcomes, ignoredColumns: ignored, where };
}

/** Rows a repeated person's reason lists (a person 300 times is named by the first few). */
const MAX_ROWS_LISTED = 10;

/** A membership of the team as held (past ones too), as a row is matched against it. */
export interface HeldMember extends RosterEntry {
  id: string;
  name: string;
  person: string | null;
}

/** The field of a row a problem is about (its cell is where the clerk looks). */
export type RowField = 'name' | 'mobile' | 'insuredThrough' | 'left';

/** What a row does to its team's roster; `note`: what the row says that the roster keeps otherwise. */
export type RowPlan =
  | { action: 'add' }
  | { action: 'unchanged'; id: string; note?: Message }
  | { action: 'update'; id: string; changes: Partial<Pick<RosterEntry, 'category' | 'insuredThrough'>>; note?: Message }
  | { action: 'end'; id: string; left: IsoDate }
  | { problem: Message; field: RowField };
/** A row's plan that writes, or finds it written: not a problem. */
export type RowAction = Extract<RowPlan, { action: string }>;

/**
 * A row against its team's roster as held (`person`: the identity of its mobile, or null): the member added,
 * their category or insurance corrected, their leaving recorded, or nothing (as written already, a leaving
 * included). A blank insurance date keeps the one held (a file without the column clears nobody's cover). A
 * row can neither rename a member nor give a mobile to one kept by name (the form ends and adds them again),
 * nor end a member who is not on the roster; a row whose name is a current member's, with another mobile or
 * none, is refused: it may be that member (a mobile mistyped, left out) or a namesake, which only the form can tell.
 */
export function planRow(member: MemberRow, person: string | null, held: readonly HeldMember[]): RowPlan {
  const same = sameMemberOn(held, person, member.name);
  if (!same) {
    const left = member.left;
    const gone = held.find(
      (m) =>
        m.left !== null &&
        m.left === left &&
        (person !== null ? m.person === person : m.person === null && normaliseName(m.name) === normaliseName(member.name)),
    );
    if (gone) return { action: 'unchanged', id: gone.id };
    const namesake = held.find((m) => m.left === null && normaliseName(m.name) === normaliseName(member.name));
    if (namesake && namesake.person === null && person !== null)
      return { problem: message('rosterImport.mobileAdded', { name: namesake.name, joined: namesake.joined }), field: 'mobile' };
    if (namesake) return { problem: message('rosterImport.sameName', { name: namesake.name, joined: namesake.joined }), field: 'mobile' };
    if (left !== null) return { problem: message('rosterImport.endUnknown'), field: 'left' };
    return { action: 'add' };
  }
  if (normaliseName(same.name) !== normaliseName(member.name))
    return { problem: message('rosterImport.otherName', { name: same.name, joined: same.joined }), field: 'name' };
  if (member.left !== null) {
    if (member.left < same.joined)
      return { problem: message('roster.left.beforeJoined', { left: member.left, joined: same.joined }), field: 'left' };
    return { action: 'end', id: same.id, left: member.left };
  }
  const insured = member.insuredThrough ?? same.insuredThrough;
  if (insured !== null && insured < same.joined) return { problem: message('roster.insured.beforeJoined'), field: 'insuredThrough' };
  const changes: Partial<Pick<RosterEntry, 'category' | 'insuredThrough'>> = {};
  if (member.category !== same.category) changes.category = member.category;
  if (insured !== same.insuredThrough) changes.insuredThrough = insured;
  const note = member.joined !== same.joined ? { note: message('rosterImport.joinedKept', { joined: same.joined }) } : {};
  return Object.keys(changes).length ? { action: 'update', id: same.id, changes, ...note } : { action: 'unchanged', id: same.id, ...note };
}
