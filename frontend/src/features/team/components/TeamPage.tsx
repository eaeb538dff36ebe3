// One community's team: details, verdict, history, and the form to register or edit it.
import { CountyChangeNotice } from '#web/components/county-change.js';
import { EXCLUDED_FIELD } from '#core/record.js';
import { message } from '#core/messages/index.js';
import { useMemo, useState, type FormEvent } from 'react';
import { ErrorView, Loading } from '#web/components/ui.js';
import { ApiError, scopeOf, session } from '#web/lib/api.js';
import { useLang } from '#web/lib/i18n.js';
import { useRootOffice } from '#web/api/office.js';
import { href } from '#web/lib/router.js';
import { erasePersonalData, revealPhone, useHistory, useTeam, type StoredTeam } from '../api/queries';
import { ActivitySection } from './ActivitySection.js';
import { RosterSection } from './RosterSection.js';
import { MEMBER_CATEGORIES } from '#core/team.js';
import { useProgramme } from '#web/api/programme.js';
import { useCommunities } from '#web/api/county.js';
import { TeamForm } from './TeamForm';
import {
  byText,
  fieldName,
  isLogChange,
  isRosterChange,
  logChangeLines,
  rosterChangeLines,
  sourceText,
  valueText,
} from '#web/components/words.js';
import { standardFields } from '#core/standard.js';
import { formatInstant } from '#web/lib/time.js';

