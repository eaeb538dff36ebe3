// 分年度总结: a county's, a city's or the province's yearly summary — drafted from the figures of
// record when none is stored, saved (If-Match versioned) as the office edits it, submitted once.
// A city's and the province's summaries list their areas' summaries, submitted or not: part of completeness.
import {
  ANNUAL_WORDS,
  annualBody,
  annualDue,
  annualStatus,
  checkSections,
  checkYear,
  draftSections,
  type AnnualFigures,
  type AnnualInput,
  type AnnualScope,
  type AnnualStatus,
} from '#core/annual.js';
import { coverage } from '#core/aggregate.js';
import { monthEnd, type IsoMonth } from '#core/dates.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import { lastEndedMonth, monthEndInstant } from '#core/record.js';
import { versionOn } from '#core/registry.js';
import { reportHistory, reportStatus } from '#core/reporting.js';
import { ruleTitle } from '#core/rules.js';
import { canReadCounty, cityOfCounty, formatScope, type Scope } from '#core/scope.js';
import { sumFigures, type AreaFigures } from '#core/snapshot.js';
import type { StoredAnnual } from '#store/annual.js';
import { firstDay, programmeAt, today, type Deps, rootArea } from './deps.js';
import { verificationFor } from './campaigns.js';
import { monthFigures } from './months.js';
import { reportingRules } from './reports.js';
import type { Caller } from './caller.js';
import { bodyOf } from './input.js';

export type AnnualKind = AnnualScope['kind'];

const scopeKey = (kind: AnnualKind, code: string) => (kind === 'province' ? 'province' : `${kind}:${code}`);

const figuresOf = (f: AreaFigures): AnnualFigures => ({
  communities: f.communities,
  teamsRegistered: f.counters.teamsRegistered,
  teamsMeetingStandard: f.counters.teamsMeetingStandard,
  members: f.counters.members,
  coverage: coverage(f.counters.teamsMeetingStandard, f.communities),
});

/** Who may read an area's summary (anyone who may read the area) and write it (the area's own office; the province for any). */
function access(scope: Scope, kind: AnnualKind, code: string, counties: string[]): { read: boolean; write: boolean } {
  if (scope.kind === 'province') return { read: true, write: true };
  const own = scope.kind === kind && scope.code === code;
  const read = own || counties.every((c) => canReadCounty(scope, c));
  return { read, write: own };
}

/** The counties an area holds, with their names, from the aggregates. */
async function area(deps: Deps, kind: AnnualKind, rawCode: string) {
  const all = await deps.store.listAggregates();
  const counties = all.filter((a) =>
    kind === 'province' ? true : kind === 'city' ? cityOfCounty(a.code) === rawCode : a.code === rawCode,
  );
  if (!counties.length)
    throw new NotFoundError(kind === 'city' ? message('city.unknown', { city: rawCode }) : message('county.none', { county: rawCode }));
  const root = rootArea(deps);
  const name = kind === 'province' ? root.name : kind === 'city' ? counties[0].cityName : `${counties[0].cityName}${counties[0].name}`;
  const scope: AnnualScope = { kind, code: kind === 'province' ? root.code : rawCode, name };
  return { scope, counties };
}

