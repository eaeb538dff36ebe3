// The community registry as governed data: versions made of change sets (added, removed, renamed,
// merged, split, code changed; moved in or out of the programme's scope), each change with its
// reason. Validation, application and what a change set does to teams are pure functions here;
// the store keeps the versions, the app layer applies them through the one team write path.
import { inArea } from './area.js';
import * as z from 'zod';
import { isIsoDate, type IsoDate } from './dates.js';
import { checkWith, fieldIssues, issueList } from './issues.js';
import { message, type Message, type MessageId, type Params } from './messages/index.js';
import { plainText } from './text.js';
import { type CountyUnits, type OutOfScope, SCOPE_REASONS, type ScopeReason } from './registry-read.js';

export {
  type CountyUnits,
  inScope,
  type OutOfScope,
  type RegistryVersionRef,
  SCOPE_REASONS,
  type ScopeReason,
  unfinishedVersion,
  unitCounts,
  versionOn,
} from './registry-read.js';

export const CHANGE_KINDS = {
  add: { zh: '新增', en: 'Added' },
  remove: { zh: '撤销', en: 'Removed' },
  rename: { zh: '更名', en: 'Renamed' },
  merge: { zh: '合并', en: 'Merged into' },
  split: { zh: '拆分', en: 'Split from' },
  recode: { zh: '代码变更', en: 'Code changed' },
  exclude: { zh: '移出方案范围', en: 'Out of the programme scope' },
  include: { zh: '纳入方案范围', en: 'Into the programme scope' },
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

/**
 * One change. `target`: the surviving community of a merge, the community a new one is split from,
 * the new code of a recode. `code` is a township (9 digits) for add/rename/remove of a township.
 */
export interface RegistryChange {
  row: number;
  kind: ChangeKind;
  code: string;
  name?: string;
  target?: string;
  scopeReason?: ScopeReason;
  reason: string;
}

export interface ChangeError {
  row: number;
  code: string;
  message: Message;
}

const TOWNSHIP = /^\d{9}$/;
const COMMUNITY = /^\d{12}$/;
const kindOf = (value: string): ChangeKind | undefined =>
  (Object.keys(CHANGE_KINDS) as ChangeKind[]).find((k) => k === value || CHANGE_KINDS[k].zh === value);
const scopeReasonOf = (value: string): ScopeReason | undefined =>
  (Object.keys(SCOPE_REASONS) as ScopeReason[]).find(
    (k) => k === value || SCOPE_REASONS[k].zh === value || SCOPE_REASONS[k].zh.split('（')[0] === value,
  );

/** A unit's name, in any registry input (a change row, a full edition): the rules of every text, at most 50 characters. */
export const unitName = () => plainText(50);

/** A vocabulary's words as one list, in both languages (新增、撤销…). */
/** The values a cell accepts, as a refusal lists them: the Chinese words in Chinese, the keys (accepted as well) in English. */
const listOf = (words: Record<string, { zh: string; en: string }>) => ({
  zh: Object.values(words)
    .map((w) => w.zh)
    .join('、'),
  en: Object.keys(words).join(', '),
});

const changeShape = z
  .object({
    kind: z
      .string({ error: 'registry.kind.required' })
      .trim()
      .transform((v, ctx) => {
        const k = kindOf(v);
        if (!k)
          ctx.addIssue({
            code: 'custom',
            message: 'registry.kind.invalid',
            params: { value: v.slice(0, 20), kinds: listOf(CHANGE_KINDS) },
          });
        return k as ChangeKind;
      }),
    code: z
      .string({ error: 'registry.code.required' })
      .trim()
      .regex(/^(\d{9}|\d{12})$/, { error: 'registry.code.format' }),
    name: unitName().optional(),
    target: z
      .string()
      .trim()
      .regex(/^\d{12}$/, { error: 'registry.target.format' })
      .optional(),
    scopeReason: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const r = scopeReasonOf(v);
        if (!r)
          ctx.addIssue({
            code: 'custom',
            message: 'registry.scopeReason.invalid',
            params: { value: v.slice(0, 20), reasons: listOf(SCOPE_REASONS) },
          });
        return r as ScopeReason;
      })
      .optional(),
    reason: plainText(200),
  })
  .strict();

