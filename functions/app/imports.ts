// Bulk import of a county's filled template: dry run or commit, idempotent by the client's key.
import { createHash } from 'node:crypto';
import { diffTeams } from '../core/diff.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { evaluate } from '../core/rules.js';
import { readRows, type RowOutcome } from '../core/rows.js';
import { assertCanWrite, checkCountyCode, formatScope } from '../core/scope.js';
import type { StoredTeam } from '../store/store.js';
import { TEAMS_PER_TRANSACTION } from '../store/store.js';
import { today, type Deps } from './deps.js';
import { readSheet } from './spreadsheet.js';
import { nextTeam, type Caller } from './teams.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const KEY_FORMAT = /^[A-Za-z0-9._:-]{1,100}$/;
/** A chunk that meets a concurrent edit is re-read and retried this many times before giving up. */
const CONFLICT_RETRIES = 3;

export interface ImportRequest {
  countyCode: string;
  bytes: Uint8Array;
  dryRun: boolean;
  idempotencyKey: string | null;
}

type Action = 'create' | 'update' | 'unchanged';

export interface ImportRow extends Omit<RowOutcome, 'team'> {
  action?: Action;
  verdict?: { meetsStandard: boolean; failed: { ruleId: string; message: { zh: string; en: string } }[] };
}

// Field by field: a team read back from DynamoDB keeps no key order.
export interface ImportReport {
  importId: string | null;
  countyCode: string;
  countyName: string;
  dryRun: boolean;
  asOf: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  sheetName: string | null;
  ignoredColumns: string[];
  summary: Record<'rows' | 'accepted' | 'rejected' | 'skipped' | 'created' | 'updated' | 'unchanged' | 'meetingStandard', number>;
  rows: ImportRow[];
  /** Set when the same idempotency key was sent before: this is the first result, nothing was done again. */
  replayed?: boolean;
}

const sameTeam = (a: StoredTeam['team'], b: StoredTeam['team']) => diffTeams(a, b).length === 0;

export async function importTeams(deps: Deps, caller: Caller, req: ImportRequest): Promise<ImportReport> {
  const { countyCode, bytes, dryRun, idempotencyKey: key } = req;
  assertCanWrite(caller.scope, checkCountyCode(countyCode));
  if (!dryRun && !key) throw new ValidationError('提交导入需要 Idempotency-Key 请求头（同一文件重发时保持不变），以免重复计数');
  if (key && !KEY_FORMAT.test(key)) throw new ValidationError('Idempotency-Key 只能包含字母、数字和 . _ : -，最长 100 个字符');
  const bodyHash = createHash('sha256').update(bytes).digest('hex');

  // Independent reads go together, and the file is read while they are on the way; a key used
  // before still answers first, whatever the file.
  const [earlier, registry, stored, read] = await Promise.all([
    dryRun ? null : deps.store.getImport(countyCode, key!),
    deps.store.getRegistry(countyCode),
    deps.store.listTeams(countyCode),
    readSheet(bytes).then((sheet) => ({ sheet }), (error: unknown) => ({ error })),
  ]);
  if (earlier) {
    if (earlier.bodyHash !== bodyHash) throw new ConflictError('这个 Idempotency-Key 已用于另一个文件；新文件请换一个新的 Key', null);
    if (earlier.status === 'done') return { ...(earlier.result as ImportReport), replayed: true };
  }
  if (!registry) throw new NotFoundError(`没有县（区）${countyCode}`);
  if ('error' in read) throw read.error;
  const { sheet } = read;
  const asOf = today(deps.clock);
  const { outcomes, ignoredColumns } = readRows(sheet, {
    countyCode, countyName: registry.name, communities: new Map(registry.communities), today: asOf,
  });
  let current = new Map(stored.map((t) => [t.communityCode, t]));
  const source = `import:${key ?? 'dry-run'}`;

  const rows: ImportRow[] = outcomes.map(({ team, ...row }) => {
    if (!team) return row;
    const previous = current.get(row.communityCode!);
    // On a resumed import, rows this import already wrote are reported as they were the first time.
    const appliedEarlier = previous?.source === source && sameTeam(previous.team, team);
    const action: Action = appliedEarlier ? (previous.version === 1 ? 'create' : 'update')
      : !previous ? 'create' : sameTeam(previous.team, team) ? 'unchanged' : 'update';
    const verdict = evaluate(team, deps.programme.ruleSet, asOf);
    return { ...row, action, verdict: { meetsStandard: verdict.meetsStandard, failed: verdict.failed.map(({ ruleId, message }) => ({ ruleId, message })) } };
  });
  const count = (f: (r: ImportRow) => boolean) => rows.filter(f).length;
  const result: ImportReport = {
    importId: key, countyCode, countyName: registry.name, dryRun, asOf,
    format: sheet.format, encoding: sheet.encoding ?? null, sheetName: sheet.sheetName ?? null, ignoredColumns,
    summary: {
      rows: rows.length,
      accepted: count((r) => r.status === 'accepted'),
      rejected: count((r) => r.status === 'rejected'),
      skipped: count((r) => r.status === 'skipped'),
      created: count((r) => r.action === 'create'),
      updated: count((r) => r.action === 'update'),
      unchanged: count((r) => r.action === 'unchanged'),
      meetingStandard: count((r) => r.verdict?.meetsStandard === true),
    },
    rows,
  };
  if (dryRun) return result;

  const claimed = await deps.store.startImport(countyCode, key!, { bodyHash, startedAt: deps.clock.now().toISOString(), by: `${formatScope(caller.scope)}/${caller.user}` });
  if (claimed?.status === 'done') return { ...(claimed.result as ImportReport), replayed: true };

  const teamsByCode = new Map(outcomes.filter((o) => o.team).map((o) => [o.communityCode!, o.team!]));
  const pending = rows.filter((r) => r.status === 'accepted' && (r.action === 'create' || r.action === 'update'))
    .map((r) => r.communityCode!)
    .filter((code) => !(current.get(code)?.source === source && sameTeam(current.get(code)!.team, teamsByCode.get(code)!)));
  for (let i = 0; i < pending.length; i += TEAMS_PER_TRANSACTION) {
    const chunk = pending.slice(i, i + TEAMS_PER_TRANSACTION);
    for (let attempt = 0; ; attempt++) {
      const writes = chunk.map((code) => {
        const previous = current.get(code) ?? null;
        return { previous, next: nextTeam(deps, code, teamsByCode.get(code)!, previous, { updatedBy: `${formatScope(caller.scope)}/${caller.user}`, source }) };
      });
      try {
        await deps.store.writeTeams(writes, writes[0].next.updatedAt);
        break;
      } catch (e) {
        // Someone saved one of these teams meanwhile: the import's row still wins, on top of their version.
        if (!(e instanceof ConflictError) || attempt >= CONFLICT_RETRIES) throw e;
        current = new Map((await deps.store.listTeams(countyCode)).map((t) => [t.communityCode, t]));
      }
    }
  }
  await deps.store.finishImport(countyCode, key!, result, deps.clock.now().toISOString());
  return result;
}
