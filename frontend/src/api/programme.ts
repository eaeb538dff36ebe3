// The programme and standard in force, as the API describes them: every page that shows a milestone,
// a rule or a form field reads them from here, never from constants.
import type { ProgrammeAnswer } from '#contract/programme.js';
import { pathOf, scopeOf, session, useApi } from '#web/lib/api.js';
import { useLang } from '#web/lib/i18n.js';
import { levelOf } from '#core/area.js';

export type ProgrammeView = ProgrammeAnswer;
export type StandardView = ProgrammeView['ruleSet'];

/**
 * Asked only when signed in to a programme: the header asks for the root office's name on every page, the sign-in page
 * too, and a 401 there would end the sign-in being made; the national office is of no one programme.
 */
export function useProgramme() {
  const token = session.token();
  return useApi(token && scopeOf(token)?.kind !== 'nation' ? pathOf('/api/programme') : null);
}

/** The programme's root area (its code, name and words), once the programme is read: what the root office's pages show. */
export const useRootArea = () => useProgramme().data?.area ?? null;

export type AreaParams = { name: string; whole: string; organiser: string; children: string; office: string };

/**
 * The root area's words as a page's texts take them: {name} (广西壮族自治区), {whole} (全区), {organiser}
 * (自治区), {children} (县（市、区）, or 乡镇（街道） in a county's programme) and {office}, the root office's
 * name; in English the same by the area's level. General words until the programme is read.
 */
export function useAreaParams(): AreaParams {
  const area = useRootArea();
  const { t, lang } = useLang();
  const name = area?.name ?? '';
  const level = area ? levelOf(area.code) : 'province';
  const office = area ? t('rootOffice', { name, unit: t(level === 'province' ? 'department' : 'bureauUnit') }) : t('areaOrganiser');
  const children = t(level === 'county' ? 'areaChildTownships' : 'areaChildCounties');
  if (lang === 'zh' && area) return { name, office, ...area.words };
  return { name, office, whole: t('areaWhole'), organiser: t('areaOrganiser'), children };
}
