// Turns a filled county template (header + rows of cells) into one outcome per row: accepted with
// the team, rejected with reasons (messages of the catalogue) naming the column and the value, or skipped (blank).
import { visible } from './text.js';
import { cellRef, readCell, isBlank, type Cell } from './cells.js';
import { columnForHeader, COLUMNS, readableColumns, teamColumns, type Column } from './columns.js';
import { maskName, maskPhone, redactPhones } from './personal.js';
import type { IsoDate } from './dates.js';
import { ValidationError } from './errors.js';
import { listed, message, toWire, type Message, type WireMessage } from './messages/index.js';
import { parseTeamInput, teamFieldLabel, type DateLimits, type RequiredField, type TeamInput } from './team.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import './messages/zh-CN-files.js';

export interface SheetRows {
  header: Cell[];
  rows: { rowNumber: number; cells: Cell[] }[];
  /** A workbook on the 1904 date system (old Mac Excel): its plain-number dates count from 1904-01-01. */
  date1904?: boolean;
}

/** A reason a row is refused: the column and the cell as the file has them, where the cell is ("F12"), and the message. */
export interface RowError extends WireMessage {
  column: string;
  value: string;
  cell?: string;
}

export interface RowOutcome {
  row: number;
  communityCode: string | null;
  communityName: string | null;
  status: 'accepted' | 'rejected' | 'skipped';
  team?: TeamInput;
  /** The team's version the row was made from (the 版本 column), when given. */
  version?: number;
  errors: RowError[];
  warnings: WireMessage[];
}

export interface RowContext {
  countyCode: string;
  countyName: string;
  /** The county's communities: code → registered name. */
  communities: Map<string, string>;
  today: IsoDate;
  /** The standard's plausible window for dates. */
  limits?: DateLimits;
  /** For a caller shown masked phones: the masked phone of a community's team, which stands for the stored one. */
  maskedPhoneOf?: (communityCode: string) => string | undefined;
  /** The fields the standard in force asks of every team (its template's columns follow from them). */
  required?: RequiredField[];
}

/** Longest cell text a report repeats; the rest is cut, so a report never grows with a cell. */
export const SHOWN_CHARS = 40;
/** Errors listed per row; a row with more is not a clerk's slip but the wrong file. */
export const MAX_ERRORS_PER_ROW = 8;
/** Longest community name read from a file (the registry's longest is under 40). */
const MAX_COMMUNITY_NAME = 100;
export const STALE_COLUMN = '版本';

export function staleMessage(base: number, current: number): Message {
  return base === 0 ? message('import.stale.registered', { current }) : message('import.stale.changed', { base, current });
}

/** A cell as a report repeats it: at most 40 characters, never a phone number or a leader's name. */
export function show(cell: Cell, column?: Column): string {
  const s = visible(cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null || cell === undefined ? '' : String(cell));
  if (column?.kind === 'phone') return maskPhone(s);
  if (column?.path === 'leader.name') return maskName(s);
  // Masked before it is cut, so a number the cut would split is masked whole. The cut is said without words
  // (40 of its 120 characters: …[120]), so it reads the same in either language.
  const masked = redactPhones(s);
  return masked.length > SHOWN_CHARS ? `${masked.slice(0, SHOWN_CHARS)}…[${masked.length}]` : masked;
}

/** Header cells that are no column, as a report lists them: 20 at most, each shown as a cell is. */
const MAX_IGNORED_LISTED = 20;

/** Maps header cells to columns; a missing required column or a repeated one refuses the file. */
export function readHeader(header: Cell[], known: readonly Column[] = COLUMNS): { columns: (Column | undefined)[]; ignored: string[] } {
  const columns = header.map((h) => (isBlank(h) ? undefined : columnForHeader(String(h), known)));
  const unknown = header.filter((h, i) => !isBlank(h) && !columns[i]);
  const ignored = unknown.slice(0, MAX_IGNORED_LISTED).map((h) => show(h));
  if (unknown.length > MAX_IGNORED_LISTED) ignored.push(`… +${unknown.length - MAX_IGNORED_LISTED}`);
  const seen = new Map<string, number>();
  for (const c of columns) if (c) seen.set(c.path, (seen.get(c.path) ?? 0) + 1);
  const repeated = known.filter((c) => (seen.get(c.path) ?? 0) > 1).map((c) => c.header);
  const missing = known.filter((c) => c.required && !seen.has(c.path)).map((c) => c.header);
  if (missing.length || repeated.length) {
    throw new ValidationError(
      missing.length && repeated.length
        ? message('import.header.missingAndRepeated', { missing: listed(missing), repeated: listed(repeated) })
        : missing.length
          ? message('import.header.missing', { missing: listed(missing) })
          : message('import.header.repeated', { repeated: listed(repeated) }),
      [
        ...missing.map((m) => ({ field: m, message: message('import.column.missing') })),
        ...repeated.map((m) => ({ field: m, message: message('import.column.repeated') })),
      ],
    );
  }
  return { columns, ignored };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  // Every cell of every row comes through here: walked by index, not split into arrays.
  let obj = target;
  let start = 0;
  for (let dot = path.indexOf('.'); dot >= 0; start = dot + 1, dot = path.indexOf('.', start)) {
    obj = (obj[path.slice(start, dot)] ??= {}) as Record<string, unknown>;
  }
  obj[path.slice(start)] = value;
}

