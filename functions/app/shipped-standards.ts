// Every standard shipped as data: the programmes' own (app/programmes.ts) and the seeds' others, 赣州's
// and 烈山区's, which no shipped programme judges by and which are kept to compare with and to start a
// new standard from. Loaded with the standards' pages, so no function's cold start carries them.
import ganzhou from '#data/standards/ganzhou-2024.v1.json' with { type: 'json' };
import lieshan from '#data/standards/lieshan-2025.v1.json' with { type: 'json' };
import { standardRef, standardSchema, type Standard } from '#core/standard.js';
import { checked, PROGRAMME_STANDARDS } from './programmes.js';

export const SHIPPED_STANDARDS: Standard[] = [
  ...PROGRAMME_STANDARDS,
  ...[ganzhou, lieshan].map((s, i) => checked(standardSchema, s, `comparison standard #${i}`)),
];

/** A book's standards, with every shipped one it lacks (a programme's book holds the programmes' own). */
export function withShippedStandards(standards: readonly Standard[]): Standard[] {
  const held = new Set(standards.map(standardRef));
  return [...standards, ...SHIPPED_STANDARDS.filter((s) => !held.has(standardRef(s)))];
}
