// A county's roster file (队员名册: the template's sheet, the renewal file's, or a CSV in UTF-8 or GBK): a dry
// run that says what each row would do (add, correct, end, as written already), how each new member would
// stand (counted, 重复在册, 疑似重复, 未查重) and which teams would fall below the standard; then a commit under
// the client's idempotency key that writes each team's rows as one version of it. A row that is wrong is
// refused with its reasons and writes nothing; the others are written.
import { createHash } from 'node:crypto';
import { ConflictError, KeyReusedError, NotFoundError, RetryLaterError, ValidationError } from '#core/errors.js';
import { message, toWire } from '#core/messages/index.js';
import { identityOf, rosterEntry, standingOf } from '#core/roster.js';
import { membersOn, type Roster, type RosterEntry } from '#core/roster-counts.js';
import { planRow, readRosterRows, type RowAction, type RowPlan } from '#core/roster-rows.js';
import { evaluate } from '#core/rules.js';
import { assertCanWrite, checkCountyCode, countyOfCommunity, formatScope } from '#core/scope.js';
import type { RosterImportReport, RosterImportRow } from '#contract/imports.js';
import type { RowWrite, StoredMembership } from '#store/roster.js';
import type { Caller } from './caller.js';
import { BUSINESS_METRICS, inForce, realNow, rootArea, today, type Deps } from './deps.js';
import { claimOrWait, IMPORT_LEASE_MS, KEY_FORMAT } from './imports.js';
import { identityKey, rejudgeFor } from './roster.js';
import { readSheet, ROSTER_SHEET } from './spreadsheet.js';

/**
 * What one team's rows of one file may write, in actions of its one transaction (100, less its team's own four):
 * a new member takes two (membership, identity), a correction one, a leaving up to six (a count handed to another
 * team is that team's version too). Counted before any is written, so a team's rows are written whole or not at all.
 */
const TEAM_BUDGET = 96;
const weightOf = (plan: RowAction, hasMobile: boolean) =>
  plan.action === 'add' ? (hasMobile ? 2 : 1) : plan.action === 'update' ? 1 : plan.action === 'end' ? 6 : 0;
/** Teams written side by side: each its own transaction, and different teams touch different items. */
const TEAMS_AT_ONCE = 4;

export interface RosterImportRequest {
  countyCode: string;
  bytes: Uint8Array;
  dryRun: boolean;
  idempotencyKey: string | null;
  /** The teams the clerk saw falling below the standard (the dry run's count): a commit that finds another number writes nothing. */
  confirmDrops?: number;
}

function summarize(rows: RosterImportRow[], teams: RosterImportReport['teams']): RosterImportReport['summary'] {
  const count = (f: (r: RosterImportRow) => boolean) => rows.filter(f).length;
  return {
    rows: rows.length,
    accepted: count((r) => r.status === 'accepted'),
    rejected: count((r) => r.status === 'rejected'),
    skipped: count((r) => r.status === 'skipped'),
    added: count((r) => r.action === 'add'),
    updated: count((r) => r.action === 'update'),
    ended: count((r) => r.action === 'end'),
    unchanged: count((r) => r.action === 'unchanged'),
    teams: teams.length,
    dropped: teams.filter((t) => t.drops).length,
  };
}

