// The one way the frontend talks to the HTTP API: bearer token, JSON, errors as thrown ApiError.
const TOKEN_KEY = 'token';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown) {
    super(message);
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = session.token();
  const res = await fetch(path, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401) session.clear();
    throw new ApiError(res.status, body?.error?.message ?? `HTTP ${res.status}`, body);
  }
  return body as T;
}

/** Reads the scope from a token's payload (display only; the server checks it). */
export function scopeOf(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const groups: string[] = payload['cognito:groups'] ?? [];
    return groups[0]?.replace('-', ':') ?? null;
  } catch {
    return null;
  }
}