/** A row's community code as a report repeats it: a code as it is, anything else (a phone pasted one column off) as a cell is shown. */
export const echoedCode = (code: string | null) => (code === null ? null : /^\d{12}$/.test(code) ? code : show(code));

/** The county's communities by registered name; a name two communities share names neither. */
export function communitiesByName(communities: ReadonlyMap<string, string>): Map<string, string> {
  const codesByName = new Map<string, string>();
  const shared = new Set<string>();
  for (const [c, name] of communities) {
    if (codesByName.has(name)) shared.add(name);
    codesByName.set(name, c);
  }
  for (const name of shared) codesByName.delete(name);
  return codesByName;
}

/** What is wrong with a row's community (its code, and the name beside it): the column, the cell and why. */
type CommunityProblem = { column: '社区代码' | '社区名称'; value: Cell; reason: Message };

/**
 * A row's community as a county file names it: a code of the county's registry, and the name beside it, when
 * given, that of the same community (another community's name is a row moved; another spelling, a warning).
 */
export function checkCommunity(
  rawCode: Cell,
  givenName: Cell,
  ctx: Pick<RowContext, 'countyCode' | 'countyName' | 'communities'>,
  codesByName: ReadonlyMap<string, string>,
): { problem?: CommunityProblem; warning?: Message } {
  const code = isBlank(rawCode) ? null : String(rawCode).replace(/\s+/g, '');
  const refuse = (reason: Message, column: CommunityProblem['column'] = '社区代码', value: Cell = rawCode) => ({
    problem: { column, value, reason },
  });
  if (!code) return refuse(message('import.community.blank'));
  // A CSV saved by a spreadsheet that showed the code as a number: 4.50102E+11 can no longer be read back.
  if (/^\d(\.\d+)?E\+?\d+$/i.test(code)) return refuse(message('import.community.scientific', { value: code }));
  if (!/^\d{12}$/.test(code)) return refuse(message('import.community.format'));
  if (!code.startsWith(ctx.countyCode))
    return refuse(message('import.community.otherCounty', { code, county: ctx.countyName, countyCode: ctx.countyCode }));
  if (!ctx.communities.has(code)) return refuse(message('import.community.unknown', { code, county: ctx.countyName }));
  if (isBlank(givenName)) return {};
  const given = String(givenName).trim();
  if (String(givenName).length > MAX_COMMUNITY_NAME)
    return refuse(message('import.communityName.tooLong', { max: MAX_COMMUNITY_NAME }), '社区名称', givenName);
  // The name of another community of the county beside this code is a row moved (a sort of one column, a
  // paste one line off): writing it would replace that other community's team. Any other spelling is a warning.
  const namedCode = codesByName.get(given);
  const registered = ctx.communities.get(code) ?? '';
  if (namedCode && namedCode !== code)
    return refuse(message('import.communityName.other', { given: show(given), other: namedCode, code, registered }), '社区名称', givenName);
  if (given !== registered) return { warning: message('import.communityName.differs', { given: show(given), registered }) };
  return {};
}

