// The local HTTP server: turns requests into API Gateway HTTP API v2 events for the same handlers
// the stack deploys, verifies tokens as the JWT authorizer would, and serves the built frontend.
import { message } from '#core/messages/index.js';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { realNow } from '#app/deps.js';
import { errorResponse, json, localizedFor, type ApiEvent, type ApiResult } from '#api/http.js';
import { decodePathPart, matchRoute, routeKey, type Route } from '#api/routes.js';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '#core/errors.js';
import { decodeJwt } from 'jose';
import { assertPlainGroups, flattenClaims, issueToken, verifyBearer, type LocalKeys } from './auth.js';
import { OIDC_API_SCOPE, OIDC_CLIENT_ID, OIDC_GROUPS_CLAIM, type LocalOidc } from './oidc.js';
import { listOutbox, readOutbox } from './outbox.js';
import { ForbiddenError } from '#core/errors.js';
import { scopeFromClaims } from '#core/scope.js';
import type { RuntimeConfig } from '#contract/config.js';
import { LOCAL_PATHS } from '#contract/local.js';

/** The local server's own routes (the outbox's message is its list's path and an id). */
const [DEV_TOKEN, DEV_OUTBOX] = LOCAL_PATHS;

export type Handler = (event: ApiEvent) => Promise<ApiResult>;

/** A URL's query as API Gateway's payload 2.0 gives it: a name sent twice carries its values joined by commas. */
const queryOf = (params: URLSearchParams) =>
  Object.fromEntries([...new Set(params.keys())].map((name) => [name, params.getAll(name).join(',')]));

export interface LocalServerOptions {
  handlers: Record<Route['handler'], Handler>;
  keys: LocalKeys;
  /** The built frontend (frontend/dist); omitted in API-only tests. */
  staticDir?: string;
  /** API Gateway's own payload limit is 10 MB. */
  maxBodyBytes?: number;
  /** The local mail outbox (.eml files), listed at /api/dev/outbox for a root office of `areas`; `rootName` names its area. */
  outbox?: { dir: string; rootName: () => string; areas: readonly string[] };
  /** npm start's OpenID provider, mounted at /oidc: the browser signs in through it. */
  oidc?: LocalOidc;
  /** The programmes served, by their areas: the web app's config says them (a county group that is one is its root office). */
  programmes: readonly string[];
  /** One line a request (method, path, status, milliseconds) once it is answered: npm start's console. */
  accessLog?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.eml': 'message/rfc822',
  '.woff2': 'font/woff2',
};
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;
/** A demo user's name: it lands in audit records as scope/user, so it cannot pose as a job. */
const DEMO_USER = /^(?!system)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/i;
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new PayloadTooLargeError(message('error.body.tooLarge', { kb: Math.round(limit / 1024) })));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// JSON travels as text; files (CSV in GBK, XLSX) as base64 so no byte is re-encoded on the way.
const isText = (contentType: string | undefined) => !contentType || /^application\/json/i.test(contentType);

export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  route: Route,
  pathParameters: Record<string, string>,
  claims?: Record<string, unknown>,
): ApiEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const text = isText(headers['content-type']);
  const now = new Date(realNow()); // the request's own time, as API Gateway stamps it
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.search ? queryOf(url.searchParams) : undefined,
    pathParameters,
    body: body.length ? (text ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: (claims ?? {}) as Record<string, string>, scopes: [] } },
    },
    stageVariables: undefined,
  } as ApiEvent;
}