/** The names of a change row's fields, in both languages. */
const REGISTRY_LABELS: Record<string, { zh: string; en: string }> = {
  name: { zh: '名称', en: 'Name' },
  reason: { zh: '变更原因', en: 'Reason for the change' },
};
const registryLabel = (path: string) => REGISTRY_LABELS[path] ?? path;

/**
 * Parses raw rows (from JSON or a spreadsheet) into changes, or the errors of every bad row.
 * `rowOf`: the row number each is reported by (a file's own row numbers; by default 1, 2, …).
 */
export function parseChanges(
  raw: unknown[],
  rowOf: (i: number) => number = (i) => i + 1,
): { changes: RegistryChange[]; errors: ChangeError[] } {
  const changes: RegistryChange[] = [];
  const errors: ChangeError[] = [];
  raw.forEach((value, i) => {
    const row = rowOf(i);
    const blankless =
      value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== '' && v !== null && v !== undefined))
        : value;
    const parsed = checkWith(changeShape, blankless);
    const code = String((value as Record<string, unknown> | null)?.code ?? '');
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error.issues, registryLabel);
      errors.push({
        row,
        code,
        message: issues.length === 1 ? issues[0].message : message('registry.row.issues', { issues: issueList(issues) }),
      });
      return;
    }
    changes.push({ row, ...parsed.data } as RegistryChange);
  });
  return { changes, errors };
}

/** The registry as one lookup: every unit by code, and each county's record. */
export interface Working {
  counties: Map<string, CountyUnits>;
  townships: Map<string, string>;
  communities: Map<string, string>;
  outOfScope: Map<string, OutOfScope>;
}

export function working(counties: Iterable<CountyUnits>): Working {
  const w: Working = { counties: new Map(), townships: new Map(), communities: new Map(), outOfScope: new Map() };
  for (const c of counties) {
    w.counties.set(c.code, c);
    for (const [code, name] of c.townships) w.townships.set(code, name);
    for (const [code, name] of c.communities) w.communities.set(code, name);
    for (const [code, o] of Object.entries(c.outOfScope ?? {})) w.outOfScope.set(code, o);
  }
  return w;
}

const isTownship = (code: string) => TOWNSHIP.test(code);
const exists = (w: Working, code: string) => (isTownship(code) ? w.townships.has(code) : w.communities.has(code));

/**
 * Checks a change set against the registry it applies to, change by change as if applied in row
 * order: every row that cannot apply gets its reason, in Chinese. Empty when the set is sound.
 */
/** The rows of a change set naming a unit (or a target) outside the programme's area: no programme changes another's registry. */
export function outsideArea(changes: RegistryChange[], area: string): ChangeError[] {
  return changes
    .filter((c) => !inArea(area, c.code) || (c.target !== undefined && !inArea(area, c.target)))
    .map((c) => {
      const code = inArea(area, c.code) ? c.target! : c.code;
      return { row: c.row, code, message: message('registry.change.outside', { code, area }) };
    });
}

