// The provincial (or city) view: milestone panel, coverage map, trend and rankings, as of a month.
import { useEffect, useState } from 'react';
import { DemoBanner, ErrorView, Loading } from '#web/components/ui.js';
import { useLang, type Key } from '#web/lib/i18n.js';
import { go, replaceQuery, useMonthQuery, withQuery } from '#web/lib/router.js';
import { openCampaigns, shownCampaign, useCampaignList, useResults } from '#web/api/campaigns.js';
import type { Verified } from '#web/api/campaigns.js';
import { CoverageMap, MEASURES, type Measure } from '#web/features/map/components/CoverageMap.js';
import { preloadBoundaries } from '#web/features/map/api/boundaries.js';
import { useProgramme } from '#web/api/programme.js';
import { useAreaRetention } from '#web/api/retention.js';
import { RetentionCard } from '#web/features/retention/components/RetentionPanel.js';
import { useCounties, useTrend } from '#web/api/counties.js';
import { CampaignCard } from '#web/features/dashboard/components/CampaignCard.js';
import { MilestonePanel } from '#web/features/dashboard/components/MilestonePanel.js';
import { Rankings } from '#web/features/dashboard/components/Rankings.js';
import { ReportingCard } from '#web/features/dashboard/components/ReportingCard.js';
import { RostersCard } from '#web/features/dashboard/components/RostersCard.js';
import { TrendChart } from '#web/features/dashboard/components/TrendChart.js';
import { TownshipRankings } from '#web/features/dashboard/components/TownshipRankings.js';
import { levelOf } from '#core/area.js';

const MEASURE_LABEL: Record<Measure, Key> = {
  coverage: 'coverage',
  registered: 'registeredShare',
  gap: 'gapToMilestone',
  status: 'status',
  reporting: 'reporting',
  verified: 'verified',
};

export function Dashboard({ area }: { area: string }) {
  const { t, lang, said, colon, comma, paren, month: monthName } = useLang();
  // The month stays in the address (#/?month=2022-06): a county opened from it, and Back from there, keep it.
  const month = useMonthQuery();
  const setMonth = (m: string | null) => replaceQuery(withQuery('/', { month: m }));
  const [measure, setMeasure] = useState<Measure>('coverage');
  const [asTable, setAsTable] = useState(false);
  const { data, error, reload } = useCounties(month);
  // The map's boundaries load beside the figures, not after them.
  useEffect(preloadBoundaries, []);
  const trend = useTrend(area);
  const programme = useProgramme();
  const retention = useAreaRetention(area);
  // 督导检查: the verified layer and the rankings' verified column rest on one campaign's results.
  const campaigns = useCampaignList(true);
  // A past month shows what existed at its end: no campaign created later, no card of what is open today.
  const past = data && !data.live ? month : null;
  const shown = shownCampaign(campaigns.data?.campaigns, area, past);
  const results = useResults(shown?.id ?? null);
  const verified: Verified | undefined = results.data
    ? {
        campaign: results.data.name,
        registryVersion: results.data.registryVersion,
        interim: results.data.interim,
        byCode: new Map(results.data.counties.map((c) => [c.code, c])),
      }
    : undefined;
  /** Which record of the month the figures are: its version and why, when it was corrected, and whether it is stored. */
  const recordWords = (r: NonNullable<NonNullable<typeof data>['record']>) => {
    const reason = said(r.reason, r.reasonMessage);
    const version = r.version > 1 ? `${comma}${t('recordVersion', { v: String(r.version) })}${reason ? `${colon}${reason}` : ''}` : '';
    return `${t('recordMonthEnd')}${version}${r.stored ? '' : `${comma}${t('recordComputed')}`}`;
  };
  const titles = new Map((programme.data?.ruleSet.rules ?? []).map((r) => [r.id, r.title[lang]]));
  const ended =
    trend.data?.months
      .filter((m) => !m.live)
      .map((m) => m.month)
      .reverse() ?? [];
  // The month in the address is listed while the trend loads (a link, Back), so the selector shows it; once
  // the trend is there, only its months are.
  const months = month && !trend.data && !ended.includes(month) ? [month, ...ended] : ended;
  return (
    <>
      <DemoBanner demo={data?.demo} />
      <div className="toolbar">
        <label>
          {t('month')}{' '}
          <select value={month ?? ''} onChange={(e) => setMonth(e.target.value || null)} data-testid="month-select">
            <option value="">{t('now')}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthName(m)}
              </option>
            ))}
          </select>
        </label>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form's fieldset */}
        <div className="segmented" role="group" aria-label={t('measure')}>
          {MEASURES.map((m) => (
            <button type="button" key={m} aria-pressed={measure === m} onClick={() => setMeasure(m)} data-measure={m}>
              {t(MEASURE_LABEL[m])}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => setAsTable(!asTable)} aria-pressed={asTable} data-testid="as-table">
          {asTable ? t('mapAsMap') : t('mapAsTable')}
        </button>
        {data && (
          <span className="as-of" data-testid="as-of">
            {t('asOf')} {data.asOf}
            {data.record && ` 24:00${paren(recordWords(data.record))}`}
          </span>
        )}
      </div>
      {/* A month the tracker has no figures for (an edited address): the way on is today's figures, not a retry. */}
      {error && <ErrorView error={error} retry={month ? () => setMonth(null) : reload} />}
      {!data && !error && <Loading />}
      {data && (
        <div className="dashboard">
          <div className="dashboard-map">
            {asTable ? (
              <Rankings data={data} month={month} verified={verified} />
            ) : (
              <CoverageMap
                counties={data.counties}
                measure={measure}
                verified={verified}
                onOpen={(code) => go(withQuery(`/county/${code}`, { month }))}
              />
            )}
          </div>
          <div className="dashboard-side">
            <MilestonePanel data={data} area={area} />
            <ReportingCard data={data} />
            {data.live && <RostersCard data={data} />}
            {data.live && openCampaigns(campaigns.data?.campaigns, area).map((c) => <CampaignCard key={c.id} entry={c} />)}
            {data.live && <RetentionCard state={retention} titles={titles} />}
            <TrendChart trend={trend} chosen={month} />
          </div>
          {!asTable && (
            <div className="dashboard-wide">
              {/* A county's own programme ranks its townships today; a past month's record is kept by county. */}
              {levelOf(area) === 'county' && data.live ? (
                <TownshipRankings county={area} />
              ) : (
                <Rankings data={data} month={month} verified={verified} />
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}
