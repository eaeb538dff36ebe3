// The OpenAPI document: valid 3.1, one operation per route of routes.json (and none beside), every
// operation described in both languages, and docs/API.md rendered from it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { renderApiPage } from '#api/api-page.js';
import { buildOpenApiDocument } from '#api/openapi.js';
import { CONTRACT, pathsModule, routesOf } from '#api/contract.js';
import { API_PATHS } from '#contract/paths.js';
import { createReadHandler } from '#api/read.js';
import { ROUTES } from '#api/routes.js';
import { createWriteHandler } from '#api/write.js';

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument()));
type Op = { summary: string; description: string; security: unknown[]; responses: Record<string, unknown>; operationId: string };
const operations = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('routes.json is the route table the contract implies (npm run api:doc writes it)', () => {
    expect(ROUTES).toEqual(routesOf(CONTRACT));
  });

  it("functions/contract/paths.ts holds the contract's paths, which the frontend's URLs are typed by (npm run api:doc writes it)", () => {
    // (its values, not its text: a mutation run's sandbox marks every TypeScript file it copies)
    expect([...API_PATHS]).toEqual([...new Set(routesOf(CONTRACT).map((r) => r.path))]);
    expect(pathsModule(CONTRACT)).toContain(`export const API_PATHS = [\n  '${API_PATHS[0]}',`);
  });

  it('each Lambda serves exactly the routes the contract gives it', () => {
    const none = () => {
      throw new Error('no deps in this test');
    };
    const served = { read: createReadHandler(none).routeKeys, write: createWriteHandler(none).routeKeys };
    for (const handler of ['read', 'write'] as const) {
      const promised = Object.entries(CONTRACT)
        .filter(([, op]) => op.handler === handler)
        .map(([key]) => key);
      expect([...served[handler]].sort(), handler).toEqual(promised.sort());
    }
  });

  it('has one operation for each route of the table, and no other', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
  });

  it('describes every operation in Chinese and English, says who may call it, and asks a token where the route does', () => {
    for (const { key, op } of operations) {
      expect(op.summary, key).toMatch(/\p{Script=Han}.* \/ [A-Za-z]/u);
      expect(op.description, key).toMatch(/^可调用 \/ Who: \p{Script=Han}/u);
      const route = ROUTES.find((r) => `${r.method} ${r.path}` === key)!;
      expect(op.security.length > 0, key).toBe(route.auth);
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('2')),
        key,
      ).toBe(true);
      if (route.auth) expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['400', '401', '403', '404', '500', '503']));
    }
  });

  it('names the failure shape once, as a component, with every error code the API gives', () => {
    const codes = doc.components.schemas.Error.properties.error.properties.code.enum;
    const source = readFileSync(resolve(import.meta.dirname, '../../functions/core/errors.ts'), 'utf8');
    for (const m of source.matchAll(/readonly code = '(\w+)'/g)) expect(codes).toContain(m[1]);
  });

  it('is what docs/API.md shows (npm run api:doc writes it)', () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../docs/API.md'), 'utf8')).toBe(renderApiPage(doc));
  });
});