async function draftInput(
  deps: Deps,
  year: number,
  scope: AnnualScope,
  counties: { code: string; name: string; cityCode: string; cityName: string }[],
): Promise<AnnualInput> {
  const lastEnded = lastEndedMonth(deps.clock.now().toISOString());
  const asOfMonth: IsoMonth = `${year}-12` <= lastEnded ? `${year}-12` : lastEnded;
  const [end, start, versions] = await Promise.all([
    monthFigures(deps, asOfMonth),
    monthFigures(deps, `${year - 1}-12`),
    deps.store.listRegistryVersions(),
  ]);
  if (!end) throw new NotFoundError(message('annual.noMonthEnd', { month: asOfMonth, year }));
  const codes = counties.map((c) => c.code);
  const sum = (r: NonNullable<typeof end>) => sumFigures(codes.flatMap((c) => (r.counties[c] ? [r.counties[c]] : [])));
  const endFigures = sum(end);
  const asOf = monthEnd(asOfMonth);
  const programme = programmeAt(deps, asOf);
  const months = Array.from({ length: Number(asOfMonth.slice(5)) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  // Reporting over the year's months: every county's, summed (a city's or the province's record is its counties').
  const byMonth = await Promise.all(months.map(async (m) => new Map((await deps.store.listReports(m)).map((r) => [r.countyCode, r]))));
  const instant = deps.clock.now().toISOString();
  const statuses = months.flatMap((m, i) => codes.map((c) => reportStatus(byMonth[i].get(c), m, reportingRules(deps, m), instant)));
  const lapses =
    scope.kind === 'county'
      ? await deps.store.countLapses(scope.code, monthEndInstant(`${year - 1}-12`), monthEndInstant(asOfMonth))
      : null;
  const inYear = versions.filter((v) => v.effectiveFrom.startsWith(String(year)) && v.version > 1 && v.status === 'applied');
  const changes = (await Promise.all(inYear.map((v) => deps.store.listRegistryChanges(v.version))))
    .flat()
    .filter((c) => codes.some((code) => c.code.startsWith(code) || c.target?.startsWith(code)));
  const ruleSet = programme.ruleSet;
  return {
    year,
    scope,
    asOfMonth,
    end: figuresOf(endFigures),
    start: start ? figuresOf(sum(start)) : null,
    target: programme.maintenance?.target ?? programme.milestones.find((m) => m.due.startsWith(String(year)))?.target ?? null,
    registryVersion: versionOn(versions, asOf)?.version ?? null,
    lapses,
    registryChanges: changes.length,
    reporting: reportHistory(statuses),
    failures: Object.entries(endFigures.counters.failures)
      .sort((a, b) => b[1] - a[1])
      .map(([id, teams]) => ({ title: ruleTitle(ruleSet, id).zh, teams })),
    verification: await verificationFor(deps, year, codes, scope.kind === 'county'),
  };
}

/** The statuses of an area's parts (a city's counties, the province's cities and counties) for a year. */
async function parts(
  deps: Deps,
  year: number,
  scope: AnnualScope,
  counties: { code: string; name: string; cityCode: string; cityName: string }[],
) {
  if (scope.kind === 'county') return undefined;
  const stored = new Map((await deps.store.listAnnual(year)).map((a) => [a.scope, a]));
  const on = today(deps.clock);
  const status = (key: string) => annualStatus(stored.get(key) ?? null, year, on);
  const cities =
    scope.kind === 'province'
      ? [...new Map(counties.map((c) => [c.cityCode, c.cityName]))].map(([code, name]) => ({ code, name, status: status(`city:${code}`) }))
      : [];
  return [
    ...cities,
    ...counties.map((c) => ({
      code: c.code,
      name: scope.kind === 'province' ? `${c.cityName}${c.name}` : c.name,
      status: status(`county:${c.code}`),
    })),
  ];
}

function view(year: number, scope: AnnualScope, input: AnnualInput, stored: StoredAnnual | null, on: string, canWrite: boolean) {
  const status: AnnualStatus = annualStatus(stored, year, on);
  const drafted = draftSections(input);
  const sections = drafted.map((s) => ({ ...s, body: stored ? (stored.sections[s.id] ?? '') : s.body, drafted: s.body }));
  const counts = input.parts
    ? Object.fromEntries((Object.keys(ANNUAL_WORDS) as AnnualStatus[]).map((k) => [k, input.parts!.filter((p) => p.status === k).length]))
    : undefined;
  return {
    year,
    scope,
    status,
    words: ANNUAL_WORDS[status],
    due: annualDue(year),
    canWrite: canWrite && status !== 'submitted',
    version: stored?.version ?? null,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
    submittedAt: stored?.submittedAt ?? null,
    submittedBy: stored?.submittedBy ?? null,
    asOfMonth: input.asOfMonth,
    figures: input,
    sections,
    ...(input.parts ? { parts: input.parts.map((p) => ({ ...p, words: ANNUAL_WORDS[p.status] })), completeness: counts } : {}),
  };
}

async function load(deps: Deps, caller: Caller, kind: AnnualKind, rawCode: string, rawYear: string, want: 'read' | 'write') {
  const on = today(deps.clock);
  const year = checkYear(rawYear, Number(firstDay(deps).slice(0, 4)), on);
  const { scope, counties } = await area(deps, kind, rawCode);
  const rights = access(
    caller.scope,
    kind,
    scope.code,
    counties.map((c) => c.code),
  );
  if (!rights[want]) throw new ForbiddenError(message(want === 'read' ? 'annual.read.forbidden' : 'annual.write.forbidden'));
  const input = { ...(await draftInput(deps, year, scope, counties)), parts: await parts(deps, year, scope, counties) };
  const stored = await deps.store.getAnnual(year, scopeKey(kind, scope.code));
  return { on, year, scope, input, stored, rights };
}

/** An area's yearly summary: the stored one, or the tracker's draft (not stored until saved). */
export async function getAnnual(deps: Deps, caller: Caller, kind: AnnualKind, rawCode: string, rawYear: string) {
  const { on, year, scope, input, stored, rights } = await load(deps, caller, kind, rawCode, rawYear, 'read');
  return view(year, scope, input, stored, on, rights.write);
}

/**
 * Saves the office's sections (create: no If-Match; update: the version edited), and with
 * `submit: true` submits it upward: a submitted summary is final.
 */
export async function putAnnual(
  deps: Deps,
  caller: Caller,
  kind: AnnualKind,
  rawCode: string,
  rawYear: string,
  body: unknown,
  ifMatch: number | null,
) {
  const { on, year, scope, input, stored } = await load(deps, caller, kind, rawCode, rawYear, 'write');
  const checked = bodyOf(annualBody, body, (p) => (p === 'submit' ? { zh: '提交', en: 'Submit' } : p));
  const sections = checkSections(checked.sections);
  const submit = checked.submit === true;
  if (submit && input.asOfMonth !== `${year}-12`) {
    throw new ValidationError(message('annual.yearOpen', { year, nextYearStart: `${year + 1}-01-01` }), [
      { field: 'submit', message: message('annual.yearOpen.short') },
    ]);
  }
  if (submit && !sections.overview)
    throw new ValidationError(message('annual.overview.required'), [{ field: 'sections.overview', message: message('field.empty.short') }]);
  if (stored?.submittedAt)
    throw new ConflictError(message('annual.submitted', { year, day: stored.submittedAt.slice(0, 10) }), stored.version);
  if ((stored?.version ?? null) !== ifMatch) {
    throw new ConflictError(
      stored
        ? message('annual.conflict', { version: stored.version, yours: ifMatch ?? message('word.new') })
        : message('annual.ifMatch.none'),
      stored?.version ?? null,
    );
  }
  const now = deps.clock.now().toISOString();
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  const next: StoredAnnual = {
    year,
    scope: scopeKey(kind, scope.code),
    sections,
    figures: input.end,
    asOfMonth: input.asOfMonth,
    version: (stored?.version ?? 0) + 1,
    updatedAt: now,
    updatedBy: by,
    ...(submit ? { submittedAt: now, submittedBy: by } : {}),
  };
  if (!(await deps.store.putAnnual(next))) {
    const current = await deps.store.getAnnual(year, next.scope);
    throw new ConflictError(message('annual.conflict.latest', { version: current?.version ?? '—' }), current?.version ?? null);
  }
  return view(year, scope, input, next, on, true);
}
