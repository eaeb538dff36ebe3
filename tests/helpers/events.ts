// API Gateway HTTP API v2 events built by hand, for calling a handler directly.
import type { ApiEvent } from '#api/http.js';

export function importEvent(county: string, body: Buffer, key: string, scope: string): ApiEvent {
  return {
    version: '2.0',
    routeKey: 'POST /api/counties/{code}/imports',
    rawPath: `/api/counties/${county}/imports`,
    rawQueryString: '',
    headers: { 'content-type': 'text/csv', 'idempotency-key': key },
    pathParameters: { code: county },
    body: body.toString('base64'),
    isBase64Encoded: true,
    requestContext: {
      requestId: 'test',
      routeKey: 'POST /api/counties/{code}/imports',
      authorizer: {
        jwt: {
          claims: { 'cognito:groups': `[${scope.replace(':', '-')}]`, 'cognito:username': `demo-${scope.replace(':', '-')}` },
          scopes: [],
        },
      },
    },
  } as unknown as ApiEvent;
}
