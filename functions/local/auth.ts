// Local sign-in: a key made at first start signs tokens for demo users; the local server verifies
// them as API Gateway's JWT authorizer verifies Cognito's, and passes the claims the same way.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { UnauthorizedError, ValidationError } from '#core/errors.js';
import { parseScope, scopeGroup } from '#core/scope.js';
import { NATION_GROUP } from '#core/groups.js';
import { message } from '#core/messages/index.js';

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
  // The national office, a programme's root office by its area (province:45, when a deployment runs several), or a scope.
  const root = typeof scopeText === 'string' ? /^province[:-](\d{2})$/.exec(scopeText) : null;
  const scope = typeof scopeText === 'string' ? parseScope(scopeText) : null;
  const group = scopeText === NATION_GROUP ? NATION_GROUP : root ? `province-${root[1]}` : scope ? scopeGroup(scope) : null;
  if (!group) throw new ValidationError(message('auth.scope.invalid'), [{ field: 'scope', message: message('auth.scope.example') }]);
  const user = options.user ?? `demo-${group}`;
  // The groups in Cognito's claim and in the local OpenID provider's (`groups`): the handlers read either, as GROUPS_CLAIM says.
  return new SignJWT({ 'cognito:groups': [group], groups: [group], 'cognito:username': user, token_use: 'id' })
    .setProtectedHeader({ alg: ALG })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 12 * 3600}s`)
    .sign(keys.privateKey);
}

/**
 * The groups claim the handlers read (GROUPS_CLAIM, else cognito:groups) holds group names without
 * whitespace, as an array or a string: API Gateway hands array claims on as "[g1 g2]", so a group
 * holding a space or a line break would split into others. Checked here, as in AWS the identity
 * provider's admins must (docs/deploy-aws.md); a token with two groups is the handlers' to refuse.
 */
export function assertPlainGroups(payload: JWTPayload, groupsClaim = 'cognito:groups'): void {
  const groups = payload[groupsClaim];
  if (groups === undefined) return;
  const names: unknown[] = Array.isArray(groups) ? groups : [groups];
  if (names.some((g) => typeof g !== 'string' || /\s/.test(g))) throw new UnauthorizedError(message('auth.groups.invalid'));
}

/** Verifies a bearer token; 401 on anything missing, malformed, forged or expired, or groups that would not survive API Gateway's flattening. */
export async function verifyBearer(
  keys: LocalKeys,
  authorization: string | undefined,
  groupsClaim = 'cognito:groups',
): Promise<JWTPayload> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) throw new UnauthorizedError(message('auth.missing'));
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
    if (payload.exp! - payload.iat! > MAX_TOKEN_SECONDS) throw new UnauthorizedError(message('auth.tooLong'));
    assertPlainGroups(payload, groupsClaim);
    return payload;
  } catch (e) {
    if (e instanceof UnauthorizedError) throw e;
    const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new UnauthorizedError(message(expired ? 'auth.expired' : 'auth.invalid'));
  }
}

/** API Gateway's HTTP API hands array claims to Lambda as one string: ["a","b"] → "[a b]". */
export function flattenClaims(payload: JWTPayload): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : (v as string | number | boolean)]),
  );
}
