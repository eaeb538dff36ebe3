// A county's monthly reporting: this month's status against the deadline, the one-click 本月无变化
// confirmation for whoever may write the county, and the last 12 months.
import { useState } from 'react';
import { REPORT_WORDS, reportedAt } from '#core/reporting.js';
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { useAreaParams } from '#web/api/programme.js';
import { formatInstant } from '#web/lib/time.js';
import { ReportSwatch } from '#web/components/report-status.js';
import { confirmMonth, useCountyReports } from '../api/queries';

export function ReportingPanel({ code, canWrite }: { code: string; canWrite: boolean }) {
  const { t, num, lang, paren, colon } = useLang();
  const words = useAreaParams();
  const reports = useCountyReports(code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  if (reports.error) return <ErrorView error={reports.error} retry={reports.reload} />;
  if (!reports.data) return <Loading />;
  const d = reports.data;
  const here = d.months[0];
  if (!d.rules || here.status === 'untracked') return null;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmMonth(code, here.month);
      reports.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const done = reportedAt(here.report);
  // Who acted, by office (a city is not shown the names): the county itself, or the province on its behalf.
  const by = here.report ? (here.report.confirmedAt === done ? here.report.confirmedBy : here.report.lastBy) : undefined;
  const onBehalf = by?.startsWith('province/');
  return (
    <section className="card" aria-labelledby="reporting-title" data-testid="county-reporting" data-status={here.status}>
      <h2 id="reporting-title">{t('reporting')}</h2>
      <p>
        {t('reportThisMonth')}
        {paren(here.month)}
        {colon}
        <strong data-testid="report-status">{REPORT_WORDS[here.status][lang]}</strong>
        {done && <span className="muted"> · {formatInstant(done)}</span>}
        {onBehalf && (
          <span className="muted" data-testid="report-on-behalf">
            {' '}
            · {t('reportedByRoot', words)}
          </span>
        )}
        <span className="muted">
          {' '}
          · {t('reportDeadline')} {d.rules.deadline} 24:00
        </span>
      </p>
      {canWrite && (here.status === 'pending' || here.status === 'overdue') && (
        <button type="button" onClick={confirm} disabled={busy} data-testid="confirm-no-change">
          {t('confirmNoChange')}
        </button>
      )}
      {error && <ErrorView error={error} />}
      <p className="muted" data-testid="report-history">
        {t('reportHistory')}
        {colon}
        {t('onTime')} {num(d.history.onTime)} · {t('lateCount')} {num(d.history.late)} · {t('missedCount')} {num(d.history.missed)}
      </p>
      <ol className="report-months" aria-label={t('reportHistory')}>
        {[...d.months].reverse().map((m) => (
          <li key={m.month} title={`${m.month} ${REPORT_WORDS[m.status][lang]}`} data-month={m.month} data-status={m.status}>
            <ReportSwatch status={m.status} />
            <span>{m.month.slice(5)}</span>
            <span className="visually-hidden"> {REPORT_WORDS[m.status][lang]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
