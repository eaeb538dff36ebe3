// The runtime config (config.json): locally the dev server's, in AWS the one the stack deploys
// with the API URL and the Cognito ids.
export type AppConfig =
  | { mode: 'local'; apiBase: string }
  | { mode: 'cognito'; apiBase: string; region: string; userPoolId: string; clientId: string; authDomain: string };

let config: AppConfig = { mode: 'local', apiBase: '' };

export async function loadConfig(): Promise<AppConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) {
      const c = await res.json();
      if ((c.mode === 'local' || c.mode === 'cognito') && typeof c.apiBase === 'string') config = { ...c, apiBase: c.apiBase.replace(/\/$/, '') };
    }
  } catch { /* no config: local defaults */ }
  return config;
}

export const appConfig = () => config;
