// Every answer the integration tests receive through testServer() is checked against the OpenAPI
// document the API serves: the document against the OpenAPI 3.1 schema (@seriousme/openapi-schema-validator),
// then each answer by openapi-backend (it matches the request to an operation and validates the body
// against that operation's response schema). A route, status or media type the document lacks fails
// the test that received it.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import OpenAPIBackend from 'openapi-backend';
import { buildOpenApiDocument } from '#api/openapi.js';

/** Where each validated answer leaves a line; the integration run's teardown counts them. */
export const VALIDATED_LOG = resolve(import.meta.dirname, '../../test-artifacts/openapi-validated.log');

let backend: Promise<OpenAPIBackend> | undefined;
function api(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const definition = JSON.parse(JSON.stringify(buildOpenApiDocument()));
    // The document itself against the OpenAPI 3.1 schema (openapi-backend checks documents by 3.0's).
    const checked = await new Validator().validate(definition);
    if (!checked.valid) throw new Error(`the OpenAPI document is not valid 3.1: ${JSON.stringify(checked.errors).slice(0, 2000)}`);
    // quick: the document was checked just above, by the 3.1 schema
    const b = new OpenAPIBackend({ definition, strict: true, quick: true, validate: true, ignoreTrailingSlashes: false });
    await b.init();
    return b;
  })();
  return backend;
}

/** `request`: the JSON body sent, when it was JSON; a request the API accepted (2xx) must be one the document accepts. */
export async function checkAnswer(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: unknown,
  request?: { json: unknown; headers: Record<string, string> },
): Promise<void> {
  const url = new URL(path, 'http://x');
  // The local server's own helpers (a dev token, the outbox) are not the API.
  if (url.pathname.startsWith('/api/dev/')) return;
  const b = await api();
  const where = `${method} ${url.pathname} → ${status}`;
  const op = b.matchOperation({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: {} });
  if (!op) {
    // An unknown path gets the API's one error shape, 404; anything else there is undocumented,
    // and so is a method the document lacks on a path it has.
    const other = ['get', 'put', 'post', 'patch', 'delete'].find((m) => b.matchOperation({ method: m, path: url.pathname, headers: {} }));
    if (status !== 404 || other)
      throw new Error(`OpenAPI: ${where}: the document has no such route${other ? ` (only ${other.toUpperCase()})` : ''}`);
    const r = b.validateResponse(body, b.getOperation('getHealth')!, 500); // any operation's error schema (they share one component)
    if (r.errors) throw new Error(`OpenAPI: ${where}: ${JSON.stringify(r.errors)}`);
    return record(where, 'unknown route 404');
  }
  const response = (op.responses as Record<string, { content?: Record<string, unknown> }>)[String(status)];
  if (!response) throw new Error(`OpenAPI: ${where}: status ${status} is not in the document for ${op.operationId}`);
  const media = (contentType ?? '').split(';')[0].trim();
  if (!Object.keys(response.content ?? {}).includes(media))
    throw new Error(`OpenAPI: ${where}: media type ${media} is not documented (${Object.keys(response.content ?? {}).join(', ')})`);
  if (media === 'application/json') {
    const r = b.validateResponse(body, op, status);
    if (r.errors) throw new Error(`OpenAPI: ${where}: the body breaks the document: ${JSON.stringify(r.errors).slice(0, 800)}`);
  }
  if (request && status < 300) {
    const r = b.validateRequest(
      {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.json,
      },
      op,
    );
    if (r.errors)
      throw new Error(`OpenAPI: ${where}: the API accepted a request the document refuses: ${JSON.stringify(r.errors).slice(0, 800)}`);
  }
  record(where, `${op.operationId} ${status}`);
}

/** One line per answer: the documented operation and status it was checked as, then the request. */
function record(where: string, as: string) {
  mkdirSync(join(VALIDATED_LOG, '..'), { recursive: true });
  appendFileSync(VALIDATED_LOG, `${as}\t${where}\n`);
}
