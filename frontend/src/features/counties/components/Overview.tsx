// The first page: scope totals, the milestone in view, and the county table.
import { useLang } from '../../../lib/i18n';
import { useCounties } from '../api/get-counties';
import { CountyTable } from './CountyTable';

export function Overview() {
  const { t, pct, num, lang } = useLang();
  const { data, error, reload } = useCounties();
  if (error) return <p role="alert" className="error">{error} <button onClick={reload}>{t('retry')}</button></p>;
  if (!data) return <p aria-busy="true">{t('loading')}</p>;
  const { totals } = data;
  return (
    <>
      {data.demo && <p className="demo-banner" role="note" data-testid="demo-banner">{t('demo')}</p>}
      <section className="summary" aria-label={t('coverage')}>
        <div className="stat"><span className="stat-value">{pct(totals.coverage)}</span><span className="stat-label">{t('coverage')}</span></div>
        <div className="stat"><span className="stat-value">{num(totals.teamsMeetingStandard)}</span><span className="stat-label">{t('meeting')}</span></div>
        <div className="stat"><span className="stat-value">{num(totals.teamsRegistered)}</span><span className="stat-label">{t('registered')}</span></div>
        <div className="stat">
          <span className="stat-value">{num(totals.communities)}</span>
          <span className="stat-label">{t('registryCount')}{'plannedCommunities' in totals && totals.plannedCommunities ? ` · ${t('planCount')} ${num(totals.plannedCommunities)}` : ''}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{pct(totals.milestone.target.target)}</span>
          <span className="stat-label">{t('target')} · {totals.milestone.target.due} {t('due')}</span>
        </div>
      </section>
      <p className="as-of">{t('asOf')} {data.asOf}{data.phase ? ` · ${t('phase')}：${data.phase.name[lang]}` : ''}</p>
      <CountyTable data={data} />
    </>
  );
}
