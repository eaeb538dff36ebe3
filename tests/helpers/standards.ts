// Variants of a standard for tests: one rule's parameters changed (a stricter reading, a higher
// threshold), and deps that judge by such a variant in place of the shipped version.
import { depsWith, type Deps } from '#app/deps.js';
import { GUANGXI_BOOK } from '#app/programmes.js';
import type { RuleDef, RuleKind, Standard } from '#core/standard.js';

/** The standard with its (first) rule of `kind` patched. */
export function withRule<K extends RuleKind>(standard: Standard, kind: K, patch: Partial<Extract<RuleDef, { kind: K }>>): Standard {
  const i = standard.rules.findIndex((r) => r.kind === kind);
  if (i < 0) throw new Error(`standard ${standard.id} has no ${kind} rule`);
  return { ...standard, rules: standard.rules.map((r, j) => (j === i ? ({ ...r, ...patch } as RuleDef) : r)) };
}

/** The same deps, with `standard` in place of the version of the same id and number in their book. */
export function withStandard(deps: Deps, standard: Standard): Deps {
  const book = deps.book ?? GUANGXI_BOOK;
  const standards = book.standards.map((s) => (s.id === standard.id && s.version === standard.version ? standard : s));
  return depsWith({ store: deps.store, clock: deps.clock, metrics: deps.metrics, book: { ...book, standards } });
}

/** A standard of one rule (its title and source filled in), to test a rule kind on its own. */
export const oneRule = (rule: Omit<RuleDef, 'title' | 'source'> & Record<string, unknown>): Standard => ({
  id: 'test',
  version: 1,
  title: { zh: '测试', en: 'Test' },
  effectiveFrom: '2021-01-01',
  source: { document: '测试' },
  dates: { earliest: '2000-01-01', insuranceYearsAhead: 5 },
  rules: [{ title: { zh: '规则', en: 'Rule' }, source: { document: '测试', basis: 'text' }, ...rule } as RuleDef],
});
