// The team form: validates as the clerk types (the same schema as the API), shows the verdict
// before saving, and on a 409 shows both versions instead of losing either.
import { useMemo, useState } from 'react';
import { columnByPath } from '../../../../../functions/core/columns';
import { diffTeams } from '../../../../../functions/core/diff';
import { ValidationError } from '../../../../../functions/core/errors';
import { GUANGXI_RULE_SET_V1 } from '../../../../../functions/core/programme';
import { dateLimits, evaluate } from '../../../../../functions/core/rules';
import { MANAGEMENT, MEMBER_CATEGORIES, parseTeamInput, WRITTEN_RULES } from '../../../../../functions/core/team';
import { ApiError } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { formatInstant, todayShanghai } from '../../../lib/time';
import { saveTeam, type StoredTeam, type TeamInput } from '../api/queries';

type Draft = Record<string, string | boolean>;

const EMPTY: Draft = {
  name: '', 'leader.name': '', 'leader.phone': '', establishedOn: '', insuredMembers: '', insuranceExpiresOn: '', lastTrainingOn: '', equipment: false,
  ...Object.fromEntries(Object.keys(MEMBER_CATEGORIES).map((k) => [`members.${k}`, ''])),
  ...Object.fromEntries(Object.keys(WRITTEN_RULES).map((k) => [`rules.${k}`, false])),
  ...Object.fromEntries(Object.keys(MANAGEMENT).map((k) => [`management.${k}`, false])),
};

function toDraft(team: TeamInput): Draft {
  const d: Draft = { ...EMPTY, name: team.name, 'leader.name': team.leader.name, 'leader.phone': team.leader.phone, establishedOn: team.establishedOn,
    insuredMembers: String(team.insuredMembers), insuranceExpiresOn: team.insuranceExpiresOn ?? '', lastTrainingOn: team.lastTrainingOn ?? '', equipment: team.equipment };
  for (const [k, v] of Object.entries(team.members)) d[`members.${k}`] = String(v);
  for (const [k, v] of Object.entries(team.rules)) d[`rules.${k}`] = v;
  for (const [k, v] of Object.entries(team.management)) d[`management.${k}`] = v;
  return d;
}

function fromDraft(d: Draft): unknown {
  const num = (v: string | boolean) => (v === '' ? undefined : Number(v));
  const str = (k: string) => String(d[k]);
  const pick = <T,>(keys: string[], prefix: string, f: (v: string | boolean) => T) => Object.fromEntries(keys.map((k) => [k, f(d[`${prefix}.${k}`])]));
  return {
    name: str('name'), leader: { name: str('leader.name'), phone: str('leader.phone') }, establishedOn: str('establishedOn'),
    members: pick(Object.keys(MEMBER_CATEGORIES), 'members', num),
    rules: pick(Object.keys(WRITTEN_RULES), 'rules', Boolean), management: pick(Object.keys(MANAGEMENT), 'management', Boolean),
    equipment: Boolean(d.equipment), insuredMembers: num(d.insuredMembers),
    insuranceExpiresOn: d.insuranceExpiresOn || null, lastTrainingOn: d.lastTrainingOn || null,
  };
}

