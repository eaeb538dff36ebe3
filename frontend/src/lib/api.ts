// The one way the frontend talks to the HTTP API: bearer token, JSON, errors as thrown ApiError.
import { QueryClient, useQuery } from '@tanstack/react-query';
import type { ErrorAnswer } from '#contract/errors.js';
import type { LocalAnswers, LocalPath } from '#contract/local.js';
import type { AnswerOf, BodyOf, FileBodyKey, FileRouteKey, QueryOf, RouteKey } from '#contract/operations.js';
import type { ApiPath } from '#contract/paths.js';
import { appConfig } from './config';
import { catalogueLang, storedLang } from './i18n.js';
import { format } from '#core/messages/format.js';
import { message } from '#core/messages/index.js';
import { NATION_GROUP } from '#core/groups.js';
import { assertNationClaims, formatScope, scopeFromClaims } from '#core/scope.js';

const TOKEN_KEY = 'token';

/** The API's error answer (the contract's Error); null when an answer carried none (a gateway's own, no answer). */
type ErrorBody = ErrorAnswer;

/** An error answer as the contract writes it, or null for anything else that came back. */
const errorOf = (body: unknown): ErrorBody | null =>
  body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object' ? (body as ErrorBody) : null;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ErrorBody | null,
  ) {
    super(message);
  }
}

/** Fired when the API says the sign-in is no longer valid: the app shows the sign-in page (drafts are kept, see TeamForm). */
export const SESSION_ENDED = 'tracker:session-ended';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  /** Signed out, or the sign-in ended: the token goes, and every answer cached for it. */
  clear: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    queryClient.clear();
  },
};

const auth = (): Record<string, string> => {
  const token = session.token();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** A token's claims, unverified (display, navigation and drafts only; the server checks the token). */
function claimsOf(token: string): Record<string, unknown> | null {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Who is signed in, as the server records it (scope and user name); null when no one is. */
export function sessionUser(): string | null {
  const token = session.token();
  const claims = token ? claimsOf(token) : null;
  const name = claims?.['cognito:username'] ?? claims?.username ?? claims?.preferred_username ?? claims?.sub;
  return typeof name === 'string' ? `${scopeOf(token!)?.text ?? ''}/${name}` : null;
}

/** The refusals of an account's groups: signing in again cannot help, so the sign-in page says why (the event's detail). */
const GROUP_REFUSALS = new Set(['auth.groups.several', 'auth.groups.invalid', 'auth.scope.none']);

/** A 401: the sign-in is over. The token goes, and the app shows the sign-in page (with the server's reason when it is the account's groups). */
function ended(res: Response, error: ErrorBody | null): void {
  if (res.status !== 401) return;
  session.clear();
  const reason = error && GROUP_REFUSALS.has(error.error.messageId) ? error.error.message : null;
  window.dispatchEvent(new CustomEvent<string | null>(SESSION_ENDED, { detail: reason }));
}

/** A refused request as the caller meets it: the sign-in ended on a 401, the answer's error (its message, code and details). */
function refusal(res: Response, body: unknown): ApiError {
  const error = errorOf(body);
  ended(res, error);
  return new ApiError(res.status, error?.error.message ?? `HTTP ${res.status}`, error);
}

/**
 * fetch, with a request that got no answer (the network, a server gone) said in the reader's language:
 * the browser's own "Failed to fetch" tells a clerk neither what happened nor what to do.
 */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, format(catalogueLang(storedLang()), message('network.noAnswer')), null);
  }
}

