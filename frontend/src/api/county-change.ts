// What a write did to its county's figures: read just before the write and just after it, and kept in
// this tab (sessionStorage) until the clerk closes the notice or signs out, so the page of the write and
// the county page say how the county's coverage moved ("98.8 % → 97.5 %"). Others may write in between:
// the notice says "after your write", with its time, not "because of it".
import { useSyncExternalStore } from 'react';
import type { CountyAnswer } from '#contract/figures.js';
import { api, queryClient, sessionUser, pathOf } from '#web/lib/api.js';
import { serverNow } from '#web/lib/time.js';

type Figures = Pick<CountyAnswer, 'coverage' | 'teamsMeetingStandard' | 'teamsRegistered'>;
export interface CountyChange {
  county: string;
  name: string;
  before: Figures;
  after: Figures;
  /** When the write was answered, and by whom: the notice is only that person's, in this tab. */
  at: string;
  user: string | null;
}

const key = (county: string) => `county-change:${county}`;
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

const figuresOf = async (county: string) => {
  const c = await api(pathOf('/api/counties/{code}', { code: county }));
  return {
    name: c.name,
    figures: { coverage: c.coverage, teamsMeetingStandard: c.teamsMeetingStandard, teamsRegistered: c.teamsRegistered },
  };
};

/**
 * Runs `write`, with the county's figures read before and after it. A figure that cannot be read costs
 * only the notice, never the write: the write's own answer or error is what the caller gets. A write
 * that `wrote` says did nothing now (an import's replayed answer: its writes were made by the first
 * request) leaves no notice, since the figures before it are not known.
 */
export async function measureWrite<T>(county: string, write: () => Promise<T>, wrote: (answer: T) => boolean = () => true): Promise<T> {
  const before = await figuresOf(county).catch(() => null);
  const result = await write();
  // The county's cached answers are stale now: the pages read them afresh.
  void queryClient.invalidateQueries({
    predicate: (q) => String(q.queryKey[2] ?? '').startsWith(pathOf('/api/counties/{code}', { code: county })),
  });
  const after = await figuresOf(county).catch(() => null);
  if (before && after && wrote(result)) {
    const change: CountyChange = {
      county,
      name: after.name,
      before: before.figures,
      after: after.figures,
      at: serverNow().toISOString(),
      user: sessionUser(),
    };
    sessionStorage.setItem(key(county), JSON.stringify(change));
  } else sessionStorage.removeItem(key(county));
  changed();
  return result;
}

export function dismissChange(county: string) {
  sessionStorage.removeItem(key(county));
  changed();
}

/** At sign-out: no notice of one person's write is shown to the next. */
export function forgetAllChanges() {
  for (const k of Object.keys(sessionStorage)) if (k.startsWith('county-change:')) sessionStorage.removeItem(k);
  changed();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The last write's change of this county's figures in this tab, if its notice is still open. */
export function useCountyChange(county: string): CountyChange | null {
  const raw = useSyncExternalStore(subscribe, () => sessionStorage.getItem(key(county)));
  if (!raw) return null;
  try {
    const change = JSON.parse(raw) as CountyChange;
    return change.user === sessionUser() ? change : null;
  } catch {
    return null;
  }
}
