// Sortable rankings of counties (or cities) — laggards first — with CSV and Excel export.
import { useMemo, useState } from 'react';
import { REPORT_WORDS } from '../../../../../functions/core/reporting';
import { Bar, ErrorView, StatusChip } from '../../../components/ui';
import { download } from '../../../lib/api';
import { useLang, type Key } from '../../../lib/i18n';
import { href } from '../../../lib/router';
import type { CountiesResponse } from '../api/queries';

type Row = CountiesResponse['counties'][number] | (CountiesResponse['cities'][number] & { cityName?: undefined });
type SortKey = 'coverage' | 'changeThisMonth' | 'gap' | 'communities' | 'teamsRegistered' | 'teamsMeetingStandard' | 'name';

export function Rankings({ data, month }: { data: CountiesResponse; month: string | null }) {
  const { t, pct, num, lang } = useLang();
  const [level, setLevel] = useState<'counties' | 'cities'>('counties');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'coverage', asc: true });
  const [error, setError] = useState<Error | null>(null);
  const rows = useMemo(() => {
    const list: Row[] = level === 'counties' ? data.counties : data.cities;
    const value = (r: Row): number | string => sort.key === 'gap' ? r.milestone.gap : sort.key === 'name' ? r.code : (r[sort.key] ?? 0);
    return [...list].sort((a, b) => {
      const [va, vb] = [value(a), value(b)];
      const d = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
      return (d || a.code.localeCompare(b.code)) * (sort.asc ? 1 : -1);
    });
  }, [data, level, sort]);
  const th = (key: SortKey, label: Key) => (
    <th scope="col" className={key === 'name' ? undefined : 'num'} aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button className="sort" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : key === 'coverage' || key === 'changeThisMonth' || key === 'name' })}>
        {t(label)}{sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const exportAs = (kind: 'csv' | 'xlsx') => download(`/api/exports/counties.${kind}${month ? `?month=${month}` : ''}`).catch(setError);
  return (
    <section className="card" aria-labelledby="rankings-title">
      <div className="section-head">
        <h2 id="rankings-title">{t('rankings')}</h2>
        <div className="segmented" role="group">
          <button aria-pressed={level === 'counties'} onClick={() => setLevel('counties')}>{t('counties')}</button>
          <button aria-pressed={level === 'cities'} onClick={() => setLevel('cities')}>{t('cities')}</button>
        </div>
        <span className="spacer" />
        <button onClick={() => exportAs('csv')} data-testid="export-csv">{t('exportCsv')}</button>
        <button onClick={() => exportAs('xlsx')} data-testid="export-xlsx">{t('exportXlsx')}</button>
      </div>
      {error && <ErrorView error={error} />}
      <table className="data" data-testid="rankings">
        <thead>
          <tr>
            <th scope="col">#</th>
            {th('name', level === 'counties' ? 'county' : 'city')}
            {level === 'counties' && <th scope="col">{t('city')}</th>}
            {th('communities', 'communities')}
            {th('teamsRegistered', 'registered')}
            {th('teamsMeetingStandard', 'meeting')}
            {th('coverage', 'coverage')}
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
              <th scope="row">{level === 'counties' ? <a href={href(`/county/${r.code}`)}>{r.name}</a> : r.name}</th>
              {level === 'counties' && <td>{r.cityName}</td>}
              <td className="num">{num(r.communities)}</td>
              <td className="num">{num(r.teamsRegistered)}</td>
              <td className="num">{num(r.teamsMeetingStandard)}</td>
              <td className="num"><Bar value={r.coverage} label={pct(r.coverage)} /></td>
              <td className="num">{r.changeThisMonth === null ? '—' : (r.changeThisMonth > 0 ? '+' : '') + num(r.changeThisMonth)}</td>
              <td className="num">{num(r.milestone.gap)}</td>
              <td><StatusChip status={r.milestone.status} /></td>
              {level === 'counties' && 'report' in r && <td data-field="report" data-report={r.report}>{REPORT_WORDS[r.report][lang]}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