/** What each route answers as JSON ("GET /api/counties" → its answer), from the contract's schemas and the local server's. */
type Answers = { [K in RouteKey]: AnswerOf<K> } & LocalAnswers;
/** The routes answering JSON (a file's route is download()'s). */
type JsonKey = { [K in keyof Answers]: [Answers[K]] extends [never] ? never : K }[keyof Answers];
type Method = 'GET' | 'POST' | 'PUT';
/** The paths a method has a route at, among `K`. */
type PathsOf<K, M extends Method> = K extends `${M} ${infer P}` ? P : never;
/** The answer of `M P`. */
type AnswerAt<M extends Method, P extends string> = `${M} ${P}` extends keyof Answers ? Answers[`${M} ${P}`] : never;
/** The JSON body `M P` takes, by the contract (never: it takes none, or a file; the local server's routes: any). */
type BodyAt<M extends Method, P extends string> = `${M} ${P}` extends RouteKey ? BodyOf<`${M} ${P}`> : unknown;
/** A write's `json`: required when the route takes a JSON body, refused when it takes none. */
type JsonInit<M extends Method, P extends string> = [BodyAt<M, P>] extends [never] ? { json?: never } : { json: BodyAt<M, P> };
/** A write's file (FormData): required where the route takes an upload, refused elsewhere. */
type FileInit<M extends Method, P extends string> = `${M} ${P}` extends FileBodyKey ? { body: FormData } : { body?: never };
/** The query a path's routes take (by their schemas), each value set or not; no query at all where they take none. */
type QueryInput<K> = K extends RouteKey ? QueryOf<K> : never;
type QueryAt<P extends string> =
  QueryInput<Extract<RouteKey, `${Method} ${P}`>> extends infer Q
    ? [Q] extends [never]
      ? Record<string, never>
      : { [N in keyof Q]?: Q[N] | null }
    : never;

declare const apiUrl: unique symbol;
/** A URL of the API, built by pathOf from one of the contract's paths (P): api(), useApi() and download() take nothing else. */
export type ApiUrl<P extends string = string> = string & { readonly [apiUrl]: P };
type ParamsOf<P extends string> = P extends `${string}{${infer N}}${infer R}` ? N | ParamsOf<R> : never;

/**
 * The URL of one of the API's paths (a typo in it, a missing parameter or a query parameter its routes
 * do not know does not compile): its {parameters} filled in (encoded), then the query's set values.
 */
export function pathOf<P extends ApiPath | LocalPath>(
  template: P,
  ...[params, query]: [ParamsOf<P>] extends [never]
    ? [params?: Record<string, never>, query?: QueryAt<P>]
    : [params: Record<ParamsOf<P>, string | number>, query?: QueryAt<P>]
): ApiUrl<P> {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((params as Record<string, string | number>)[name])),
  );
  const set = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined);
  return `${filled}${set.length ? `?${new URLSearchParams(set.map(([k, v]) => [k, String(v)]))}` : ''}` as ApiUrl<P>;
}

/** A request's options: no body of its own (`json` or a file, by the route), headers as a plain record (spread into the request's). */
type Init = Omit<RequestInit, 'method' | 'body' | 'headers'> & { headers?: Record<string, string> };

/** A GET, answered as the contract says the route answers. */
export function api<P extends PathsOf<JsonKey, 'GET'>>(
  path: ApiUrl<P>,
  init?: Init & { method?: 'GET'; json?: never; body?: never },
): Promise<AnswerAt<'GET', P>>;
/**
 * A write (POST, PUT), answered as the contract says: a method the path has no route for, or a `json`
 * body the route's schema does not take, does not compile. A file goes as `body` (FormData).
 */
