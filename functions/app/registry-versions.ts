// Use cases of the registry as governed data: the versions and their change sets, a change set's
// dry run, its application (teams closed or moved through the one write path, then the county
// registries and their unit counts, then the version marked applied), and the resumption of an
// application that was cut off. Province only, except reading.
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { typedPart } from '#core/roster-counts.js';
import { listed, message, noteOf, reasonOf, toWire, type Message } from '#core/messages/index.js';
import {
  applyChanges,
  CHANGE_KINDS,
  effectiveDateError,
  MAX_COUNTY_RECORD_BYTES,
  oversizedCounties,
  parseChanges,
  planTeams,
  SCOPE_REASONS,
  unitCounts,
  validateChanges,
  versionOn,
  type ChangeError,
  type CountyUnits,
  type RegistryChange,
  type ChangeKind,
  type TeamAction,
  outsideArea,
} from '#core/registry.js';
import { diffEdition, parseEdition } from '#core/edition.js';
import { formatScope } from '#core/scope.js';
import type { Cell } from '#core/cells.js';
import type { RegistryVersion } from '#store/registry.js';
import type { StoredTeam, TeamWrite } from '#store/store.js';
import type { SheetKind } from './spreadsheet.js';
import type { Caller } from './caller.js';
import { bodyOf, plainTextOf } from './input.js';
import { changeSetBody } from '#contract/bodies.js';
import { nextTeam } from './teams.js';
import { rootArea, today, type Deps } from './deps.js';
import { correctMonths } from './months.js';

/** A change-set file's columns (zh-CN headers, as the province's template names them). */
export const CHANGE_COLUMNS: Record<string, keyof Omit<RegistryChange, 'row'>> = {
  变更类型: 'kind',
  代码: 'code',
  社区代码: 'code',
  名称: 'name',
  新名称: 'name',
  目标代码: 'target',
  范围原因: 'scopeReason',
  原因: 'reason',
  变更原因: 'reason',
};
const CHANGE_SHEET: SheetKind = {
  isHeader: (cells) => cells.some((c) => typeof c === 'string' && c.trim() === '变更类型'),
  missing: {
    csv: message('registry.changes.header.csv', {
      columns: listed(Object.keys(CHANGE_COLUMNS).filter((k) => !['社区代码', '新名称', '变更原因'].includes(k))),
    }),
    xlsx: message('registry.changes.header.xlsx', { columns: listed(['变更类型', '代码', '原因']) }),
  },
};
/** Far above a year's changes in Guangxi (a few hundred), and the rows a change-set file may hold (spreadsheet.ts MAX_ROWS, not imported: the file readers load with the first upload); a larger set is a full edition, compared instead. */
export const MAX_CHANGES = 2000;

export interface ChangeSetInput {
  effectiveFrom: unknown;
  source: unknown;
  note?: unknown;
  /** Change rows as JSON objects ({ kind, code, name, target, scopeReason, reason }). */
  changes?: unknown;
  /** A change-set spreadsheet (.xlsx or .csv). */
  file?: Uint8Array;
  /** A full registry edition (the data:extract output) to compare with the registry in force. */
  edition?: unknown;
}

function assertProvince(caller: Caller) {
  if (caller.scope.kind !== 'province') throw new ForbiddenError(message('registry.notProvince'));
}

const cellText = (c: Cell) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

async function rowsOfFile(bytes: Uint8Array): Promise<{ raw: Record<string, string>[]; rowOf: (i: number) => number }> {
  const { readSheet } = await import('./spreadsheet.js'); // the file readers load with the first upload, not with every read
  const sheet = await readSheet(bytes, CHANGE_SHEET);
  const fields = sheet.header.map((h) => CHANGE_COLUMNS[cellText(h)]);
  const rows = sheet.rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  const raw = rows.map((r) => Object.fromEntries(fields.flatMap((f, i) => (f ? [[f, cellText(r.cells[i])]] : []))));
  // Errors name the row as the file shows it, blank rows and all.
  return { raw, rowOf: (i) => rows[i].rowNumber };
}

