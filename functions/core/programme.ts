// Programmes (计划) as data: region, milestones, phases, the standards they use and what follows
// their last milestone. Each is a versioned document the province owns; the book of them says which
// programme, and which standard version, is in force on a day. Pure.
import * as z from 'zod';
import { AREA_CODE, areaWords, type RootArea } from './area.js';
import { isIsoDate, type IsoDate } from './dates.js';
import { standardRef, type Standard, type Text } from './standard.js';
import { bilingualText, plainText } from './text.js';

export type { Text } from './standard.js';

// A programme's words reach every screen and email: the rules of every text (core/text.ts).
const text = (max = 300) => bilingualText(max);
const isoDate = z.string().refine(isIsoDate, { error: 'field.notDate' });

export const programmeDocSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
    version: z.int().min(1).max(999),
    name: text(),
    /** The area it covers, by its code: a province (2 digits), a city (4) or a county (6). */
    region: z.string().regex(AREA_CODE),
    /** The area's name as the registry gives it (广西壮族自治区): its documents' wording follows it (全区, 自治区). */
    regionName: z.string().min(2).max(40).optional(),
    start: isoDate,
    end: isoDate.optional(),
    /** The programme's own count of communities (the registry may list more). */
    plannedCommunities: z.int().min(1),
    plannedCounties: z.int().min(1),
    source: z.object({ document: plainText(200), clause: plainText(300).optional() }).strict(),
    milestones: z.array(z.object({ due: isoDate, target: z.number().gt(0).max(1) }).strict()).max(20),
    /** After the last milestone (or in a programme without any): keep at least this share at each year end. */
    maintenance: z
      .object({ target: z.number().gt(0).max(1), basis: z.enum(['text', 'interpretation']), note: text(600).optional() })
      .strict()
      .optional(),
    phases: z.array(z.object({ id: z.string().min(1).max(40), name: text(40), from: isoDate, to: isoDate }).strict()).max(20),
    /** The standards it judges teams by, by id and version; the one in force on a day is the latest published effective by then. */
    standards: z.array(z.object({ id: z.string(), version: z.int().min(1) }).strict()).min(1),
    inspections: z
      .object({ name: text(40), month: z.int().min(1).max(12) })
      .strict()
      .optional(),
    summaries: z
      .object({ name: text(40), dueMonth: z.int().min(1).max(12) })
      .strict()
      .optional(),
    /** Monthly reporting by counties: due by 24:00 on `deadlineDay`, a reminder `remindDaysBefore` days earlier, tracked from `from`. */
    reporting: z
      .object({
        deadlineDay: z.int().min(1).max(28).default(25),
        remindDaysBefore: z.int().min(0).max(20).default(3),
        from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ProgrammeDoc = z.infer<typeof programmeDocSchema>;

export interface Milestone {
  due: IsoDate;
  /** Share of communities whose team meets the standard, 0..1. */
  target: number;
}

export interface Phase {
  id: string;
  name: Text;
  from: IsoDate;
  to: IsoDate;
}

/** A programme as the tracker uses it on a day: its document, and the standard in force then. */
export interface Programme extends ProgrammeDoc {
  /** The region's code, as the older code names it. */
  provinceCode: string;
  /** The programme's root area: its code, name and words. */
  area: RootArea & { name: string };
  /** The standard (rule set) in force on the day the programme was resolved for. */
  ruleSet: Standard;
}

/** Every programme and standard version known, and which is in force when. */
export interface ProgrammeBook {
  programmes: ProgrammeDoc[];
  standards: Standard[];
}

/** The programme in force on a day: the latest one started by then (the first before any has). */
export function programmeDocOn(book: ProgrammeBook, date: IsoDate): ProgrammeDoc {
  const sorted = [...book.programmes].sort((a, b) => a.start.localeCompare(b.start));
  return [...sorted].reverse().find((p) => p.start <= date) ?? sorted[0];
}

/**
 * The standard in force on a day for a programme: of the versions of its standards, the latest
 * one effective by then (the earliest, before any is).
 */
export function standardOn(book: ProgrammeBook, programme: ProgrammeDoc, date: IsoDate): Standard {
  const ids = new Set(programme.standards.map((s) => s.id));
  const candidates = book.standards
    .filter((s) => ids.has(s.id))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version);
  if (!candidates.length) throw new Error(`programme ${programme.id} has no published standard`);
  return [...candidates].reverse().find((s) => s.effectiveFrom <= date) ?? candidates[0];
}

/** A programme's root area, named as its document names it (by its code when it does not). */
export function rootAreaOf(doc: Pick<ProgrammeDoc, 'region' | 'regionName'>): RootArea & { name: string } {
  const name = doc.regionName ?? doc.region;
  return { code: doc.region, name, words: areaWords(doc.region, name) };
}

export function programmeOn(book: ProgrammeBook, date: IsoDate): Programme {
  const doc = programmeDocOn(book, date);
  return { ...doc, provinceCode: doc.region, area: rootAreaOf(doc), ruleSet: standardOn(book, doc, date) };
}

/** The first day any programme of the book began: the tracker's history starts here. */
export const historyStart = (book: ProgrammeBook): IsoDate => [...book.programmes].map((p) => p.start).sort()[0];

export function phaseOn(programme: Pick<ProgrammeDoc, 'phases'>, date: IsoDate): Phase | null {
  return programme.phases.find((p) => p.from <= date && date <= p.to) ?? null;
}

/**
 * Every target of the book up to `until`, in date order: each programme's milestones, then, for a
 * programme with a maintenance target, that target at each year end from its start until the next
 * programme starts (a trend chart's marks).
 */
export function targetsThrough(book: Pick<ProgrammeBook, 'programmes'>, until: IsoDate): Milestone[] {
  const sorted = [...book.programmes].sort((a, b) => a.start.localeCompare(b.start));
  const out: Milestone[] = [];
  sorted.forEach((p, i) => {
    const next = sorted[i + 1]?.start ?? '9999-12-31';
    out.push(...p.milestones.filter((m) => m.due < next));
    if (!p.maintenance) return;
    const after =
      p.milestones
        .map((m) => m.due)
        .sort()
        .pop() ?? p.start;
    for (let y = Number(after.slice(0, 4)); `${y}-12-31` <= until; y++) {
      const due = `${y}-12-31`;
      if (due > after && due >= p.start && due < next) out.push({ due, target: p.maintenance.target });
    }
  });
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

/**
 * The thresholds of a standard under the names the API gave them before standards were data
 * (ruleSet.params): outside tools read them; a standard without such a rule leaves its key out.
 */
export function legacyParams(standard: Standard) {
  const rule = <K extends Standard['rules'][number]['kind']>(kind: K) =>
    standard.rules.find((r) => r.kind === kind) as Extract<Standard['rules'][number], { kind: K }> | undefined;
  const members = rule('min-members');
  const training = rule('trained-within');
  const insurance = rule('insurance');
  return {
    ...(members ? { minMembers: members.min } : {}),
    ...(training ? { trainingWithinMonths: training.months } : {}),
    ...(insurance ? { insuranceCoversEndDate: insurance.coversEndDate } : {}),
    earliestDate: standard.dates.earliest,
    insuranceYearsAhead: standard.dates.insuranceYearsAhead,
  };
}

/**
 * The programme as the API describes it: its document, the standard in force with every rule's
 * words, parameters and source, and (over a book) every version of the programme's standards and
 * every programme, so a reader sees what came before and what is published to come.
 */
export function describeProgramme(programme: Programme, book?: ProgrammeBook) {
  const { ruleSet, ...doc } = programme;
  const ids = new Set(programme.standards.map((s) => s.id));
  return {
    ...doc,
    ruleSet: { ...ruleSet, ref: standardRef(ruleSet), params: legacyParams(ruleSet) },
    versions: (book?.standards ?? [ruleSet])
      .filter((s) => ids.has(s.id))
      .map((s) => ({
        id: s.id,
        version: s.version,
        ref: standardRef(s),
        title: s.title,
        effectiveFrom: s.effectiveFrom,
        inForce: standardRef(s) === standardRef(ruleSet),
      }))
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version),
    programmes: (book?.programmes ?? [doc])
      .map((p) => ({ id: p.id, version: p.version, name: p.name, start: p.start, end: p.end ?? null, inForce: p.id === doc.id }))
      .sort((a, b) => a.start.localeCompare(b.start)),
  };
}

/**
 * The book the tracker judges by: the shipped documents (data/) and those the province published
 * into the table. A version is never published twice; should one be, the table's wins, as the later act.
 */
export function mergeBook(shipped: ProgrammeBook, published: Partial<ProgrammeBook>): ProgrammeBook {
  const byKey = <T extends { id: string; version: number }>(a: T[], b: T[]) => [
    ...new Map([...a, ...b].map((d) => [`${d.id}#${d.version}`, d])).values(),
  ];
  return {
    programmes: byKey(shipped.programmes, published.programmes ?? []),
    standards: byKey(shipped.standards, published.standards ?? []),
  };
}
