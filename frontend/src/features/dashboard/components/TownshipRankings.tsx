// A county programme's children are its townships (乡镇（街道）): today's figures by township, laggards
// first, each opening the county's communities filtered to it.
import { useMemo } from 'react';
import { Bar, ErrorView, Loading, StatusChip } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { useCounty } from '#web/api/county.js';

export function TownshipRankings({ county }: { county: string }) {
  const { t, pct, num } = useLang();
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
      <table className="data rankings" data-testid="township-rankings">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('township')}</th>
            <th scope="col" className="num">
              {t('communities')}
            </th>
            <th scope="col" className="num">
              {t('registered')}
            </th>
            <th scope="col" className="num">
              {t('meeting')}
            </th>
            <th scope="col">{t('coverage')}</th>
            <th scope="col" className="num">
              {t('gapToMilestone')}
            </th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((tw, i) => (
            <tr key={tw.code} data-code={tw.code}>
              <td>{i + 1}</td>
              <th scope="row">{tw.name}</th>
              <td className="num">{num(tw.communities)}</td>
              <td className="num">{num(tw.teamsRegistered)}</td>
              <td className="num">{num(tw.teamsMeetingStandard)}</td>
              {tw.communities ? (
                <>
                  <td>
                    <Bar value={tw.coverage} label={pct(tw.coverage)} />
                  </td>
                  <td className="num">{num(tw.milestone.gap)}</td>
                  <td>
                    <StatusChip status={tw.milestone.status} />
                  </td>
                </>
              ) : (
                <td colSpan={3} className="muted">
                  {t('townshipNoneInScope')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
