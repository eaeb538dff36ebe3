// The national office's pages (应急管理部): each programme in a row of its own, judged by its own standard
// and never added into one national coverage; an area opens its counties and its trend, read-only.
import { Bar, DemoBanner, ErrorView, Loading, StatusChip } from '#web/components/ui.js';
import { useLang, type Key } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { TrendChart } from '#web/features/dashboard/components/TrendChart.js';
import { useNation, useNationCounties, useNationCounty, useNationTrend, type NationProgramme } from '#web/api/nation.js';
import { levelOf } from '#core/area.js';
import { TownshipTable } from '#web/components/township-table.js';

const LEVEL: Record<NationProgramme['area']['level'], Key> = { province: 'levelProvince', city: 'levelCity', county: 'levelCounty' };

/** Every programme of the deployment, side by side. */
export function NationPage() {
  const { t, lang, pct, num, paren } = useLang();
  const { data, error, reload } = useNation();
  if (error) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <>
      <DemoBanner demo={data.programmes.length > 0 && data.programmes.every((p) => p.demo)} />
      <h2>{t('nationTitle')}</h2>
      <p className="notice" data-testid="nation-not-summed">
        {t('nationNotSummed')}
      </p>
      <div className="table-scroll">
        <table className="data" data-testid="nation-programmes">
          <thead>
            <tr>
              <th scope="col">{t('nationArea')}</th>
              <th scope="col">{t('nationProgramme')}</th>
              <th scope="col">{t('nationStandard')}</th>
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
              <th scope="col">{t('target')}</th>
              <th scope="col">{t('registryVersions')}</th>
              <th scope="col">{t('asOf')}</th>
            </tr>
          </thead>
          <tbody>
            {data.programmes.map((p) => (
              <tr key={p.area.code} data-area={p.area.code}>
                <th scope="row">
                  <a href={href(`/nation/${p.area.code}`)}>{p.area.name}</a> <small>{paren(t(LEVEL[p.area.level]))}</small>
                  {/* Which rows are simulated, not only that one is: real and simulated figures may sit side by side. */}
                  {p.demo && (
                    <small className="demo-chip" data-testid="nation-demo">
                      {' '}
                      {p.demo.label[lang]}
                    </small>
                  )}
                </th>
                <td>{p.programme.name[lang]}</td>
                <td>
                  {p.standard.title[lang]}{' '}
                  <small>{paren(`${p.standard.ref} · ${t('nationRules', { count: String(p.standard.rules.length) })}`)}</small>
                </td>
                <td className="num">{num(p.communities)}</td>
                <td className="num">{num(p.teamsRegistered)}</td>
                <td className="num">{num(p.teamsMeetingStandard)}</td>
                <td>
                  <Bar value={p.coverage} label={pct(p.coverage)} />
                </td>
                <td>
                  {pct(p.milestone.target.target)} · {p.milestone.target.due} <StatusChip status={p.milestone.status} />
                </td>
                <td>{p.registry ? t('registryVersion', { v: String(p.registry.version) }) : '—'}</td>
                <td>{p.asOf}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One programme's counties and trend, as its root office reads them: figures only. */
export function NationProgrammePage({ programme }: { programme: string }) {
  const { t, pct, num, lang } = useLang();
  const { data, error, reload } = useNationCounties(programme);
  // A county's own programme: its children are its townships.
  const county = useNationCounty(programme, levelOf(programme) === 'county' ? programme : null);
  const trend = useNationTrend(programme);
  if (error) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  const name = data.basis.programme[lang];
  return (
    <>
      <DemoBanner demo={data.demo} />
      <p>
        <a href={href('/')}>{t('nationBack')}</a>
      </p>
      <h2>{t(county.data ? 'nationDrillTownships' : 'nationDrill', { name })}</h2>
      <p className="muted">
        {t('nationReadOnly')} {t('asOf')} {data.asOf} · {data.basis.ruleSetId}
        {data.basis.registry && ` · ${t('registryVersion', { v: String(data.basis.registry.version) })}`}
      </p>
      <div className="dashboard">
        <div className="dashboard-map table-scroll">
          {county.data && <TownshipTable townships={county.data.townships} testid="nation-townships" />}
          <table className="data" data-testid="nation-counties" hidden={Boolean(county.data)}>
            <thead>
              <tr>
                <th scope="col">{t('county')}</th>
                <th scope="col">{t('city')}</th>
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
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.counties.map((c) => (
                <tr key={c.code} data-code={c.code}>
                  <th scope="row">{c.name}</th>
                  <td>{c.cityName}</td>
                  <td className="num">{num(c.communities)}</td>
                  <td className="num">{num(c.teamsRegistered)}</td>
                  <td className="num">{num(c.teamsMeetingStandard)}</td>
                  <td>
                    <Bar value={c.coverage} label={pct(c.coverage)} />
                  </td>
                  <td>
                    <StatusChip status={c.milestone.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="dashboard-side">
          <TrendChart trend={trend} />
        </div>
      </div>
    </>
  );
}
