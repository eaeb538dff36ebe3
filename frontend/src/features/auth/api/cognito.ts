// Sign-in with Cognito's hosted UI: authorization code with PKCE, no client secret, no library.
import type { AppConfig } from '../../../lib/config';

type CognitoConfig = Extract<AppConfig, { mode: 'cognito' }>;
const VERIFIER = 'pkce-verifier';

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const redirectUri = () => `${location.origin}/`;

export async function startSignIn(c: CognitoConfig): Promise<void> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, verifier);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(`${c.authDomain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: c.clientId, redirect_uri: redirectUri(), scope: 'openid email profile',
    code_challenge_method: 'S256', code_challenge: challenge,
  }).toString();
  location.assign(url.toString());
}

/** On return from the hosted UI (?code=…), exchanges the code for tokens; the ID token carries cognito:groups. */
export async function finishSignIn(c: CognitoConfig): Promise<string | null> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (!code || !verifier) return null;
  sessionStorage.removeItem(VERIFIER);
  history.replaceState(null, '', location.pathname + location.hash);
  const res = await fetch(`${c.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code, redirect_uri: redirectUri(), code_verifier: verifier }),
  });
  if (!res.ok) throw new Error('登录失败，请重试');
  return (await res.json()).id_token as string;
}
