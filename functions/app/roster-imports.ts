// A county's roster file (队员名册: the template's sheet, the renewal file's, or a CSV in UTF-8 or GBK): a dry
// run that says what each row would do (add, correct, end, as written already), how each new member would
// stand (counted, 重复在册, 疑似重复, 未查重) and which teams would fall below the standard; then a commit under
// the client's idempotency key that writes each team's rows as one version of it. A row that is wrong is
// refused with its reasons and writes nothing; the others are written.
import { createHash } from 'node:crypto';
import { ConflictError, KeyReusedError, NotFoundError, RetryLaterError, ValidationError } from '#core/errors.js';
import { message, toWire, type Message } from '#core/messages/index.js';
import { identityOf, rosterEntry, standingOf, type MembershipStanding } from '#core/roster.js';
import { membersOn, type Roster, type RosterEntry } from '#core/roster-counts.js';
import { planRow, readRosterRows, ROSTER_COLUMNS, type RowAction, type RowField, type RowPlan } from '#core/roster-rows.js';
import { evaluate } from '#core/rules.js';
import { assertCanWrite, checkCountyCode, countyOfCommunity, formatScope } from '#core/scope.js';
import type { RosterImportReport, RosterImportRow } from '#contract/imports.js';
import type { RowWrite, StoredMembership } from '#store/roster.js';
import type { Caller } from './caller.js';
import { BUSINESS_METRICS, inForce, rootArea, today, type Deps } from './deps.js';
import { claimOrWait, KEY_FORMAT, leaseOf } from './imports.js';
import { identityKey, rejudgeFor } from './roster.js';
import { readSheet, ROSTER_SHEET } from './spreadsheet.js';
// The files' messages (core/messages/zh-CN-files.ts): this module speaks them.
import '#core/messages/zh-CN-files.js';

/**
 * What one team's rows of one file may write, in actions of its one transaction (100, less its team's own four):
 * a new member takes two (membership, identity), a correction one, a leaving up to six (a count handed to another
 * team is that team's version too). Counted before any is written, so a team's rows are written whole or not at all.
 */