/** A change set sent as JSON: the body checked against the route's schema, then as any change set. */
export function changeRegistryJson(deps: Deps, caller: Caller, body: unknown, dryRun: boolean) {
  return changeRegistry(deps, caller, bodyOf(changeSetBody, body), dryRun);
}

/** What a dry run of a full edition answers inline: the first changes and team actions; the rest are in its change file. */
export const SHOWN_INLINE = 200;

const invalid = (errors: ChangeError[], total: number) =>
  new ValidationError(
    message('registry.changes.invalid', {
      count: errors.length,
      total,
      first: message('registry.row.at', { row: errors[0].row, message: errors[0].message }),
    }),
    errors.map((e) => ({ field: `row ${e.row}`, message: e.message })),
  );

async function currentCounties(deps: Deps, codes: Iterable<string>): Promise<CountyUnits[]> {
  const list = await Promise.all([...new Set(codes)].map((c) => deps.store.getRegistry(c)));
  return list.filter((r): r is CountyUnits => r !== null);
}

/** The counties a change set reads: those of its codes and targets (only real county codes are looked up). */
const countiesOf = (changes: RegistryChange[]) => changes.flatMap((c) => [c.code.slice(0, 6), ...(c.target ? [c.target.slice(0, 6)] : [])]);

async function teamsOf(deps: Deps, counties: Iterable<string>): Promise<Map<string, StoredTeam>> {
  const teams = new Map<string, StoredTeam>();
  for (const code of new Set(counties)) for (const t of await deps.store.listTeams(code, { closed: true })) teams.set(t.communityCode, t);
  return teams;
}

const outOfScopeIn = (after: CountyUnits[]) => {
  const byCounty = new Map(after.map((c) => [c.code, c]));
  return (code: string) => Boolean(byCounty.get(code.slice(0, 6))?.outOfScope?.[code]);
};

/** What a change set would do: its changes, their effect on each county's counts, and on teams. */
async function plan(deps: Deps, changes: RegistryChange[]) {
  const outside = outsideArea(changes, rootArea(deps).code);
  if (outside.length) throw invalid(outside, changes.length);
  const before = await currentCounties(deps, countiesOf(changes));
  const errors = validateChanges(before, changes);
  if (errors.length) throw invalid(errors, changes.length);
  const after = applyChanges(before, changes);
  const teams = await teamsOf(
    deps,
    after.map((c) => c.code),
  );
  const actions = planTeams(changes, teams.values(), outOfScopeIn(after));
  return { before, after, actions, teams };
}

const describe = (changes: RegistryChange[]) =>
  changes.map((c) => ({
    ...c,
    kindLabel: CHANGE_KINDS[c.kind],
    ...(c.scopeReason ? { scopeReasonLabel: SCOPE_REASONS[c.scopeReason] } : {}),
  }));

/**
 * Dry-runs or applies a change set (rows, a spreadsheet, or a full edition to compare): every row
 * checked against the registry in force, nothing written when one fails. Applying writes the
 * version as 'applying', then carries it out (see `carryOut`).
 */
