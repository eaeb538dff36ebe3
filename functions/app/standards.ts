// The province's standards as versioned documents: list them, read a version, draft the next one,
// preview what a draft would do on a day, publish it to take effect on a later day. Province only.
// A version is never edited: a correction is the next version; past months keep their verdicts.
import { addDays, isIsoDate } from '#core/dates.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import { previewDraft, type PreviewTeam } from '#core/preview.js';
import { programmeDocOn, standardOn } from '#core/programme.js';
import { formatScope } from '#core/scope.js';
import { columnIssues } from '#core/columns.js';
import { nextVersion, parseStandard, publishIssues, standardFields, standardRef, type Standard } from '#core/standard.js';
import type { StandardDraft } from '#store/standards.js';
import { today, type Deps } from './deps.js';
import { SHIPPED_STANDARDS, withShippedStandards } from './shipped-standards.js';
import type { Caller } from './caller.js';
import { bodyOf } from './input.js';
import { previewBody, publishBody } from '#contract/bodies.js';

/** Counties read at once by a preview. */
const CONCURRENCY = 8;

function assertProvince(caller: Caller) {
  if (caller.scope.kind !== 'province') throw new ForbiddenError(message('standard.notProvince'));
}

const by = (caller: Caller) => `${formatScope(caller.scope)}/${caller.user}`;

/** A document as submitted, checked under its id and version; a malformed one is refused with every field's issue in Chinese. */
function checkedStandard(body: unknown, id: string, version: number, effectiveFrom: string): Standard {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError(message('standard.body.notObject'));
  const doc = { effectiveFrom, ...(body as Record<string, unknown>), id, version };
  const parsed = parseStandard(doc);
  if (!parsed.ok) throw new ValidationError(message('standard.invalid'), parsed.issues);
  const columns = columnIssues(standardFields(parsed.standard));
  if (columns.length) throw new ValidationError(message('standard.invalid.columns'), columns);
  return parsed.standard;
}

function positiveInt(raw: string, what: { zh: string; en: string }): number {
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new ValidationError(message('number.positive', { what, raw: raw.slice(0, 20) }));
  return Number(raw);
}

/** The standards a root office may read and build on: its book's, and every shipped one (the seeds', for comparison and reuse). */
const standardsOf = (deps: Deps) => withShippedStandards(deps.book.standards);

/** Every standard in the book: its versions (shipped or published, which is in force today) and its drafts. */
export async function listStandards(deps: Deps, caller: Caller) {
  assertProvince(caller);
  const [published, drafts] = await Promise.all([deps.store.readBook(), deps.store.listDrafts()]);
  const meta = new Map(published.standards.map((p) => [standardRef(p.standard), p]));
  const shipped = new Set(SHIPPED_STANDARDS.map(standardRef));
  const day = today(deps.clock);
  const programme = programmeDocOn(deps.book, day);
  const current = standardRef(standardOn(deps.book, programme, day));
  const ids = [...new Set([...standardsOf(deps).map((s) => s.id), ...drafts.map((d) => d.id)])].sort();
  return {
    today: day,
    inForce: current,
    standards: ids.map((id) => ({
      id,
      usedBy: deps.book.programmes.filter((p) => p.standards.some((s) => s.id === id)).map((p) => p.id),
      versions: standardsOf(deps)
        .filter((s) => s.id === id)
        .sort((a, b) => a.version - b.version)
        .map((s) => ({
          version: s.version,
          ref: standardRef(s),
          title: s.title,
          effectiveFrom: s.effectiveFrom,
          rules: s.rules.length,
          inForce: standardRef(s) === current,
          shipped: shipped.has(standardRef(s)),
          ...(meta.get(standardRef(s))
            ? { publishedBy: meta.get(standardRef(s))!.publishedBy, publishedAt: meta.get(standardRef(s))!.publishedAt }
            : {}),
        })),
      drafts: drafts
        .filter((d) => d.id === id)
        .map((d) => ({ n: d.n, title: d.doc.title, createdBy: d.createdBy, createdAt: d.createdAt, published: d.published ?? null })),
    })),
  };
}

export async function getStandard(deps: Deps, caller: Caller, id: string, rawVersion: string): Promise<Standard & { ref: string }> {
  assertProvince(caller);
  const version = positiveInt(rawVersion, { zh: '版本号', en: 'The version' });
  const found = standardsOf(deps).find((s) => s.id === id && s.version === version);
  if (!found) throw new NotFoundError(message('standard.version.unknown', { id, version }));
  return { ...found, ref: standardRef(found) };
}

/** Two drafts written at once: the one that lost the number takes the next (a few tries, then 409). */
const DRAFT_TRIES = 5;

async function writeDraft(deps: Deps, caller: Caller, id: string, body: unknown): Promise<StandardDraft> {
  const version = nextVersion(standardsOf(deps), id);
  // A draft without an effective date is checked as if from tomorrow; publishing names the day.
  const doc = checkedStandard(body, id, version, nextDay(deps));
  for (let attempt = 1; ; attempt++) {
    const existing = await deps.store.listDrafts(id);
    const draft: StandardDraft = {
      id,
      n: Math.max(0, ...existing.map((d) => d.n)) + 1,
      doc,
      createdBy: by(caller),
      createdAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.store.putDraft(draft);
      return draft;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= DRAFT_TRIES) throw e;
    }
  }
}