export function validateChanges(counties: Iterable<CountyUnits>, changes: RegistryChange[]): ChangeError[] {
  const w = working(counties);
  const errors: ChangeError[] = [];
  const seen = new Map<string, number>();
  // Codes that this set takes away (removed, merged, recoded): nothing may land on them.
  const goneAt = new Map<string, number>();
  for (const c of changes) if (c.kind === 'remove' || c.kind === 'merge' || c.kind === 'recode') goneAt.set(c.code, c.row);
  const fail = (c: RegistryChange, id: MessageId, params: Params = {}) =>
    errors.push({ row: c.row, code: c.code, message: message(id, { code: c.code, ...params }) });
  for (const c of changes) {
    const unit = isTownship(c.code) ? UNITS.township : UNITS.community;
    const kind = CHANGE_KINDS[c.kind];
    const earlier = seen.get(c.code);
    if (earlier !== undefined) {
      fail(c, 'registry.row.duplicate', { row: earlier });
      continue;
    }
    seen.set(c.code, c.row);
    const countyCode = c.code.slice(0, 6);
    if (!w.counties.has(countyCode)) {
      fail(c, 'registry.row.countyUnknown', { county: countyCode });
      continue;
    }
    const community = COMMUNITY.test(c.code);
    if (!community && !['add', 'rename', 'remove'].includes(c.kind)) {
      fail(c, 'registry.row.communityOnly', { kind });
      continue;
    }
    const needsName = c.kind === 'add' || c.kind === 'rename' || c.kind === 'split';
    if (needsName && !c.name) {
      fail(c, 'registry.row.nameRequired', { kind });
      continue;
    }
    const needsTarget = c.kind === 'merge' || c.kind === 'split' || c.kind === 'recode';
    if (needsTarget && !c.target) {
      fail(c, 'registry.row.targetRequired', { kind });
      continue;
    }
    switch (c.kind) {
      case 'add':
      case 'split': {
        if (exists(w, c.code)) {
          fail(c, 'registry.row.exists', { unit });
          continue;
        }
        if (community && !w.townships.has(c.code.slice(0, 9))) {
          fail(c, 'registry.row.townshipMissing', { township: c.code.slice(0, 9) });
          continue;
        }
        if (c.kind === 'split' && !w.communities.has(c.target!)) {
          fail(c, 'registry.row.splitSourceMissing', { target: c.target! });
          continue;
        }
        if (c.kind === 'split' && goneAt.has(c.target!)) {
          fail(c, 'registry.row.splitSourceGone', { target: c.target!, row: goneAt.get(c.target!)! });
          continue;
        }
        (isTownship(c.code) ? w.townships : w.communities).set(c.code, c.name!);
        break;
      }
      case 'remove': {
        if (!exists(w, c.code)) {
          fail(c, 'registry.row.removeMissing', { unit });
          continue;
        }
        if (!community && [...w.communities.keys()].some((k) => k.startsWith(c.code))) {
          fail(c, 'registry.row.townshipNotEmpty');
          continue;
        }
        (community ? w.communities : w.townships).delete(c.code);
        break;
      }
      case 'rename': {
        if (!exists(w, c.code)) {
          fail(c, 'registry.row.renameMissing', { unit });
          continue;
        }
        if ((community ? w.communities : w.townships).get(c.code) === c.name) {
          fail(c, 'registry.row.renameSame', { unit, name: c.name! });
          continue;
        }
        (community ? w.communities : w.townships).set(c.code, c.name!);
        break;
      }
      case 'merge': {
        if (!w.communities.has(c.code)) {
          fail(c, 'registry.row.mergeMissing');
          continue;
        }
        if (c.target === c.code) {
          fail(c, 'registry.row.mergeSelf');
          continue;
        }
        if (!w.communities.has(c.target!)) {
          fail(c, 'registry.row.mergeTargetMissing', { target: c.target! });
          continue;
        }
        if (goneAt.has(c.target!)) {
          fail(c, 'registry.row.mergeTargetGone', { target: c.target!, row: goneAt.get(c.target!)! });
          continue;
        }
        w.communities.delete(c.code);
        break;
      }
      case 'recode': {
        if (!w.communities.has(c.code)) {
          fail(c, 'registry.row.recodeMissing');
          continue;
        }
        if (exists(w, c.target!)) {
          fail(c, 'registry.row.recodeTaken', { target: c.target! });
          continue;
        }
        if (!w.counties.has(c.target!.slice(0, 6))) {
          fail(c, 'registry.row.recodeCounty', { target: c.target! });
          continue;
        }
        if (!w.townships.has(c.target!.slice(0, 9))) {
          fail(c, 'registry.row.recodeTownship', { target: c.target!, township: c.target!.slice(0, 9) });
          continue;
        }
        // The new code is taken by this change: a later row may not change it again (its team would be written twice at once).
        seen.set(c.target!, c.row);
        w.communities.set(c.target!, w.communities.get(c.code)!);
        w.communities.delete(c.code);
        // The scope mark goes with the unit, as applyChanges moves it.
        if (w.outOfScope.has(c.code)) {
          w.outOfScope.set(c.target!, w.outOfScope.get(c.code)!);
          w.outOfScope.delete(c.code);
        }
        break;
      }
      case 'exclude': {
        if (!w.communities.has(c.code)) {
          fail(c, 'registry.row.communityMissing');
          continue;
        }
        if (!c.scopeReason) {
          fail(c, 'registry.row.scopeReasonRequired', { reasons: listOf(SCOPE_REASONS) });
          continue;
        }
        if (w.outOfScope.has(c.code)) {
          fail(c, 'registry.row.alreadyOut');
          continue;
        }
        w.outOfScope.set(c.code, { reason: c.scopeReason });
        break;
      }
      case 'include': {
        if (!w.communities.has(c.code)) {
          fail(c, 'registry.row.communityMissing');
          continue;
        }
        if (!w.outOfScope.has(c.code)) {
          fail(c, 'registry.row.alreadyIn');
          continue;
        }
        w.outOfScope.delete(c.code);
        break;
      }
    }
  }
  return errors.sort((a, b) => a.row - b.row);
}

