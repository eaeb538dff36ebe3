// A county programme's children are its townships (乡镇（街道）): today's figures by township, laggards
// first, each opening the county's communities filtered to it.
import { useMemo } from 'react';
import { ErrorView, Loading } from '#web/components/ui.js';
import { TownshipTable } from '#web/components/township-table.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { useCounty } from '#web/api/county.js';

export function TownshipRankings({ county }: { county: string }) {
  const { t } = useLang();
  const { data, error, reload } = useCounty(county);
  // A township with no community in the programme's scope has no coverage to rank: it goes last, shown as such.
  const rows = useMemo(
    () =>
      [...(data?.townships ?? [])].sort(
        (a, b) => Number(!a.communities) - Number(!b.communities) || a.coverage - b.coverage || a.code.localeCompare(b.code),
      ),
    [data],
  );
  if (error) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <section className="card" aria-labelledby="township-rankings-title">
      <h2 id="township-rankings-title">
        {t('rankings')} · {t('township')}
      </h2>
      <p className="muted">
        <a href={href(`/county/${county}`)}>{t('townshipCommunities', { name: data.name })}</a>
      </p>
      <TownshipTable townships={rows} testid="township-rankings" ranked />
    </section>
  );
}
