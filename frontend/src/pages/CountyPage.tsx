// One county: its figures, its townships, and its communities grouped by township with team status,
// filters (status, township, failing rule) and search.
import { annualYear } from '#web/lib/time.js';
import { useMemo, useState } from 'react';
import { DemoBanner, ErrorView, Loading, Stat, StatusChip } from '#web/components/ui.js';
import { scopeOf, session } from '#web/lib/api.js';
import { useLang, type Key } from '#web/lib/i18n.js';
import { useAreaParams } from '#web/api/programme.js';
import { href, useMonthQuery, withQuery } from '#web/lib/router.js';
import { useMonthCounties, type CountyRow } from '#web/api/counties.js';
import { useProgramme } from '#web/api/programme.js';
import { DiscrepancyPanel } from '#web/features/campaigns/components/DiscrepancyPanel.js';
import { ReportingPanel } from '#web/features/reporting/components/ReportingPanel.js';
import { useCountyRetention } from '#web/api/retention.js';
import { RenewalList, RetentionFacts } from '#web/features/retention/components/RetentionPanel.js';
import { downloadTeams, downloadTemplate, useCommunities, useCounty, type CommunityRow } from '#web/api/county.js';
import { CountyChangeNotice } from '#web/components/county-change.js';
import { TownshipTable } from '#web/components/township-table.js';

