// What a write did to its county's figures: read just before the write and just after it, and kept in
// this tab (sessionStorage) until the clerk closes the notice, so the county page, the team page and the
// import page say how the county's coverage moved ("98.8 % → 97.5 %"). Others may write in between: the
// notice says "after your write", not "because of it".
import { useSyncExternalStore } from 'react';
import type { CountyAnswer } from '#contract/figures.js';
import { api, queryClient } from '#web/lib/api.js';

type Figures = Pick<CountyAnswer, 'coverage' | 'teamsMeetingStandard' | 'teamsRegistered'>;
export interface CountyChange {
  county: string;
  name: string;
  before: Figures;
  after: Figures;
}

const key = (county: string) => `county-change:${county}`;
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

const figuresOf = async (county: string) => {
  const c = await api<CountyAnswer>(`/api/counties/${county}`);
  return {
    name: c.name,
    figures: { coverage: c.coverage, teamsMeetingStandard: c.teamsMeetingStandard, teamsRegistered: c.teamsRegistered },
  };
};

/**
 * Runs `write`, with the county's figures read before and after it. A figure that cannot be read costs
 * only the notice, never the write: the write's own answer or error is what the caller gets.
 */
export async function measureWrite<T>(county: string, write: () => Promise<T>): Promise<T> {
  const before = await figuresOf(county).catch(() => null);
  const result = await write();
  // The county's cached answers are stale now: the pages read them afresh.
  void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[2] ?? '').startsWith(`/api/counties/${county}`) });
  const after = await figuresOf(county).catch(() => null);
  if (before && after) {
    sessionStorage.setItem(key(county), JSON.stringify({ county, name: after.name, before: before.figures, after: after.figures }));
    changed();
  }
  return result;
}

export function dismissChange(county: string) {
  sessionStorage.removeItem(key(county));
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
    return JSON.parse(raw) as CountyChange;
  } catch {
    return null;
  }
}
