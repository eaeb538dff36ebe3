// The programmes and standards shipped as data (data/programmes, data/standards): checked once at
// load, they seed the table and are the book the tracker starts from. The province publishes later
// versions into the table (functions/app/standards.ts); nothing about them lives in code.
import gx2021 from '#data/programmes/gx-2021.json' with { type: 'json' };
import gx2024 from '#data/programmes/gx-2024.json' with { type: 'json' };
import lq2022 from '#data/programmes/lq-2022.json' with { type: 'json' };
import zs2024 from '#data/programmes/zs-2024.json' with { type: 'json' };
import gxStandard from '#data/standards/gx-2021.v1.json' with { type: 'json' };
import longquan from '#data/standards/longquan-2022.v1.json' with { type: 'json' };
import zhangshu from '#data/standards/zhangshu-2024.v1.json' with { type: 'json' };
import { programmeDocSchema, programmeOn, type Programme, type ProgrammeBook, type ProgrammeDoc } from '#core/programme.js';
import { standardSchema, type Standard } from '#core/standard.js';
import { areasOfBook, bookFor, checkProgrammeAreas } from '#core/tenancy.js';

export function checked<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  doc: unknown,
  name: string,
): T {
  const r = schema.safeParse(doc);
  if (!r.success) throw new Error(`${name} is not a valid document: ${r.error.message}`);
  return r.data;
}

/**
 * The programmes shipped: Guangxi's (the three-year plan, then the consolidation years), 龙泉市's
 * (a county's own, seed 004) and 樟树市's (a county's own, seed 003). A deployment runs those it names (PROGRAMMES), each from its own book.
 */
export const SHIPPED_PROGRAMMES: ProgrammeDoc[] = [
  checked(programmeDocSchema, gx2021, 'gx-2021'),
  checked(programmeDocSchema, gx2024, 'gx-2024'),
  checked(programmeDocSchema, lq2022, 'lq-2022'),
  checked(programmeDocSchema, zs2024, 'zs-2024'),
];

/**
 * The standards the shipped programmes judge by (Guangxi's, 龙泉市's, 樟树市's): what every function loads.
 * The seeds' other standards, kept for comparison and reuse, load with the standards' pages (shipped-standards.ts).
 */
export const PROGRAMME_STANDARDS: Standard[] = [gxStandard, longquan, zhangshu].map((s, i) => checked(standardSchema, s, `standard #${i}`));

/** The book as shipped: what a new table is seeded with. */
export const SHIPPED_BOOK: ProgrammeBook = { programmes: SHIPPED_PROGRAMMES, standards: PROGRAMME_STANDARDS };

/** Guangxi's book as shipped: its two programmes and its standard (the local demo's, the tests' and the benchmarks'). */
export const GUANGXI_BOOK: ProgrammeBook = bookFor(SHIPPED_BOOK, gx2021.region);

/** Guangxi 2021–2023 with standard v1, as it stood during the plan (for tests and benchmarks of that period). */
export const GUANGXI_2021: Programme = programmeOn(GUANGXI_BOOK, '2021-06-01');

/** The Guangxi standard v1, as shipped. */
export const GUANGXI_STANDARD_V1: Standard = PROGRAMME_STANDARDS[0];

/**
 * The programmes a deployment or a local tracker runs, from a list of root areas ("45,331181"): each a
 * well-formed area, none inside another (core/tenancy.ts), each one the shipped book has a programme for.
 */
export function shippedProgrammeAreas(list: string): string[] {
  const areas = checkProgrammeAreas(
    list
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  );
  const shipped = areasOfBook(SHIPPED_BOOK);
  const unknown = areas.filter((a) => !shipped.includes(a));
  if (unknown.length) throw new Error(`no programme is shipped for ${unknown.join(', ')}: one of ${shipped.join(', ')}`);
  return areas;
}