export async function changeRegistry(deps: Deps, caller: Caller, input: ChangeSetInput, dryRun: boolean) {
  const { effectiveFrom, source, note, latest, last, changes, before, after, actions, teams } = await prepare(deps, caller, input);
  const version = latest.version + 1;
  // A full edition may change tens of thousands of units: its answer names the first, counts them all, and its change file holds the rest.
  const whole = input.edition !== undefined;
  const shown = <T>(list: T[]) => (whole ? list.slice(0, SHOWN_INLINE) : list);
  const summary = {
    dryRun,
    version,
    effectiveFrom,
    source,
    changeCount: changes.length,
    teamCount: actions.length,
    ...(whole ? { changeKinds: countKinds(changes), shownInline: SHOWN_INLINE } : {}),
    changes: describe(shown(changes)),
    teams: shown(actions).map((a) => ({
      ...a,
      ...reasonOf(a.reason),
      teamName: teams.get(a.kind === 'move' ? a.from : a.code)?.team.name ?? null,
    })),
    counties: after.map((c) => {
      const was = before.find((b) => b.code === c.code)!;
      const [registry, inScope] = unitCounts(c);
      const [registryBefore, inScopeBefore] = unitCounts(was);
      return { code: c.code, name: c.name, registryBefore, registry, inScopeBefore, inScope };
    }),
  };
  if (dryRun) return summary;
  const now = deps.clock.now().toISOString();
  const record: RegistryVersion = {
    version,
    effectiveFrom,
    status: 'preparing',
    source,
    ...(note ? { note } : {}),
    by: `${formatScope(caller.scope)}/${caller.user}`,
    at: now,
    changeCount: changes.length,
    counties: { ...last.counties, ...Object.fromEntries(after.map((c) => [c.code, unitCounts(c)])) },
  };
  if (!(await deps.store.beginRegistryVersion(record, changes, after))) {
    throw new ConflictError(message('registry.version.clash', { version }), version);
  }
  // What the plan read moments ago is handed on (every write is conditional on the versions read, so a team written meanwhile stops it).
  return { ...summary, ...(await finish(deps, record, { changes, after, teams })) };
}

/** A change set read and checked against the registry in force, with what it would do: everything but the writing. */
async function prepare(deps: Deps, caller: Caller, input: ChangeSetInput) {
  assertProvince(caller);
  const asOf = today(deps.clock);
  const dateError = effectiveDateError(input.effectiveFrom, asOf);
  if (dateError) throw new ValidationError(dateError, [{ field: 'effectiveFrom', message: dateError }]);
  const effectiveFrom = input.effectiveFrom as string;
  const source = plainTextOf(
    input,
    'source',
    { zh: '来源（如 民政部门文件、新版区划代码）', en: 'The source (e.g. the civil affairs notice, the new code list)' },
    true,
  );
  const note = plainTextOf(input, 'note', { zh: '说明', en: 'The note' }, false);
  const versions = await deps.store.listRegistryVersions();
  const latest = versions.at(-1);
  // The counts carry on from the newest applied version (an abandoned one changed nothing).
  const last = versions.filter((v) => v.status === 'applied').at(-1);
  if (!latest || !last) throw new NotFoundError(message('registry.notLoaded'));
  if (latest.status === 'preparing' || latest.status === 'applying') {
    throw new ConflictError(message('registry.unfinished', { version: latest.version }), latest.version);
  }
  let changes: RegistryChange[];
  if (input.edition !== undefined) {
    const counties = await currentCounties(deps, Object.keys(last.counties));
    // Each compared change's reason is the new edition's source, as the province typed it (the version says it was compared).
    changes = diffEdition(counties, parseEdition(input.edition), source);
  } else {
    const { raw, rowOf } = input.file ? await rowsOfFile(input.file) : { raw: input.changes, rowOf: undefined };
    if (!Array.isArray(raw) || raw.length === 0) throw new ValidationError(message('registry.changes.empty'));
    if (raw.length > MAX_CHANGES) throw new ValidationError(message('registry.changes.tooMany', { max: MAX_CHANGES }));
    const parsed = parseChanges(raw, rowOf);
    if (parsed.errors.length) throw invalid(parsed.errors, raw.length);
    changes = parsed.changes;
  }
  if (changes.length === 0) throw new ValidationError(message('registry.changes.none'));
  const { before, after, actions, teams } = await plan(deps, changes);
  // Every county record must fit in its item before anything is claimed: a failure midway would leave the version behind.
  const oversized = oversizedCounties(after);
  if (oversized.length) {
    const tooLarge = (o: (typeof oversized)[number]) => message('registry.county.tooLarge', { ...o, max: MAX_COUNTY_RECORD_BYTES / 1024 });
    throw new ValidationError(
      tooLarge(oversized[0]),
      oversized.map((o) => ({ field: o.county, message: tooLarge(o) })),
    );
  }
  return { effectiveFrom, source, note, latest, last, changes, before, after, actions, teams };
}

