// Every write route whose body takes text a person writes is in the hostile-text corpus: the routes are
// read from the contract's OpenAPI document (string fields that are not a code, a date, an e-mail or a
// choice), so a new route with a text field fails here until the corpus covers it.
import { describe, expect, it } from 'vitest';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { CONTRACT } from '#api/contract.js';
import { openApiDocument } from '#api/openapi.js';
import { textRoutes } from '#tests/reliability/corpus.js';

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; items?: Schema | Schema[] };

/** The dotted paths of a schema's free-text strings (arrays as 0). */
function textPaths(schema: Schema | undefined, resolve: (ref: string) => Schema, at = '', seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (schema.$ref) return seen.has(schema.$ref) ? [] : textPaths(resolve(schema.$ref), resolve, at, new Set([...seen, schema.$ref]));
  const join = (k: string) => (at ? `${at}.${k}` : k);
  const out: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const s of (schema[key] as Schema[] | undefined) ?? []) out.push(...textPaths(s, resolve, at, seen));
  const type = schema.type;
  const isText =
    (type === 'string' || (Array.isArray(type) && type.includes('string'))) &&
    !schema.enum &&
    !('const' in schema) &&
    !schema.format &&
    !schema.pattern;
  if (isText) out.push(at || '(body)');
  for (const [k, v] of Object.entries(schema.properties ?? {})) out.push(...textPaths(v, resolve, join(k), seen));
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const [i, s] of items.entries()) out.push(...textPaths(s, resolve, join(Array.isArray(schema.items) ? String(i) : '0'), seen));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    out.push(...textPaths(schema.additionalProperties as Schema, resolve, join('*'), seen));
  return [...new Set(out)];
}

describe('the input policy covers every route that takes text', () => {
  const doc = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const resolve = (ref: string) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
  const taking = Object.entries(CONTRACT)
    .filter(([, op]) => op.handler === 'write' || op.body)
    .map(([key]) => {
      const [method, path] = key.split(' ');
      const schema = doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      return { key, fields: textPaths(schema, resolve) };
    })
    .filter((r) => r.fields.length);
  const covered = new Set(textRoutes(GUANGXI_STANDARD_V1 as unknown as Record<string, unknown>).map((r) => r.route));

  it('finds the routes that take text (the standards, the team, its reasons, reports, summaries, campaigns, checks, the registry)', () => {
    expect(taking.map((r) => r.key)).toEqual(
      expect.arrayContaining(['POST /api/standards', 'PUT /api/communities/{code}/team', 'POST /api/campaigns']),
    );
  });

  it('each is in the hostile-text corpus (tests/reliability/corpus.ts textRoutes)', () => {
    expect(taking.filter((r) => !covered.has(r.key)).map((r) => `${r.key}: ${r.fields.join(', ')}`)).toEqual([]);
  });

  it('the registry change set takes text as JSON or a file, and is covered too', () => {
    expect(covered.has('POST /api/registry/changes')).toBe(true);
  });
});
