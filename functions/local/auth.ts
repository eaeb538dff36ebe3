// Local sign-in: a key made at first start signs tokens for demo users; the local server verifies
// them as API Gateway's JWT authorizer verifies Cognito's, and passes the claims the same way.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { UnauthorizedError, ValidationError } from '#core/errors.js';
import { parseScope, scopeGroup } from '#core/scope.js';

export const LOCAL_ISSUER = 'urn:gx-response-teams:local';
export const LOCAL_AUDIENCE = 'gx-response-teams';
const ALG = 'ES256';
const MAX_TOKEN_SECONDS = 24 * 3600;

export interface LocalKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function createKeys(): Promise<LocalKeys> {
  return generateKeyPair(ALG, { extractable: true });
}

/** Loads the local signing key from `file`, creating it on first start. */
export async function loadOrCreateKeys(file: string): Promise<LocalKeys> {
  if (existsSync(file)) {
    const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return { privateKey: (await importJWK(privateJwk, ALG)) as CryptoKey, publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey };
  }
  const keys = await createKeys();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(keys.privateKey), publicJwk: await exportJWK(keys.publicKey) }), {
    mode: 0o600,
  });
  return keys;
}

/** Issues a token whose scope sits in `cognito:groups`, as Cognito puts admin-managed groups. */
export async function issueToken(
  keys: LocalKeys,
  scopeText: unknown,
  options: { user?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const scope = typeof scopeText === 'string' ? parseScope(scopeText) : null;
  if (!scope)
    throw new ValidationError('scope 必须是 province、city:<4 位市代码> 或 county:<6 位县代码>', [
      { field: 'scope', message: '例如 county:450102' },
    ]);
  const user = options.user ?? `demo-${scopeGroup(scope)}`;
  // The groups in Cognito's claim and in the local OpenID provider's (`groups`): the handlers read either, as GROUPS_CLAIM says.
  return new SignJWT({ 'cognito:groups': [scopeGroup(scope)], groups: [scopeGroup(scope)], 'cognito:username': user, token_use: 'id' })
    .setProtectedHeader({ alg: ALG })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 12 * 3600}s`)
    .sign(keys.privateKey);
}

/** Verifies a bearer token; 401 on anything missing, malformed, forged or expired. */
export async function verifyBearer(keys: LocalKeys, authorization: string | undefined): Promise<JWTPayload> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) throw new UnauthorizedError('需要登录：缺少 Authorization: Bearer 令牌');
  try {
    // exp is required, as API Gateway's JWT authorizer requires it: a token without one never expires.
    const { payload } = await jwtVerify(m[1], keys.publicKey, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: [ALG],
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: '24h',
    });
    // A token lives a day at most, whatever its exp says (the local issuer gives 12 hours).
    if (payload.exp! - payload.iat! > MAX_TOKEN_SECONDS) throw new UnauthorizedError('令牌有效期过长');
    // API Gateway hands array claims on as "[g1 g2]": a group holding a space or line break would split into others.
    const groups = payload['cognito:groups'];
    if (Array.isArray(groups) && groups.some((g) => typeof g !== 'string' || /\s/.test(g)))
      throw new UnauthorizedError('令牌中的权限组无效');
    return payload;
  } catch (e) {
    if (e instanceof UnauthorizedError) throw e;
    const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new UnauthorizedError(expired ? '登录已过期，请重新获取令牌' : '令牌无效');
  }
}

/** API Gateway's HTTP API hands array claims to Lambda as one string: ["a","b"] → "[a b]". */
export function flattenClaims(payload: JWTPayload): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : (v as string | number | boolean)]),
  );
}
