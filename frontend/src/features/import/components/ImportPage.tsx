// Bulk import: drop the filled template, see every row checked (dry run), then import. The same
// idempotency key is kept for one file, so a retried import never counts twice.
import { useEffect, useState } from 'react';
import { BelowStandardConfirm, ErrorView } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { downloadChecked, sendImport, type ImportResult, type RowChange } from '../api/import';
import { downloadTemplate, useCounty } from '#web/api/county.js';
import { measureWrite } from '#web/api/county-change.js';
import { CountyChangeNotice } from '#web/components/county-change.js';
import { fieldName, valueText } from '#web/components/words.js';
import { message } from '#core/messages/index.js';
import { COLUMNS } from '#core/columns.js';
import { show } from '#core/rows.js';
import { readOwnCells, type OwnCells } from '../lib/own-cells';
import { RosterImport } from './RosterImport';
import { RowReasons } from './RowReasons';

/**
 * The value to put beside a reason: the clerk's own cell when the file holds, at the cell the report
 * names, exactly what the report shows masked or cut (so it is that cell); the report's value otherwise.
 */
function ownValue(own: OwnCells | null, e: { column: string; value: string; cell?: string }): string {
  const mine = e.cell ? own?.(e.cell) : undefined;
  if (mine === undefined) return e.value;
  return show(
    mine,
    COLUMNS.find((c) => c.header === e.column),
  ) === e.value
    ? mine
    : e.value;
}