const byCode = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);

/**
 * The counties a (validated) change set alters, as they stand after it. Units keep code order; a
 * recoded or merged unit's scope mark follows it or goes with it.
 */
export function applyChanges(counties: Iterable<CountyUnits>, changes: RegistryChange[]): CountyUnits[] {
  const all = new Map([...counties].map((c) => [c.code, structuredClone(c)]));
  const touched = new Set<string>();
  const county = (code: string) => {
    touched.add(code.slice(0, 6));
    return all.get(code.slice(0, 6))!;
  };
  const list = (c: CountyUnits, code: string) => (isTownship(code) ? c.townships : c.communities);
  const drop = (code: string) => {
    const c = county(code);
    const l = list(c, code);
    l.splice(
      l.findIndex(([k]) => k === code),
      1,
    );
    if (c.outOfScope) delete c.outOfScope[code];
  };
  for (const ch of changes) {
    const c = county(ch.code);
    switch (ch.kind) {
      case 'add':
      case 'split':
        list(c, ch.code).push([ch.code, ch.name!]);
        break;
      case 'remove':
        drop(ch.code);
        break;
      // The survivor's county is read too: its team (if any) and its scope decide what the merged team does.
      case 'merge':
        drop(ch.code);
        county(ch.target!);
        break;
      case 'rename':
        list(c, ch.code).find(([k]) => k === ch.code)![1] = ch.name!;
        break;
      case 'recode': {
        const name = c.communities.find(([k]) => k === ch.code)![1];
        const mark = c.outOfScope?.[ch.code];
        drop(ch.code);
        const into = county(ch.target!);
        into.communities.push([ch.target!, name]);
        if (mark) into.outOfScope = { ...into.outOfScope, [ch.target!]: mark };
        break;
      }
      case 'exclude':
        c.outOfScope = { ...c.outOfScope, [ch.code]: { reason: ch.scopeReason! } };
        break;
      case 'include':
        delete c.outOfScope![ch.code];
        break;
    }
  }
  return [...touched].sort().map((code) => {
    const c = all.get(code)!;
    return { ...c, townships: [...c.townships].sort(byCode), communities: [...c.communities].sort(byCode) };
  });
}

/** What a team there is, as the plan needs it. */
export interface TeamRef {
  communityCode: string;
  /** Closed, or outside the programme's scope: it does not count. */
  excluded?: Exclusion;
}
export type Exclusion = 'closed' | 'out-of-scope';

export type TeamAction =
  | { kind: 'move'; from: string; to: string; row: number; reason: Message; excluded?: Exclusion }
  | { kind: 'close'; code: string; row: number; reason: Message }
  | { kind: 'scope'; code: string; row: number; reason: Message; excluded: Exclusion | undefined };

/**
 * What a (validated) change set does to teams: a removed community's team is closed (its history
 * kept); a merged community's team moves to the surviving one, or is closed when that one has a
 * team already; a recoded community's team moves to the new code; a team leaving or entering the
 * programme's scope stops or starts counting. Teams elsewhere are untouched.
 */
