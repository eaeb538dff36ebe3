// oidc-provider 9 warns as it loads on any Node release older than 22 ("Unsupported runtime"). The
// tracker runs on Node 20 (Lambda's nodejs20.x, these machines and CI), where the local provider, a
// stand-in for Cognito that is never deployed, passes its end-to-end tests. That one line is dropped
// while the library loads (oidc.ts imports this module just before it, then restores console.warn);
// any other warning prints as before.
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING: Unsupported runtime')) return;
  warn(...args);
};

export const restoreWarn = (): void => {
  console.warn = warn;
};
