// Boots the local server on a free port around a test table, with the real handler modules; every
// answer is checked against the OpenAPI document (tests/helpers/openapi.ts).
import { tenancyOf } from '#app/deps.js';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { createReadHandler } from '#api/read.js';
import { createWriteHandler } from '#api/write.js';
import { createKeys, issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '#local/auth.js';
import { createLocalServer } from '#local/server.js';
import { checkAnswer } from './openapi.js';
import { testStack } from './stack.js';

export async function testServer(options: Parameters<typeof testStack>[0] = {}) {
  const stack = await testStack(options);
  const keys = await createKeys();
  const tenancy = tenancyOf(stack.deps, ...stack.others);
  const server = createLocalServer({
    handlers: { read: createReadHandler(() => tenancy), write: createWriteHandler(() => tenancy) },
    keys,
    programmes: tenancy.areas,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: (init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined)) as BodyInit | undefined,
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    await checkAnswer(
      method,
      path,
      res.status,
      res.headers.get('content-type'),
      json,
      init.body !== undefined ? { json: init.body, headers: init.headers ?? {} } : undefined,
    );
    return { status: res.status, json, headers: res.headers, text, bytes };
  }

  /** Every item of the test table and its audit table, for "nothing was written" checks. */
  async function snapshot(): Promise<string> {
    const items: Record<string, unknown>[] = [];
    for (const TableName of [stack.tableName, stack.store.auditTableName]) {
      let start: Record<string, unknown> | undefined;
      do {
        // a scan page holds 1 MB at most
        const out = await stack.doc.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
    }
    return JSON.stringify(items.map((i) => `${i.pk}|${i.sk}|${JSON.stringify(i)}`).sort());
  }

  const tokenFor = (scope: string) => issueToken(keys, scope);
  const otherKeys = await createKeys();
  return {
    ...stack,
    base,
    call,
    snapshot,
    keys,
    tokenFor,
    forgedToken: () => issueToken(otherKeys, 'province'),
    expiredToken: () =>
      new SignJWT({ 'cognito:groups': ['province'] })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(1_600_000_000)
        .setExpirationTime(1_600_003_600)
        .sign(keys.privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