export function planTeams(changes: RegistryChange[], teams: Iterable<TeamRef>, outOfScopeAfter: (code: string) => boolean): TeamAction[] {
  const active = new Map<string, TeamRef>();
  for (const t of teams) if (t.excluded !== 'closed') active.set(t.communityCode, t);
  const actions: TeamAction[] = [];
  for (const c of changes) {
    const team = active.get(c.code);
    if (!team) continue;
    const reason = message('registry.action.reason', { kind: CHANGE_KINDS[c.kind], reason: c.reason });
    switch (c.kind) {
      case 'remove':
        actions.push({ kind: 'close', code: c.code, row: c.row, reason });
        active.delete(c.code);
        break;
      case 'merge':
      case 'recode': {
        active.delete(c.code);
        if (c.kind === 'merge' && active.has(c.target!)) {
          actions.push({
            kind: 'close',
            code: c.code,
            row: c.row,
            reason: message('registry.action.mergedAway', { reason, target: c.target! }),
          });
          break;
        }
        const excluded = outOfScopeAfter(c.target!) ? ('out-of-scope' as const) : undefined;
        actions.push({ kind: 'move', from: c.code, to: c.target!, row: c.row, reason, ...(excluded ? { excluded } : {}) });
        active.set(c.target!, { communityCode: c.target!, excluded });
        break;
      }
      case 'exclude':
        if (!team.excluded) actions.push({ kind: 'scope', code: c.code, row: c.row, reason, excluded: 'out-of-scope' });
        break;
      case 'include':
        if (team.excluded) actions.push({ kind: 'scope', code: c.code, row: c.row, reason, excluded: undefined });
        break;
      default:
        break;
    }
  }
  return actions;
}

/** DynamoDB holds at most 400 KB in an item; a county's registry record is refused well before it. */
export const MAX_COUNTY_RECORD_BYTES = 300 * 1024;

/** A county's registry record, as stored, is about its JSON: the counties whose record would not fit, before anything is written. */
export function oversizedCounties(counties: CountyUnits[]): { county: string; kb: number }[] {
  return counties
    .map((c) => ({ county: c.code, bytes: new TextEncoder().encode(JSON.stringify(c)).length }))
    .filter((c) => c.bytes > MAX_COUNTY_RECORD_BYTES)
    .map((c) => ({ county: c.county, kb: Math.ceil(c.bytes / 1024) }));
}

/** A registry unit's kind, as a change row's message names it. */
const UNITS = { township: { zh: '乡镇（街道）', en: 'Township' }, community: { zh: '社区', en: 'Community' } };

/** FNV-1a, 32 bits: a stable, documented order for the demo's simulated scope. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The demo's programme scope (simulated, documented in data/SOURCES.md): statistical units are
 * out — names with 虚拟 (virtual communities) or 生活区 (farm and forest-farm living quarters) —
 * and, to reach the plan's count, the remaining excess by ascending FNV-1a hash of the code,
 * marked 方案编制后新设 (simulated). Deterministic: the same registry always gives the same scope.
 */
export function simulatedScope(counties: CountyUnits[], planned: number): Map<string, OutOfScope> {
  const out = new Map<string, OutOfScope>();
  const all = counties.flatMap((c) => c.communities);
  for (const [code, name] of all) {
    if (/虚拟/.test(name)) out.set(code, { reason: 'virtual', simulated: true });
    else if (/生活区/.test(name)) out.set(code, { reason: 'farm', simulated: true });
  }
  const excess = all.length - out.size - planned;
  if (excess > 0) {
    const rest = all.filter(([code]) => !out.has(code)).sort((a, b) => fnv1a(a[0]) - fnv1a(b[0]) || a[0].localeCompare(b[0]));
    for (const [code] of rest.slice(0, excess)) out.set(code, { reason: 'after-plan', simulated: true });
  }
  return out;
}

/**
 * When a change set may take effect: from the first day of the current month (Asia/Shanghai) to
 * today. Never in a month that has ended (its figures stand), never in the future (teams move now).
 */
export function effectiveDateError(effectiveFrom: unknown, today: IsoDate): Message | null {
  if (typeof effectiveFrom !== 'string' || !isIsoDate(effectiveFrom)) return message('registry.effectiveFrom.invalid');
  const first = `${today.slice(0, 7)}-01`;
  if (effectiveFrom < first) return message('registry.effectiveFrom.ended', { date: effectiveFrom, first, today });
  if (effectiveFrom > today) return message('registry.effectiveFrom.future', { date: effectiveFrom, today });
  return null;
}