export function TeamForm({ code, current, onSaved, onCancel }: { code: string; current: StoredTeam | null; onSaved: (t: StoredTeam) => void; onCancel: () => void }) {
  const { t, lang } = useLang();
  const [draft, setDraft] = useState<Draft>(current ? toDraft(current.team) : EMPTY);
  const [touched, setTouched] = useState(false);
  const [conflict, setConflict] = useState<StoredTeam | null>(null);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const today = todayShanghai();

  const checked = useMemo(() => {
    try {
      // A masked phone sent back unchanged stands for the stored number (the server puts it back).
      const team = parseTeamInput(fromDraft(draft), today, { maskedPhone: current?.phoneMasked ? current.team.leader.phone : undefined, limits: dateLimits(GUANGXI_RULE_SET_V1.params, today) });
      return { team, issues: new Map<string, string>(), verdict: evaluate(team, GUANGXI_RULE_SET_V1, today) };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return { team: null, issues: new Map(e.issues.map((i) => [i.field, i.message])), verdict: null };
    }
  }, [draft, today, current]);

  const set = (k: string, v: string | boolean) => { setDraft({ ...draft, [k]: v }); setTouched(true); };
  const issue = (k: string) => (touched ? checked.issues.get(k) : undefined);
  const text = (k: string, label: string, type = 'text') => (
    <label className={`field${issue(k) ? ' invalid' : ''}`}>
      <span>{label}</span>
      <input type={type} value={String(draft[k])} onChange={(e) => set(k, e.target.value)} name={k} aria-invalid={Boolean(issue(k))}
        {...(type === 'number' ? { min: 0, step: 1, inputMode: 'numeric' as const } : {})} />
      {issue(k) && <em className="field-error" role="alert">{issue(k)}</em>}
    </label>
  );
  const box = (k: string, label: string) => (
    <label className="check"><input type="checkbox" checked={Boolean(draft[k])} onChange={(e) => set(k, e.target.checked)} name={k} /> {label}</label>
  );

  async function submit(ifMatch: number | null) {
    setTouched(true);
    if (!checked.team) return;
    setSaving(true);
    setServerError(null);
    try {
      onSaved(await saveTeam(code, checked.team, ifMatch));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.error?.current) setConflict(e.body.error.current as StoredTeam);
      else setServerError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card team-form" onSubmit={(e) => { e.preventDefault(); void submit(current?.version ?? null); }} noValidate data-testid="team-form">
      <fieldset>
        <legend>{t('community')} {code}</legend>
        {text('name', '队伍名称')}
        {text('leader.name', '队长姓名')}
        {text('leader.phone', '队长电话', 'tel')}
        {text('establishedOn', '成立日期', 'date')}
      </fieldset>
      <fieldset className="grid4">
        <legend>{t('members')}</legend>
        {Object.entries(MEMBER_CATEGORIES).map(([k, v]) => <div key={k}>{text(`members.${k}`, v[lang], 'number')}</div>)}
      </fieldset>
      <fieldset>
        <legend>规章制度 · 管理 · 装备</legend>
        {Object.entries(WRITTEN_RULES).map(([k, v]) => <span key={k}>{box(`rules.${k}`, v[lang])}</span>)}
        {Object.entries(MANAGEMENT).map(([k, v]) => <span key={k}>{box(`management.${k}`, v[lang])}</span>)}
        {box('equipment', '基本救援装备')}
      </fieldset>
      <fieldset>
        <legend>保险 · 培训</legend>
        {text('insuredMembers', '参保人数', 'number')}
        {text('insuranceExpiresOn', '保险到期日期（含当日）', 'date')}
        {text('lastTrainingOn', '最近培训演练日期', 'date')}
      </fieldset>

      <section className="verdict-preview" aria-live="polite" data-testid="verdict-preview">
        <h3>{t('verdictPreview')}</h3>
        {!checked.verdict ? <p className="muted">{touched ? `${checked.issues.size} 处需要修改` : '填写后显示'}</p>
          : checked.verdict.meetsStandard ? <p className="ok">✓ {t('team.meets-standard')}（{t('holdsUntil')} {checked.verdict.holdsUntil ?? '—'}）</p>
          : <ul className="reasons">{checked.verdict.failed.map((f) => <li key={f.ruleId}>{f.message[lang]}</li>)}</ul>}
      </section>

      {conflict && checked.team && (
        <section className="conflict" role="alert" data-testid="conflict">
          <h3>{t('conflict')}（{t('version')} {conflict.version}，{conflict.updatedBy}，{formatInstant(conflict.updatedAt)}）</h3>
          <table className="data">
            <thead><tr><th scope="col">字段</th><th scope="col">{t('theirs')}</th><th scope="col">{t('mine')}</th></tr></thead>
            <tbody>
              {diffTeams(conflict.team, checked.team).map((c) => (
                <tr key={c.field}><th scope="row">{columnByPath.get(c.field)?.header ?? c.field}</th><td>{String(c.before ?? '')}</td><td>{String(c.after ?? '')}</td></tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => { const v = conflict.version; setConflict(null); void submit(v); }}>{t('keepMine')}</button>
          <button type="button" onClick={() => { setDraft(toDraft(conflict.team)); onSaved(conflict); }}>{t('keepTheirs')}</button>
        </section>
      )}
      {serverError && <p role="alert" className="error">{serverError}</p>}
      <div className="actions">
        <button type="submit" disabled={saving} data-testid="save-team">{t('save')}</button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
