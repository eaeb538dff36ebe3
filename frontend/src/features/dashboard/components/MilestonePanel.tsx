// Where the scope stands against 50/80/100 %: the plan's phase, what the next milestone needs,
// the pace needed against the pace achieved, and when full coverage comes at that pace.
import { StatusChip } from '../../../components/ui';
import { useLang } from '../../../lib/i18n';
import type { CountiesResponse } from '../api/queries';

const MILESTONES = [{ due: '2021-12-31', target: 0.5 }, { due: '2022-12-31', target: 0.8 }, { due: '2023-12-31', target: 1 }];

export function MilestonePanel({ data }: { data: CountiesResponse }) {
  const { t, pct, num, lang } = useLang();
  const f = data.totals;
  const m = f.milestone;
  return (
    <section className="card milestone-panel" aria-labelledby="milestones-title" data-testid="milestone-panel">
      <h2 id="milestones-title">{t('milestones')} <StatusChip status={m.status} /></h2>
      <div className="milestone-track" role="img" aria-label={`${t('coverage')} ${pct(f.coverage)}`}>
        <div className="milestone-fill" style={{ width: `${Math.min(100, f.coverage * 100)}%` }} />
        {MILESTONES.map((ms) => (
          <div key={ms.due} className={`milestone-mark${f.coverage >= ms.target ? ' reached' : ''}`} style={{ left: `${ms.target * 100}%` }}>
            <span>{pct(ms.target)}<br /><small>{ms.due}</small></span>
          </div>
        ))}
      </div>
      <dl className="facts">
        <div><dt>{t('coverage')}</dt><dd data-testid="province-coverage">{pct(f.coverage)}</dd></div>
        <div><dt>{t('phase')}</dt><dd>{data.phase ? data.phase.name[lang] : '—'}</dd></div>
        <div><dt>{t('nextMilestone')}（{pct(m.target.target)} · {m.target.due}）</dt><dd>{num(m.gap)}</dd></div>
        <div><dt>{t('paceNeeded')}</dt><dd>{m.pacePerMonthNeeded === null ? (lang === 'zh' ? '已截止' : 'due date passed') : `${num(m.pacePerMonthNeeded, 1)} ${t('perMonth')}`}</dd></div>
        <div><dt>{t('paceRecent')}</dt><dd>{f.recentPacePerMonth === null ? '—' : `${num(f.recentPacePerMonth, 1)} ${t('perMonth')}`}</dd></div>
        <div><dt>{t('forecast')}</dt><dd>{f.forecastFullCoverage ?? t('never')}</dd></div>
      </dl>
    </section>
  );
}
