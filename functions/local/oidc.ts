// npm start's OpenID provider (the certified `oidc-provider` library): the browser signs in as in
// AWS — discovery at {issuer}/.well-known/openid-configuration, the authorization code with PKCE
// for the public client `gx-teams-web`, an RS256 JWT access token (resource indicator: the API's
// audience) carrying the groups, ≤ 1 h with a refresh token, and RP-initiated sign-out. The demo
// account's name is its group: province, city-4501, county-450102 (its own sign-in page, local only).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { restoreWarn } from './oidc-runtime-notice.js'; // before oidc-provider: see there
import Provider, { type Configuration } from 'oidc-provider';
import { UnauthorizedError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import { NATION_GROUP, rootGroup } from '#core/groups.js';
import { countyRegistries } from '#app/registry.js';
import { demoAccounts, signInGonePage, signInPage, signOutPage, type DemoAccount } from './sign-in-page.js';

export const OIDC_CLIENT_ID = 'gx-teams-web';
/** The API's audience, as a resource indicator must be: an absolute URI. */
export const OIDC_AUDIENCE = 'urn:gx-teams:api';
export const OIDC_GROUPS_CLAIM = 'groups';
/** The API's scope, which the access token for it carries (what -c oidcScope names in AWS China). */
export const OIDC_API_SCOPE = 'api';
const GROUP = /^(nation|province(-\d{2})?|city-\d{4}|county-\d{6})$/;

export interface LocalOidc {
  issuer: string;
  /** Serves /oidc/* (the provider mounted under the tracker's origin). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Verifies one of its access tokens as API Gateway's JWT authorizer would. */
  verify(token: string): Promise<JWTPayload>;
}

/** The signing key and cookie secret, made at first start and kept beside the local JWT key. */
async function loadOrCreate(file: string): Promise<{ jwk: JWK; cookie: string }> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const saved = {
    jwk: { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: randomBytes(8).toString('hex') },
    cookie: randomBytes(32).toString('hex'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(saved), { mode: 0o600 });
  return saved;
}

/** The provider for the local tracker's programmes (their areas): its sign-in page lists their demo offices. */
export async function createLocalOidc(base: string, keyFile: string, areas: readonly string[]): Promise<LocalOidc> {
  const offices = { known: knownGroups(areas), accounts: demoAccounts(areas) };
  const issuer = `${base}/oidc`;
  const { jwk, cookie } = await loadOrCreate(keyFile);
  const configuration: Configuration = {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [`${base}/`],
        post_logout_redirect_uris: [`${base}/`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [cookie] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['preferred_username', OIDC_GROUPS_CLAIM] },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, preferred_username: id, [OIDC_GROUPS_CLAIM]: GROUP.test(id) ? [id] : [] }) };
    },
    // The login step is the tracker's own page (sign-in-page.ts), served by handle() below.
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = signOutPage(form);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => OIDC_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: OIDC_API_SCOPE,
          audience: OIDC_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // The API reads the scope from the access token, as it does from Cognito's.
    async extraTokenClaims(_ctx, token) {
      const id = (token as { accountId?: string }).accountId;
      return token.kind === 'AccessToken' && id ? { [OIDC_GROUPS_CLAIM]: GROUP.test(id) ? [id] : [], preferred_username: id } : undefined;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The tracker's own app needs no consent screen: its grant is made on sign-in.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile offline_access');
      grant.addOIDCClaims(['preferred_username', OIDC_GROUPS_CLAIM]);
      grant.addResourceScope(OIDC_AUDIENCE, OIDC_API_SCOPE);
      await grant.save();
      return grant;
    },
    ttl: { AccessToken: 3600, IdToken: 3600, RefreshToken: 8 * 3600, Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600 },
  };
  const provider = new Provider(issuer, configuration);
  restoreWarn(); // after the provider is made: its adapter warning is one of the two expected lines
  const callback = provider.callback();
  const jwks = createLocalJWKSet({ keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, alg: 'RS256', use: 'sig', kid: jwk.kid }] });
  return {
    issuer,
    handle(req, res) {
      const step = /^\/oidc\/interaction\/([\w-]{1,64})(\/login)?$/.exec(new URL(req.url!, base).pathname);
      if (step) {
        signInStep(provider, req, res, step[1], Boolean(step[2]), offices).catch(() => {
          if (res.headersSent) return res.destroy();
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(signInGonePage());
        });
        return;
      }
      // Mounted as Express mounts it: the provider finds its mount path from originalUrl.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = req.url!.slice('/oidc'.length) || '/';
      callback(req, res);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer,
          audience: OIDC_AUDIENCE,
          algorithms: ['RS256'],
          requiredClaims: ['exp', 'iat'],
        });
        // As the API's authorizer in AWS (-c oidcScope): the access token's scope must hold the API's (an ID token has none).
        if (
          !String(payload.scope ?? '')
            .split(' ')
            .includes(OIDC_API_SCOPE)
        )
          throw new UnauthorizedError(message('auth.invalid'));
        return payload;
      } catch (e) {
        throw new UnauthorizedError(message((e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'auth.expired' : 'auth.invalid'));
      }
    },
  };
}

/** The groups that are offices: each programme's root office, its cities and its counties, and the national office above several. */
function knownGroups(areas: readonly string[]): ReadonlySet<string> {
  return new Set(
    [
      ...(areas.length > 1 ? [NATION_GROUP] : []),
      ...areas.flatMap((area) => [
        rootGroup(area, areas.length > 1),
        ...countyRegistries(area).flatMap((r) => [...(area.length === 2 ? [`city-${r.cityCode}`] : []), `county-${r.code}`]),
      ]),
    ].filter((g) => GROUP.test(g)),
  );
}

/** Longest sign-in form body read: a group name and a password field. */
const MAX_FORM_BYTES = 4096;

function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/** The login step of a sign-in: its page (GET), or the account chosen on it (POST …/login). */
async function signInStep(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  posted: boolean,
  offices: { known: ReadonlySet<string>; accounts: DemoAccount[] },
) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('another sign-in');
  const action = `/oidc/interaction/${uid}/login`;
  const page = (status: number, refused?: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(signInPage(action, offices.accounts, refused));
  };
  if (!posted || req.method !== 'POST') return page(200);
  const form = await formOf(req).catch(() => null);
  const login = (form?.get('login') ?? '').trim();
  if (!form || !offices.known.has(login)) return page(400, login.slice(0, 40));
  await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
}