export default function TeamPage({ code }: { code: string }) {
  const { t, fmt, said, lang, num, paren, brackets, list, colon } = useLang();
  const rootOffice = useRootOffice();
  const team = useTeam(code);
  const programme = useProgramme();
  const [editing, setEditing] = useState(false);
  // The record as last saved here (or, after a conflict, as the other person saved it).
  const [latest, setLatest] = useState<{ team: StoredTeam; kept: 'mine' | 'theirs'; dropped?: boolean } | null>(null);
  const current = latest?.team ?? team.data;
  // A roster or log write is a new version of the team: what was last saved here gives way to it, read again.
  const reloadTeam = () => {
    setLatest(null);
    team.reload();
  };
  const history = useHistory(code, current?.version);
  const fields = useMemo(() => (programme.data ? standardFields(programme.data.ruleSet) : []), [programme.data]);
  const scope = scopeOf(session.token() ?? '');
  const county = code.slice(0, 6);
  const places = useCommunities(county);
  const place = places.data?.communities.find((c) => c.code === code);
  const canWrite = scope?.kind === 'province' || (scope?.kind === 'county' && scope.code === county);
  const missing = team.error?.status === 404;
  const [revealed, setRevealed] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // A reveal asks why (the server requires it and keeps it with who and when); past the hour's limit it answers 429, saying when.
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [revealError, setRevealError] = useState<{ limited: boolean; text: string } | null>(null);
  async function reveal(e: FormEvent) {
    e.preventDefault();
    setRevealError(null);
    try {
      setRevealed((await revealPhone(code, reason.trim())).phone);
      setAsking(false);
      setReason('');
    } catch (err) {
      setRevealError({ limited: err instanceof ApiError && err.status === 429, text: (err as Error).message });
    }
  }
  async function erase() {
    const reason = window.prompt(t('erasePrompt'));
    if (!reason) return;
    setActionError(null);
    try {
      setLatest({ team: await erasePersonalData(code, reason), kept: 'mine' });
      setRevealed(null);
    } catch (e) {
      setActionError((e as Error).message);
    }
  }
  if (team.error && !missing) return <ErrorView error={team.error} retry={team.reload} />;
  if (programme.error) return <ErrorView error={programme.error} retry={programme.reload} />;
  if ((team.loading && !current) || !programme.data) return <Loading />;

  return (
    <>
      {/* Names, not codes (百色市 › 那坡县 › 平孟镇 › 平孟社区); the codes until the registry arrives. */}
      <nav className="crumbs" aria-label={t('breadcrumbs')} data-testid="crumbs">
        {places.data && <>{places.data.county.cityName} › </>}
        <a href={href(`/county/${county}`)}>{places.data?.county.name ?? county}</a>
        {place?.townshipName && <> › {place.townshipName}</>} › <strong title={code}>{place?.name ?? code}</strong>
      </nav>
      {latest && !editing && (latest.kept === 'theirs' || latest.team.verdict.meetsStandard) && (
        <p className="ok" role="status" data-testid="saved">
          {t(latest.kept === 'mine' ? 'saved' : 'keptTheirs')}
          {paren(`${t('version')} ${latest.team.version}`)}
        </p>
      )}
      {latest && !editing && latest.kept === 'mine' && !latest.team.verdict.meetsStandard && (
        // Saved, but the team does not meet the standard (or no longer does): said as such, not in green.
        <p className="notice" role="status" data-testid="saved">
          ✗ {fmt(message(latest.dropped ? 'team.saved.dropped' : 'team.saved.failing', { version: latest.team.version }))}
        </p>
      )}
      {latest && !editing && <CountyChangeNotice county={county} />}
      {editing ? (
        // A closed team is no team: registering one (its community is back in the registry) starts from nothing.
        <TeamForm
          code={code}
          current={current && current.excluded !== 'closed' ? current : null}
          standard={programme.data.ruleSet}
          onCancel={() => setEditing(false)}
          onSaved={(s, dropped) => {
            setLatest({ team: s, kept: 'mine', dropped });
            setEditing(false);
          }}
          onDiscarded={(theirs) => {
            setLatest({ team: { ...current, ...theirs }, kept: 'theirs' });
            setEditing(false);
          }}
        />
      ) : !current ? (
        <section className="card">
          <p>{t('team.none')}</p>
          {canWrite && (
            <button type="button" onClick={() => setEditing(true)} data-testid="new-team">
              {t('newTeam')}
            </button>
          )}
        </section>
      ) : (
        <section className="card" data-testid="team-detail">
          <h2>
            {current.team.name} {current.demo && <small className="muted">{paren(t('demoData'))}</small>}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('leader')}</dt>
              <dd data-testid="leader">
                {current.erasedAt ? (
                  <span className="muted">{t('personalDataErased', { at: formatInstant(current.erasedAt, false) })}</span>
                ) : (
                  <>
                    <span lang="zh-CN">{current.team.leader.name}</span> · {revealed ?? current.team.leader.phone}
                    {current.phoneMasked && !revealed && !asking && (
                      <button type="button" className="link" onClick={() => setAsking(true)} data-testid="reveal-phone">
                        {t('revealPhone')}
                      </button>
                    )}
                    {current.phoneMasked && !revealed && asking && (
                      <form className="reveal" onSubmit={(e) => void reveal(e)} data-testid="reveal-form">
                        <label>
                          {t('revealReason')}{' '}
                          <input
                            type="text"
                            name="reason"
                            value={reason}
                            maxLength={200}
                            required
                            // biome-ignore lint/a11y/noAutofocus: the field appears because the user just asked to reveal
                            autoFocus
                            placeholder={t('revealReasonExample')}
                            onChange={(e) => setReason(e.target.value)}
                            data-testid="reveal-reason"
                          />
                        </label>{' '}
                        <button type="submit" disabled={!reason.trim()}>
                          {t('revealSubmit')}
                        </button>{' '}
                        <button
                          type="button"
                          onClick={() => {
                            setAsking(false);
                            setRevealError(null);
                          }}
                        >
                          {t('cancel')}
                        </button>
                        {revealError && (
                          <p role="alert" className={revealError.limited ? 'notice' : 'error'} data-testid="reveal-error">
                            {revealError.limited && <strong>{t('revealLimited')}</strong>} {revealError.text}
                          </p>
                        )}
                      </form>
                    )}
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('fieldEstablishedOn')}</dt>
              <dd>{current.team.establishedOn}</dd>
            </div>
            <div>
              <dt>{t('members')}</dt>
              <dd data-testid="members-from" data-from={current.membersFrom}>
                {num(current.members)} · {t(current.membersFrom === 'roster' ? 'membersFromRoster' : 'membersTyped')}
                {paren(
                  (current.membersFrom === 'roster' ? `${t('membersTypedBeside')}${colon}` : '') +
                    list(
                      Object.entries(MEMBER_CATEGORIES).map(
                        ([k, v]) => `${v[lang]} ${current.team.members[k as keyof typeof MEMBER_CATEGORIES]}`,
                      ),
                    ),
                )}
              </dd>
            </div>
            <div>
              <dt>{t('insured')}</dt>
              <dd>
                {current.membersFrom === 'roster'
                  ? t('insuredFromRoster')
                  : `${current.team.insuredMembers} · ${current.team.insuranceExpiresOn ?? '—'}`}
              </dd>
            </div>
            <div>
              <dt>{t('lastTraining')}</dt>
              <dd>{current.team.lastTrainingOn ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('version')}</dt>
              <dd>
                {current.version} · {byText(current.updatedBy, lang, rootOffice)} · {formatInstant(current.updatedAt)}
              </dd>
            </div>
          </dl>
          {'finding' in current && current.finding ? (
            <p className="notice" role="status" data-testid="team-finding">
              {t('teamFinding')}
            </p>
          ) : null}
          {current.excluded && (
            <p className="notice" role="status" data-testid="team-excluded">
              {t(current.excluded === 'closed' ? 'teamClosedNotice' : 'teamOutOfScope')}
            </p>
          )}
          <h3>
            {t('verdict')}
            {brackets[0]}
            {current.verdict.asOf} · <span data-testid="verdict-standard">{current.verdict.ruleSetId}</span>
            {brackets[1]}
          </h3>
          {current.verdict.meetsStandard ? (
            <p className="ok">
              ✓ {t('team.meets-standard')} · {t('holdsUntil')} {current.verdict.holdsUntil ?? '—'}
            </p>
          ) : (
            <>
              <p className="fails" data-testid="verdict-fails">
                ✗ {fmt(message('team.verdict.fails'))}
              </p>
              <ul className="reasons">
                {current.verdict.failed.map((f) => (
                  <li key={f.ruleId}>{f.message[lang]}</li>
                ))}
              </ul>
            </>
          )}
          {canWrite && current.excluded !== 'closed' && (
            <button type="button" onClick={() => setEditing(true)} data-testid="edit-team">
              {t('edit')}
            </button>
          )}
          {canWrite && current.excluded === 'closed' && (
            <button type="button" onClick={() => setEditing(true)} data-testid="new-team">
              {t('newTeam')}
            </button>
          )}
          {canWrite && !current.erasedAt && (
            <button type="button" onClick={() => void erase()} data-testid="erase-personal">
              {t('eraseLeader')}
            </button>
          )}
          {actionError && (
            <p role="alert" className="error">
              {actionError}
            </p>
          )}
        </section>
      )}
      {current && <RosterSection code={code} canWrite={canWrite} canAdd={!current.excluded} onChanged={reloadTeam} />}
      {current && <ActivitySection code={code} canWrite={canWrite && !current.excluded} onChanged={reloadTeam} />}
      {history.data && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('history')}</h2>
          <ol className="history" reversed>
            {history.data.history.map((h) => (
              <li key={h.version}>
                <strong>
                  {t('version')} {h.version}
                </strong>{' '}
                · {formatInstant(h.at)} · {byText(h.by, lang, rootOffice)} · {sourceText(h.source, lang)}
                {h.note && <span> · {said(h.note, h.noteMessage)}</span>}
                {h.version === 1 ? (
                  <span className="muted"> · {t('teamCreated')}</span>
                ) : (
                  <ul>
                    {rosterChangeLines(h.changes, lang).map((line, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: one line a membership, in the record's order
                      <li key={`roster-${i}`}>{line}</li>
                    ))}
                    {logChangeLines(h.changes, lang).map((line, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: one line an event, in the record's order
                      <li key={`log-${i}`}>{line}</li>
                    ))}
                    {h.changes
                      .filter((c) => !isRosterChange(c.field) && !isLogChange(c.field))
                      .map((c) => (
                        <li key={c.field}>
                          {c.field === EXCLUDED_FIELD
                            ? `${t('countedChange')}${colon}${t(exclusionKey(c.before))} → ${t(exclusionKey(c.after))}`
                            : `${fieldName(c.field, lang, t, fields)}${colon}${c.redacted ? c.redacted[lang] : `${valueText(c.before, lang)} → ${valueText(c.after, lang)}`}`}
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {history.data.reveals.length > 0 && (
            <>
              <h3>{t('revealsTitle')}</h3>
              <ul className="history">
                {history.data.reveals.map((r) => (
                  <li key={r.at + r.by}>
                    {formatInstant(r.at)} · {byText(r.by, lang, rootOffice)}
                    {r.reason ? (
                      <>
                        {' '}
                        · <span lang={r.reasonMessage ? undefined : 'zh-CN'}>{said(r.reason, r.reasonMessage)}</span>
                      </>
                    ) : (
                      ''
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}

/** Whether a team counts, as its history says it in words. */
const exclusionKey = (value: unknown) =>
  value === 'closed' ? 'excluded.closed' : value === 'out-of-scope' ? 'excluded.out-of-scope' : 'excluded.none';
