// One community's team: details, verdict, history, and the form to register or edit it.
import { useState } from 'react';
import { ErrorView, Loading } from '../../../components/ui';
import { scopeOf, session } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { href } from '../../../lib/router';
import { useHistory, useTeam, type StoredTeam } from '../api/queries';
import { MEMBER_CATEGORIES } from '../../../../../functions/core/team';
import { columnByPath } from '../../../../../functions/core/columns';
import { TeamForm } from './TeamForm';

export default function TeamPage({ code }: { code: string }) {
  const { t, lang, num } = useLang();
  const team = useTeam(code);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<StoredTeam | null>(null);
  const current = saved ?? team.data;
  const history = useHistory(code, current?.version);
  const scope = scopeOf(session.token() ?? '');
  const county = code.slice(0, 6);
  const canWrite = scope?.kind === 'province' || (scope?.kind === 'county' && scope.code === county);
  const missing = team.error?.status === 404;
  if (team.error && !missing) return <ErrorView error={team.error} retry={team.reload} />;
  if (team.loading && !current) return <Loading />;

  return (
    <>
      <nav className="crumbs"><a href={href(`/county/${county}`)}>← {county}</a> › <strong>{code}</strong></nav>
      {saved && !editing && <p className="ok" role="status" data-testid="saved">{t('saved')}（{t('version')} {saved.version}）</p>}
      {editing ? (
        <TeamForm code={code} current={current ?? null} onCancel={() => setEditing(false)} onSaved={(s) => { setSaved(s); setEditing(false); }} />
      ) : !current ? (
        <section className="card"><p>{t('team.none')}</p>{canWrite && <button onClick={() => setEditing(true)} data-testid="new-team">{t('newTeam')}</button>}</section>
      ) : (
        <section className="card" data-testid="team-detail">
          <h2>{current.team.name} {current.demo && <small className="muted">（{lang === 'zh' ? '模拟演示数据' : 'demo data'}）</small>}</h2>
          <dl className="facts">
            <div><dt>{t('leader')}</dt><dd>{current.team.leader.name} · {current.team.leader.phone}</dd></div>
            <div><dt>成立日期</dt><dd>{current.team.establishedOn}</dd></div>
            <div><dt>{t('members')}</dt><dd>{num(current.members)}（{Object.entries(MEMBER_CATEGORIES).map(([k, v]) => `${v[lang]} ${current.team.members[k as keyof typeof MEMBER_CATEGORIES]}`).join('，')}）</dd></div>
            <div><dt>参保</dt><dd>{current.team.insuredMembers} · {current.team.insuranceExpiresOn ?? '—'}</dd></div>
            <div><dt>最近培训演练</dt><dd>{current.team.lastTrainingOn ?? '—'}</dd></div>
            <div><dt>{t('version')}</dt><dd>{current.version} · {current.updatedBy} · {current.updatedAt.slice(0, 10)}</dd></div>
          </dl>
          <h3>{t('verdict')}（{current.verdict.asOf}）</h3>
          {current.verdict.meetsStandard
            ? <p className="ok">✓ {t('team.meets-standard')} · {t('holdsUntil')} {current.verdict.holdsUntil ?? '—'}</p>
            : <ul className="reasons">{current.verdict.failed.map((f) => <li key={f.ruleId}>{f.message[lang]}</li>)}</ul>}
          {canWrite && <button onClick={() => setEditing(true)} data-testid="edit-team">{t('edit')}</button>}
        </section>
      )}
      {history.data && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('history')}</h2>
          <ol className="history" reversed>
            {history.data.history.map((h) => (
              <li key={h.version}>
                <strong>{t('version')} {h.version}</strong> · {h.at.slice(0, 16).replace('T', ' ')} · {h.by} · {h.source}
                {h.changes.every((c) => c.before === null)
                  ? <span className="muted"> · {lang === 'zh' ? '新建队伍' : 'team registered'}</span>
                  : <ul>{h.changes.map((c) => <li key={c.field}>{columnByPath.get(c.field)?.header ?? c.field}：{String(c.before ?? '—')} → {String(c.after ?? '—')}</li>)}</ul>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
