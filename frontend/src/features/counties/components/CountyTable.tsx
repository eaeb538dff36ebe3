// The counties in the caller's scope with their figures, sortable, laggards first.
import { useMemo, useState } from 'react';
import { useLang, type Key } from '../../../lib/i18n';
import type { CountiesResponse, CountyRow } from '../api/get-counties';

type SortKey = 'coverage' | 'communities' | 'teamsRegistered' | 'teamsMeetingStandard' | 'gap' | 'code';

export function CountyTable({ data }: { data: CountiesResponse }) {
  const { t, pct, num } = useLang();
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'coverage', asc: true });
  const rows = useMemo(() => {
    const value = (r: CountyRow) => (sort.key === 'gap' ? r.milestone.gap : sort.key === 'code' ? Number(r.code) : r[sort.key]);
    return [...data.counties].sort((a, b) => (value(a) - value(b)) * (sort.asc ? 1 : -1));
  }, [data, sort]);
  const header = (key: SortKey, label: Key) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button className="sort" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : key === 'coverage' })}>
        {t(label)}{sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const total = data.totals;
  return (
    <table className="counties" data-testid="county-table">
      <thead>
        <tr>
          <th scope="col">{t('city')}</th>
          {header('code', 'county')}
          {header('communities', 'communities')}
          {header('teamsRegistered', 'registered')}
          {header('teamsMeetingStandard', 'meeting')}
          {header('coverage', 'coverage')}
          <th scope="col">{t('target')}</th>
          {header('gap', 'gap')}
          <th scope="col">{t('status')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.code} data-code={c.code}>
            <td>{c.cityName}</td>
            <th scope="row">{c.name}</th>
            <td className="num">{num(c.communities)}</td>
            <td className="num">{num(c.teamsRegistered)}</td>
            <td className="num">{num(c.teamsMeetingStandard)}</td>
            <td className="num"><Bar value={c.coverage} label={pct(c.coverage)} /></td>
            <td className="num">{pct(c.milestone.target.target)}</td>
            <td className="num">{num(c.milestone.gap)}</td>
            <td><span className={`status status-${c.milestone.status}`}>{t(`status.${c.milestone.status}` as Key)}</span></td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td />
          <th scope="row">{t('total')}</th>
          <td className="num">{num(total.communities)}</td>
          <td className="num">{num(total.teamsRegistered)}</td>
          <td className="num">{num(total.teamsMeetingStandard)}</td>
          <td className="num"><Bar value={total.coverage} label={pct(total.coverage)} /></td>
          <td className="num">{pct(total.milestone.target.target)}</td>
          <td className="num">{num(total.milestone.gap)}</td>
          <td><span className={`status status-${total.milestone.status}`}>{t(`status.${total.milestone.status}` as Key)}</span></td>
        </tr>
      </tfoot>
    </table>
  );
}

function Bar({ value, label }: { value: number; label: string }) {
  return (
    <span className="bar" title={label}>
      <span className="bar-fill" style={{ width: `${Math.min(100, value * 100)}%` }} />
      <span className="bar-label">{label}</span>
    </span>
  );
}
