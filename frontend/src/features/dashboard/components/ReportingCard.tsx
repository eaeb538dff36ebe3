// This month's reporting over the counties in view: how many reported, confirmed no change, were
// late, are overdue or not yet due, against the programme's deadline.
import { REPORT_WORDS } from '#core/reporting.js';
import { useLang } from '#web/lib/i18n.js';
import { REPORT_ORDER, ReportSwatch } from '#web/components/report-status.js';
import type { CountiesResponse } from '#web/api/counties.js';

export function ReportingCard({ data }: { data: CountiesResponse }) {
  const { t, num, lang } = useLang();
  const counts = data.totals.reporting;
  const tracked = REPORT_ORDER.reduce((n, s) => n + counts[s], 0);
  if (!tracked) return null;
  return (
    <section className="card" aria-labelledby="reporting-title" data-testid="reporting">
      <h2 id="reporting-title">
        {t('reporting')} · {data.month}
      </h2>
      <dl className="facts">
        {REPORT_ORDER.map((s) => (
          <div key={s} data-testid={`reporting-${s}`}>
            <dt>
              <ReportSwatch status={s} />
              {REPORT_WORDS[s][lang]}
            </dt>
            <dd>{num(counts[s])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