export function api<M extends Exclude<Method, 'GET'>, P extends PathsOf<JsonKey, M>>(
  path: ApiUrl<P>,
  init: Init & { method: M } & JsonInit<M, P> & FileInit<M, P>,
): Promise<AnswerAt<M, P>>;
export async function api(
  path: ApiUrl,
  { json, ...init }: Init & { method?: Method; body?: FormData; json?: unknown } = {},
): Promise<unknown> {
  const isJson = json !== undefined;
  const res = await send(appConfig().apiBase + path, {
    ...init,
    ...(isJson ? { body: JSON.stringify(json) } : {}),
    // The API writes its messages in the page's language (without the header, in Chinese).
    headers: {
      ...auth(),
      'accept-language': catalogueLang(storedLang()),
      ...(isJson ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw refusal(res, body);
  return body;
}

/** Saves an answer as a file, under the name the server gives it unless `name` is given: only a route that answers with a file. */
export async function download<P extends PathsOf<FileRouteKey, 'GET'>>(path: ApiUrl<P>, init?: { name?: string }): Promise<void>;
export async function download<P extends PathsOf<FileRouteKey, 'POST'>>(
  path: ApiUrl<P>,
  init: { method: 'POST'; body?: FormData; name?: string },
): Promise<void>;
export async function download(path: ApiUrl, init: { method?: 'POST'; body?: FormData; name?: string } = {}): Promise<void> {
  const { name: given, ...request } = init;
  const res = await send(appConfig().apiBase + path, {
    ...request,
    headers: { ...auth(), 'accept-language': catalogueLang(storedLang()) },
  });
  if (!res.ok) throw refusal(res, await res.json().catch(() => null));
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = given ?? decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'download');
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The app's server state: one query cache (TanStack Query), keyed by the API path (month and area are
 * in the path), so an answer always lands under the key it was asked for: a slow answer for the month
 * picked before never shows under the month picked since. A query left by every component is dropped
 * at once (the next visit loads afresh, as a page of figures of record should), a failure is shown, not
 * retried behind the clerk's back, and a switch of window does not reload.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { gcTime: 0, retry: false, refetchOnWindowFocus: false } },
});

/** Loads a GET endpoint through the cache; `path` null waits. `reload` asks again (a retry, after a write). */
/** `as`: what else the answer depends on (a team's version for its history): a new value asks again, with no parameter the API does not know. */
export function useApi<P extends PathsOf<JsonKey, 'GET'>>(path: ApiUrl<P> | null, as?: string | number) {
  const query = useQuery({
    // Keyed by who is signed in (not the token, which renews): one person's answers are never shown to the
    // next on this computer, and a renewed token keeps what is on the screen.
    queryKey: as === undefined ? ['api', sessionUser(), path] : ['api', sessionUser(), path, as],
    queryFn: ({ signal }) => api(path!, { signal }),
    enabled: path !== null,
  });
  return {
    data: query.data ?? null,
    error: (query.error as ApiError | null) ?? null,
    loading: query.isFetching,
    reload: () => void query.refetch(),
  };
}

/** A write's answer is what a GET of `path` would now give: the cache takes it, so the page shows it and nothing older. */
export function putAnswer<P extends PathsOf<JsonKey, 'GET'>>(path: ApiUrl<P>, answer: AnswerAt<'GET', P>): AnswerAt<'GET', P> {
  queryClient.setQueryData(['api', sessionUser(), path], answer);
  return answer;
}

/** A signed-in office as the app shows it: the national office, a programme's root office (no code: its area is the programme's), a city or a county. */
export type ScopeView = { kind: 'nation' | 'province' | 'city' | 'county'; code: string; text: string };
const ROOT_OFFICE: ScopeView = { kind: 'province', code: '', text: 'province' };

/**
 * Reads the scope from a token's payload as the server reads it (core/scope.ts, over the programmes the
 * config names): display and navigation only, the server checks the token. Null when it grants nothing.
 */
export function scopeOf(token: string): ScopeView | null {
  const claims = claimsOf(token);
  if (!claims) return null;
  const { groupsClaim, programmes = [] } = appConfig();
  try {
    assertNationClaims(claims, groupsClaim, programmes);
    return { kind: 'nation', code: '', text: NATION_GROUP };
  } catch {
    // not the national office: a programme's
  }
  try {
    const { scope } = scopeFromClaims(claims, groupsClaim, programmes);
    // The root office's scope names no code: its area is the programme's (useRootArea); the records say `province`.
    return scope.kind === 'province' ? ROOT_OFFICE : { kind: scope.kind, code: scope.code, text: formatScope(scope) };
  } catch {
    return null;
  }
}
