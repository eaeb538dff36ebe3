// The runtime config (config.json): locally the dev server's (its own OpenID provider), in AWS the
// one the stack deploys — the API's base and the identity provider: Cognito (global partition) or
// any OpenID Connect issuer (the China regions).
interface Provider {
  issuer: string;
  clientId: string;
  /** The access token's claim that carries the groups (province, city-4501, county-450102). */
  groupsClaim: string;
  scope?: string;
}
export type AppConfig =
  | ({ mode: 'local'; apiBase: string } & Partial<Provider>)
  | ({ mode: 'oidc'; apiBase: string } & Provider)
  | ({ mode: 'cognito'; apiBase: string; region: string; userPoolId: string; authDomain: string } & Provider);

let config: AppConfig = { mode: 'local', apiBase: '' };

export async function loadConfig(): Promise<AppConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) {
      const c = await res.json();
      if (['local', 'oidc', 'cognito'].includes(c.mode) && typeof c.apiBase === 'string') {
        config = { ...c, apiBase: c.apiBase.replace(/\/$/, '') };
        // Cognito is an OpenID provider too: its issuer is the user pool's.
        if (c.mode === 'cognito' && !c.issuer)
          config = {
            ...config,
            issuer: `https://cognito-idp.${c.region}.amazonaws.com/${c.userPoolId}`,
            groupsClaim: 'cognito:groups',
          } as AppConfig;
      }
    }
  } catch {
    /* no config: local defaults */
  }
  return config;
}

export const appConfig = () => config;

/** The provider to sign in with, when the config names one. */
export const provider = (c: AppConfig = config) => (c.issuer && c.clientId ? (c as Extract<AppConfig, { issuer: string }>) : null);
