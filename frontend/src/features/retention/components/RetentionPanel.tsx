// Keeping coverage up: teams lapsed in the last 30 days (and why), renewals due in the next
// 30/60/90 days, teams renewed this month. The county page adds the lists, soonest first.
import { message } from '#core/messages/index.js';
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import type { AreaRetention, CountyRetention } from '#web/api/retention.js';

type Figures = AreaRetention | CountyRetention;

function topReasons(byRule: Record<string, number>, titles: Map<string, string>, semi: string) {
  return Object.entries(byRule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id, n]) => `${titles.get(id) ?? id} ${n}`)
    .join(semi);
}

export function RetentionFacts({ data, titles }: { data: Figures; titles: Map<string, string> }) {
  const { t, num, paren, semi } = useLang();
  return (
    <dl className="facts" data-testid="retention">
      <div>
        <dt>{t('lapsed30')}</dt>
        <dd data-testid="lapsed-30">
          {num(data.lapsed.count)}
          {data.lapsed.count > 0 && <small className="muted">{paren(topReasons(data.lapsed.byRule, titles, semi))}</small>}
        </dd>
      </div>
      {([30, 60, 90] as const).map((d) => (
        <div key={d}>
          <dt>
            {t('renewals')}
            {paren(`${d} ${t('within')}`)}
          </dt>
          <dd data-testid={`due-${d}`}>{num(data.due.within[d])}</dd>
        </div>
      ))}
      <div>
        <dt>{t('renewedThisMonth')}</dt>
        <dd data-testid="renewed-this-month">{num(data.renewedThisMonth)}</dd>
      </div>
      <div>
        <dt>{t('rulesSource')}</dt>
        <dd>
          <small>
            {data.ruleSetId} · {t('asOfDay', { day: data.asOf })}
          </small>
        </dd>
      </div>
    </dl>
  );
}

export function RetentionCard({
  state,
  titles,
}: {
  state: { data: AreaRetention | null; error: Parameters<typeof ErrorView>[0]['error'] | null; reload: () => void };
  titles: Map<string, string>;
}) {
  const { t } = useLang();
  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('renewalsAndLapses')}</h2>
      {state.error ? (
        <ErrorView error={state.error} retry={state.reload} />
      ) : !state.data ? (
        <Loading />
      ) : (
        <RetentionFacts data={state.data} titles={titles} />
      )}
    </section>
  );
}

/** The county's teams due for renewal, soonest first, and those lapsed in the last 30 days. */
export function RenewalList({ data }: { data: CountyRetention }) {
  const { t, lang, fmt, num, series } = useLang();
  const reasons = (rules: { title: { zh: string; en: string } }[]) => rules.map((r) => r.title[lang]).join(series);
  return (
    <>
      <h3>{fmt(message('retention.due.heading', { count: num(data.due.list.length) }))}</h3>
      <table className="data" data-testid="renewals-due">
        <thead>
          <tr>
            <th scope="col">{t('community')}</th>
            <th scope="col">{t('township')}</th>
            <th scope="col">{t('holdsUntil')}</th>
            <th scope="col">{fmt(message('retention.due.toRenew'))}</th>
          </tr>
        </thead>
        <tbody>
          {data.due.list.map((d) => (
            <tr key={d.communityCode} data-code={d.communityCode}>
              <th scope="row">
                <a href={href(`/community/${d.communityCode}`)}>{d.name}</a>
              </th>
              <td>{d.townshipName}</td>
              <td>{d.holdsUntil}</td>
              <td>{reasons(d.rules)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.lapsed.list.length > 0 && (
        <>
          <h3>{fmt(message('retention.lapsed.heading', { count: num(data.lapsed.list.length) }))}</h3>
          <table className="data" data-testid="lapsed-list">
            <thead>
              <tr>
                <th scope="col">{t('community')}</th>
                <th scope="col">{t('township')}</th>
                <th scope="col">{t('lapsedOn')}</th>
                <th scope="col">{t('reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {data.lapsed.list.map((d) => (
                <tr key={d.communityCode}>
                  <th scope="row">
                    <a href={href(`/community/${d.communityCode}`)}>{d.name}</a>
                  </th>
                  <td>{d.townshipName}</td>
                  <td>{d.lapsedOn}</td>
                  <td>{reasons(d.rules)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
