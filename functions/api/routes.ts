// The HTTP API's routes: which Lambda serves each, and whether it needs a token.
import { ValidationError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import routes from './routes.json' with { type: 'json' };
export interface Route {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  /** Entry file under functions/api/ (without extension). */
  handler: 'read' | 'write';
  auth: boolean;
  /** Throttled tighter in AWS (a spreadsheet, a large upload, a whole area read). */
  expensive?: boolean;
  /** The query parameters it knows (any other is refused, see router). */
  query?: string[];
}

// The table is written from the contract (functions/contract/operations.ts) into routes.json by `npm run api:doc`,
// so the CDK stack and the local server read the same routes without importing the contract's code.
export const ROUTES = routes as readonly Route[];

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** A percent-encoded path segment, or a 400 when its encoding is broken (%E0%A4%A). */
export function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ValidationError(message('error.path.encoding', { part: part.slice(0, 40) }));
  }
}

/** Matches a concrete path against the route table, as API Gateway does. */
export function matchRoute(method: string, path: string): { route: Route; pathParameters: Record<string, string> } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const escaped = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(
      `^${escaped.replace(/\{(\w+)\}/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    const m = pattern.exec(path);
    if (m) return { route, pathParameters: Object.fromEntries(names.map((n, i) => [n, decodePathPart(m[i + 1])])) };
  }
  return null;
}