function send(res: ServerResponse, result: ApiResult & { isBase64Encoded?: boolean }): void {
  res.writeHead(result.statusCode, { ...SECURITY_HEADERS, ...result.headers });
  res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/** Whether `file` lies inside `dir` (compared with the separator: /web-demo is not inside /web). */
export function isInside(dir: string, file: string): boolean {
  const root = resolve(dir);
  return file === root || file.startsWith(root + sep);
}

function serveStatic(dir: string, path: string, res: ServerResponse): void {
  const file = resolve(dir, `.${decodePathPart(path)}`);
  const inside = isInside(dir, file);
  const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(dir, 'index.html');
  if (!existsSync(target)) {
    throw new NotFoundError(message('local.web.notBuilt'));
  }
  const hashed = target.includes(`${join(dir, 'assets')}`);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(readFileSync(target));
}

export function createLocalServer(options: LocalServerOptions): Server {
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;
  /** A bearer token from the local provider (its issuer) or from the dev token route, verified as the JWT authorizer would. */
  const verify = async (authorization: string | undefined) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    let iss: string | undefined;
    try {
      iss = token ? decodeJwt(token).iss : undefined;
    } catch {
      /* verified (and refused) below */
    }
    // The claim the handlers will read is the one checked, whichever issuer signed the token.
    const groupsClaim = process.env.GROUPS_CLAIM || 'cognito:groups';
    if (!(options.oidc && iss === options.oidc.issuer)) return verifyBearer(options.keys, authorization, groupsClaim);
    const payload = await options.oidc.verify(token!);
    assertPlainGroups(payload, groupsClaim);
    return payload;
  };
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (options.accessLog) {
      const started = performance.now();
      const log = options.accessLog;
      // The path only: a query may carry a token (the dev sign-in) and is not needed to follow the traffic.
      res.on('finish', () => log(`${req.method} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - started)} ms`));
    }
    try {
      if (url.pathname === '/config.json') {
        return send(
          res,
          json(200, {
            mode: 'local',
            apiBase: '',
            programmes: [...options.programmes],
            ...(options.oidc
              ? {
                  issuer: options.oidc.issuer,
                  clientId: OIDC_CLIENT_ID,
                  groupsClaim: OIDC_GROUPS_CLAIM,
                  scope: `openid profile offline_access ${OIDC_API_SCOPE}`,
                }
              : {}),
          } satisfies RuntimeConfig),
        );
      }
      if (options.oidc && (url.pathname === '/oidc' || url.pathname.startsWith('/oidc/'))) {
        // Like the dev token route: a DNS-rebinding page sends its own host name, and would sign itself in.
        if (!LOOPBACK_HOST.test(req.headers.host ?? '')) throw new ForbiddenError(message('local.loopback.oidc'));
        return options.oidc.handle(req, res);
      }
      if (!url.pathname.startsWith('/api/')) {
        if (!options.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) throw new NotFoundError(message('local.page.notFound'));
        return serveStatic(options.staticDir, url.pathname, res);
      }
      const body = await readBody(req, limit);
      if (url.pathname === DEV_TOKEN && req.method === 'POST') {
        // Only a page or script on this machine may mint tokens: a DNS-rebinding page sends its own host name.
        if (!LOOPBACK_HOST.test(req.headers.host ?? '')) throw new ForbiddenError(message('local.loopback.token'));
        let parsed: { scope?: unknown; user?: unknown };
        try {
          parsed = JSON.parse(body.toString('utf8') || '{}');
        } catch {
          throw new ValidationError(message('error.body.json'));
        }
        if (parsed.user !== undefined && (typeof parsed.user !== 'string' || !DEMO_USER.test(parsed.user))) {
          throw new ValidationError(message('local.user.format'), [{ field: 'user', message: message('local.user.example') }]);
        }
        const token = await issueToken(options.keys, parsed.scope, { user: parsed.user as string | undefined });
        return send(res, json(200, { token }));
      }
      if ((url.pathname === DEV_OUTBOX || url.pathname.startsWith(`${DEV_OUTBOX}/`)) && req.method === 'GET' && options.outbox) {
        // Local only (no such route in AWS, where mail goes through SES): a programme's root office reads the outbox.
        const claims = flattenClaims(await verify(req.headers.authorization));
        if (scopeFromClaims(claims, process.env.GROUPS_CLAIM || undefined, options.outbox.areas).scope.kind !== 'province') {
          throw new ForbiddenError(message('outbox.forbidden'));
        }
        const id = decodePathPart(url.pathname.slice(`${DEV_OUTBOX}/`.length));
        const { dir, rootName } = options.outbox;
        return send(res, json(200, id ? await readOutbox(dir, id) : { messages: listOutbox(dir, rootName()) }));
      }
      const match = matchRoute(req.method ?? 'GET', url.pathname);
      if (!match) throw new NotFoundError(message('error.route.unknown', { route: `${req.method} ${url.pathname}` }));
      const claims = match.route.auth ? flattenClaims(await verify(req.headers.authorization)) : undefined;
      const event = toEvent(req, body, match.route, match.pathParameters, claims);
      send(res, await options.handlers[match.route.handler](event));
    } catch (e) {
      send(res, await localizedFor(req.headers['accept-language'], errorResponse(e)));
    }
  });
}
