// A county's roster file (队员名册): the dry run first (what each row would do, each team before and after),
// then the import under one idempotency key per file, confirmed when it takes a team below the standard.
import { useState } from 'react';
import { BelowStandardConfirm, ErrorView } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { measureWrite } from '#web/api/county-change.js';
import { CountyChangeNotice } from '#web/components/county-change.js';
import { message } from '#core/messages/index.js';
import { sendRosterImport, type RosterImportResult } from '../api/import';
import { RowReasons } from './RowReasons';

/** Rows drawn at most: a county's roster may be 11,000 rows, and only the refused and noted ones are listed. */
const ROWS_SHOWN = 500;

export function RosterImport({ county }: { county: string }) {
  const { t, fmt, num } = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [dropsAsked, setDropsAsked] = useState(false);
  const drops = result?.dryRun ? result.summary.dropped : 0;

  async function run(f: File, dryRun: boolean, runKey: string, confirmDrops?: number) {
    setBusy(true);
    setError(null);
    setDropsAsked(false);
    try {
      const send = () => sendRosterImport(county, f, { dryRun, key: runKey, confirmDrops });
      setResult(await (dryRun ? send() : measureWrite(county, send, (answer) => !answer.replayed)));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  const choose = (f: File | undefined) => {
    if (!f || busy) return;
    const fileKey = `${county}-roster-${crypto.randomUUID()}`;
    setFile(f);
    setKey(fileKey);
    setResult(null);
    void run(f, true, fileKey);
  };
  const listed = result?.rows.filter((r) => r.status === 'rejected' || r.warnings.length > 0) ?? [];
  const action = (a: string | undefined) =>
    a === 'add' ? t('rosterAdded') : a === 'update' ? t('rosterUpdated') : a === 'end' ? t('rosterEnded') : t('unchanged');

  return (
    <section className="card" aria-labelledby="roster-import-title" data-testid="roster-import">
      <h2 id="roster-import-title">{t('rosterImportTitle')}</h2>
      <p className="muted">{t('rosterImportHelp')}</p>
      <label className="dropzone">
        <input
          type="file"
          disabled={busy}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => choose(e.target.files?.[0])}
          data-testid="roster-import-file"
        />
        <span>{file ? file.name : t('rosterDropFile')}</span>
      </label>
      {file && (
        <div className="actions">
          <button type="button" onClick={() => run(file, true, key)} disabled={busy}>
            {t('dryRun')}
          </button>
          <button
            type="button"
            onClick={() => (drops > 0 ? setDropsAsked(true) : run(file, false, key, 0))}
            disabled={busy || !result || !result.dryRun || result.summary.accepted === 0}
            data-testid="roster-import-commit"
          >
            {t('commit')}
          </button>
        </div>
      )}
      {file && dropsAsked && (
        <BelowStandardConfirm
          id="roster-drops-title"
          testId="roster-drops-confirm"
          question={fmt(message('import.drops.confirm', { count: drops }))}
          action={fmt(message('import.drops.commit'))}
          buttons={{ confirm: 'roster-confirm-drops', cancel: 'roster-cancel-drops' }}
          busy={busy}
          onConfirm={() => run(file, false, key, drops)}
          onCancel={() => setDropsAsked(false)}
        />
      )}
      {error && <ErrorView error={error} />}
      {result && (
        <div data-testid="roster-import-result">
          <h3>
            {result.dryRun ? t('dryRun') : t('imported')}
            {result.replayed ? t('replayed') : ''}
          </h3>
          <p>
            {t('accepted')} <strong data-testid="roster-accepted">{num(result.summary.accepted)}</strong> · {t('rejected')}{' '}
            <strong>{num(result.summary.rejected)}</strong> · {t('rosterAdded')} {num(result.summary.added)} · {t('rosterUpdated')}{' '}
            {num(result.summary.updated)} · {t('rosterEnded')} {num(result.summary.ended)} · {t('unchanged')}{' '}
            {num(result.summary.unchanged)}
            <br />
            <small className="muted">
              {result.format.toUpperCase()}
              {result.encoding ? ` · ${result.encoding}` : ''}
              {result.sheetName ? ` · ${fmt(message('import.sheet', { sheet: result.sheetName }))}` : ''}
            </small>
          </p>
          {!result.dryRun && <CountyChangeNotice county={county} />}
          {result.teams.length > 0 && (
            <table className="data" data-testid="roster-import-teams">
              <caption>{t('rosterTeamsChanged')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('community')}</th>
                  <th scope="col">{t('rosterMembersBeforeAfter')}</th>
                  <th scope="col">{t('rosterVerdictBeforeAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {result.teams.map((team) => (
                  <tr key={team.communityCode} className={team.drops ? 'row-rejected' : undefined}>
                    <td>
                      {team.communityName ?? ''} <small className="muted">{team.communityCode}</small>
                    </td>
                    <td className="num">
                      {num(team.membersBefore)} → {num(team.membersAfter)}
                    </td>
                    <td>
                      {t(team.meetsBefore ? 'yes' : 'no')} → {t(team.meetsAfter ? 'yes' : 'no')}
                      {team.drops && <strong className="fails"> ✗ {fmt(message('import.summary.dropped'))}</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {listed.length > 0 && (
            <>
              <p className="muted">
                {t('rosterRowsShown', { n: num(listed.length) })}
                {listed.length > ROWS_SHOWN ? ` ${t('rosterRowsCut', { shown: num(ROWS_SHOWN) })}` : ''}
              </p>
              <table className="data" data-testid="roster-import-rows">
                <thead>
                  <tr>
                    <th scope="col">{t('row')}</th>
                    <th scope="col">{t('community')}</th>
                    <th scope="col">{t('result')}</th>
                    <th scope="col">{t('reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {listed.slice(0, ROWS_SHOWN).map((r) => (
                    <tr key={r.row} className={`row-${r.status}`}>
                      <td className="num">{r.row}</td>
                      <td>
                        {r.communityName ?? ''} <small className="muted">{r.communityCode}</small>
                      </td>
                      <td>{r.status === 'accepted' ? `✓ ${action(r.action)}` : `✗ ${t('rejected')}`}</td>
                      <td className="reasons">
                        <RowReasons errors={r.errors} warnings={r.warnings} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