export function CountyPage({ code }: { code: string }) {
  const { t, pct, num, lang, paren, colon } = useLang();
  const words = useAreaParams();
  const county = useCounty(code);
  // Opened from a past month's map: that month's end is said first, and the way back returns to it.
  const month = useMonthQuery();
  const past = useMonthCounties(month).data;
  // Only an ended month has a month's end to tell of; the month under way is today's figures.
  const pastRow = past && !past.live ? past.counties.find((r) => r.code === code) : undefined;
  const list = useCommunities(code);
  const programme = useProgramme();
  const retention = useCountyRetention(code);
  // The failing-rule filter lists the rules of the standard in force, in its words (with thresholds).
  const rules = programme.data?.ruleSet.rules ?? [];
  const titles = new Map(rules.map((r) => [r.id, r.title[lang]]));
  const [status, setStatus] = useState<'all' | CommunityRow['status']>('all');
  const [township, setTownship] = useState('all');
  const [rule, setRule] = useState('all');
  const [query, setQuery] = useState('');
  const scope = scopeOf(session.token() ?? '');
  const canWrite = scope?.kind === 'province' || (scope?.kind === 'county' && scope.code === code);

  const groups = useMemo(() => {
    const q = query.trim();
    const rows = (list.data?.communities ?? []).filter(
      (c) =>
        (status === 'all' || c.status === status) &&
        (township === 'all' || c.townshipCode === township) &&
        (rule === 'all' || c.verdict?.failed.some((f) => f.ruleId === rule)) &&
        (!q || c.name.includes(q) || c.code.includes(q) || (c.team?.name ?? '').includes(q)),
    );
    const byTownship = new Map<string, CommunityRow[]>();
    for (const r of rows) byTownship.set(r.townshipCode, [...(byTownship.get(r.townshipCode) ?? []), r]);
    return { count: rows.length, groups: [...byTownship.entries()] };
  }, [list.data, status, township, rule, query]);

  if (county.error) return <ErrorView error={county.error} retry={county.reload} />;
  if (!county.data) return <Loading />;
  const c = county.data;
  return (
    <>
      <DemoBanner demo={c.demo} />
      <nav className="crumbs" aria-label={t('breadcrumbs')}>
        {scope?.kind !== 'county' && <a href={href(withQuery('/', { month }))}>{t('backToWhole', words)}</a>} {c.cityName} ›{' '}
        <strong>{c.name}</strong>
      </nav>
      {month && pastRow && <PastMonth month={month} row={pastRow} today={c.asOf} />}
      <section className="summary" aria-label={c.name}>
        <Stat value={pct(c.coverage)} label={t('coverage')} testId="county-coverage" />
        <Stat value={num(c.teamsMeetingStandard)} label={t('meeting')} />
        <Stat value={num(c.teamsRegistered)} label={t('registered')} />
        <Stat value={num(c.communities)} label={t('communities')} />
        <Stat value={num(c.milestone.gap)} label={`${t('gapToMilestone')}${paren(pct(c.milestone.target.target))}`} />
        <Stat value={<StatusChip status={c.milestone.status} />} label={`${t('asOf')} ${c.asOf}`} />
      </section>
      <CountyChangeNotice county={code} />
      {list.data?.registryApplying && (
        <p className="notice" role="status" data-testid="registry-applying">
          {t('registryApplying', { v: String(list.data.registryApplying.version) })}
        </p>
      )}
      <div className="toolbar">
        {canWrite && (
          <a className="button" href={href(`/county/${code}/import`)}>
            {t('import')}
          </a>
        )}
        <button type="button" onClick={() => downloadTemplate(code)}>
          {t('template')}
        </button>
        <a className="button" href={href(`/annual/county/${code}/${annualYear()}`)} data-testid="annual-link">
          {annualYear()} {t('annualSummary')}
        </a>
        <button type="button" onClick={() => downloadTeams(code)} data-testid="download-teams">
          {t('downloadTeamsForRenewal')}
        </button>
      </div>

      <ReportingPanel code={code} canWrite={canWrite} />

      <DiscrepancyPanel
        code={code}
        scope={scope}
        ruleTitles={titles}
        names={new Map((list.data?.communities ?? []).map((r) => [r.code, r.name]))}
      />

      <section className="card" aria-labelledby="retention-title" data-testid="county-retention">
        <h2 id="retention-title">{t('renewalsAndLapses')}</h2>
        {retention.error ? (
          <ErrorView error={retention.error} retry={retention.reload} />
        ) : !retention.data ? (
          <Loading />
        ) : (
          <>
            <RetentionFacts data={retention.data} titles={titles} />
            <RenewalList data={retention.data} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="rosters-title" data-testid="county-rosters">
        <h2 id="rosters-title">{t('rosterTitle')}</h2>
        <p>
          {t('rostersTeams', { withRoster: num(c.rosters.withRoster), teams: num(c.rosters.teams) })} ·{' '}
          {t('rostersMembers', { onRosters: num(c.rosters.onRosters), typed: num(c.rosters.typed) })}
        </p>
        <p className="muted">
          {t('rosterDuplicate')} {num(c.rosters.duplicates)} · {t('rosterSuspected')} {num(c.rosters.suspected)} · {t('rosterUnchecked')}{' '}
          {num(c.rosters.unchecked)}
        </p>
        <p data-testid="county-practices">
          {t('countyPractices', { year: c.practices.year, events: num(c.practices.events), people: num(c.practices.people) })}
        </p>
      </section>

      <section className="card" aria-labelledby="townships-title">
        <h2 id="townships-title">{t('township')}</h2>
        <TownshipTable
          townships={c.townships}
          testid="townships"
          name={(tw) => (
            <button type="button" className="link" onClick={() => setTownship(tw.code)}>
              {tw.name}
            </button>
          )}
        />
      </section>

      <section className="card" aria-labelledby="communities-title">
        <h2 id="communities-title">{t('community')}</h2>
        <div className="filters">
          <label>
            {t('teamStatus')}{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="filter-status">
              <option value="all">{t('all')}</option>
              {(['none', 'registered', 'meets-standard'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`team.${s}` as Key)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('township')}{' '}
            <select value={township} onChange={(e) => setTownship(e.target.value)}>
              <option value="all">{t('all')}</option>
              {c.townships.map((tw) => (
                <option key={tw.code} value={tw.code}>
                  {tw.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('failingRule')}{' '}
            <select value={rule} onChange={(e) => setRule(e.target.value)} data-testid="filter-rule">
              <option value="all">{t('all')}</option>
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title[lang]}
                </option>
              ))}
            </select>
          </label>
          <input
            type="search"
            placeholder={t('search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label={t('search')}
            data-testid="search"
          />
          <span className="muted" data-testid="shown-count">
            {t('shown')} {num(groups.count)}
          </span>
        </div>
        {list.error && <ErrorView error={list.error} retry={list.reload} />}
        {!list.data && !list.error && <Loading />}
        {groups.groups.map(([tw, rows]) => (
          <details key={tw} open={groups.groups.length <= 3 || township !== 'all'} className="township-group">
            <summary>
              {rows[0].townshipName} <span className="muted">{paren(num(rows.length))}</span>
            </summary>
            <table className="data communities">
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code} data-code={r.code}>
                    <th scope="row">
                      <a href={href(`/community/${r.code}`)}>{r.name}</a>
                      <br />
                      <small className="muted">{r.code}</small>
                      {r.finding && (
                        <>
                          <br />
                          <small className="finding" data-testid="finding">
                            {t('discrepancyFound')}
                          </small>
                        </>
                      )}
                      {r.outOfScope && (
                        <>
                          <br />
                          <small className="scope-out" data-testid="out-of-scope">
                            {t('outOfScope')}
                            {colon}
                            {r.outOfScope.label[lang]}
                            {r.outOfScope.simulated ? paren(t('scopeSimulated')) : ''}
                          </small>
                        </>
                      )}
                    </th>
                    <td>
                      <span className={`team-status team-${r.status}`}>{t(`team.${r.status}` as Key)}</span>
                    </td>
                    <td>
                      {r.team?.name ?? ''}
                      {r.team ? (
                        <small className="muted">
                          {' '}
                          · {num(r.team.members)} {t('members')}
                          {r.team.membersFrom === 'typed' && ` · ${t('membersTyped')}`}
                        </small>
                      ) : null}
                    </td>
                    <td className="reasons">
                      {r.verdict?.failed.map((f) => (
                        <div key={f.ruleId}>{f.message[lang]}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ))}
      </section>
    </>
  );
}

/** What a county was at the end of the month the map showed, above the page's figures of today. */
function PastMonth({ month, row, today }: { month: string; row: CountyRow; today: string }) {
  const { t, pct, num, month: monthName } = useLang();
  return (
    <p className="notice" role="status" data-testid="past-month">
      {t('pastMonthCounty', {
        month: monthName(month),
        coverage: pct(row.coverage),
        meeting: num(row.teamsMeetingStandard),
        registered: num(row.teamsRegistered),
        today,
      })}
    </p>
  );
}