/** A dry run's change file (.xlsx): every change in the province's change-set columns, so it reads back as a change set. */
export async function registryChangeFile(deps: Deps, caller: Caller, input: ChangeSetInput): Promise<Buffer> {
  const { changes } = await prepare(deps, caller, input);
  const { toXlsx } = await import('./exports.js'); // the workbook writer loads with the first change file, not with every write
  return toXlsx(
    '变更',
    ['变更类型', '代码', '名称', '目标代码', '范围原因', '原因'],
    changes.map((c) => [
      CHANGE_KINDS[c.kind].zh,
      c.code,
      c.name ?? null,
      c.target ?? null,
      c.scopeReason ? SCOPE_REASONS[c.scopeReason].zh : null,
      c.reason,
    ]),
  );
}

/** How often an apply that clashed with a county's save re-reads the teams and carries on before it hands over to a resume. */
const APPLY_TRIES = 3;

/**
 * Carries a version out to the end: a team a county saved meanwhile makes a write clash, and the
 * version is then carried on from what it stored, re-reading the teams (what is done is skipped).
 * Still clashing after a few tries, the caller is told the version is partly applied, and how to finish it.
 */
async function finish(deps: Deps, version: RegistryVersion, planned?: Parameters<typeof carryOut>[2]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await carryOut(deps, version, attempt === 1 ? planned : undefined);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      if (attempt >= APPLY_TRIES)
        throw new ConflictError(message('registry.version.halfApplied', { version: version.version, tries: APPLY_TRIES }), version.version);
    }
  }
}

const countKinds = (changes: RegistryChange[]) =>
  Object.fromEntries(
    (Object.keys(CHANGE_KINDS) as ChangeKind[]).map((k) => [k, changes.filter((c) => c.kind === k).length]).filter(([, n]) => n),
  );

/**
 * Carries out an 'applying' version from what it stored: the teams its changes close or move
 * (each write conditional on the team's version, so a resumed run skips what is done), then the
 * county registries and unit counts, then the version is marked applied.
 */
