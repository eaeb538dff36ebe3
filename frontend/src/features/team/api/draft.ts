// A team form's unsaved typing, kept in this tab (sessionStorage) for the person signed in: a sign-in
// that ends, or a reload, loses nothing. Saving, cancelling, discarding or signing out removes it.
const PREFIX = 'team-draft:';

export interface KeptDraft {
  /** The version the clerk started from (null for a new team): the save asks for it, so a change made since shows as a conflict. */
  base: number | null;
  draft: Record<string, string | boolean>;
}

const keyFor = (user: string, code: string) => `${PREFIX}${user}:${code}`;

export function readDraft(user: string | null, code: string): KeptDraft | null {
  if (!user) return null;
  try {
    const kept = JSON.parse(sessionStorage.getItem(keyFor(user, code)) ?? 'null') as KeptDraft | null;
    return kept && typeof kept.draft === 'object' && (kept.base === null || typeof kept.base === 'number') ? kept : null;
  } catch {
    return null;
  }
}

export function keepDraft(user: string | null, code: string, kept: KeptDraft): void {
  if (user) sessionStorage.setItem(keyFor(user, code), JSON.stringify(kept));
}

export function forgetDraft(user: string | null, code: string): void {
  if (user) sessionStorage.removeItem(keyFor(user, code));
}

/** On signing out: nobody after this person sees what they typed (a shared computer). */
export function forgetAllDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