export async function importRoster(deps: Deps, caller: Caller, req: RosterImportRequest): Promise<RosterImportReport> {
  const { countyCode, bytes, dryRun, idempotencyKey: key } = req;
  assertCanWrite(caller.scope, checkCountyCode(countyCode, rootArea(deps).code));
  if (!dryRun && !key) throw new ValidationError(message('import.key.required'));
  if (key && !KEY_FORMAT.test(key)) throw new ValidationError(message('import.key.format'));
  // A roster file's key is its own: the same key on the county's team file is another import.
  const recordKey = key ? `roster#${key}` : null;
  const bodyHash = createHash('sha256').update(bytes).digest('hex');
  const otherFile = () => new KeyReusedError(message('import.key.reused'));
  const [earlier, registry, stored, held, read] = await Promise.all([
    recordKey && !dryRun ? deps.store.getImport(countyCode, recordKey) : null,
    deps.store.getRegistry(countyCode),
    deps.store.listTeams(countyCode, { closed: true }),
    deps.store.listCountyRoster(countyCode),
    readSheet(bytes, ROSTER_SHEET).then(
      (sheet) => ({ sheet }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (earlier) {
    if (earlier.bodyHash !== bodyHash) throw otherFile();
    if (earlier.status === 'done') return { ...(earlier.result as RosterImportReport), replayed: true };
  }
  if (!registry) throw new NotFoundError(message('county.unknown', { county: countyCode }));
  if ('error' in read) throw read.error;
  const { sheet } = read;
  const asOf = today(deps.clock);
  const { ruleSet } = inForce(deps);
  const { outcomes, ignoredColumns } = readRosterRows(sheet, {
    countyCode,
    countyName: registry.name,
    communities: new Map(registry.communities),
    today: asOf,
  });
  const secret = await identityKey(deps);
  const teams = new Map(stored.map((t) => [t.communityCode, t]));
  const heldBy = new Map<string, (StoredMembership & RosterEntry)[]>();
  const entryOf = new Map<string, RosterEntry>();
  for (const m of held) {
    const entry = rosterEntry(m);
    entryOf.set(m.id, entry);
    heldBy.set(m.community, [...(heldBy.get(m.community) ?? []), { ...m, ...entry }]);
  }

  // Each accepted row planned against its team's roster as held now.
  const rows: RosterImportRow[] = [];
  const writes = new Map<string, { row: RosterImportRow; write: RowWrite; plan: RowAction }[]>();
  for (const { member, ...outcome } of outcomes) {
    const row: RosterImportRow = outcome;
    rows.push(row);
    if (!member) continue;
    const code = row.communityCode!;
    const refuse = (why: ReturnType<typeof message>, column = '社区代码') => {
      row.status = 'rejected';
      row.errors.push({ column, value: column === '社区代码' ? code : '', ...toWire(why) });
    };
    const team = teams.get(code);
    if (!team || team.excluded) {
      refuse(message('rosterImport.noTeam', { community: code }));
      continue;
    }
    const person = member.mobile === null ? null : identityOf(secret, member.mobile);
    const plan = planRow(member, person, heldBy.get(code) ?? []);
    if (!('action' in plan)) {
      refuse(plan.problem, '姓名');
      continue;
    }
    row.action = plan.action;
    const id = globalThis.crypto.randomUUID();
    writes.set(code, [...(writes.get(code) ?? []), { row, write: { member, person, id }, plan }]);
  }

  // A team whose rows need more than one transaction holds: all its rows that write are refused, and say how to split them.
  for (const list of writes.values()) {
    const weight = list.reduce((n, w) => n + weightOf(w.plan, w.write.person !== null), 0);
    if (weight <= TEAM_BUDGET) continue;
    const writing = list.filter((w) => w.plan.action !== 'unchanged');
    for (const w of writing) {
      w.row.status = 'rejected';
      delete w.row.action;
      w.row.errors.push({
        column: '社区代码',
        value: w.row.communityCode!,
        ...toWire(message('rosterImport.tooMany', { count: writing.length })),
      });
    }
    list.splice(0, list.length, ...list.filter((w) => w.row.status === 'accepted'));
  }

  // How each new member would stand, as the persons' identity items are now.
  const adds = [...writes.values()].flat().filter((w) => w.plan.action === 'add');
  const claims = await deps.store.identityClaims([...new Set(adds.flatMap((w) => (w.write.person ? [w.write.person] : [])))]);
  const names = new Map(registry.communities);
  for (const w of adds) {
    const claim = w.write.person ? (claims.get(w.write.person) ?? null) : null;
    const standing = standingOf(claim, w.write.member.name, w.write.person);
    w.row.standing = standing;
    if (standing === 'duplicate' && claim?.counting) {
      const other = claim.counting.community;
      const where = countyOfCommunity(other) === countyCode ? `${names.get(other) ?? ''}（${other}）` : other;
      w.row.warnings.push(toWire(message('rosterImport.standing.duplicate', { community: where })));
    } else if (standing === 'suspected' || standing === 'unchecked') {
      w.row.warnings.push(toWire(message(`rosterImport.standing.${standing}`)));
    }
  }

  // Each team's members counted today and its verdict, before the file and after it.
  const teamsReport: RosterImportReport['teams'] = [];
  for (const [code, list] of writes) {
    const team = teams.get(code)!;
    const entries: Roster = {};
    for (const w of list) {
      const m = w.write.member;
      if (w.plan.action === 'add')
        entries[w.write.id] = {
          category: m.category,
          joined: m.joined,
          left: null,
          insuredThrough: m.insuredThrough,
          standing: w.row.standing!,
          countsFrom: w.row.standing === 'duplicate' ? null : m.joined,
        };
      else if (w.plan.action === 'update') entries[w.plan.id] = { ...entryOf.get(w.plan.id)!, ...w.plan.changes };
      else if (w.plan.action === 'end') entries[w.plan.id] = { ...entryOf.get(w.plan.id)!, left: w.plan.left };
    }
    if (!Object.keys(entries).length) continue;
    // A team whose members were recorded before its record kept their entries is judged by all of them (as a write would).
    const before = team.team.roster
      ? team.team
      : { ...team.team, roster: Object.fromEntries((heldBy.get(code) ?? []).map((m) => [m.id, entryOf.get(m.id)!])) };
    const after = { ...before, roster: { ...before.roster, ...entries } };
    const meetsBefore = evaluate(team.team, ruleSet, asOf).meetsStandard;
    const meetsAfter = evaluate(after, ruleSet, asOf).meetsStandard;
    teamsReport.push({
      communityCode: code,
      communityName: names.get(code) ?? null,
      rows: list.filter((w) => w.plan.action !== 'unchanged').length,
      membersBefore: membersOn(team.team, asOf),
      membersAfter: membersOn(after, asOf),
      meetsBefore,
      meetsAfter,
      ...(meetsBefore && !meetsAfter ? { drops: true as const } : {}),
    });
  }

  const result: RosterImportReport = {
    importId: key,
    countyCode,
    countyName: registry.name,
    dryRun,
    asOf,
    format: sheet.format,
    encoding: sheet.encoding ?? null,
    sheetName: sheet.sheetName ?? null,
    ignoredColumns,
    summary: summarize(rows, teamsReport),
    teams: teamsReport,
    rows,
  };
  if (dryRun) return result;
  if (req.confirmDrops !== undefined && req.confirmDrops !== result.summary.dropped) {
    throw new ConflictError(message('import.drops.changed', { confirmed: req.confirmDrops, found: result.summary.dropped }), null);
  }

  const owner = globalThis.crypto.randomUUID();
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  let heldUntil = 0;
  const lease = () => {
    heldUntil = realNow() + IMPORT_LEASE_MS;
    return new Date(heldUntil).toISOString();
  };
  const claim = await claimOrWait(deps, countyCode, recordKey!, { bodyHash, by, owner, lease, bases: {} }, otherFile);
  if (claim.kind === 'done') return { ...(claim.result as unknown as RosterImportReport), replayed: true };
  try {
    // Each team's rows as one version of it, planned again against its roster as it is when written.
    const rejudge = rejudgeFor(deps, caller, '', `roster-import:${key}`);
    const queue = [...writes.entries()].filter(([, list]) => list.some((w) => w.plan.action !== 'unchanged'));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [code, list] = next;
        const results = await deps.store
          .applyRows(
            code,
            list.map((w) => w.write),
            asOf,
            rejudge,
          )
          .catch((e: unknown) => {
            // Counted against the budget above, so only hand-overs beyond the reckoning get here: the team's rows are refused whole.
            if (!(e instanceof Error) || e.name !== 'TooManyActions') throw e;
            return list.map(() => ({
              plan: { problem: message('rosterImport.tooMany', { count: list.length }) } as RowPlan,
              stored: undefined,
            }));
          });
        if (!results) throw new ConflictError(message('team.none', { community: code }), null);
        for (const [i, r] of results.entries()) {
          const row = list[i].row;
          if ('action' in r.plan) {
            row.action = r.plan.action;
            if (r.plan.action === 'add' && r.stored) row.standing = r.stored.standing;
          } else {
            row.status = 'rejected';
            delete row.action;
            delete row.standing;
            row.errors.push({ column: '姓名', value: '', ...toWire(r.plan.problem) });
          }
        }
        if (realNow() > heldUntil - IMPORT_LEASE_MS / 2 && !(await deps.store.renewImport(countyCode, recordKey!, owner, lease()))) {
          throw new RetryLaterError(message('import.takenOver'));
        }
      }
    };
    await Promise.all(Array.from({ length: TEAMS_AT_ONCE }, worker));
    result.summary = summarize(rows, teamsReport);
    if (!(await deps.store.finishImport(countyCode, recordKey!, owner, result, deps.clock.now().toISOString()))) {
      throw new RetryLaterError(message('import.takenOver'));
    }
    const kind = { ScopeKind: caller.scope.kind };
    deps.metrics?.count(BUSINESS_METRICS.importRowsAccepted, result.summary.accepted, kind);
    deps.metrics?.count(BUSINESS_METRICS.importRowsRejected, result.summary.rejected, kind);
    return result;
  } catch (e) {
    await deps.store.renewImport(countyCode, recordKey!, owner, new Date(0).toISOString()).catch(() => false);
    throw e;
  }
}
