// Sign-in through any OpenID Connect provider (Cognito in AWS, the province's identity platform in
// the China regions, the local provider of `npm start`): discovery, the authorization code with
// PKCE (a public client, no secret), the access token sent to the API (≤ 1 h, refreshed), and
// sign-out that ends the provider's session too — at a shared office PC the next person is not
// signed in as the last one.
import { session, SESSION_ENDED } from '#web/lib/api.js';
import type { AppConfig } from '#web/lib/config.js';
import { serverNow } from '#web/lib/time.js';

type OidcConfig = Extract<AppConfig, { issuer: string }>;

/** A sign-in that could not go on, named by the page's text that says why (in the reader's language). */
export class SignInError extends Error {
  constructor(readonly key: 'signInUnavailable' | 'signInFailed' | 'signInStateMismatch') {
    super(key);
  }
}
interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  revocation_endpoint?: string;
}
interface Tokens {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

const VERIFIER = 'oidc-verifier';
const STATE = 'oidc-state';
const ID_TOKEN = 'oidc-id-token';
const REFRESH = 'oidc-refresh';

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/`;

let discovered: Promise<Discovery> | undefined;
function discover(c: OidcConfig): Promise<Discovery> {
  // Cognito's endpoints are on its own domain (the CSP allows that one, not cognito-idp): no discovery needed.
  if (c.mode === 'cognito') {
    return Promise.resolve({
      authorization_endpoint: `${c.authDomain}/oauth2/authorize`,
      token_endpoint: `${c.authDomain}/oauth2/token`,
      revocation_endpoint: `${c.authDomain}/oauth2/revoke`,
    });
  }
  discovered ??= fetch(`${c.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
    .then((r) => {
      if (!r.ok) throw new SignInError('signInUnavailable');
      return r.json() as Promise<Discovery>;
    })
    .catch((e: unknown) => {
      discovered = undefined; // a failed attempt is not kept: the next click tries again
      throw e;
    });
  return discovered;
}

export async function startSignIn(c: OidcConfig): Promise<void> {
  const { authorization_endpoint } = await discover(c);
  const verifier = random();
  const state = random();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: redirectUri(),
    scope: c.scope ?? 'openid profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  }).toString();
  location.assign(url.toString());
}

async function tokenRequest(c: OidcConfig, body: Record<string, string>): Promise<Tokens> {
  const { token_endpoint } = await discover(c);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: c.clientId, ...body }),
  });
  if (!res.ok) throw new SignInError('signInFailed');
  return res.json() as Promise<Tokens>;
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
// A sign-in the API has refused (a 401) is over: nothing renews it behind the sign-in page.
if (typeof window !== 'undefined') window.addEventListener(SESSION_ENDED, () => clearTimeout(refreshTimer));
/** Renews the access token a minute before it runs out, when there is a refresh token. */
function scheduleRenewal(c: OidcConfig, expiresInSeconds: number): void {
  clearTimeout(refreshTimer);
  const refresh = sessionStorage.getItem(REFRESH);
  if (!refresh) return;
  refreshTimer = setTimeout(
    () => {
      tokenRequest(c, { grant_type: 'refresh_token', refresh_token: refresh }).then(
        (n) => keep(c, n),
        () => {
          session.clear();
          location.reload();
        },
      );
    },
    Math.max(5, expiresInSeconds - 60) * 1000,
  );
}

function keep(c: OidcConfig, t: Tokens): void {
  session.set(t.access_token);
  if (t.id_token) sessionStorage.setItem(ID_TOKEN, t.id_token);
  if (t.refresh_token) sessionStorage.setItem(REFRESH, t.refresh_token);
  if (t.expires_in) scheduleRenewal(c, t.expires_in);
}

/** After a reload: the renewal timer again, from the stored access token's expiry. */
export function resumeSession(c: OidcConfig): void {
  const token = session.token();
  if (!token) return;
  try {
    const { exp } = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    if (exp) scheduleRenewal(c, exp - serverNow().getTime() / 1000);
  } catch {
    /* not a JWT we can read: left to expire */
  }
}

/** On return from the provider (?code=…&state=…): exchanges the code for tokens; true when signed in. */
export async function finishSignIn(c: OidcConfig): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  const state = sessionStorage.getItem(STATE);
  if (!code || !verifier) return false;
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  history.replaceState(null, '', location.pathname + location.hash);
  if (!state || params.get('state') !== state) throw new SignInError('signInStateMismatch');
  keep(c, await tokenRequest(c, { grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: verifier }));
  return true;
}

/** Signs out here and at the provider (Cognito's logout takes its own client_id / logout_uri). */
export async function signOut(c: OidcConfig): Promise<void> {
  const idToken = sessionStorage.getItem(ID_TOKEN);
  const refresh = sessionStorage.getItem(REFRESH);
  for (const k of [ID_TOKEN, REFRESH]) sessionStorage.removeItem(k);
  clearTimeout(refreshTimer);
  session.clear();
  // The refresh token revoked, so a copy taken from this PC renews nothing (best effort: sign-out goes on).
  const { revocation_endpoint } = await discover(c).catch(() => ({ revocation_endpoint: undefined }));
  if (refresh && revocation_endpoint) {
    await fetch(revocation_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: c.clientId, token: refresh, token_type_hint: 'refresh_token' }),
    }).catch(() => undefined);
  }
  if (c.mode === 'cognito') {
    location.assign(`${c.authDomain}/logout?${new URLSearchParams({ client_id: c.clientId, logout_uri: redirectUri() })}`);
    return;
  }
  const { end_session_endpoint } = await discover(c);
  if (!end_session_endpoint) {
    location.assign(redirectUri());
    return;
  }
  location.assign(
    `${end_session_endpoint}?${new URLSearchParams({ client_id: c.clientId, post_logout_redirect_uri: redirectUri(), ...(idToken ? { id_token_hint: idToken } : {}) })}`,
  );
}
