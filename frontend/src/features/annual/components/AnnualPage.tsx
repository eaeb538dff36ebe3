// 分年度总结: an area's yearly summary as the tracker drafted it from the figures of record, edited
// by the office section by section, saved (versioned) and submitted upward once. A city's and the
// province's page also list their areas' summaries, submitted or not.
import { useEffect, useState } from 'react';
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { formatInstant } from '#web/lib/time.js';
import { type AnnualKind, saveAnnual, useAnnual } from '../api/annual.js';

export default function AnnualPage({ kind, code, year }: { kind: AnnualKind; code: string; year: number }) {
  const { t, lang, paren, num } = useLang();
  const { data: doc, error, reload } = useAnnual(kind, code, year);
  const [bodies, setBodies] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (doc) setBodies(Object.fromEntries(doc.sections.map((s) => [s.id, s.body])));
  }, [doc]);

  async function save(submit: boolean) {
    if (!doc) return;
    if (submit && !confirm(t('annualSubmitConfirm'))) return;
    setBusy(true);
    setFailure(null);
    try {
      await saveAnnual(kind, code, year, bodies, submit, doc.version);
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  }

  if (error) return <ErrorView error={error} retry={reload} />;
  if (!doc) return <Loading />;
  return (
    <>
      <nav className="crumbs" aria-label={t('breadcrumbs')}>
        <a href={href(kind === 'county' ? `/county/${code}` : '/')}>← {doc.scope.name}</a> ›{' '}
        <strong>
          {year} {t('annualSummary')}
        </strong>
      </nav>
      <section className="card" data-testid="annual">
        <h2>
          {doc.scope.name} · {year} {t('annualSummary')}{' '}
          <span className={`chip chip-${doc.status}`} data-testid="annual-status">
            {doc.words[lang]}
          </span>
        </h2>
        <p className="muted">
          {t('annualDue')} {doc.due} · {t('asOf')} {doc.asOfMonth} {t('monthEnd')}
          {doc.version ? ` · ${t('version')} ${doc.version}` : ` · ${t('annualDraftNotSaved')}`}
          {doc.submittedAt ? ` · ${t('submittedAt')} ${formatInstant(doc.submittedAt)}` : ''}
        </p>
        {doc.sections.map((s) => (
          <div key={s.id} className="annual-section">
            <label htmlFor={`annual-${s.id}`}>
              <h3>{s.title[lang]}</h3>
            </label>
            {/* The summary itself is written in Chinese: it goes up to the province as a document. */}
            <textarea
              lang="zh-CN"
              id={`annual-${s.id}`}
              rows={s.id === 'overview' ? 9 : 5}
              value={bodies[s.id] ?? ''}
              readOnly={!doc.canWrite}
              onChange={(e) => setBodies({ ...bodies, [s.id]: e.target.value })}
              data-testid={`annual-${s.id}`}
            />
            {doc.canWrite && s.drafted && bodies[s.id] !== s.drafted && (
              <button type="button" className="link" onClick={() => setBodies({ ...bodies, [s.id]: s.drafted })}>
                {t('annualRedraft')}
              </button>
            )}
          </div>
        ))}
        {doc.canWrite && (
          <div className="actions">
            <button type="button" onClick={() => save(false)} disabled={busy} data-testid="annual-save">
              {t('save')}
            </button>
            <button type="button" onClick={() => save(true)} disabled={busy} data-testid="annual-submit">
              {t('annualSubmit')}
            </button>
          </div>
        )}
        {failure && <ErrorView error={failure} />}
      </section>
      {doc.parts && (
        <section className="card">
          <h2>
            {t('annualParts')}
            {paren(`${t('annualStatusSubmitted')} ${num(doc.completeness?.submitted ?? 0)} / ${num(doc.parts.length)}`)}
          </h2>
          <table className="data" data-testid="annual-parts">
            <thead>
              <tr>
                <th scope="col">{t('area')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {doc.parts.map((p) => (
                <tr key={p.code}>
                  <td>
                    <a href={href(`/annual/${p.code.length === 4 ? 'city' : 'county'}/${p.code}/${year}`)}>{p.name}</a>
                  </td>
                  <td>{p.words[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
