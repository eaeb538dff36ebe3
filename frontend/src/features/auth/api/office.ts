// The signed-in office's name for the header (那坡县应急管理局, 百色市应急管理局, 自治区应急管理厅), read
// from the API the scope may read; the raw scope until it arrives.
import { useApi } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';

type Scope = { kind: 'province' | 'city' | 'county'; code: string; text: string };

export function useOfficeName(scope: Scope | null): string {
  const { t } = useLang();
  const county = useApi<{ name: string }>(scope?.kind === 'county' ? `/api/counties/${scope.code}` : null);
  const cities = useApi<{ cities: { code: string; name: string }[] }>(scope?.kind === 'city' ? '/api/counties' : null);
  if (!scope) return '';
  if (scope.kind === 'province') return t('provinceOffice');
  const name = scope.kind === 'county' ? county.data?.name : cities.data?.cities.find((c) => c.code === scope.code)?.name;
  return name ? `${name}${t('bureau')}` : scope.text;
}
