// What every handler shares: the caller from JWT claims, JSON bodies, and one error → HTTP mapper.
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import {
  AlreadyThereError,
  ConflictError,
  DomainError,
  ForbiddenError,
  ImportInProgressError,
  KeyReusedError,
  NotFoundError,
  PayloadTooLargeError,
  RetryLaterError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '#core/errors.js';
import type { FieldIssue } from '#core/errors.js';
import { langOf, message, toWire, type Message } from '#core/messages/index.js';
import { assertNationClaims, formatScope, scopeFromClaims } from '#core/scope.js';
import { NATION_GROUP } from '#core/groups.js';
import { PROTOTYPE_KEYS, visible } from '#core/text.js';
import { logger } from '#runtime/logger.js';
import type { Caller } from '#app/caller.js';
import { log } from '#runtime/deps.js';
import { emfMetrics } from '#runtime/metrics.js';
import { BUSINESS_METRICS, type Deps, type Tenancy } from '#app/deps.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyResultV2 & { statusCode: number; body: string; headers: Record<string, string> };

/** Bodies above this are refused before parsing; a county's team is a few hundred bytes. */
export const MAX_JSON_BODY = 64 * 1024;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** A file download: base64 body, as API Gateway returns binary from Lambda. */
export function file(bytes: Buffer, kind: keyof typeof FILE_TYPES, fileName: string): ApiResult & { isBase64Encoded: true } {
  return {
    statusCode: 200,
    isBase64Encoded: true,
    headers: {
      'content-type': FILE_TYPES[kind],
      'content-disposition': `attachment; filename="export.${kind}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
    },
    body: bytes.toString('base64'),
  };
}

/** A printable page (a bulletin): shown, not downloaded; nothing in it may run or load. */
export function page(html: string): ApiResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: html,
  };
}

/** Who calls, from the token's claims: a scope of the programme's `area` (a group of another area is none). */
/** A signed-in caller, and the programme its scope is of (the handler serves it from that programme's records). */
export type SignedIn = Caller & { programme: string };

export function callerOf(event: ApiEvent, areas: readonly string[]): SignedIn {
  const claims = event.requestContext.authorizer?.jwt?.claims as Record<string, unknown> | undefined;
  if (!claims) throw new UnauthorizedError(message('error.unauthorized'));
  // The groups claim is Cognito's cognito:groups, or what the province's OpenID Connect provider names (GROUPS_CLAIM).
  const { scope, programme } = scopeFromClaims(claims, process.env.GROUPS_CLAIM || undefined, areas);
  logger.appendKeys({ scope: formatScope(scope), programme }); // on every later line of this request
  const raw = claims['cognito:username'] ?? claims.username ?? claims.preferred_username ?? claims.sub ?? 'unknown';
  // The user lands in audit records as scope/user: a name of plain characters only.
  if (typeof raw !== 'string' || !/^[\p{L}\p{N}._@+-]{1,128}$/u.test(raw)) throw new UnauthorizedError(message('auth.user.invalid'));
  return { scope, programme, user: raw };
}

export function jsonBody(event: ApiEvent): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_JSON_BODY) throw new PayloadTooLargeError(message('error.body.tooLarge', { kb: MAX_JSON_BODY / 1024 }));
  if (!text.trim()) throw new ValidationError(message('error.body.empty'));
  let prototypeKey: string | null = null;
  let parsed: unknown;
  try {
    // A key named like an object's machinery (constructor, __proto__) is refused wherever it stands, whatever the route.
    parsed = JSON.parse(text, (key, value) => {
      if (PROTOTYPE_KEYS.has(key)) prototypeKey ??= key;
      return value;
    });
  } catch {
    throw new ValidationError(message('error.body.json'));
  }
  if (prototypeKey !== null)
    throw new ValidationError(message('error.body.prototypeKey', { key: prototypeKey }), [
      { field: prototypeKey, message: message('error.body.prototypeKey', { key: prototypeKey }) },
    ]);
  return parsed;
}

export function pathParam(event: ApiEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new NotFoundError(message('error.notFound'));
  return value;
}

export function header(event: ApiEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

const STATUS: [new (...args: never[]) => DomainError, number][] = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [ImportInProgressError, 409],
  [KeyReusedError, 409],
  [AlreadyThereError, 409],
  [PayloadTooLargeError, 413],
  [TooManyRequestsError, 429],
  [RetryLaterError, 503],
];
/** Statuses whose answer tells the client when to try again. */
const RETRY_AFTER: Partial<Record<string, string>> = { IMPORT_IN_PROGRESS: '5', RETRY: '1' };

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);

/** Throttling, a transaction conflict or a timeout from DynamoDB: nothing was applied, try again. */
function isRetryable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (RETRYABLE.has(e.name)) return true;
  const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if (e.name === 'TransactionCanceledException' && reasons?.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError'))
    return true;
  return Boolean((e as { $retryable?: unknown }).$retryable);
}

/** The error shape: its code, its message (id, parameters, text) and details; texts are zh-CN until the router rewrites them. */
const errorBody = (code: string, m: Message, details: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  error: { code, ...toWire(m), details, ...extra },
});
/** A field issue as answers carry it: the field, and its message. */
const issueOut = (i: FieldIssue) => ({ field: i.field, ...toWire(i.message) });

/** The one mapper from errors to the API's JSON error shape; a 500 never shows internals. */
export function errorResponse(e: unknown, requestId?: string): ApiResult {
  if (isRetryable(e)) {
    log('warn', 'retryable store error', { requestId, error: (e as Error).name });
    emfMetrics.count(BUSINESS_METRICS.retryLater, 1);
    return json(503, errorBody('RETRY', message('error.retry')), { 'retry-after': '1' });
  }
  if (e instanceof DomainError) {
    const status = STATUS.find(([type]) => e instanceof type)?.[1] ?? 400;
    if (status === 409) emfMetrics.count(BUSINESS_METRICS.conflicts, 1);
    const extra = e instanceof ConflictError ? { currentVersion: e.currentVersion, current: e.current } : {};
    const details = e instanceof ValidationError ? e.issues.map(issueOut) : e.details;
    const retry = e instanceof TooManyRequestsError ? String(e.retryAfterSeconds) : RETRY_AFTER[e.code];
    return json(status, errorBody(e.code, e.msg, details, extra), retry ? { 'retry-after': retry } : {});
  }
  log('error', 'unhandled error', {
    requestId,
    error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
  });
  return json(500, errorBody('INTERNAL', message('error.internal')));
}

type Route = (event: ApiEvent) => Promise<ApiResult>;

/**
 * A route served for a signed-in caller, from the deps of the programme its scope is of (its book up to
 * date): `signed(async (d, caller, e) => …)`. A token of no programme here is a 401 before anything is read.
 */
export const signedWith =
  (tenancy: () => Tenancy) =>
  (route: (d: Deps, caller: SignedIn, event: ApiEvent) => Promise<ApiResult>): Route =>
  async (event) => {
    const caller = callerOf(event, tenancy().areas);
    return route(await tenancy().of(caller.programme), caller, event);
  };

/** A national office's route: the caller must be the national office (a programme's caller gets a 403); it reads across the programmes. */
export const nationWith =
  (tenancy: () => Tenancy) =>
  (route: (t: Tenancy, event: ApiEvent) => Promise<ApiResult>): Route =>
  async (event) => {
    const claims = event.requestContext.authorizer?.jwt?.claims as Record<string, unknown> | undefined;
    if (!claims) throw new UnauthorizedError(message('error.unauthorized'));
    assertNationClaims(claims, process.env.GROUPS_CLAIM || undefined, tenancy().areas);
    logger.appendKeys({ scope: NATION_GROUP });
    return route(tenancy(), event);
  };

/** JSON above this is sent gzipped to a client that accepts it: Lambda answers at most 6 MB. */
export const GZIP_ABOVE_BYTES = 1024 * 1024;

function compressed(event: ApiEvent, result: ApiResult & { isBase64Encoded?: boolean }): ApiResult {
  if (result.isBase64Encoded || result.body.length < GZIP_ABOVE_BYTES || !/\bgzip\b/i.test(header(event, 'accept-encoding') ?? ''))
    return result;
  const headers = { ...result.headers, 'content-encoding': 'gzip', vary: 'accept-encoding' };
  return { statusCode: result.statusCode, headers, isBase64Encoded: true, body: gzipSync(result.body).toString('base64') } as ApiResult;
}

/**
 * A JSON answer's messages in the language an Accept-Language header asks for. Answers are made in
 * zh-CN; English (ICU plurals, FormatJS) loads on the first answer that needs it.
 */
export async function localizedFor(
  acceptLanguage: string | undefined,
  result: ApiResult & { isBase64Encoded?: boolean },
): Promise<ApiResult> {
  const lang = langOf(acceptLanguage);
  if (lang === 'zh-CN' || result.isBase64Encoded || !result.headers['content-type']?.startsWith('application/json')) return result;
  if (!result.body.includes('"messageId"')) return result;
  const { localizeJson } = await import('#core/messages/format.js');
  return { statusCode: result.statusCode, headers: result.headers, body: localizeJson(result.body, lang) };
}
const localized = (event: ApiEvent, result: ApiResult) => localizedFor(header(event, 'accept-language'), result);

/**
 * A query parameter the route does not know (routes.json names those the contract gives it) is refused,
 * not ignored: a mistyped ?mnth=2022-06 would otherwise answer for the current month, and a mistyped
 * ?dryrun=true would commit. The table loads only for a request that has a query (most have none).
 */
async function refuseUnknownQuery(event: ApiEvent): Promise<void> {
  const names = Object.keys(event.queryStringParameters ?? {});
  if (!names.length) return;
  const { ROUTES, routeKey } = await import('./routes.js');
  const known = ROUTES.find((r) => routeKey(r) === event.routeKey)?.query ?? [];
  const unknown = names.find((name) => !known.includes(name));
  if (unknown === undefined) return;
  const name = visible(unknown.slice(0, 40));
  throw new ValidationError(known.length ? message('query.unknown', { name, known: known.join(', ') }) : message('query.none', { name }));
}

/** Routes by key; `before` runs ahead of each matched route (the deps' book brought up to date). */
export function router<K extends string>(routes: Record<K, Route>, before: () => Promise<unknown> = async () => {}) {
  const handle = async (event: ApiEvent, context?: Context): Promise<ApiResult> => {
    const requestId = event.requestContext?.requestId;
    // Each line of this request carries its id and route (and, once known, the caller's scope).
    logger.resetKeys();
    logger.appendKeys({ requestId, routeKey: event.routeKey });
    if (context) logger.addContext(context);
    try {
      const route = Object.hasOwn(routes, event.routeKey) ? routes[event.routeKey as K] : undefined;
      if (!route) throw new NotFoundError(message('error.route.unknown', { route: event.routeKey }));
      await refuseUnknownQuery(event);
      await before();
      return compressed(event, await localized(event, await route(event)));
    } catch (e) {
      const answer = errorResponse(e, requestId);
      return localized(event, answer).catch(() => answer); // in zh-CN, rather than no answer at all
    }
  };
  /** The route keys it serves ("GET /api/counties"), which a test holds to the contract's. */
  return Object.assign(handle, { routeKeys: Object.keys(routes) });
}
