// The local server's own routes (npm start only, never deployed, so not in the contract): the demo's
// sign-in token and the mail outbox the root office reads.
export const LOCAL_PATHS = ['/api/dev/token', '/api/dev/outbox', '/api/dev/outbox/{id}'] as const;
export type LocalPath = (typeof LOCAL_PATHS)[number];
