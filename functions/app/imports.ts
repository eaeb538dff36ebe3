// Bulk import of a county's filled template: dry run or commit, idempotent by the client's key.
//
// A commit claims the key (with a short lease) before it writes, so one key commits at most once:
// a second request with the same key and file waits for the first and replays its result, one
// with another file gets 409, and an import whose writer died is resumed by the same file. Each row
// updates its team only from the version the file was made from (the row's 版本 column, the version
// the dry run saw, or the one read when the commit began); a team changed since is rejected as stale.
import { createHash, randomUUID } from 'node:crypto';
import { diffTeams } from '#core/diff.js';
import { ConflictError, ImportInProgressError, KeyReusedError, NotFoundError, RetryLaterError, ValidationError } from '#core/errors.js';
import { dateLimits, evaluate } from '#core/rules.js';
import { standardFields } from '#core/standard.js';
import { readRows, STALE_COLUMN, staleMessage } from '#core/rows.js';
import { assertCanWrite, checkCountyCode, formatScope } from '#core/scope.js';
import type { TeamInput } from '#core/team.js';
import { typedPart, withRosterOf, type JudgedTeam } from '#core/roster-counts.js';
import type { StoredTeam } from '#store/store.js';
import { TEAMS_PER_TRANSACTION } from '#store/store.js';
import { BUSINESS_METRICS, inForce, realNow, today, type Deps, rootArea } from './deps.js';
import { reportMonth } from '#core/reporting.js';
import type { Caller } from './caller.js';
import type { ReadSheet } from './spreadsheet.js';
import { nextTeam, ownsCommunity } from './teams.js';
import { maskPhone, redactChange } from '#core/personal.js';
import type { ImportReport, ImportRow } from '#contract/imports.js';
import { message, reasonOf, toWire } from '#core/messages/index.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import '#core/messages/zh-CN-files.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const KEY_FORMAT = /^[A-Za-z0-9._:-]{1,100}$/;
/** A writer holds the key this long past its last step; one that died is taken over after it. */
export const IMPORT_LEASE_MS = 10_000;
/** A request that finds the key held waits this long for the result (API Gateway answers within 30 s). */
const WAIT_FOR_RESULT_MS = 20_000;
const POLL_MS = 200;
/** A chunk that meets a concurrent write is re-read and re-judged this many times before giving up. */
const CONFLICT_RETRIES = 3;

export interface ImportRequest {
  countyCode: string;
  bytes: Uint8Array;
  dryRun: boolean;
  idempotencyKey: string | null;
  /** The versions the dry run saw, by community code (0: no team), as the dry run reported them. */
  baseVersions?: Record<string, number>;
  /** The rows taking a team below the standard that the clerk confirmed (the dry run's count): a commit that finds another number writes nothing. */
  confirmDrops?: number;
  /** The file already being read by the caller (the checked copy writes its rows back), so it is read once. */
  sheet?: Promise<ReadSheet>;
}

/** An import's report and its rows, as the contract shows them. */
export type { ImportReport, ImportRow };

// Field by field: a team read back from DynamoDB keeps no key order.
/** What the file says equals what is held (the roster is not the file's: rosters change by their own writes). */
const sameTeam = (held: JudgedTeam, b: TeamInput) => diffTeams(typedPart(held), b).length === 0;

function parseBaseVersions(raw: Record<string, number> | undefined): Map<string, number> {
  const bases = new Map<string, number>();
  for (const [code, v] of Object.entries(raw ?? {})) {
    if (!/^\d{12}$/.test(code) || !Number.isInteger(v) || v < 0) throw new ValidationError(message('import.baseVersions.invalid'));
    bases.set(code, v);
  }
  return bases;
}