export default function ImportPage({ county }: { county: string }) {
  const { t, fmt, lang, colon, semi, series, num } = useLang();
  const place = useCounty(county);
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  // Rows that take a meeting team below the standard are confirmed before the import is committed.
  const [dropsAsked, setDropsAsked] = useState(false);
  const drops = result?.dryRun ? result.summary.dropped : 0;
  // The file's own cells, read here once a report names any (never sent: the report stays masked).
  const [own, setOwn] = useState<OwnCells | null>(null);
  useEffect(() => {
    setOwn(null);
    if (!file || !result?.rows.some((r) => r.errors.some((e) => e.cell))) return;
    let current = true;
    readOwnCells(file, result)
      .then((cells) => current && setOwn(() => cells))
      .catch(() => undefined); // the masked value stays: the report alone is enough to act on
    return () => {
      current = false;
    };
  }, [file, result]);
  /** One field an update changes, before → after, as the clerk reads it (personal data: only that it changed). */
  const changeText = (c: RowChange, created: boolean) => {
    const field = fieldName(c.field, lang, t);
    if (c.redacted) return fmt(message('import.change.redacted', { field }));
    if (created) return fmt(message('import.change.new', { field, after: valueText(c.after, lang) }));
    return fmt(message('import.change', { field, before: valueText(c.before, lang), after: valueText(c.after, lang) }));
  };

  // No new file while one is being checked or imported: its answer would land beside the wrong file.
  const [waitNotice, setWaitNotice] = useState(false);
  const choose = (f: File | undefined) => {
    setWaitNotice(Boolean(f && busy));
    if (!f || busy) return;
    const fileKey = `${county}-${crypto.randomUUID()}`;
    setFile(f);
    setKey(fileKey);
    setResult(null);
    setError(null);
    void run(f, true, fileKey, null);
  };
  async function run(f: File, dryRun: boolean, runKey = key, after = result, confirmDrops?: number) {
    setBusy(true);
    setError(null);
    setDropsAsked(false);
    try {
      const send = () => sendImport(county, f, { dryRun, key: runKey, after, confirmDrops });
      setResult(await (dryRun ? send() : measureWrite(county, send, (answer) => !answer.replayed)));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <nav className="crumbs" aria-label={t('breadcrumbs')}>
        {place.data && <>{place.data.cityName} › </>}
        <a href={href(`/county/${county}`)}>{place.data?.name ?? county}</a> › <strong>{t('import')}</strong>
      </nav>
      <section className="card">
        <p>
          <button type="button" onClick={() => downloadTemplate(county)}>
            {t('template')}
          </button>
        </p>
        <label
          className={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files[0]);
          }}
        >
          <input
            type="file"
            disabled={busy}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => choose(e.target.files?.[0])}
            data-testid="import-file"
          />
          <span>{file ? file.name : t('dropFile')}</span>
        </label>
        {file && (
          <div className="actions">
            <button type="button" onClick={() => run(file, true)} disabled={busy}>
              {t('dryRun')}
            </button>
            <button
              type="button"
              onClick={() => (drops > 0 ? setDropsAsked(true) : run(file, false))}
              disabled={busy || !result || result.summary.accepted === 0 || !result.dryRun}
              data-testid="import-commit"
            >
              {t('commit')}
            </button>
          </div>
        )}
        {file && dropsAsked && (
          <BelowStandardConfirm
            id="drops-title"
            testId="drops-confirm"
            question={fmt(message('import.drops.confirm', { count: drops }))}
            action={fmt(message('import.drops.commit'))}
            buttons={{ confirm: 'confirm-drops', cancel: 'cancel-drops' }}
            busy={busy}
            onConfirm={() => run(file, false, key, result, drops)}
            onCancel={() => setDropsAsked(false)}
          />
        )}
        {waitNotice && (
          <p className="notice" role="status" data-testid="import-wait">
            {t('importWait')}
          </p>
        )}
        {error && <ErrorView error={error} />}
      </section>
      {result && (
        <section className="card" data-testid="import-result">
          <h2>
            {result.dryRun ? t('dryRun') : t('imported')}
            {result.replayed ? t('replayed') : ''}
          </h2>
          <p>
            {t('accepted')} <strong data-testid="accepted-count">{num(result.summary.accepted)}</strong> · {t('rejected')}{' '}
            <strong>{num(result.summary.rejected)}</strong> · {t('skipped')} {num(result.summary.skipped)} · {t('created')}{' '}
            {num(result.summary.created)} · {t('updated')} {num(result.summary.updated)} · {t('unchanged')} {num(result.summary.unchanged)}{' '}
            · {t('meetingStandard')} {num(result.summary.meetingStandard)}
            {result.summary.dropped > 0 && (
              <>
                {' · '}
                <strong className="fails" data-testid="dropped-count">
                  {fmt(message('import.summary.dropped'))} {num(result.summary.dropped)}
                </strong>
              </>
            )}
            <br />
            <small className="muted">
              {result.format.toUpperCase()}
              {result.encoding ? ` · ${result.encoding}` : ''}
              {result.sheetName ? ` · ${fmt(message('import.sheet', { sheet: result.sheetName }))}` : ''}
              {result.ignoredColumns.length ? ` · ${t('ignoredColumns')}${colon}${result.ignoredColumns.join(series)}` : ''}
            </small>
          </p>
          {!result.dryRun && <CountyChangeNotice county={county} />}
          {result.dryRun && file && (
            <p>
              <button
                type="button"
                data-testid="download-checked"
                disabled={busy}
                onClick={() => downloadChecked(county, file, fmt(message('import.check.sheet'))).catch((e: Error) => setError(e))}
              >
                {fmt(message('import.check.download'))}
              </button>
            </p>
          )}
          {own && (
            <p className="muted" data-testid="own-values">
              {fmt(message('import.ownValues'))}
            </p>
          )}
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('row')}</th>
                <th scope="col">{t('community')}</th>
                <th scope="col">{t('result')}</th>
                <th scope="col">{t('reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows
                .filter((r) => r.status !== 'skipped')
                .map((r) => (
                  <tr key={r.row} className={`row-${r.status}`}>
                    <td className="num">{r.row}</td>
                    <td>
                      {r.communityName ?? ''}
                      <br />
                      <small className="muted">{r.communityCode}</small>
                    </td>
                    <td>
                      {r.status === 'accepted'
                        ? `✓ ${t(r.action === 'create' ? 'created' : r.action === 'update' ? 'updated' : 'unchanged')}`
                        : `✗ ${t('rejected')}`}
                      {r.status === 'accepted' && r.drops && (
                        <strong className="fails" data-testid="row-drops">
                          <br />✗ {fmt(message('import.summary.dropped'))}
                        </strong>
                      )}
                    </td>
                    <td className="reasons">
                      <RowReasons errors={r.errors} warnings={r.warnings} shownValue={(e) => ownValue(own, e)} />
                      {r.status === 'accepted' && r.changes && r.changes.length > 0 && (
                        <ul className="changes" data-testid="row-changes">
                          {r.changes.map((c) => (
                            <li key={c.field}>{changeText(c, r.action === 'create')}</li>
                          ))}
                        </ul>
                      )}
                      {r.verdict && !r.verdict.meetsStandard && (
                        <div className="muted">
                          {t('notMeeting')}
                          {colon}
                          {r.verdict.failed.map((f) => f.message[lang]).join(semi)}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
      <RosterImport county={county} />
    </>
  );
}
