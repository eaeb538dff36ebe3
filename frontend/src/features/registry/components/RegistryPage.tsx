// The community registry's versions (名录版本) and, for the province, a change set: choose the file
// (变更类型, 代码, 名称, 目标代码, 范围原因, 原因), see what it would do to the registry and to teams
// (dry run), then apply it. A version cut off half-way is resumed here.
import { useState } from 'react';
import { ErrorView, Loading } from '#web/components/ui.js';
import { ApiError } from '#web/lib/api.js';
import { useLang } from '#web/lib/i18n.js';
import { useAreaParams } from '#web/api/programme.js';
import { href } from '#web/lib/router.js';
import { todayShanghai } from '#web/lib/time.js';
import type { RegistryPlan as Plan, RegistryVersionChanges } from '#contract/registry.js';
import { resumeVersion, sendChanges, useRegistryVersions, useVersionChanges } from '../api/registry.js';

type Change = RegistryVersionChanges['changes'][number];

function ChangesTable({ changes }: { changes: Change[] }) {
  const { t, lang, paren } = useLang();
  return (
    <table className="data" data-testid="registry-changes">
      <thead>
        <tr>
          <th scope="col">{t('row')}</th>
          <th scope="col">{t('changeKind')}</th>
          <th scope="col">{t('code')}</th>
          <th scope="col">{t('nameOrTarget')}</th>
          <th scope="col">{t('reasons')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.row}>
            <td className="num">{c.row}</td>
            <td>{c.kindLabel[lang]}</td>
            <td>{c.code}</td>
            <td>
              {c.name ?? c.target ?? ''}
              {c.scopeReasonLabel ? paren(c.scopeReasonLabel[lang]) : ''}
            </td>
            <td>{c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function RegistryPage({ canChange }: { canChange: boolean }) {
  const { t, said, num, lang, paren, colon, fmtWire } = useLang();
  const words = useAreaParams();
  // A change row as the refusal names it, in the page's language.
  const rowLabel = (n: string) => t('rowN', { n });
  const versions = useRegistryVersions();
  const [shown, setShown] = useState<number | null>(null);
  const changes = useVersionChanges(shown);
  const [file, setFile] = useState<File | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(todayShanghai());
  const [source, setSource] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  // A refused change file names each bad row (the API writes them in the page's language).
  const details = error instanceof ApiError ? (error.body?.error.details ?? []).filter((d) => 'field' in d) : [];

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setPlan(await sendChanges(file, effectiveFrom, source, dryRun));
      if (!dryRun) versions.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  async function resume(v: number) {
    setBusy(true);
    try {
      await resumeVersion(v);
      versions.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <nav className="crumbs" aria-label={t('breadcrumbs')}>
        <a href={href('/')}>{t('backToWhole', words)}</a> › <strong>{t('registry')}</strong>
      </nav>
      <section className="card">
        <h2>{t('registryVersions')}</h2>
        {versions.error && <ErrorView error={versions.error} retry={versions.reload} />}
        {!versions.data && !versions.error && <Loading />}
        {versions.data && (
          // Under 600 px each version is a card, each value labelled (data-label), rather than a column a character wide.
          <table className="data cards" data-testid="registry-versions">
            <thead>
              <tr>
                <th scope="col">{t('version')}</th>
                <th scope="col">{t('effectiveFrom')}</th>
                <th scope="col">{t('source')}</th>
                <th scope="col" className="num">
                  {t('registryCount')}
                </th>
                <th scope="col" className="num">
                  {t('scopeCount')}
                </th>
                <th scope="col" className="num">
                  {t('changeCount')}
                </th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.versions.map((v) => (
                <tr key={v.version}>
                  <td data-label={t('version')}>
                    <button type="button" className="link" onClick={() => setShown(v.version)} disabled={!v.changeCount}>
                      {t('registryVersion', { v: String(v.version) })}
                    </button>
                    {versions.data!.inForce === v.version ? ` · ${t('inForce')}` : ''}
                  </td>
                  <td data-label={t('effectiveFrom')}>{v.effectiveFrom}</td>
                  <td data-label={t('source')}>
                    {v.source}
                    {v.simulated ? ` · ${t('scopeSimulated')}` : ''}
                  </td>
                  <td className="num" data-label={t('registryCount')}>
                    {num(v.registryCommunities)}
                  </td>
                  <td className="num" data-label={t('scopeCount')}>
                    {num(v.inScopeCommunities)}
                  </td>
                  <td className="num" data-label={t('changeCount')}>
                    {num(v.changeCount)}
                  </td>
                  <td data-label={t('status')}>
                    {v.status === 'applied' || v.status === 'abandoned' ? (
                      t(v.status)
                    ) : (
                      <>
                        {t(v.status)}{' '}
                        {canChange && (
                          <button type="button" onClick={() => resume(v.version)} disabled={busy}>
                            {t('resume')}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown && changes.data && (
          <>
            <h3>{t('registryVersion', { v: String(shown) })}</h3>
            <ChangesTable changes={changes.data.changes} />
          </>
        )}
      </section>
      {canChange && (
        <section className="card">
          <h2>{t('registryChange')}</h2>
          <p className="muted">{t('registryChangeHelp')}</p>
          {/* The file's own headers, as the clerk types them, in either language. */}
          {lang === 'en' && (
            <p className="muted">
              <code lang="zh-CN">变更类型 · 代码 · 名称 · 目标代码 · 范围原因 · 原因</code>
            </p>
          )}
          <div className="form-grid">
            {/* A change after the dry run needs a new one before it can be applied. */}
            <label>
              {t('effectiveFrom')}{' '}
              <input
                type="date"
                value={effectiveFrom}
                onChange={(e) => {
                  setEffectiveFrom(e.target.value);
                  setPlan(null);
                }}
              />
            </label>
            <label>
              {t('source')}{' '}
              <input
                value={source}
                onChange={(e) => {
                  setSource(e.target.value);
                  setPlan(null);
                }}
                placeholder={t('registrySourceExample')}
                data-testid="registry-source"
              />
            </label>
            <label>
              {t('changeFile')}{' '}
              <input
                type="file"
                accept=".xlsx,.csv"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setPlan(null);
                }}
                data-testid="registry-file"
              />
            </label>
          </div>
          <div className="actions">
            <button type="button" onClick={() => send(true)} disabled={busy || !file} data-testid="registry-dry-run">
              {t('registryDryRun')}
            </button>
            <button type="button" onClick={() => send(false)} disabled={busy || !plan?.dryRun} data-testid="registry-commit">
              {t('registryCommit')}
            </button>
          </div>
          {error && <ErrorView error={error} />}
          {details.length ? (
            <ul className="error-list">
              {details.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the refusal's reasons, drawn once in the order given
                <li key={i}>
                  {d.field.startsWith('row ') ? rowLabel(d.field.slice(4)) : d.field}
                  {colon}
                  {fmtWire(d)}
                </li>
              ))}
            </ul>
          ) : null}
          {plan && (
            <div data-testid="registry-plan">
              <h3>
                {plan.dryRun ? t('registryDryRun') : t('applied')} · {t('registryVersion', { v: String(plan.version) })} ·{' '}
                {plan.effectiveFrom}
              </h3>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('county')}</th>
                    <th scope="col" className="num">
                      {t('registryCount')}
                    </th>
                    <th scope="col" className="num">
                      {t('scopeCount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plan.counties.map((c) => (
                    <tr key={c.code}>
                      <td>{c.name}</td>
                      <td className="num">
                        {num(c.registryBefore)} → {num(c.registry)}
                      </td>
                      <td className="num">
                        {num(c.inScopeBefore)} → {num(c.inScope)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>
                {t('teamActions')}
                {paren(num(plan.teamCount))}
              </h3>
              <ul>
                {plan.teams.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the plan's team actions, drawn once in the order given
                  <li key={i}>
                    {a.kind === 'move'
                      ? `${a.teamName ?? ''}${colon}${a.from} → ${a.to}`
                      : `${a.teamName ?? ''}${paren(a.code ?? '')}${colon}${a.kind === 'close' ? t('teamClosed') : a.excluded ? t('outOfScope') : t('intoScope')}`}{' '}
                    <small className="muted">{said(a.reason, a.reasonMessage)}</small>
                  </li>
                ))}
              </ul>
              <ChangesTable changes={plan.changes} />
            </div>
          )}
        </section>
      )}
    </>
  );
}
