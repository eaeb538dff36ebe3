// An area's yearly summary: read (drafted from the figures of record when none is saved) and saved.
import type { AnnualAnswer } from '#contract/annual.js';
import { api, putAnswer, useApi, pathOf } from '#web/lib/api.js';

export type AnnualKind = 'county' | 'city' | 'province';

export const annualPath = (kind: AnnualKind, code: string, year: number) =>
  kind === 'province'
    ? pathOf('/api/province/annual/{year}', { year })
    : pathOf(kind === 'county' ? '/api/counties/{code}/annual/{year}' : '/api/cities/{code}/annual/{year}', { code, year });

export const useAnnual = (kind: AnnualKind, code: string, year: number) => useApi(annualPath(kind, code, year));

/** Saves the sections (a new version over `version`), and submits them upward when `submit`; the saved summary is what the page reads from then on. */
export function saveAnnual(
  kind: AnnualKind,
  code: string,
  year: number,
  sections: Record<string, string>,
  submit: boolean,
  version: number | null,
): Promise<AnnualAnswer> {
  const path = annualPath(kind, code, year);
  return api(path, {
    method: 'PUT',
    json: { sections, submit },
    headers: version ? { 'if-match': String(version) } : {},
  }).then((saved) => putAnswer(path, saved));
}