const TEAM_BUDGET = 96;
const weightOf = (plan: RowAction, hasMobile: boolean) =>
  plan.action === 'unchanged' ? 0 : plan.action === 'update' ? 1 : !hasMobile ? 1 : plan.action === 'add' ? 2 : 6;
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
  // A roster file's key is its own: the same key on the county's team file is another import ('/' is in no client's key).
  const recordKey = key ? `roster/${key}` : null;
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
  const { outcomes, ignoredColumns, where } = readRosterRows(sheet, {
    countyCode,
    countyName: registry.name,
    communities: new Map(registry.communities),
    today: asOf,
  });
  const secret = await identityKey(deps);
  const teams = new Map(stored.map((t) => [t.communityCode, t]));
  // Every membership of the county, past ones too (a leaving written already reads as written).
  const heldBy = new Map<string, (StoredMembership & RosterEntry)[]>();
  const entryOf = new Map<string, RosterEntry>();
  for (const m of held) {
    const entry = rosterEntry(m);
    entryOf.set(m.id, entry);
    const list = heldBy.get(m.community);
    if (list) list.push({ ...m, ...entry });
    else heldBy.set(m.community, [{ ...m, ...entry }]);
  }
  const names = new Map(registry.communities);
  /** How a new member stands, on the row: 重复在册 names the community they count in (its name when the county's own). */
  const noteStanding = (row: RosterImportRow, standing: MembershipStanding, countsIn: string | null) => {
    row.standing = standing;
    if (standing === 'duplicate' && countsIn) {
      const name = countyOfCommunity(countsIn) === countyCode ? names.get(countsIn) : undefined;
      const community = name ? { zh: `${name}（${countsIn}）`, en: countsIn } : countsIn;
      row.warnings.push(toWire(message('rosterImport.standing.duplicate', { community })));
    } else if (standing === 'suspected' || standing === 'unchecked')
      row.warnings.push(toWire(message(`rosterImport.standing.${standing}`)));
  };
  /** A row refused at `field`, with the cell the file has it in. */
  const refuseAt = (row: RosterImportRow, field: RowField | 'communityCode', why: Message) => {
    const header = ROSTER_COLUMNS.find((c) => c.path === field)!.header;
    row.status = 'rejected';
    delete row.action;
    delete row.standing;
    row.errors.push({
      column: header,
      value: field === 'communityCode' ? (row.communityCode ?? '') : '',
      ...where(header, row.row),
      ...toWire(why),
    });
  };

  // Each accepted row planned against its team's roster as held now.
  const rows: RosterImportRow[] = [];
  const writes = new Map<string, { row: RosterImportRow; write: RowWrite; plan: RowAction }[]>();
  for (const { member, ...outcome } of outcomes) {
    const row: RosterImportRow = outcome;
    rows.push(row);
    if (!member) continue;
    const code = row.communityCode!;
    const team = teams.get(code);
    if (!team || team.excluded) {
      refuseAt(row, 'communityCode', message(team ? 'rosterImport.teamNotCounting' : 'rosterImport.noTeam', { community: code }));
      continue;
    }
    const person = member.mobile === null ? null : identityOf(secret, member.mobile);
    const plan = planRow(member, person, heldBy.get(code) ?? []);
    if (!('action' in plan)) {
      refuseAt(row, plan.field, plan.problem);
      continue;
    }
    row.action = plan.action;
    if ('note' in plan && plan.note) row.warnings.push(toWire(plan.note));
    const id = globalThis.crypto.randomUUID();
    const entry = { row, write: { member, person, id }, plan };
    const list = writes.get(code);
    if (list) list.push(entry);
    else writes.set(code, [entry]);
  }

  // A team whose rows need more than one transaction holds: all its rows that write are refused, and say how to split them.
  for (const list of writes.values()) {
    const weight = list.reduce((n, w) => n + weightOf(w.plan, w.write.person !== null), 0);
    if (weight <= TEAM_BUDGET) continue;
    const writing = list.filter((w) => w.plan.action !== 'unchanged');
    for (const w of writing) refuseAt(w.row, 'communityCode', message('rosterImport.tooMany', { count: writing.length }));
    list.splice(0, list.length, ...list.filter((w) => w.row.status === 'accepted'));
  }

  // How each new member would stand, as the persons' identity items are now. A person counting in another county
  // is said to be on a roster there, no more: where, and whether under the same name, only a commit says (as the
  // form says it once the member is added), so a dry run is no way to look people up.
  const adds = [...writes.values()].flat().filter((w) => w.plan.action === 'add');
  const claims = await deps.store.identityClaims([...new Set(adds.flatMap((w) => (w.write.person ? [w.write.person] : [])))]);
  const standings = new Map<string, MembershipStanding>();
  for (const w of adds) {
    const claim = w.write.person ? (claims.get(w.write.person) ?? null) : null;
    const standing = standingOf(claim, w.write.member.name, w.write.person);
    standings.set(w.write.id, standing);
    const elsewhere = claim?.counting ? countyOfCommunity(claim.counting.community) !== countyCode : false;
    if (elsewhere) w.row.warnings.push(toWire(message('rosterImport.standing.elsewhere')));
    else noteStanding(w.row, standing, claim?.counting?.community ?? null);
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
          standing: standings.get(w.write.id)!,
          countsFrom: standings.get(w.write.id) === 'duplicate' ? null : m.joined,
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
  const lease = leaseOf(deps, countyCode, recordKey!, owner);
  const claim = await claimOrWait(deps, countyCode, recordKey!, { bodyHash, by, owner, lease: lease.next, bases: {} }, otherFile);
  if (claim.kind === 'done') return { ...(claim.result as unknown as RosterImportReport), replayed: true };
  try {
    // Each team's rows as one version of it, planned again against its roster as it is when written.
    const queue = [...writes.entries()].filter(([, list]) => list.some((w) => w.plan.action !== 'unchanged'));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [code, list] = next;
        // A count handed to another team by a leaving here names this community in that team's history.
        const rejudge = rejudgeFor(deps, caller, code, `roster-import:${key}`);
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
              plan: { problem: message('rosterImport.tooMany', { count: list.length }), field: 'name' } as RowPlan,
              stored: undefined,
            }));
          });
        if (!results) throw new ConflictError(message('team.none', { community: code }), null);
        for (const [i, r] of results.entries()) {
          const row = list[i].row;
          // What was written, said again: the dry run's notes on standing give way to the write's.
          row.warnings = row.warnings.filter((w) => !w.messageId.startsWith('rosterImport.standing.'));
          if (!('action' in r.plan)) {
            refuseAt(row, r.plan.field, r.plan.problem);
            continue;
          }
          row.action = r.plan.action;
          if (r.plan.action === 'add' && r.stored) {
            const countsIn =
              r.stored.standing === 'duplicate' && r.stored.person ? await deps.store.countingCommunity(r.stored.person) : null;
            noteStanding(row, r.stored.standing, countsIn);
          }
        }
        await lease.keep();
      }
    };
    await Promise.all(Array.from({ length: TEAMS_AT_ONCE }, worker));
    // The teams as written: their members and verdicts read back, and only those whose rows were written.
    const written = new Map((await deps.store.listTeams(countyCode)).map((t) => [t.communityCode, t]));
    result.teams = teamsReport.flatMap((t) => {
      const now = written.get(t.communityCode);
      const wrote = writes.get(t.communityCode)?.some((w) => w.row.status === 'accepted' && w.row.action !== 'unchanged');
      if (!now || !wrote) return [];
      const meetsAfter = now.verdict.meetsStandard;
      const { drops: _, ...rest } = t;
      return [
        { ...rest, membersAfter: membersOn(now.team, asOf), meetsAfter, ...(t.meetsBefore && !meetsAfter ? { drops: true as const } : {}) },
      ];
    });
    result.summary = summarize(rows, result.teams);
    if (!(await deps.store.finishImport(countyCode, recordKey!, owner, result, deps.clock.now().toISOString()))) {
      throw new RetryLaterError(message('import.takenOver'));
    }
    const kind = { ScopeKind: caller.scope.kind };
    deps.metrics?.count(BUSINESS_METRICS.importRowsAccepted, result.summary.accepted, kind);
    deps.metrics?.count(BUSINESS_METRICS.importRowsRejected, result.summary.rejected, kind);
    return result;
  } catch (e) {
    await lease.release();
    throw e;
  }
}