async function carryOut(
  deps: Deps,
  version: RegistryVersion,
  planned?: { changes: RegistryChange[]; after: CountyUnits[]; teams: Map<string, StoredTeam> },
) {
  const changes = planned?.changes ?? (await deps.store.listRegistryChanges(version.version));
  const codes = [...new Set(countiesOf(changes))];
  const applied = new Set((await deps.store.listRegistryVersions()).filter((v) => v.status === 'applied').map((v) => v.version));
  const usable = (v: number) => v === version.version || applied.has(v);
  const after =
    planned?.after ??
    (await Promise.all(codes.map((c) => deps.store.registryCopyAt(c, version.version, usable)))).filter(
      (c): c is CountyUnits => c !== null,
    );
  const teams =
    planned?.teams ??
    (await teamsOf(
      deps,
      after.map((c) => c.code),
    ));
  const actions = planTeams(changes, teams.values(), outOfScopeIn(after));
  const source = `registry:v${version.version}`;
  const audit = (t: StoredTeam) => ({ updatedBy: version.by, source, demo: t.demo });
  const writes: TeamWrite[] = [];
  const written = new Map<string, StoredTeam>();
  const current = (code: string) => written.get(code) ?? teams.get(code) ?? null;
  // Every write here says whether the team counts (closed, outside the scope, or counting) and keeps its leader's erasure.
  const write = (previous: StoredTeam | null, next: StoredTeam, excluded: StoredTeam['excluded'], erasedAt: string | undefined) => {
    const { excluded: _was, erasedAt: _erased, ...rest } = next;
    const team: StoredTeam = { ...rest, ...(erasedAt ? { erasedAt } : {}), ...(excluded ? { excluded } : {}) };
    writes.push({ previous, next: team });
    written.set(team.communityCode, team);
  };
  // A change row's own reason is the province's text, kept as it is; a move adds the system's words to it.
  const rewrite = (t: StoredTeam, excluded: StoredTeam['excluded'], note: string | Message) =>
    write(t, { ...nextTeam(deps, t.communityCode, t.team, t, audit(t)), ...noteOf(note) }, excluded, t.erasedAt);
  for (const a of actions) {
    if (a.kind === 'close') rewrite(current(a.code)!, 'closed', a.reason);
    else if (a.kind === 'scope') rewrite(current(a.code)!, a.excluded, a.reason);
    else {
      const from = current(a.from)!;
      const there = current(a.to);
      // A resumed run finds the moved team already there (written by this version): only the old one is left to close.
      if (!there || there.excluded === 'closed')
        write(
          there,
          {
            // The typed team moves; its memberships stay keyed to the old community (closed, where they can still
            // be ended), so their entries do not come along: a roster the new code held before is kept.
            ...nextTeam(deps, a.to, typedPart(from.team), there, audit(from)),
            ...noteOf(message('note.registry.movedIn', { reason: a.reason, from: a.from })),
          },
          a.excluded,
          from.erasedAt,
        );
      rewrite(from, 'closed', message('note.registry.movedOut', { reason: a.reason, to: a.to }));
    }
  }
  if (writes.length) await deps.store.writeTeams(coalesce(writes), deps.clock.now().toISOString());
  await deps.store.putCurrentRegistries(after, deps.clock.now().toISOString());
  // A team a county wrote while this ran (a new one in a community now removed or out of scope) is brought in line with the registry now in force.
  const swept = await sweep(deps, after, audit);
  const now = deps.clock.now().toISOString();
  if (!(await deps.store.finishRegistryVersion(version.version, now)))
    return { applied: true, teamWrites: 0, closed: 0, swept: 0, alreadyApplied: true };
  // Finished in a later month than it took effect (a resume after a month end): the ended month's stored figures are corrected, as a new version with this reason.
  const corrected =
    version.effectiveFrom.slice(0, 7) < today(deps.clock).slice(0, 7)
      ? (
          await correctMonths(
            deps,
            message('note.registry.corrected', { version: version.version, from: version.effectiveFrom, day: today(deps.clock) }),
          )
        ).corrected
      : [];
  return {
    applied: true,
    teamWrites: writes.length + swept,
    closed: writes.filter((w) => w.next.excluded === 'closed').length,
    swept,
    ...(corrected.length ? { corrected } : {}),
  };
}

/** One write per team: a team written twice in one plan keeps its first previous and its last next (one transaction may not write an item twice). */
function coalesce(writes: TeamWrite[]): TeamWrite[] {
  const byCode = new Map<string, TeamWrite>();
  for (const w of writes) {
    const first = byCode.get(w.next.communityCode);
    byCode.set(w.next.communityCode, first ? { previous: first.previous, next: w.next } : w);
  }
  return [...byCode.values()];
}

/** Closes or marks any team of these counties that disagrees with their registry (in it? in scope?); returns how many it wrote. */
async function sweep(
  deps: Deps,
  counties: CountyUnits[],
  audit: (t: StoredTeam) => { updatedBy: string; source: string; demo?: boolean },
): Promise<number> {
  const writes: TeamWrite[] = [];
  for (const c of counties) {
    const units = new Set(c.communities.map(([code]) => code));
    for (const t of await deps.store.listTeams(c.code)) {
      const should: StoredTeam['excluded'] = !units.has(t.communityCode)
        ? 'closed'
        : c.outOfScope?.[t.communityCode]
          ? 'out-of-scope'
          : undefined;
      if (should === t.excluded) continue;
      const { excluded: _was, ...next } = {
        ...nextTeam(deps, t.communityCode, t.team, t, audit(t)),
        ...noteOf(message('note.registry.aligned')),
      };
      writes.push({
        previous: t,
        next: { ...next, ...(t.erasedAt ? { erasedAt: t.erasedAt } : {}), ...(should ? { excluded: should } : {}) },
      });
    }
  }
  if (writes.length) await deps.store.writeTeams(writes, deps.clock.now().toISOString());
  return writes.length;
}