function summarize(rows: ImportRow[]): ImportReport['summary'] {
  const count = (f: (r: ImportRow) => boolean) => rows.filter(f).length;
  return {
    rows: rows.length,
    accepted: count((r) => r.status === 'accepted'),
    rejected: count((r) => r.status === 'rejected'),
    skipped: count((r) => r.status === 'skipped'),
    created: count((r) => r.action === 'create'),
    updated: count((r) => r.action === 'update'),
    unchanged: count((r) => r.action === 'unchanged'),
    meetingStandard: count((r) => r.verdict?.meetsStandard === true),
    dropped: count((r) => r.status === 'accepted' && r.drops === true),
  };
}

function rejectStale(row: ImportRow, base: number, current: number, cell: { cell?: string }): void {
  row.status = 'rejected';
  delete row.action;
  delete row.verdict;
  delete row.drops;
  delete row.changes;
  row.errors.push(staleReason(base, current, cell));
}

/** The reason a row made from version `base` is stale, the team being at `current` now. */
const staleReason = (base: number, current: number, cell: { cell?: string }) => ({
  column: STALE_COLUMN,
  value: String(base),
  ...cell,
  ...toWire(staleMessage(base, current)),
});

export async function importTeams(deps: Deps, caller: Caller, req: ImportRequest): Promise<ImportReport> {
  const { countyCode, bytes, dryRun, idempotencyKey: key } = req;
  assertCanWrite(caller.scope, checkCountyCode(countyCode, rootArea(deps).code));
  if (!dryRun && !key) throw new ValidationError(message('import.key.required'));
  if (key && !KEY_FORMAT.test(key)) throw new ValidationError(message('import.key.format'));
  const clientBases = parseBaseVersions(req.baseVersions);
  const bodyHash = createHash('sha256').update(bytes).digest('hex');
  const otherFile = () => new KeyReusedError(message('import.key.reused'));

  // Independent reads go together, and the file is read while they are on the way; a key used
  // before still answers first, whatever the file.
  const [earlier, registry, stored, read] = await Promise.all([
    dryRun ? null : deps.store.getImport(countyCode, key!),
    deps.store.getRegistry(countyCode),
    deps.store.listTeams(countyCode, { closed: true }),
    // The file readers (xlsx, csv) load with the first import, so the team routes never carry them.
    (req.sheet ?? import('./spreadsheet.js').then(({ readSheet }) => readSheet(bytes))).then(
      (sheet) => ({ sheet }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (earlier) {
    if (earlier.bodyHash !== bodyHash) throw otherFile();
    if (earlier.status === 'done') return { ...(earlier.result as ImportReport), replayed: true };
  }
  if (!registry) throw new NotFoundError(message('county.unknown', { county: countyCode }));
  if ('error' in read) throw read.error;
  const { sheet } = read;
  const asOf = today(deps.clock);
  // One programme for the whole file: every row is judged against the same standard, once.
  const { ruleSet } = inForce(deps);
  // A caller outside the county was shown masked phones: a masked one sent back stands for the stored number.
  const ownCounty = ownsCommunity(deps, caller, `${countyCode}000000`);
  // A closed team (its community left the registry, and has come back) is no team to the file: a row there registers one, reopening its record.
  const current = new Map(stored.filter((t) => t.excluded !== 'closed').map((t) => [t.communityCode, t]));
  const closed = new Map(stored.filter((t) => t.excluded === 'closed').map((t) => [t.communityCode, t]));
  const { outcomes, ignoredColumns, hasVersionColumn, where } = readRows(sheet, {
    countyCode,
    countyName: registry.name,
    communities: new Map(registry.communities),
    today: asOf,
    limits: dateLimits(ruleSet, asOf),
    required: standardFields(ruleSet),
    maskedPhoneOf: ownCounty
      ? undefined
      : (code) => {
          const t = current.get(code);
          return t ? maskPhone(t.team.leader.phone) : undefined;
        },
  });
  const sentMasked = new Set<string>();
  for (const o of outcomes) {
    const t = o.team && current.get(o.communityCode!);
    if (t && !ownCounty && o.team!.leader.phone === maskPhone(t.team.leader.phone)) {
      o.team!.leader = { ...o.team!.leader, phone: t.team.leader.phone };
      sentMasked.add(o.communityCode!);
    }
  }
  // A dry run is never the import that wrote a team, even under a key already committed: it shows what a commit would do now.
  const source = `import:${dryRun ? 'dry-run' : key}`;
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  const teams = new Map(outcomes.filter((o) => o.team).map((o) => [o.communityCode!, o.team!]));

  /** Whether a team's content changed after version `base` (lapse re-evaluations do not count). */
  // A roster write since changes none of the typed fields a file holds: it leaves the file's row current.
  const changedSince = async (code: string, base: number) =>
    (await deps.store.listHistory(code)).some(
      (h) => h.version > base && h.changes.some((c) => !c.field.startsWith('roster.')) && h.source !== source,
    );

  /** Whether a row made from version `base` is stale against the team held now: only a re-evaluation since keeps it current. */
  const staleAgainst = async (base: number, held: StoredTeam) =>
    held.version !== base && (base === 0 || held.version < base || (await changedSince(held.communityCode, base)));

  /**
   * Judges one row against the team as it stands: written earlier by this very import (a resumed
   * one), unchanged, to create or update from `base`, or stale.
   */
  async function judge(
    code: string,
    base: number,
    current: StoredTeam | null,
  ): Promise<{ action: NonNullable<ImportRow['action']>; applied: boolean } | { stale: number }> {
    const team = teams.get(code)!;
    if (current && current.source === source && current.version > base && sameTeam(current.team, team)) {
      return { action: base === 0 ? 'create' : 'update', applied: true };
    }
    if (current && sameTeam(current.team, team)) return { action: 'unchanged', applied: false };
    if (!current) return base === 0 ? { action: 'create', applied: false } : { stale: 0 };
    if (await staleAgainst(base, current)) return { stale: current.version };
    return { action: 'update', applied: false }; // the version it was made from, or only re-evaluated since
  }

  const rows: ImportRow[] = [];
  const bases: Record<string, number> = {};
  for (const { team, version, ...outcome } of outcomes) {
    const row: ImportRow = outcome;
    rows.push(row);
    if (!team) {
      // A refused row made from a version changed since says so too: a clerk who fixed only its cells would meet
      // the change on the next upload, and have to start again from a new download.
      const held = row.status === 'rejected' && row.communityCode ? current.get(row.communityCode) : undefined;
      if (version !== undefined && held && (await staleAgainst(version, held)))
        row.errors.push(staleReason(version, held.version, where(STALE_COLUMN, row.row)));
      continue;
    }
    const code = row.communityCode!;
    const held = current.get(code);
    // A blank 版本 cell in a file that has the column says nothing of what it was made from: a team
    // registered since would be overwritten unseen. Only a file without the column falls back to now
    // (and a resumed import, to the teams it wrote itself).
    if (version === undefined && hasVersionColumn && held && !clientBases.has(code) && held.source !== source) {
      row.status = 'rejected';
      row.errors.push({
        column: STALE_COLUMN,
        value: '',
        ...where(STALE_COLUMN, row.row),
        ...toWire(message('import.version.blank', { version: held.version })),
      });
      continue;
    }
    const base = version ?? clientBases.get(code) ?? held?.version ?? 0;
    row.baseVersion = base;
    const judged = await judge(code, base, current.get(code) ?? null);
    if ('stale' in judged) {
      rejectStale(row, base, judged.stale, where(STALE_COLUMN, row.row));
      continue;
    }
    bases[code] = base;
    row.action = judged.action;
    const verdict = evaluate(withRosterOf(team, held), ruleSet, asOf);
    row.verdict = { meetsStandard: verdict.meetsStandard, failed: verdict.failed.map(({ ruleId, message }) => ({ ruleId, message })) };
    // What the row will write: a new team whole, an update field by field; and whether it takes a team that meets the standard today below it.
    if (judged.action === 'create') row.changes = diffTeams(null, team).map(redactChange);
    if (held && judged.action === 'update') {
      row.changes = diffTeams(typedPart(held.team), team).map(redactChange);
      if (!verdict.meetsStandard && evaluate(held.team, ruleSet, asOf).meetsStandard) row.drops = true;
    }
  }
  // Comparing a full phone with the stored one tells whether it matches: for a caller outside the
  // county that is a reveal, and is written down like one (dry run or not).
  if (!ownCounty) {
    const compared = rows.filter((r) => r.status === 'accepted' && current.has(r.communityCode!) && !sentMasked.has(r.communityCode!));
    const at = deps.clock.now().toISOString();
    for (const r of compared)
      await deps.store.recordReveal({
        communityCode: r.communityCode!,
        at,
        by,
        ...reasonOf(dryRun || !key ? message('note.reveal.dryRun') : message('note.reveal.import', { key })),
      });
  }
  const result: ImportReport = {
    importId: key,
    countyCode,
    countyName: registry.name,
    dryRun,
    asOf,
    format: sheet.format,
    encoding: sheet.encoding ?? null,
    sheetName: sheet.sheetName ?? null,
    ignoredColumns,
    summary: summarize(rows),
    rows,
  };
  if (dryRun) return result;
  // Checked before the key is claimed: a refusal is never stored under it, and the same key commits once the clerk has looked again.
  if (req.confirmDrops !== undefined && req.confirmDrops !== result.summary.dropped) {
    throw new ConflictError(message('import.drops.changed', { confirmed: req.confirmDrops, found: result.summary.dropped }), null);
  }

  const owner = randomUUID();
  const lease = leaseOf(deps, countyCode, key!, owner);
  const claim = await claimOrWait(deps, countyCode, key!, { bodyHash, by, owner, lease: lease.next, bases }, otherFile);
  if (claim.kind === 'done') return { ...claim.result, replayed: true };
  // A resumed import keeps the bases it first claimed, and reads the teams as they stand now.
  const claimedBases = claim.resumed ? new Map(Object.entries(claim.bases ?? bases)) : new Map(Object.entries(bases));
  if (claim.resumed) {
    for (const t of await deps.store.listTeams(countyCode, { closed: true })) {
      if (t.excluded === 'closed') closed.set(t.communityCode, t);
      else {
        current.set(t.communityCode, t);
        closed.delete(t.communityCode);
      }
    }
  }

  try {
    // Every accepted row is judged again as it is written: a resumed import finds its own writes.
    const pending = rows.filter((r) => r.status === 'accepted');
    for (let i = 0; i < pending.length; i += TEAMS_PER_TRANSACTION) {
      let chunk = pending.slice(i, i + TEAMS_PER_TRANSACTION);
      for (let attempt = 0; chunk.length; attempt++) {
        const writes: { previous: StoredTeam | null; next: StoredTeam }[] = [];
        for (const row of chunk) {
          const code = row.communityCode!;
          const base = claimedBases.get(code) ?? row.baseVersion ?? 0;
          const previous = current.get(code) ?? null;
          const judged = await judge(code, base, previous);
          if ('stale' in judged) {
            rejectStale(row, base, judged.stale, where(STALE_COLUMN, row.row));
            continue;
          }
          row.action = judged.action;
          if (judged.applied || judged.action === 'unchanged') continue;
          const reopened = previous ? null : (closed.get(code) ?? null);
          // Judged again as written: the team's roster may have changed since the dry run.
          const next = nextTeam(deps, code, teams.get(code)!, previous ?? reopened, { updatedBy: by, source });
          if (!previous) {
            delete next.excluded;
            // A new team of a community outside the programme's scope is kept, but does not count.
            if (registry.outOfScope?.[code]) next.excluded = 'out-of-scope';
          }
          writes.push({ previous: previous ?? reopened, next });
        }
        if (!writes.length) break;
        try {
          await deps.store.writeTeams(writes, writes[0].next.updatedAt);
          break;
        } catch (e) {
          // Someone wrote one of these teams between our read and our write: look again and re-judge.
          if (!(e instanceof ConflictError) || attempt >= CONFLICT_RETRIES) throw e;
          const codes = new Set(e.communityCodes.length ? e.communityCodes : writes.map((w) => w.next.communityCode));
          for (const code of codes) {
            const team = await deps.store.getTeam(code);
            if (team && team.excluded !== 'closed') current.set(code, team);
            else {
              current.delete(code);
              if (team) closed.set(code, team);
            }
          }
          chunk = chunk.filter((r) => r.status === 'accepted');
        }
      }
      await lease.keep();
    }
    result.summary = summarize(rows);
    // A file that changed nothing is still the county's word that nothing changed: it reports the month (本月无变化).
    if (result.summary.accepted > 0 && result.summary.created + result.summary.updated === 0) {
      const at = deps.clock.now().toISOString();
      await deps.store.confirmReport(countyCode, reportMonth(at), by, at, message('note.report.importUnchanged', { key: key! }));
    }
    if (!(await deps.store.finishImport(countyCode, key!, owner, result, deps.clock.now().toISOString()))) {
      throw new RetryLaterError(message('import.takenOver'));
    }
    const kind = { ScopeKind: caller.scope.kind };
    deps.metrics?.count(BUSINESS_METRICS.importRowsAccepted, result.summary.accepted, kind);
    deps.metrics?.count(BUSINESS_METRICS.importRowsRejected, result.summary.rejected, kind);
    deps.metrics?.count(BUSINESS_METRICS.teamWrites, result.summary.created + result.summary.updated, { Source: 'import' });
    return result;
  } catch (e) {
    // Hand the key back at once, so a re-send with the same file resumes without waiting out the lease.
    await lease.release();
    throw e;
  }
}

/**
 * A claimed key's lease: `next` takes it for another IMPORT_LEASE_MS; `keep` renews it once half of it has gone
 * (not after every transaction: a county's import is usually over well within one lease, and each renewal is a
 * write of its own), failing when another writer has taken the key over; `release` hands it back at once (a
 * re-send with the same file then resumes without waiting out the lease).
 */
export function leaseOf(deps: Deps, countyCode: string, key: string, owner: string) {
  let heldUntil = 0;
  const next = () => {
    heldUntil = realNow() + IMPORT_LEASE_MS;
    return new Date(heldUntil).toISOString();
  };
  return {
    next,
    async keep(): Promise<void> {
      if (realNow() > heldUntil - IMPORT_LEASE_MS / 2 && !(await deps.store.renewImport(countyCode, key, owner, next())))
        throw new RetryLaterError(message('import.takenOver'));
    },
    release: () => deps.store.renewImport(countyCode, key, owner, new Date(0).toISOString()).catch(() => false),
  };
}

type Claimed = { kind: 'claimed'; bases: Record<string, number> | null; resumed: boolean } | { kind: 'done'; result: ImportReport };

/** Claims the key, or waits for the request that holds it and returns its result. */
export async function claimOrWait(
  deps: Deps,
  countyCode: string,
  key: string,
  claim: { bodyHash: string; by: string; owner: string; lease: () => string; bases: Record<string, number> },
  otherFile: () => Error,
): Promise<Claimed> {
  const deadline = realNow() + WAIT_FOR_RESULT_MS;
  for (;;) {
    const outcome = await deps.store.claimImport(countyCode, key, {
      bodyHash: claim.bodyHash,
      by: claim.by,
      owner: claim.owner,
      startedAt: deps.clock.now().toISOString(),
      now: new Date(realNow()).toISOString(),
      leaseUntil: claim.lease(),
      bases: claim.bases,
    });
    if (outcome.kind === 'claimed') return outcome;
    const { record } = outcome;
    if (record.bodyHash !== claim.bodyHash) throw otherFile();
    if (record.status === 'done') return { kind: 'done', result: record.result as ImportReport };
    if (realNow() > deadline) throw new ImportInProgressError(message('import.inProgress'));
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
