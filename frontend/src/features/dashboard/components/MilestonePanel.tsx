// Where the scope stands against the programme in force. During a build-out: the phase, what the
// next milestone needs, the pace needed against the pace achieved, and when full coverage comes at
// that pace. After the last milestone (the maintenance years): the year-end target to keep, what is
// short of it, and the trend; no pace against a past date, no forecast of what is already reached.
import { StatusChip } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { annualYear } from '#web/lib/time.js';
import type { CountiesResponse } from '#web/api/counties.js';
import { useRootArea } from '#web/api/programme.js';

export function MilestonePanel({ data, area }: { data: CountiesResponse; area: string }) {
  const root = useRootArea();
  const { t, pct, num, lang, paren } = useLang();
  const f = data.totals;
  const m = f.milestone;
  const maintenance = m.mode === 'maintenance';
  const registry = data.basis.registry;
  // The marks on the track: the build-out's milestones, or the year-end target being kept.
  const marks = maintenance || !data.basis.milestones.length ? [m.target] : data.basis.milestones;
  return (
    <section className="card milestone-panel" aria-labelledby="milestones-title" data-testid="milestone-panel" data-mode={m.mode}>
      <h2 id="milestones-title">
        {maintenance ? t('maintenance') : t('milestones')} <StatusChip status={m.status} />
      </h2>
      <p className="muted" data-testid="programme-name">
        {data.basis.programme[lang]} · {t('rulesSource')} {data.basis.ruleSetId}
      </p>
      {data.live && (
        <p>
          <a
            href={href(area === root?.code ? `/annual/province/${area}/${annualYear()}` : `/annual/city/${area}/${annualYear()}`)}
            data-testid="annual-link"
          >
            {annualYear()} {t('annualSummary')}
          </a>
        </p>
      )}
      {registry && (
        // Both denominators, and the registry version the figures rest on.
        <p className="muted" data-testid="denominators">
          {t('scopeCount')} {num(registry.inScope)}
          {f.plannedCommunities !== undefined && f.plannedCommunities !== registry.inScope && (
            <>
              {' '}
              · {t('planCount')} {num(f.plannedCommunities)}
            </>
          )}
          {registry.communities !== registry.inScope && (
            <>
              {' '}
              · {t('registryCount')} {num(registry.communities)}
            </>
          )}
          {paren(
            `${t('registryVersion', { v: String(registry.version) })} · ${registry.source}${registry.simulated ? ` · ${t('scopeSimulated')}` : ''}`,
          )}
        </p>
      )}
      {registry?.applying && (
        <p className="notice" role="status" data-testid="registry-applying">
          {t('registryApplying', { v: String(registry.applying.version) })}
        </p>
      )}
      <div className="milestone-track" role="img" aria-label={`${t('coverage')} ${pct(f.coverage)}`}>
        <div className="milestone-fill" style={{ width: `${Math.min(100, f.coverage * 100)}%` }} />
        {marks.map((ms) => (
          <div
            key={ms.due}
            className={`milestone-mark${f.coverage >= ms.target ? ' reached' : ''}`}
            style={{ left: `${ms.target * 100}%` }}
          >
            {/* Only the share on the track: dates side by side collide in a narrow column (80 % and 100 % are a fifth apart). */}
            <span>{pct(ms.target)}</span>
          </div>
        ))}
      </div>
      <ul className="milestone-dates" data-testid="milestone-dates">
        {marks.map((ms) => (
          <li key={ms.due} className={f.coverage >= ms.target ? 'reached' : undefined}>
            {f.coverage >= ms.target ? '✓ ' : ''}
            {pct(ms.target)} · {ms.due} {t('deadline')}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('coverage')}</dt>
          <dd data-testid="province-coverage">{pct(f.coverage)}</dd>
        </div>
        <div>
          <dt>{t('phase')}</dt>
          <dd>{data.phase ? data.phase.name[lang] : '—'}</dd>
        </div>
        {maintenance ? (
          <>
            <div>
              <dt>
                {t('yearEndTarget')}
                {paren(`${pct(m.target.target)} · ${m.target.due} ${t('deadline')}`)}
              </dt>
              <dd data-testid="year-end-gap">{num(m.gap)}</dd>
            </div>
            {m.gap > 0 && m.pacePerMonthNeeded !== null && (
              <div>
                <dt>{t('paceNeeded')}</dt>
                <dd>
                  {num(m.pacePerMonthNeeded, 1)} {t('perMonth')}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('change')}</dt>
              <dd>{f.changeThisMonth === null ? '—' : `${f.changeThisMonth > 0 ? '+' : ''}${num(f.changeThisMonth)}`}</dd>
            </div>
            <div>
              <dt>{t('paceRecent')}</dt>
              <dd>
                {f.recentPacePerMonth === null
                  ? '—'
                  : `${f.recentPacePerMonth > 0 ? '+' : ''}${num(f.recentPacePerMonth, 1)} ${t('perMonth')}`}
              </dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>
                {m.decided ? t('lastMilestone') : t('nextMilestone')}
                {paren(`${pct(m.target.target)} · ${m.target.due} ${t('deadline')}`)}
              </dt>
              <dd>{num(m.gap)}</dd>
            </div>
            {!m.decided && (
              <div>
                <dt>{t('paceNeeded')}</dt>
                <dd>{m.pacePerMonthNeeded === null ? '—' : `${num(m.pacePerMonthNeeded, 1)} ${t('perMonth')}`}</dd>
              </div>
            )}
            <div>
              <dt>{t('paceRecent')}</dt>
              <dd>{f.recentPacePerMonth === null ? '—' : `${num(f.recentPacePerMonth, 1)} ${t('perMonth')}`}</dd>
            </div>
            {!m.decided && (
              <div>
                <dt>{t('forecast')}</dt>
                <dd>{f.forecastFullCoverage ?? t('never')}</dd>
              </div>
            )}
          </>
        )}
      </dl>
    </section>
  );
}
