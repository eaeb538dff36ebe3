// The HTTP API's routes: which Lambda serves each, and whether it needs a token. Data only, so the
// local server and the CDK stack read the same table.
export interface Route {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  /** Entry file under functions/api/ (without extension). */
  handler: 'read' | 'write';
  auth: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/health', handler: 'read', auth: false },
  { method: 'GET', path: '/api/programme', handler: 'read', auth: true },
  { method: 'GET', path: '/api/counties', handler: 'read', auth: true },
  { method: 'GET', path: '/api/trend', handler: 'read', auth: true },
  { method: 'GET', path: '/api/exports/counties.csv', handler: 'read', auth: true },
  { method: 'GET', path: '/api/exports/counties.xlsx', handler: 'read', auth: true },
  { method: 'GET', path: '/api/counties/{code}', handler: 'read', auth: true },
  { method: 'GET', path: '/api/counties/{code}/communities', handler: 'read', auth: true },
  { method: 'GET', path: '/api/counties/{code}/template.xlsx', handler: 'read', auth: true },
  { method: 'GET', path: '/api/communities/{code}/team', handler: 'read', auth: true },
  { method: 'GET', path: '/api/communities/{code}/team/history', handler: 'read', auth: true },
  { method: 'PUT', path: '/api/communities/{code}/team', handler: 'write', auth: true },
  { method: 'POST', path: '/api/counties/{code}/imports', handler: 'write', auth: true },
  { method: 'GET', path: '/api/recipients', handler: 'read', auth: true },
  { method: 'PUT', path: '/api/recipients/{scope}', handler: 'write', auth: true },
  { method: 'GET', path: '/api/summaries/{month}', handler: 'read', auth: true },
];

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** Matches a concrete path against the route table, as API Gateway does. */
export function matchRoute(method: string, path: string): { route: Route; pathParameters: Record<string, string> } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const escaped = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^${escaped.replace(/\{(\w+)\}/g, (_, n: string) => { names.push(n); return '([^/]+)'; })}$`);
    const m = pattern.exec(path);
    if (m) return { route, pathParameters: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}