/** Resumes a version whose application was cut off (a timeout, a crash): what is done is skipped. */
export async function resumeRegistryVersion(deps: Deps, caller: Caller, versionParam: string) {
  assertProvince(caller);
  const version = await deps.store.getRegistryVersion(versionNumber(versionParam));
  if (!version) throw new NotFoundError(message('registry.version.unknown', { version: versionParam }));
  if (version.status === 'applied') return { version: version.version, applied: true, teamWrites: 0, closed: 0, alreadyApplied: true };
  if (version.status === 'abandoned') return { version: version.version, applied: false, abandoned: true };
  // Cut off before its changes were all stored: nothing was done with it, and it cannot be carried out. It is abandoned; submit the set again.
  if (version.status === 'preparing') {
    // A request still writing it (a function runs 15 minutes at most) is left alone.
    if (deps.clock.now().getTime() - Date.parse(version.at) < PREPARING_GRACE_MS) {
      throw new ConflictError(message('registry.version.preparing', { version: version.version, at: version.at }), version.version);
    }
    await deps.store.abandonRegistryVersion(version.version, deps.clock.now().toISOString());
    return {
      version: version.version,
      applied: false,
      abandoned: true,
      ...toWire(message('registry.version.abandoned', { version: version.version })),
    };
  }
  return { version: version.version, ...(await finish(deps, version)) };
}

/** How long a version may be 'preparing' before a resume may take it for cut off: the longest a function runs. */
const PREPARING_GRACE_MS = 15 * 60_000;

function versionNumber(param: string): number {
  if (!/^[1-9]\d{0,5}$/.test(param)) throw new ValidationError(message('registry.version.number', { raw: param.slice(0, 20) }));
  return Number(param);
}

/** The registry's versions, newest last: what each rests on and how many units it counts (for the caller's scope). */
export async function listRegistryVersions(deps: Deps, caller: Caller) {
  const versions = await deps.store.listRegistryVersions();
  const inForce = versionOn(versions, today(deps.clock));
  const visible = (code: string) => caller.scope.kind === 'province' || code.startsWith(caller.scope.code);
  return {
    inForce: inForce?.version ?? null,
    // Who applied a version is the province's office to a county or city, as a campaign's organiser is: the person only to the province.
    versions: versions.map(({ counties, ...v }) => {
      const mine = Object.entries(counties)
        .filter(([code]) => visible(code))
        .map(([, n]) => n);
      return {
        ...v,
        by: officeOf(caller, v.by),
        registryCommunities: mine.reduce((s, n) => s + n[0], 0),
        inScopeCommunities: mine.reduce((s, n) => s + n[1], 0),
      };
    }),
  };
}

/** One version's change set, with what each change is called. */
/** Who did it, as a reader may see it: the province sees the person; the others the office (province/…). */
const officeOf = (caller: Caller, by: string) => (caller.scope.kind === 'province' ? by : by.split('/')[0]);

export async function registryVersionChanges(deps: Deps, caller: Caller, versionParam: string) {
  const version = await deps.store.getRegistryVersion(versionNumber(versionParam));
  if (!version) throw new NotFoundError(message('registry.version.unknown', { version: versionParam }));
  const { counties: _counties, ...rest } = version;
  // A city or county reads the changes in its own area (a unit's or its target's code is in it), as its figures are cut.
  const mine = (code: string | undefined) => caller.scope.kind === 'province' || Boolean(code?.startsWith(caller.scope.code));
  const changes = (await deps.store.listRegistryChanges(version.version)).filter((c) => mine(c.code) || mine(c.target));
  return { ...rest, by: officeOf(caller, version.by), changes: describe(changes) };
}

export type { TeamAction };