const nextDay = (deps: Deps) => addDays(today(deps.clock), 1);

/** A new standard (an id not used yet), as its first draft. */
export async function createStandard(deps: Deps, caller: Caller, body: unknown): Promise<StandardDraft> {
  assertProvince(caller);
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string')
    throw new ValidationError(message('standard.invalid'), [{ field: 'id', message: message('standard.id.required') }]);
  if (standardsOf(deps).some((s) => s.id === id) || (await deps.store.listDrafts(id)).length) {
    throw new ValidationError(message('standard.exists', { id }), [{ field: 'id', message: message('standard.exists.short', { id }) }]);
  }
  return writeDraft(deps, caller, id, body);
}

/** A draft of a standard's next version: the whole document, checked; nothing is stored when it is malformed. */
export async function createDraft(deps: Deps, caller: Caller, id: string, body: unknown): Promise<StandardDraft> {
  assertProvince(caller);
  if (!standardsOf(deps).some((s) => s.id === id) && !(await deps.store.listDrafts(id)).length)
    throw new NotFoundError(message('standard.unknown', { id }));
  const bodyId = (body as { id?: unknown } | null)?.id;
  if (bodyId !== undefined && bodyId !== id)
    throw new ValidationError(message('standard.id.mismatch', { given: String(bodyId), id }), [
      { field: 'id', message: message('standard.id.expected', { id }) },
    ]);
  return writeDraft(deps, caller, id, body);
}

async function draftOf(deps: Deps, id: string, rawN: string): Promise<StandardDraft> {
  const d = await deps.store.getDraft(id, positiveInt(rawN, { zh: '草案编号', en: 'The draft number' }));
  if (!d) throw new NotFoundError(message('draft.unknown', { id, n: rawN }));
  return d;
}

function effectiveDate(raw: string | undefined, fallback: string | null, field: string): string {
  if (raw === undefined && fallback !== null) return fallback;
  if (raw === undefined)
    throw new ValidationError(message('effectiveDate.required', { field }), [{ field, message: message('effectiveDate.required.short') }]);
  if (typeof raw !== 'string' || !isIsoDate(raw))
    throw new ValidationError(message('date.iso.field', { field }), [{ field, message: message('date.iso.short') }]);
  return raw;
}

/**
 * What the draft would do if it took effect on `asOf` (the draft's effective date by default):
 * every team today, judged on that day under the standard then in force and under the draft.
 */
export async function previewStandardDraft(deps: Deps, caller: Caller, id: string, rawN: string, body: unknown) {
  assertProvince(caller);
  const draft = await draftOf(deps, id, rawN);
  const asOf = effectiveDate(bodyOf(previewBody, body ?? {}).asOf, draft.doc.effectiveFrom, 'asOf');
  const programme = programmeDocOn(deps.book, asOf);
  const inForce = standardOn(deps.book, programme, asOf);
  const aggregates = await deps.store.listAggregates();
  const teams: PreviewTeam[] = [];
  const queue = [...aggregates];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        for (const t of await deps.store.listTeams(a.code))
          teams.push({ communityCode: t.communityCode, countyCode: a.code, team: t.team });
      }
    }),
  );
  const names = new Map(aggregates.map((a) => [a.code, { name: a.name, cityName: a.cityName }]));
  // The version it would become if published now (drafts are numbered before later publications).
  const preview = previewDraft(teams, inForce, { ...draft.doc, version: nextVersion(standardsOf(deps), id), effectiveFrom: asOf }, asOf);
  return {
    ...preview,
    draftNumber: draft.n,
    usedBy: deps.book.programmes.filter((p) => p.standards.some((s) => s.id === id)).map((p) => p.id),
    byCounty: preview.byCounty.map((c) => ({ ...c, ...names.get(c.code) })),
  };
}

/**
 * Publishes a draft as the standard's next version, to take effect on `effectiveFrom` (a later
 * day): the daily job of that day re-evaluates every team under it (or `npm run job:reevaluate`).
 */
export async function publishStandardDraft(deps: Deps, caller: Caller, id: string, rawN: string, body: unknown) {
  assertProvince(caller);
  const draft = await draftOf(deps, id, rawN);
  if (draft.published)
    throw new ValidationError(message('draft.published', { n: draft.n, at: draft.published.at, version: draft.published.version }));
  // Publishing is for good (a version is never withdrawn): the day is named, never defaulted.
  const effectiveFrom = effectiveDate(bodyOf(publishBody, body ?? {}).effectiveFrom, null, 'effectiveFrom');
  const issues = publishIssues(effectiveFrom, standardsOf(deps), id, today(deps.clock));
  if (issues.length) throw new ValidationError(message('standard.publish.date'), issues);
  const standard = checkedStandard({ ...draft.doc, effectiveFrom }, id, nextVersion(standardsOf(deps), id), effectiveFrom);
  const at = deps.clock.now().toISOString();
  await deps.store.publish(draft, standard, by(caller), at);
  await deps.refreshBook?.(true);
  return { ref: standardRef(standard), version: standard.version, effectiveFrom, publishedBy: by(caller), publishedAt: at, draft: draft.n };
}
