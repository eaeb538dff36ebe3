// Every case of the bad-input corpus gets its documented 4xx, the server stays up, and the table is
// the same before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createKeys, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/local/auth.js';
import { testServer } from '../helpers/server.js';
import { corpus, COUNTY } from './corpus.js';

describe('bad input corpus', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  const cases = corpus();
  beforeAll(async () => { s = await testServer({ counties: [COUNTY, '450103'] }); });
  afterAll(() => s.close());

  it('holds at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('answers each with its 4xx and a Chinese message, writes nothing, and stays up', async () => {
    const before = await s.snapshot();
    const wrong: string[] = [];
    for (const c of cases) {
      const headers: Record<string, string> = { ...c.headers };
      if (c.auth && 'scope' in c.auth) headers.authorization = `Bearer ${await s.tokenFor(c.auth.scope)}`;
      if (c.auth && 'header' in c.auth) headers.authorization = c.auth.header;
      const res = await fetch(s.base + c.path, { method: c.method, headers, body: c.body === undefined ? undefined : (typeof c.body === 'string' ? c.body : new Uint8Array(c.body)) });
      const body = await res.json().catch(() => null);
      if (res.status !== c.status || !/[\u4e00-\u9fff]/.test(body?.error?.message ?? '')) wrong.push(`${c.name}: ${res.status} ${JSON.stringify(body?.error?.message)}`);
    }
    expect(wrong).toEqual([]);
    expect((await s.call('GET', '/api/health')).status).toBe(200);
    // The only items a bad request may leave are none: compare the whole table.
    expect(await s.snapshot()).toBe(before);
  }, 300_000);

  it('a token from the right issuer but for another audience, or expired, is refused', async () => {
    const keys = s.keys;
    const other = await createKeys();
    const sign = (key: CryptoKey, iss: string, aud: string, exp: number) => new SignJWT({ 'cognito:groups': ['province'] })
      .setProtectedHeader({ alg: 'ES256' }).setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime(exp).sign(key);
    const future = Math.floor(Date.now() / 1000) + 3600;
    for (const token of [
      await sign(keys.privateKey, LOCAL_ISSUER, 'someone-else', future),
      await sign(keys.privateKey, 'https://evil.example', LOCAL_AUDIENCE, future),
      await sign(keys.privateKey, LOCAL_ISSUER, LOCAL_AUDIENCE, Math.floor(Date.now() / 1000) - 10),
      await sign(other.privateKey, LOCAL_ISSUER, LOCAL_AUDIENCE, future),
    ]) {
      expect((await s.call('GET', '/api/counties', { token })).status).toBe(401);
    }
  });
});
