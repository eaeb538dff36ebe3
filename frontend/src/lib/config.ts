// The runtime config (config.json, its shape in #contract/config): locally the dev server's (its own
// OpenID provider), in AWS the one the stack deploys. Cognito's issuer and groups claim are filled in here.
import type { Provider, RuntimeConfig } from '#contract/config.js';

export type AppConfig = Extract<RuntimeConfig, { mode: 'local' | 'oidc' }> | (Extract<RuntimeConfig, { mode: 'cognito' }> & Provider);

// Until config.json is read (or where it cannot be): no programme, so no token grants anything.
let config: AppConfig = { mode: 'local', apiBase: '', programmes: [] };

export async function loadConfig(): Promise<AppConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) {
      const c = (await res.json()) as RuntimeConfig;
      if (['local', 'oidc', 'cognito'].includes(c.mode) && typeof c.apiBase === 'string') {
        const apiBase = c.apiBase.replace(/\/$/, '');
        // Cognito is an OpenID provider too: its issuer is the user pool's, its groups claim its own.
        config =
          c.mode === 'cognito'
            ? {
                ...c,
                apiBase,
                issuer: c.issuer ?? `https://cognito-idp.${c.region}.amazonaws.com/${c.userPoolId}`,
                groupsClaim: c.groupsClaim ?? 'cognito:groups',
              }
            : { ...c, apiBase };
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
