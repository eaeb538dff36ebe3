// The registry as the figures read it: a county's units and those outside the programme's scope, and
// which registry version is in force when. Small on purpose: every cold start of the API loads it, while
// change sets (registry.ts: their parsing, validation and application) load only with the registry's routes.
import type { IsoDate } from './dates.js';

/** Why a registry unit is outside the programme's count (it stays in the registry, marked). */
export const SCOPE_REASONS = {
  virtual: { zh: '虚拟社区（统计单位，非实体社区）', en: 'Virtual community (a statistical unit)' },
  farm: { zh: '农场、林场生活区（统计单位）', en: 'Farm or forest-farm living quarter (a statistical unit)' },
  merged: { zh: '撤并', en: 'Merged away' },
  'with-village': { zh: '居委会随所在村统计', en: 'Counted with its village' },
  'no-residents': { zh: '无常住人口', en: 'No resident population' },
  'after-plan': { zh: '方案编制后新设', en: 'Created after the plan' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type ScopeReason = keyof typeof SCOPE_REASONS;

export interface OutOfScope {
  reason: ScopeReason;
  /** Simulated by the demo's documented rule, not the province's decision. */
  simulated?: boolean;
}

/** One county's registry units at one version. */
export interface CountyUnits {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  townships: [code: string, name: string][];
  communities: [code: string, name: string][];
  /** Communities the programme does not count, by code (absent: all count). */
  outOfScope?: Record<string, OutOfScope>;
}

/** The communities a county's figures count: the registry's, less those outside the programme's scope. */
export function inScope(c: Pick<CountyUnits, 'communities' | 'outOfScope'>): [string, string][] {
  return c.outOfScope ? c.communities.filter(([code]) => !c.outOfScope![code]) : c.communities;
}

/** [registry units, units in the programme's scope] of a county. */
export const unitCounts = (c: CountyUnits): [number, number] => [c.communities.length, inScope(c).length];

/** A registry version as figures cite it. */
export interface RegistryVersionRef {
  version: number;
  effectiveFrom: IsoDate;
  /** preparing (being written), applying (teams being moved), applied (in force), abandoned (cut off while being written; changed nothing). */
  status: 'preparing' | 'applying' | 'applied' | 'abandoned';
  /** Per county: [registry units, units in the programme's scope]. */
  counties: Record<string, [number, number]>;
}

/** The version in force on `date`: the newest applied one effective by then (null before the first). */
export function versionOn<V extends Pick<RegistryVersionRef, 'version' | 'effectiveFrom' | 'status'>>(
  versions: V[],
  date: IsoDate,
): V | null {
  let found: V | null = null;
  for (const v of versions) {
    if (v.status === 'applied' && v.effectiveFrom <= date && (!found || v.version > found.version)) found = v;
  }
  return found;
}

/** A version newer than the one in force that is still being written or carried out: today's figures rest partly on it. */
export function unfinishedVersion<V extends Pick<RegistryVersionRef, 'version' | 'status'> & { at: string }>(
  versions: V[],
  inForce: number | null,
): { version: number; since: string } | null {
  const v = versions.find((x) => (x.status === 'applying' || x.status === 'preparing') && x.version > (inForce ?? 0));
  return v ? { version: v.version, since: v.at } : null;
}
