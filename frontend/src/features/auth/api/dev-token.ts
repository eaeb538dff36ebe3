// Local only: a token the local server signs for a scope picked on the sign-in page (the demo shortcut).
import { api, pathOf } from '#web/lib/api.js';

export const devToken = async (scope: string) => (await api(pathOf('/api/dev/token'), { method: 'POST', json: { scope } })).token;
