// Sortable rankings of counties (or cities) — laggards first — with CSV and Excel export.
import { useMemo, useState } from 'react';
import { REPORT_WORDS } from '#core/reporting.js';
import { message } from '#core/messages/index.js';
import { Bar, ErrorView, StatusChip } from '#web/components/ui.js';
import { useLang, type Key } from '#web/lib/i18n.js';
import { href, withQuery } from '#web/lib/router.js';
import type { CountyResult } from '#web/api/campaigns.js';
import type { Verified } from '#web/api/campaigns.js';
import { exportCounties, type CountiesResponse } from '#web/api/counties.js';

type Row = CountiesResponse['counties'][number] | (CountiesResponse['cities'][number] & { cityName?: undefined });
type SortKey =
  | 'coverage'
  | 'changeThisMonth'
  | 'gap'
  | 'communities'
  | 'teamsRegistered'
  | 'teamsMeetingStandard'
  | 'name'
  | 'verified'
  | 'discrepancyRate'
  | 'withRoster'
  | 'suspected'
  | 'practices';

export function Rankings({ data, month, verified }: { data: CountiesResponse; month: string | null; verified?: Verified }) {
  const { t, fmt, pct, num, lang, paren } = useLang();
  const [level, setLevel] = useState<'counties' | 'cities'>('counties');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'coverage', asc: true });
  const [error, setError] = useState<Error | null>(null);
  const rows = useMemo(() => {
    const list: Row[] = level === 'counties' ? data.counties : data.cities;
    // A county not checked sorts as a value below any share: last when descending, first when ascending.
    const checkedShare = (r: Row, pick: (v: CountyResult) => number | null) => {
      const v = verified?.byCode.get(r.code);
      return v?.checked ? (pick(v) ?? -1) : -1;
    };
    const value = (r: Row): number | string =>
      sort.key === 'gap'
        ? r.milestone.gap
        : sort.key === 'name'
          ? r.code
          : sort.key === 'verified'
            ? checkedShare(r, (v) => v.estimate.estimate)
            : sort.key === 'discrepancyRate'
              ? checkedShare(r, (v) => v.discrepancyRate)
              : sort.key === 'withRoster' || sort.key === 'suspected'
                ? (r.rosters?.[sort.key] ?? 0)
                : sort.key === 'practices'
                  ? (r.practices?.events ?? 0)
                  : (r[sort.key] ?? 0);
    return [...list].sort((a, b) => {
      const [va, vb] = [value(a), value(b)];
      const d = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
      return (d || a.code.localeCompare(b.code)) * (sort.asc ? 1 : -1);
    });
  }, [data, level, sort, verified]);
  const showVerified = Boolean(verified) && level === 'counties';
  // Today's rosters (the live month only: a month's record holds none).
  const showRosters = data.counties.some((c) => c.rosters);
  const th = (key: SortKey, label: Key) => (
    <th
      scope="col"
      className={key === 'name' ? undefined : 'num'}
      aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort"
        onClick={() =>
          setSort({ key, asc: sort.key === key ? !sort.asc : key === 'coverage' || key === 'changeThisMonth' || key === 'name' })
        }
      >
        {t(label)}
        {sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const exportAs = (kind: 'csv' | 'xlsx') => exportCounties(kind, month).catch(setError);
  return (
    <section className="card" aria-labelledby="rankings-title">
      <div className="section-head">
        <h2 id="rankings-title">{t('rankings')}</h2>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form's fieldset */}
        <div className="segmented" role="group">
          <button type="button" aria-pressed={level === 'counties'} onClick={() => setLevel('counties')}>
            {t('counties')}
          </button>
          <button type="button" aria-pressed={level === 'cities'} onClick={() => setLevel('cities')}>
            {t('cities')}
          </button>
        </div>
        <span className="spacer" />
        {/* The workbook first: it opens right everywhere; the CSV needs LibreOffice's import dialog set to UTF-8. */}
        <button type="button" onClick={() => exportAs('xlsx')} data-testid="export-xlsx">
          {t('exportXlsx')}
        </button>
        <button type="button" onClick={() => exportAs('csv')} data-testid="export-csv">
          {t('exportCsv')}
        </button>
      </div>
      {error && <ErrorView error={error} />}
      {showVerified && (
        <p className="muted" data-testid="rankings-verified-basis">
          {t('rankingsVerifiedBasis', {
            campaign: verified!.campaign,
            interim: verified!.interim ? t('interimSuffix') : '',
            v: String(verified!.registryVersion),
          })}{' '}
          <span data-testid="discrepancy-rate-explained">{fmt(message('verified.discrepancyRate.explain'))}</span>
        </p>
      )}
      {/* The table scrolls sideways on its own; the heading and the export buttons stay put. */}
      <div className="table-scroll">
        <table className="data rankings" data-testid="rankings">
          <thead>
            <tr>
              <th scope="col">#</th>
              {th('name', level === 'counties' ? 'county' : 'city')}
              {level === 'counties' && <th scope="col">{t('city')}</th>}
              {th('communities', 'communities')}
              {th('teamsRegistered', 'registered')}
              {th('teamsMeetingStandard', 'meeting')}
              {th('coverage', 'coverage')}
              {showVerified && th('verified', 'verifiedCoverage')}
              {showVerified && th('discrepancyRate', 'discrepancyRate')}
              {showRosters && th('withRoster', 'rankingsWithRoster')}
              {showRosters && th('suspected', 'rankingsSuspected')}
              {showRosters && th('practices', 'rankingsPractices')}
              {th('changeThisMonth', 'change')}
              {th('gap', 'gapToMilestone')}
              <th scope="col">{t('status')}</th>
              {level === 'counties' && <th scope="col">{t('reporting')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.code} data-code={r.code}>
                <td className="num">{i + 1}</td>
                <th scope="row">
                  {level === 'counties' ? <a href={href(withQuery(`/county/${r.code}`, { month }))}>{r.name}</a> : r.name}
                </th>
                {level === 'counties' && <td>{r.cityName}</td>}
                <td className="num">{num(r.communities)}</td>
                <td className="num">{num(r.teamsRegistered)}</td>
                <td className="num">{num(r.teamsMeetingStandard)}</td>
                <td className="num">
                  <Bar value={r.coverage} label={pct(r.coverage)} />
                </td>
                {showVerified &&
                  (() => {
                    const v = verified!.byCode.get(r.code);
                    return (
                      <>
                        <td className="num" data-field="verified">
                          {v?.checked
                            ? `${pct(v.estimate.estimate)}${v.census ? '' : paren(`${pct(v.estimate.low)}–${pct(v.estimate.high)}`)} · ${v.checked}`
                            : '—'}
                        </td>
                        <td className="num" data-field="discrepancyRate">
                          {v && v.discrepancyRate !== null ? pct(v.discrepancyRate) : '—'}
                        </td>
                      </>
                    );
                  })()}
                {showRosters && (
                  <td className="num" data-field="withRoster">
                    {r.rosters ? `${num(r.rosters.withRoster)} / ${num(r.rosters.teams)}` : '—'}
                  </td>
                )}
                {showRosters && (
                  <td className="num" data-field="suspected">
                    {r.rosters ? num(r.rosters.suspected) : '—'}
                  </td>
                )}
                {showRosters && (
                  <td className="num" data-field="practices">
                    {r.practices ? `${num(r.practices.events)} / ${num(r.practices.people)}` : '—'}
                  </td>
                )}
                <td className="num">{r.changeThisMonth === null ? '—' : (r.changeThisMonth > 0 ? '+' : '') + num(r.changeThisMonth)}</td>
                <td className="num">{num(r.milestone.gap)}</td>
                <td>
                  <StatusChip status={r.milestone.status} />
                </td>
                {level === 'counties' && 'report' in r && (
                  <td data-field="report" data-report={r.report}>
                    {REPORT_WORDS[r.report][lang]}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
