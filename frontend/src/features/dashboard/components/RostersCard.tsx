// The people behind the number, over the counties in view (today's, for the live month): teams with a named
// roster, the members counted from rosters beside those typed by teams without one, the duplicates that stand,
// and this year's trainings and drills from the activity logs (场次, 人次).
import { useLang } from '#web/lib/i18n.js';
import type { CountiesResponse } from '#web/api/counties.js';

export function RostersCard({ data }: { data: CountiesResponse }) {
  const { t, num, pct } = useLang();
  const r = data.totals.rosters;
  const p = data.totals.practices;
  if (!r?.teams) return null;
  const facts: [string, string, string][] = [
    ['with-roster', t('rostersWithRoster'), `${num(r.withRoster)} / ${num(r.teams)} (${pct(r.withRoster / r.teams)})`],
    ['on-rosters', t('rostersOnRosters'), num(r.onRosters)],
    ['typed', t('rostersTyped'), num(r.typed)],
    ['duplicates', t('rosterDuplicate'), num(r.duplicates)],
    ['suspected', t('rankingsSuspected'), num(r.suspected)],
    ...(p
      ? ([['practices', t('rostersPractices', { year: p.year }), `${num(p.events)} / ${num(p.people)}`]] as [string, string, string][])
      : []),
  ];
  return (
    <section className="card" aria-labelledby="rosters-card-title" data-testid="rosters-card">
      <h2 id="rosters-card-title">{t('rostersCardTitle')}</h2>
      <dl className="facts">
        {facts.map(([id, label, value]) => (
          <div key={id} data-testid={`rosters-${id}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
