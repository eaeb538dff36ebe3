// Every programme in one deployment: each is rooted at its own area (a province, a city or a county),
// and no two areas overlap, so a county, a city or a community lies in at most one programme. Pure.
import { AREA_CODE, inArea } from './area.js';
import { ValidationError } from './errors.js';
import { message } from './messages/index.js';
import type { ProgrammeBook } from './programme.js';

/** The other area of `areas` that `area` lies in or around (or is), if any: two programmes may not share a unit. */
export function overlapOf(areas: readonly string[], area: string): string | null {
  return areas.find((other) => inArea(other, area) || inArea(area, other)) ?? null;
}

/**
 * The programmes' areas of a deployment, checked: each a province (2 digits), a city (4) or a county
 * (6), none inside or around another; a 400 naming the first that is not.
 */
export function checkProgrammeAreas(areas: readonly string[]): string[] {
  const checked: string[] = [];
  for (const area of areas) {
    if (!AREA_CODE.test(area)) throw new ValidationError(message('programme.area.format', { area }));
    const other = overlapOf(checked, area);
    if (other !== null) throw new ValidationError(message('programme.area.overlap', { area, other }));
    checked.push(area);
  }
  if (!checked.length) throw new ValidationError(message('programme.area.none'));
  return checked;
}

/** The programme a code (a city, a county, a community) lies in, of the deployment's areas; null when none. */
export const programmeOf = (areas: readonly string[], code: string): string | null => areas.find((a) => inArea(a, code)) ?? null;

/**
 * One programme's book as shipped: the versions of its own programme documents (by area), and every
 * shipped standard (the seeds' standards are public documents, kept for comparison and reuse). What a
 * programme publishes later lives under its own keys and is merged into its book alone.
 */
export function bookFor(book: ProgrammeBook, area: string): ProgrammeBook {
  return { programmes: book.programmes.filter((p) => p.region === area), standards: book.standards };
}

/** The areas a book's programmes are rooted at, in the order they first appear. */
export const areasOfBook = (book: ProgrammeBook): string[] => [...new Set(book.programmes.map((p) => p.region))];
