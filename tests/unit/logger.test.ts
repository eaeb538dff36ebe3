import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '#api/http.js';

// In dev mode Powertools writes through the global console (indented JSON), which a test can watch.
process.env.POWERTOOLS_DEV = 'true';
const { callerOf, router } = await import('#api/http.js');

const event = (routeKey: string) =>
  ({
    routeKey,
    rawPath: '/',
    headers: {},
    requestContext: {
      requestId: 'req-123',
      authorizer: { jwt: { claims: { 'cognito:groups': '[county-450102]', 'cognito:username': 'clerk' }, scopes: [] } },
    },
  }) as unknown as ApiEvent;

describe('the structured log of a request', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("carries the request id, the route and the caller's scope on each line, and never the token", async () => {
    const lines: string[] = [];
    const watch = () =>
      vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
        lines.push(String(line));
      });
    watch();
    const handler = router({
      'GET /api/boom': async (e) => {
        callerOf(e, ['45']);
        throw new Error('boom');
      },
    });
    const res = await handler({ ...event('GET /api/boom'), headers: { authorization: 'Bearer secret.token.value' } } as ApiEvent);
    vi.restoreAllMocks();
    expect(res).toMatchObject({ statusCode: 500 });
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'unhandled error');
    expect(logged).toMatchObject({
      level: 'ERROR',
      service: 'gx-response-teams',
      requestId: 'req-123',
      routeKey: 'GET /api/boom',
      scope: 'county:450102',
    });
    expect(lines.join('')).not.toContain('secret.token.value');
    // the next request starts clean: no scope left over from this one
    lines.length = 0;
    watch();
    const second = event('GET /api/boom2');
    await router({
      'GET /api/boom2': async () => {
        throw new Error('boom');
      },
    })({ ...second, requestContext: { ...second.requestContext, requestId: 'req-456' } } as ApiEvent);
    vi.restoreAllMocks();
    const next = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'unhandled error');
    expect(next).toMatchObject({ requestId: 'req-456', routeKey: 'GET /api/boom2' });
    expect(next.scope).toBeUndefined();
  });
});
