// What the server derives from the contract (functions/contract/operations.ts): the route table the CDK
// stack, the handlers and the local server read, and the paths module the frontend's URLs are typed by.
import type { Operation } from '#contract/operations.js';
import type { Route } from './routes.js';

export * from '#contract/operations.js';

/** The API's paths as a TypeScript module (functions/contract/paths.ts, written by `npm run api:doc`): the frontend's URLs are typed by it. */
export function pathsModule(contract: Record<string, Operation>): string {
  const paths = [...new Set(routesOf(contract).map((r) => r.path))];
  return [
    '// Written by `npm run api:doc` from the contract (functions/contract/operations.ts); a unit test fails when they differ.',
    "// The API's paths: the frontend builds every URL from one of them (#web/lib/api.ts pathOf).",
    `export const API_PATHS = [\n${paths.map((p) => `  '${p}',`).join('\n')}\n] as const;`,
    'export type ApiPath = (typeof API_PATHS)[number];',
    '',
  ].join('\n');
}

/**
 * The route table the contract implies (method, path, handler, whether a token is needed, the query
 * parameters it knows), in the contract's order: `npm run api:doc` writes it to routes.json, which the
 * CDK stack, the handlers and the local server read (they import no contract code); a unit test fails
 * when the two differ.
 */
export function routesOf(contract: Record<string, Operation>): Route[] {
  return Object.entries(contract).map(([key, op]) => {
    const [method, path] = key.split(' ') as [Route['method'], string];
    return {
      method,
      path,
      handler: op.handler,
      auth: op.auth ?? true,
      ...(op.expensive ? { expensive: true } : {}),
      ...(op.query ? { query: Object.keys(op.query.shape) } : {}),
    };
  });
}
