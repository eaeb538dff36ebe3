// Every case of the bad-input corpus gets its documented 4xx, the server stays up, and the table is
// the same before and after.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createKeys, LOCAL_AUDIENCE, LOCAL_ISSUER } from '#local/auth.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { corpus, COUNTY, HOSTILE_TEXT, inputPolicyCases } from './corpus.js';

function withHost(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; json(): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('bad input corpus', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  const cases = corpus();
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY, '450103'] });
  });
  afterAll(() => s.close());

  it('holds at least 210 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(210);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('answers each with its 4xx and a Chinese message, writes nothing, and stays up', async () => {
    const before = await s.snapshot();
    const wrong: string[] = [];
    for (const c of cases) {
      const headers: Record<string, string> = { ...c.headers };
      if (c.auth && 'scope' in c.auth) headers.authorization = `Bearer ${await s.tokenFor(c.auth.scope)}`;
      if (c.auth && 'header' in c.auth) headers.authorization = c.auth.header;
      // fetch never sends a Host header of the caller's choosing; node:http does, as a rebinding page's browser would.
      const res = headers.host
        ? await withHost(s.base + c.path, c.method, headers, c.body)
        : await fetch(s.base + c.path, {
            method: c.method,
            headers,
            body: c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
          });
      const body = await res.json().catch(() => null);
      if (res.status !== c.status || !/[\u4e00-\u9fff]/.test(body?.error?.message ?? ''))
        wrong.push(`${c.name}: ${res.status} ${JSON.stringify(body?.error?.message)}`);
    }
    expect(wrong).toEqual([]);
    expect((await s.call('GET', '/api/health')).status).toBe(200);
    // The only items a bad request may leave are none: compare the whole table.
    expect(await s.snapshot()).toBe(before);
  }, 300_000);

  it('a token from the right issuer but for another audience, expired, or without an expiry, is refused', async () => {
    const keys = s.keys;
    const other = await createKeys();
    const sign = (key: CryptoKey, iss: string, aud: string, exp: number | null) => {
      const jwt = new SignJWT({ 'cognito:groups': ['province'] })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt();
      return (exp === null ? jwt : jwt.setExpirationTime(exp)).sign(key);
    };
    const future = Math.floor(Date.now() / 1000) + 3600;
    for (const token of [
      await sign(keys.privateKey, LOCAL_ISSUER, 'someone-else', future),
      await sign(keys.privateKey, 'https://evil.example', LOCAL_AUDIENCE, future),
      await sign(keys.privateKey, LOCAL_ISSUER, LOCAL_AUDIENCE, Math.floor(Date.now() / 1000) - 10),
      await sign(other.privateKey, LOCAL_ISSUER, LOCAL_AUDIENCE, future),
      await sign(keys.privateKey, LOCAL_ISSUER, LOCAL_AUDIENCE, null),
    ]) {
      expect((await s.call('GET', '/api/counties', { token })).status).toBe(401);
    }
  });

  it('only whole, exact group names count: a comma, a colon form, a line break or a space grant nothing', async () => {
    const sign = (claims: Record<string, unknown>, exp: string | number = '1h') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(s.keys.privateKey);
    for (const groups of [['county-450102,province'], ['county:450102'], ['province\n'], [' province'], ['county-450102 province']]) {
      const token = await sign({ 'cognito:groups': groups });
      expect((await s.call('GET', '/api/counties/450103', { token })).status, JSON.stringify(groups)).toBe(401);
    }
    // a user name that is not plain text, or a token that claims a hundred years
    expect(
      (await s.call('GET', '/api/counties', { token: await sign({ 'cognito:groups': ['province'], 'cognito:username': { toString: 1 } }) }))
        .status,
    ).toBe(401);
    expect((await s.call('GET', '/api/counties', { token: await sign({ 'cognito:groups': ['province'] }, '876000h') })).status).toBe(401);
  });

  it('with GROUPS_CLAIM=groups, a group holding a space, in an array or a string, or two tracker groups, are refused (never "the highest wins")', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(s.keys.privateKey);
    const before = process.env.GROUPS_CLAIM;
    process.env.GROUPS_CLAIM = 'groups';
    try {
      const refused: Record<string, string> = {};
      for (const groups of [
        ['county-450102 province'],
        'county-450102 province',
        ['county-450102', 'province'],
        'province\t',
        'province',
      ]) {
        const res = await s.call('GET', '/api/counties/450103', { token: await sign({ groups }) });
        refused[JSON.stringify(groups)] = `${res.status} ${res.json?.error?.messageId ?? 'granted'}`;
      }
      expect(refused).toEqual({
        '["county-450102 province"]': '401 auth.groups.invalid',
        '"county-450102 province"': '401 auth.groups.invalid',
        '["county-450102","province"]': '401 auth.groups.several',
        '"province\\t"': '401 auth.groups.invalid',
        // one group as a plain string is one group
        '"province"': '200 granted',
      });
    } finally {
      if (before === undefined) delete process.env.GROUPS_CLAIM;
      else process.env.GROUPS_CLAIM = before;
    }
  });
});

describe('one input policy on every route that takes text', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  const cases = inputPolicyCases(GUANGXI_STANDARD_V1 as unknown as Record<string, unknown>);
  beforeAll(async () => {
    // In December, when the year's summaries are open and a change set may take effect this month.
    s = await testServer({ counties: [COUNTY, '450103'], clock: fixedClock('2026-12-10T04:00:00Z') });
  });
  afterAll(() => s.close());

  it(`refuses each hostile text (${Object.keys(HOSTILE_TEXT).join(', ')}) and an unknown field with a 400 naming the field, and writes nothing`, async () => {
    const before = await s.snapshot();
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await s.call(c.method, c.path, {
        token: await s.tokenFor((c.auth as { scope: string }).scope),
        raw: c.body as string,
        headers: c.headers,
      });
      const fields: string[] = (res.json?.error?.details ?? []).map((d: { field: string }) => d.field);
      if (res.status !== 400 || !fields.some((f) => f === c.field || f.startsWith(`${c.field}.`) || f.split(',').includes(c.field)))
        wrong.push(`${c.name}: ${res.status} ${JSON.stringify(fields)} ${JSON.stringify(res.json?.error?.message)}`);
    }
    expect(wrong).toEqual([]);
    expect(await s.snapshot()).toBe(before);
  }, 300_000);
});
