// The signed-in office's name for the header (那坡县应急管理局, 百色市应急管理局, 广西壮族自治区应急管理厅):
// from the committed list of cities and counties (already in the first page's bundle, so no code
// flashes first); from the API only for an area that list does not know.
import areas from '#data/registry/areas.json';
import { useApi, pathOf, type ScopeView } from '#web/lib/api.js';
import { STRINGS, useLang, type Lang } from '#web/lib/i18n.js';
import { useAreaParams } from './programme.js';

const NAMES = new Map<string, string>([...areas.cities, ...areas.counties] as [string, string][]);

/**
 * The office behind a scope as written in records (`province`, `city:4510`, `county:451026`); the scope
 * itself when unknown. `rootOffice`: the programme's root office (the scope `province`), by its area.
 */
export function officeOf(scope: string, lang: Lang, rootOffice: string): string {
  if (scope === 'province') return rootOffice;
  const name = NAMES.get(scope.split(':')[1] ?? '');
  return name ? `${name}${STRINGS.bureau[lang]}` : scope;
}

/** The root office's name, for officeOf: 广西壮族自治区应急管理厅, from the programme's area. */
export const useRootOffice = () => useAreaParams().office;

export function useOfficeName(scope: ScopeView | null): string {
  const { t, lang } = useLang();
  const rootOffice = useRootOffice();
  const known = scope?.code ? NAMES.get(scope.code) : undefined;
  const county = useApi(scope?.kind === 'county' && !known ? pathOf('/api/counties/{code}', { code: scope.code }) : null);
  const cities = useApi(scope?.kind === 'city' && !known ? pathOf('/api/counties') : null);
  if (!scope) return '';
  if (scope.kind === 'nation') return t('nationOffice');
  if (scope.kind === 'province' || known) return officeOf(scope.text, lang, rootOffice);
  const name =
    scope.kind === 'county'
      ? county.data?.code === scope.code
        ? county.data.name
        : undefined
      : cities.data?.cities.find((c) => c.code === scope.code)?.name;
  return name ? `${name}${t('bureau')}` : scope.text;
}
