// A full registry edition (the `data:extract` output): checked like every input, bounded, and turned
// into the change set that takes the registry in force to it. Pure. Only the province's registry
// route uses it, so it loads with that route, not with every read of the registry.
import * as z from 'zod';
import { type FieldIssue, ValidationError } from './errors.js';
import { checkWith, fieldIssues, issueList } from './issues.js';
import { listed, message } from './messages/index.js';
import { type CountyUnits, type RegistryChange, unitName, working } from './registry.js';

/**
 * A full edition's bounds. It replaces a registry with the official list, so its count of changes
 * is not capped (a province's first load is tens of thousands of additions); its units are: the
 * largest province lists about 70,000 villages and communities, 2,000 townships, 200 counties.
 */
export const EDITION_LIMITS = { counties: 400, townships: 5_000, communities: 100_000 } as const;

const units = (digits: number, max: number) =>
  z.array(z.tuple([z.string().regex(new RegExp(`^\\d{${digits}}$`), { error: 'registry.edition.code' }), unitName()])).max(max);

/** A full registry edition (the `data:extract` output's shape: its province and cities are read from the registry in force, not from it). */
export const editionSchema = z
  .object({
    source: z.string().max(200).optional(),
    province: z.unknown().optional(),
    cities: z.unknown().optional(),
    counties: units(6, EDITION_LIMITS.counties).min(1),
    townships: units(9, EDITION_LIMITS.townships),
    communities: units(12, EDITION_LIMITS.communities),
  })
  .strict();
export type RegistryEdition = Pick<z.infer<typeof editionSchema>, 'source' | 'counties' | 'townships' | 'communities'>;

const UNIT_KINDS: Record<string, { zh: string; en: string }> = {
  counties: { zh: '县（市、区）', en: 'county' },
  townships: { zh: '乡镇（街道）', en: 'township' },
  communities: { zh: '社区（村）', en: 'community' },
};

/** Checks a full edition: its shape, each code, each name under the rules of every text, its bounds. The issues name the unit. */
export function parseEdition(value: unknown): RegistryEdition {
  const parsed = checkWith(editionSchema, value);
  if (parsed.success) {
    // A code listed twice would be read as one unit under its last name: the edition is wrong, not renamed.
    const issues: FieldIssue[] = [];
    for (const list of ['counties', 'townships', 'communities'] as const) {
      const seen = new Set<string>();
      for (const [i, [code]] of parsed.data[list].entries()) {
        if (seen.has(code))
          issues.push({ field: `${list}.${i}.0`, message: message('registry.edition.duplicate', { kind: UNIT_KINDS[list], code }) });
        seen.add(code);
      }
    }
    if (issues.length)
      throw new ValidationError(message('registry.edition.invalid', { issues: issueList(issues.slice(0, 5)) }), issues.slice(0, 20));
    return parsed.data;
  }
  const data = value as Record<string, unknown[][] | undefined>;
  const labelOf = (path: string) => {
    const [list, i, part] = path.split('.');
    const code = data?.[list]?.[Number(i)]?.[0];
    if (!UNIT_KINDS[list] || i === undefined) return path;
    return part === '1' && typeof code === 'string'
      ? message('registry.edition.unitName', { kind: UNIT_KINDS[list], code: code.slice(0, 12) })
      : message('registry.edition.unitRow', { kind: UNIT_KINDS[list], row: Number(i) + 1 });
  };
  // An edition is tens of thousands of rows: the first few wrong ones say what to fix.
  const issues = fieldIssues(parsed.error.issues.slice(0, 20), labelOf, '(edition)');
  throw new ValidationError(message('registry.edition.invalid', { issues: issueList(issues.slice(0, 5)) }), issues);
}

/**
 * The change set that turns the registry in force into a newer full edition: townships and
 * communities added, removed and renamed; a removed and an added community with the same name in
 * the same township is read as a code change (its team moves). Counties themselves are not changed.
 */
export function diffEdition(counties: Iterable<CountyUnits>, edition: RegistryEdition, reason: string): RegistryChange[] {
  const w = working(counties);
  // A county's own code or name change (横县 → 横州市) would read as every unit removed: not a change set this can express.
  const known = new Set(w.counties.keys());
  const theirs = new Set(edition.counties.map(([code]) => code));
  const missing = [...known].filter((c) => !theirs.has(c));
  const unknown = [...theirs].filter((c) => !known.has(c) && c.startsWith([...known][0]?.slice(0, 2) ?? ''));
  if (missing.length || unknown.length) {
    throw new ValidationError(
      message('registry.edition.counties', {
        missing: missing.length ? listed(missing.slice(0, 5)) : message('word.none'),
        added: unknown.length ? listed(unknown.slice(0, 5)) : message('word.none'),
      }),
    );
  }
  const inCounty = (code: string) => w.counties.has(code.slice(0, 6));
  const nextTownships = new Map(edition.townships.filter(([c]) => inCounty(c)));
  const nextCommunities = new Map(edition.communities.filter(([c]) => inCounty(c)));
  const out: Omit<RegistryChange, 'row'>[] = [];
  for (const [code, name] of nextTownships) {
    if (!w.townships.has(code)) out.push({ kind: 'add', code, name, reason });
    else if (w.townships.get(code) !== name) out.push({ kind: 'rename', code, name, reason });
  }
  const removed = [...w.communities].filter(([code]) => !nextCommunities.has(code));
  const added = [...nextCommunities].filter(([code]) => !w.communities.has(code));
  const recodedTo = new Map<string, string>();
  // A unit that reappears under another code with the same name in its county (a township merger renumbers its villages) moved: prefer its own township.
  // Same-township matches first, for every removed unit; only then a unique match elsewhere in the county (same names recur: 大同村 in two townships).
  const taken = new Set<string>();
  // The added units by township and name, and by county and name, in the edition's order: a lookup per removed unit, not a
  // scan of every added one (a renumbering of 100,000 units took 40 s that way, past the write function's time).
  const addedBy = (area: (code: string) => string) => {
    const index = new Map<string, string[]>();
    for (const [code, name] of added) {
      const key = `${area(code)}|${name}`;
      const list = index.get(key);
      if (list) list.push(code);
      else index.set(key, [code]);
    }
    return index;
  };
  const township = (code: string) => code.slice(0, 9);
  const county = (code: string) => code.slice(0, 6);
  const byArea = { township: addedBy(township), county: addedBy(county) };
  for (const sameTownship of [true, false]) {
    const area = sameTownship ? township : county;
    const index = sameTownship ? byArea.township : byArea.county;
    for (const [code, name] of removed) {
      if (recodedTo.has(code)) continue;
      const candidates = (index.get(`${area(code)}|${name}`) ?? []).filter((n) => !taken.has(n));
      const match = sameTownship ? candidates[0] : candidates.length === 1 ? candidates[0] : undefined;
      if (match) {
        recodedTo.set(code, match);
        taken.add(match);
      }
    }
  }
  const recodeTargets = new Set(recodedTo.values());
  for (const [code, name] of added) if (!recodeTargets.has(code)) out.push({ kind: 'add', code, name, reason });
  for (const [code, name] of nextCommunities)
    if (w.communities.has(code) && w.communities.get(code) !== name) out.push({ kind: 'rename', code, name, reason });
  for (const [code] of removed) {
    const to = recodedTo.get(code);
    out.push(to ? { kind: 'recode', code, target: to, reason } : { kind: 'remove', code, reason });
  }
  for (const [code] of w.townships) if (!nextTownships.has(code)) out.push({ kind: 'remove', code, reason });
  return out.map((c, i) => ({ row: i + 1, ...c }));
}
