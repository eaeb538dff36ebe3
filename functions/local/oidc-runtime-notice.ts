// oidc-provider 9 warns as it loads on any Node release older than 22 ("Unsupported runtime"). The
// tracker runs on Node 20 (Lambda's nodejs20.x, these machines and CI), where the local provider, a
// stand-in for Cognito that is never deployed, passes its end-to-end tests. Its "in-memory adapter"
// warning is dropped too: the local provider keeps its sessions and grants in memory on purpose (a
// restart of npm start asks the browser to sign in again; nothing of the tracker's data is in them).
// Those two lines are dropped while the library loads and the provider is made (oidc.ts imports this
// module just before the library, then restores console.warn); any other warning prints as before.
const warn = console.warn;
const EXPECTED = ['oidc-provider WARNING: Unsupported runtime', 'oidc-provider WARNING: a quick start development-only in-memory adapter'];
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && EXPECTED.some((line) => (args[0] as string).startsWith(line))) return;
  warn(...args);
};

export const restoreWarn = (): void => {
  console.warn = warn;
};
