// 核查发现问题 on a county's page: what each check found against what the county reported, and the
// county's answer — corrected (after fixing the team through the form or an import) or disputed,
// with a reason; the inspecting office closes it (销号).
import { useState } from 'react';
import { ErrorView } from '#web/components/ui.js';
import { ApiError } from '#web/lib/api.js';
import { type Key, useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { formatInstant } from '#web/lib/time.js';
import type { Discrepancies } from '#contract/campaigns.js';
import { answerDiscrepancy, useDiscrepancies } from '../api/discrepancies.js';

type Discrepancy = Discrepancies['discrepancies'][number];
type Finding = Discrepancy['findings'][number];

const STATUS = {
  open: 'findingOpen',
  corrected: 'findingCorrected',
  disputed: 'findingDisputed',
  closed: 'findingClosed',
} as const satisfies Record<string, Key>;

export function DiscrepancyPanel({
  code,
  scope,
  ruleTitles,
  names,
}: {
  code: string;
  scope: { kind: string; code: string } | null;
  ruleTitles: Map<string, string>;
  names: Map<string, string>;
}) {
  const { t, said, colon, lang } = useLang();
  const isCounty = scope?.kind === 'county' && scope.code === code;
  // The office that organised the campaign closes what it found: the province, or the city in its own.
  const canClose = (d: Discrepancy) => scope?.kind === 'province' || (scope?.kind === 'city' && scope.code === d.campaignArea);
  const list = useDiscrepancies(code);
  const [reason, setReason] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  /** Someone answered (or closed) after this list was read: the list is reloaded and the clerk answers again. */
  const [clash, setClash] = useState<string | null>(null);
  if (list.error)
    return (
      <section className="card" aria-labelledby="findings-title">
        <h2 id="findings-title">{t('findings')}</h2>
        <ErrorView error={list.error} retry={list.reload} />
      </section>
    );
  if (!list.data?.discrepancies.length) return null;
  const yes = (v: unknown) => t(v ? 'yes' : 'no');
  const met = (v: unknown) => t(v ? 'ruleMet' : 'ruleNotMet');
  const words = (f: Finding) => {
    if (f.field === 'teamExists') return t('findingTeamExists', { reported: yes(f.reported), found: yes(f.found) });
    if (f.field === 'members') return t('findingMembers', { reported: String(f.reported), found: String(f.found) });
    if (f.field === 'roster')
      return t('findingRoster', {
        reported: String(f.reported),
        found: String(f.found),
        missing: (f.missing ?? []).join(lang === 'zh' ? '、' : ', '),
      });
    const rule = ruleTitles.get(f.field.replace(/^rules\./, '')) ?? f.field;
    return t('findingRule', { rule, reported: met(f.reported), found: met(f.found) });
  };
  async function answer(d: Discrepancy, action: 'corrected' | 'disputed' | 'closed') {
    setError(null);
    setClash(null);
    const key = `${d.campaignId}/${d.communityCode}`;
    try {
      await answerDiscrepancy(code, {
        campaignId: d.campaignId,
        communityCode: d.communityCode,
        action,
        ...(reason[key]?.trim() ? { reason: reason[key].trim() } : {}),
        ...(d.answer ? { version: d.answer.version } : {}),
      });
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // The reason typed stays in its box; the list shows the answer that came first.
        setClash(key);
        list.reload();
      } else setError(e as Error);
    }
  }
  return (
    <section className="card" aria-labelledby="findings-title" data-testid="discrepancies">
      <h2 id="findings-title">{t('findings')}</h2>
      {error && <ErrorView error={error} />}
      {clash && (
        <p role="alert" className="error" data-testid="answer-conflict">
          {names.get(clash.split('/')[1]) ?? clash.split('/')[1]}
          {colon}
          {t('answerConflict')}
        </p>
      )}
      <table className="data cards findings">
        <thead>
          <tr>
            <th scope="col">{t('community')}</th>
            <th scope="col">{t('campaign')}</th>
            <th scope="col">{t('findingFound')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('findingAction')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.discrepancies.map((d) => {
            const key = `${d.campaignId}/${d.communityCode}`;
            const label = `${names.get(d.communityCode) ?? d.communityCode} ${t('answerReason')}`;
            return (
              <tr key={key} data-code={d.communityCode} data-status={d.status}>
                <th scope="row">
                  <a href={href(`/community/${d.communityCode}`)}>{names.get(d.communityCode) ?? d.communityCode}</a>
                </th>
                <td data-label={t('campaign')}>
                  {d.campaignName}
                  <br />
                  <span className="muted">{formatInstant(d.at)}</span>
                </td>
                <td data-label={t('findingFound')}>
                  <ul className="plain">
                    {d.findings.map((f) => (
                      <li key={f.field}>{words(f)}</li>
                    ))}
                  </ul>
                </td>
                <td data-label={t('status')}>
                  {t(STATUS[d.status])}
                  {d.answer?.reason ? `${colon}${said(d.answer.reason, d.answer.reasonMessage)}` : ''}
                </td>
                <td data-label={t('findingAction')} className="actions">
                  {d.status !== 'closed' && isCounty && (
                    <>
                      <input
                        aria-label={label}
                        value={reason[key] ?? ''}
                        onChange={(e) => setReason({ ...reason, [key]: e.target.value })}
                        maxLength={200}
                        placeholder={t('answerReason')}
                      />
                      <button type="button" onClick={() => void answer(d, 'corrected')} data-testid="answer-corrected">
                        {t('answerCorrected')}
                      </button>
                      <button
                        type="button"
                        onClick={() => void answer(d, 'disputed')}
                        disabled={!reason[key]?.trim()}
                        data-testid="answer-disputed"
                      >
                        {t('answerDisputed')}
                      </button>
                    </>
                  )}
                  {d.status !== 'closed' && canClose(d) && (
                    <button type="button" onClick={() => void answer(d, 'closed')} data-testid="answer-close">
                      {t('answerClose')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {isCounty && <p className="muted">{t('correctHint')}</p>}
    </section>
  );
}