export function readRows(
  sheet: SheetRows,
  ctx: RowContext,
): {
  outcomes: RowOutcome[];
  ignoredColumns: string[];
  hasVersionColumn: boolean;
  /** A column's cell in a row, as the file names it ({ cell: 'F12' }; {} when the file has no such column). */
  where: (header: string, row: number) => { cell?: string };
} {
  const known = ctx.required ? readableColumns(ctx.required) : COLUMNS;
  const ownColumns = teamColumns(known);
  const byHeader = (header: string) => known.find((c) => c.header === header);
  const byField = new Map(known.map((c) => [c.path, c]));
  const { columns, ignored } = readHeader(sheet.header, known);
  /** Where a column sits in the file, by its header (the report names the cell, so the clerk's own file can be read there). */
  const where = (header: string, row: number) => {
    const at = columns.findIndex((c) => c?.header === header);
    return at < 0 ? {} : { cell: cellRef(at, row) };
  };
  const outcomes: RowOutcome[] = [];
  const codesByName = communitiesByName(ctx.communities);
  for (const { rowNumber, cells } of sheet.rows) {
    if (cells.every(isBlank)) continue;
    const byPath = new Map<string, Cell>();
    columns.forEach((c, i) => {
      if (c) byPath.set(c.path, cells[i]);
    });
    const rawCode = byPath.get('communityCode');
    const code = isBlank(rawCode) ? null : String(rawCode).replace(/\s+/g, '');
    const outcome: RowOutcome = {
      row: rowNumber,
      communityCode: echoedCode(code),
      communityName: code ? (ctx.communities.get(code) ?? null) : null,
      status: 'rejected',
      errors: [],
      warnings: [],
    };
    outcomes.push(outcome);
    const reject = (column: string, value: Cell, reason: Message) =>
      outcome.errors.push({ column, value: show(value, byHeader(column)), ...where(column, rowNumber), ...toWire(reason) });

    const community = checkCommunity(rawCode, byPath.get('communityName'), ctx, codesByName);
    if (community.problem) {
      reject(community.problem.column, community.problem.value, community.problem.reason);
      continue;
    }
    if (community.warning) outcome.warnings.push(toWire(community.warning));

    if (ownColumns.every((c) => isBlank(byPath.get(c.path)))) {
      outcome.status = 'skipped';
      continue;
    }
    const versionCell = byPath.get('version');
    if (!isBlank(versionCell)) {
      const v = typeof versionCell === 'number' ? versionCell : Number(String(versionCell).trim());
      if (!Number.isInteger(v) || v < 1 || v > 1e9) reject(STALE_COLUMN, versionCell, message('import.version.invalid'));
      else outcome.version = v;
    }
    const candidate: Record<string, unknown> = {};
    /** Fields whose cell is already refused: the team's own checks would only repeat that they are missing. */
    const refused = new Set<string>();
    for (const column of ownColumns) {
      const cell = byPath.get(column.path);
      const read = readCell(column.kind, cell, { date1904: sheet.date1904 });
      if (!read.ok) {
        reject(column.header, cell, message('import.cell', { label: teamFieldLabel(column.path, column.header), problem: read.problem }));
        refused.add(column.path);
        continue;
      }
      if (read.value === null) {
        // A blank drill log is a log with no drills in it; any other required cell must be filled.
        if (column.kind === 'dates') setPath(candidate, column.path, []);
        else if (column.required) {
          reject(column.header, cell, message('field.required', { label: teamFieldLabel(column.path, column.header) }));
          refused.add(column.path);
        }
        continue;
      }
      setPath(candidate, column.path, read.value);
    }
    // The team's checks run even when a cell was refused, so the clerk hears of every wrong cell of the row
    // at once. A refused field is missing from the team, so what needs it (its required mark, insured against
    // members when a member count is missing) waits for it: only each other cell's own problems are added.
    const isRefused = (field: string) => [...refused].some((path) => field === path || field.startsWith(`${path}.`));
    try {
      const team = parseTeamInput(candidate, ctx.today, {
        limits: ctx.limits,
        maskedPhone: ctx.maskedPhoneOf?.(code!),
        required: ctx.required,
      });
      if (outcome.errors.length === 0) {
        outcome.team = team;
        outcome.status = 'accepted';
      }
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const issue of e.issues) {
        if (isRefused(issue.field)) continue;
        const column = byField.get(issue.field);
        reject(column?.header ?? issue.field, column ? byPath.get(column.path) : '', issue.message);
      }
    }
  }

  // One community twice in one file: which row is meant is unknowable, so all of them are refused.
  const rowsByCode = new Map<string, RowOutcome[]>();
  for (const o of outcomes)
    if (o.communityCode && o.status !== 'skipped') rowsByCode.set(o.communityCode, [...(rowsByCode.get(o.communityCode) ?? []), o]);
  for (const list of rowsByCode.values()) {
    if (list.length < 2) continue;
    for (const o of list) {
      o.status = 'rejected';
      delete o.team;
      delete o.version;
      o.errors.push({
        column: '社区代码',
        value: o.communityCode!,
        ...where('社区代码', o.row),
        ...toWire(
          message('import.duplicate', {
            count: list.length,
            rows: listed(list.map((x) => x.row)),
          }),
        ),
      });
    }
  }
  for (const o of outcomes) {
    if (o.errors.length > MAX_ERRORS_PER_ROW) {
      const more = o.errors.length - MAX_ERRORS_PER_ROW;
      o.errors = [...o.errors.slice(0, MAX_ERRORS_PER_ROW), { column: '', value: '', ...toWire(message('import.moreErrors', { more })) }];
    }
  }
  return { outcomes, ignoredColumns: ignored, hasVersionColumn: columns.some((c) => c?.kind === 'version'), where };
}
