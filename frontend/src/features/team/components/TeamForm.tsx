// The team form: validates as the clerk types (the same schema as the API), shows the verdict
// before saving, and on a 409 shows both versions instead of losing either.
import { useEffect, useMemo, useRef, useState } from 'react';
import { diffTeams } from '#core/diff.js';
import { ValidationError, type FieldIssue } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import { dateLimits, evaluate } from '#core/rules.js';
import { standardFields } from '#core/standard.js';
import { MEMBER_CATEGORIES, parseTeamInput, type RequiredField } from '#core/team.js';
import { ApiError, sessionUser } from '#web/lib/api.js';
import { useLang } from '#web/lib/i18n.js';
import { useRootOffice } from '#web/api/office.js';
import { formatInstant, todayShanghai } from '#web/lib/time.js';
import type { StandardView } from '#web/api/programme.js';
import { saveTeam, type StoredTeam, type TeamInput } from '../api/queries';
import { forgetDraft, keepDraft, readDraft } from '../api/draft';
import { byText, fieldName, valueText } from '#web/components/words.js';
import { BelowStandardConfirm } from '#web/components/ui.js';
import { measureWrite } from '#web/api/county-change.js';

type Draft = Record<string, string | boolean>;

const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null | undefined)?.[k], o);
function put(o: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
}

/** The form's fields: the team record's own, then what the standard in force asks (its checklists, roles, counts, drill log). */
function emptyDraft(fields: RequiredField[]): Draft {
  return {
    name: '',
    'leader.name': '',
    'leader.phone': '',
    establishedOn: '',
    insuredMembers: '',
    insuranceExpiresOn: '',
    lastTrainingOn: '',
    ...Object.fromEntries(Object.keys(MEMBER_CATEGORIES).map((k) => [`members.${k}`, ''])),
    ...Object.fromEntries(fields.map((f) => [f.path, f.kind === 'bool' ? false : ''])),
  };
}

function toDraft(team: TeamInput, fields: RequiredField[]): Draft {
  const d: Draft = {
    ...emptyDraft(fields),
    name: team.name,
    'leader.name': team.leader.name,
    'leader.phone': team.leader.phone,
    establishedOn: team.establishedOn,
    insuredMembers: String(team.insuredMembers),
    insuranceExpiresOn: team.insuranceExpiresOn ?? '',
    lastTrainingOn: team.lastTrainingOn ?? '',
  };
  for (const [k, v] of Object.entries(team.members)) d[`members.${k}`] = String(v);
  for (const f of fields) {
    const v = get(team, f.path);
    d[f.path] =
      f.kind === 'bool' ? v === true : f.kind === 'dates' ? (Array.isArray(v) ? v.join(' ') : '') : v === undefined ? '' : String(v);
  }
  return d;
}

/** The members typed so far, the eight categories added up as the clerk types (a box not yet a whole number counts 0). */
function typedTotal(d: Draft): number {
  return Object.keys(MEMBER_CATEGORIES).reduce((sum, k) => {
    const n = Number(d[`members.${k}`]);
    return sum + (d[`members.${k}`] !== '' && Number.isSafeInteger(n) && n > 0 ? n : 0);
  }, 0);
}

/** The draft as a team: the fields the form shows over what the record already holds (fields another standard asked for stay). */
function fromDraft(d: Draft, fields: RequiredField[], base: TeamInput | undefined): unknown {
  const num = (v: string | boolean) => (v === '' ? undefined : Number(v));
  const str = (k: string) => String(d[k]);
  const team: Record<string, unknown> = {
    ...structuredClone(base ?? {}),
    name: str('name'),
    leader: { name: str('leader.name'), phone: str('leader.phone') },
    establishedOn: str('establishedOn'),
    members: Object.fromEntries(Object.keys(MEMBER_CATEGORIES).map((k) => [k, num(d[`members.${k}`])])),
    insuredMembers: num(d.insuredMembers),
    insuranceExpiresOn: d.insuranceExpiresOn || null,
    lastTrainingOn: d.lastTrainingOn || null,
  };
  for (const f of fields) {
    const v = d[f.path];
    put(
      team,
      f.path,
      f.kind === 'bool'
        ? Boolean(v)
        : f.kind === 'count'
          ? num(v)
          : String(v)
              .split(/[\s,，、;；]+/)
              .filter(Boolean),
    );
  }
  return team;
}

/** `onDiscarded`: the clerk chose the other person's version over theirs in a conflict; nothing was saved. */
export function TeamForm({
  code,
  current,
  standard,
  onSaved,
  onDiscarded,
  onCancel,
}: {
  code: string;
  current: StoredTeam | null;
  standard: StandardView;
  /** `dropped`: the save took a team that met the standard today below it (judged as the form judged it). */
  onSaved: (t: StoredTeam, dropped: boolean) => void;
  onDiscarded: (theirs: StoredTeam) => void;
  onCancel: () => void;
}) {
  const { t, fmt, lang, paren, list, colon } = useLang();
  const rootOffice = useRootOffice();
  const fields = useMemo(() => standardFields(standard), [standard]);
  // What the clerk has typed stays in this tab until saved, cancelled or discarded (features/team/api/draft.ts):
  // a sign-in that ends or a reload (a failed token renewal reloads) brings it back when the form opens again.
  const [user] = useState(sessionUser);
  const [restored] = useState(() => readDraft(user, code));
  // The save asks for the version the typing started from: a change made meanwhile shows as a conflict, never overwritten.
  const base = restored ? restored.base : (current?.version ?? null);
  const [draft, setDraft] = useState<Draft>(() => {
    const stored = current ? toDraft(current.team, fields) : emptyDraft(fields);
    return restored ? { ...stored, ...restored.draft } : stored;
  });
  const initialDraft = useRef(draft);
  useEffect(() => {
    if (draft !== initialDraft.current) keepDraft(user, code, { base, draft });
  }, [draft, user, code, base]);
  const forget = () => forgetDraft(user, code);
  // A field shows its error once the clerk has changed it, every field after a save was tried.
  const [touched, setTouched] = useState<ReadonlySet<string> | 'all'>(new Set<string>());
  const form = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);
  useEffect(() => {
    if (focusError) form.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }, [focusError]);
  const [conflict, setConflict] = useState<StoredTeam | null>(null);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const today = todayShanghai();

  const checked = useMemo(() => {
    try {
      // A masked phone sent back unchanged stands for the stored number (the server puts it back).
      const team = parseTeamInput(fromDraft(draft, fields, current?.team), today, {
        maskedPhone: current?.phoneMasked ? current.team.leader.phone : undefined,
        limits: dateLimits(standard, today),
        required: fields,
      });
      // Judged as the server judges it: with the team's roster, when it has one (the form never changes the roster).
      return {
        team,
        issues: new Map<string, FieldIssue['message']>(),
        verdict: evaluate({ ...team, roster: current?.roster, log: current?.log }, standard, today),
      };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return { team: null, issues: new Map(e.issues.map((i) => [i.field, i.message])), verdict: null };
    }
  }, [draft, today, current, standard, fields]);

  // A save that takes a team from meeting the standard to not meeting it is asked about first, with the reasons.
  const metBefore = useMemo(
    () => (current ? evaluate({ ...current.team, roster: current.roster, log: current.log }, standard, today).meetsStandard : false),
    [current, standard, today],
  );
  const [dropAsked, setDropAsked] = useState<{ ifMatch: number | null } | null>(null);
  const dropReasons = (l: 'zh' | 'en') => (checked.verdict?.failed ?? []).map((f) => f.message[l]);

  const set = (k: string, v: string | boolean) => {
    setDropAsked(null);
    setDraft({ ...draft, [k]: v });
    setTouched((s) => (s === 'all' ? s : new Set(s).add(k)));
  };
  const anyTouched = touched === 'all' || touched.size > 0;
  // An issue of a field, or of a part of it (drills.3 is the fourth date of the drills field).
  const issueOf = (k: string) => checked.issues.get(k) ?? [...checked.issues].find(([f]) => f.startsWith(`${k}.`))?.[1];
  const issue = (k: string) => (touched === 'all' || touched.has(k) ? issueOf(k) : undefined);
  // Issues no field of this form shows (a field the record holds that this standard does not ask for).
  const elsewhere =
    touched === 'all' ? [...checked.issues].filter(([f]) => !Object.keys(draft).some((k) => f === k || f.startsWith(`${k}.`))) : [];
  // The error is tied to its input (aria-describedby), outside the label, so it is not read as the field's name.
  const text = (k: string, label: string, type = 'text', wide = false) => (
    <div className={`field${wide ? ' wide' : ''}${issue(k) ? ' invalid' : ''}`}>
      <label htmlFor={`f-${k}`}>{label}</label>
      <input
        id={`f-${k}`}
        type={type}
        value={String(draft[k])}
        onChange={(e) => set(k, e.target.value)}
        name={k}
        aria-invalid={Boolean(issue(k))}
        aria-describedby={issue(k) ? `f-${k}-error` : undefined}
        {...(type === 'number' ? { min: 0, step: 1, inputMode: 'numeric' as const } : {})}
      />
      {issue(k) && (
        <em className="field-error" id={`f-${k}-error`}>
          {fmt(issue(k)!)}
        </em>
      )}
    </div>
  );
  const box = (k: string, label: string) => (
    <label className="check">
      <input type="checkbox" checked={Boolean(draft[k])} onChange={(e) => set(k, e.target.checked)} name={k} /> {label}
    </label>
  );

  async function submit(ifMatch: number | null, dropConfirmed = false) {
    setTouched('all');
    if (!checked.team) {
      setFocusError((n) => n + 1); // once the errors show (next render), to the first of them
      return;
    }
    if (metBefore && !checked.verdict?.meetsStandard && !dropConfirmed) {
      setDropAsked({ ifMatch });
      return;
    }
    setDropAsked(null);
    setSaving(true);
    setServerError(null);
    try {
      const team = checked.team;
      const saved = await measureWrite(code.slice(0, 6), () => saveTeam(code, team, ifMatch));
      forget();
      onSaved(saved, metBefore && !saved.verdict.meetsStandard);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.error.current) setConflict(e.body.error.current);
      else setServerError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      ref={form}
      className="card team-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(base);
      }}
      noValidate
      data-testid="team-form"
    >
      {restored && (
        <p className="notice" role="status" data-testid="draft-restored">
          {t('draftRestored')}
          {restored.base !== (current?.version ?? null) ? ` ${t('draftChangedSince')}` : ''}
        </p>
      )}
      <fieldset>
        <legend>
          {t('community')} {code}
        </legend>
        {text('name', t('fieldTeamName'), 'text', true)}
        {text('leader.name', t('fieldLeaderName'))}
        {text('leader.phone', t('fieldLeaderPhone'), 'tel')}
        {text('establishedOn', t('fieldEstablishedOn'), 'date')}
      </fieldset>
      <fieldset className="grid4">
        <legend>{t('members')}</legend>
        {current?.membersFrom === 'roster' && (
          <p className="muted" data-testid="members-from-roster">
            {t('formMembersFromRoster', { count: String(current.members) })}
          </p>
        )}
        {Object.entries(MEMBER_CATEGORIES).map(([k, v]) => (
          <div key={k}>{text(`members.${k}`, v[lang], 'number')}</div>
        ))}
        <output className="member-total" data-testid="member-total" aria-live="polite">
          {fmt(message('form.members.total', { count: typedTotal(draft) }))}
        </output>
      </fieldset>
      <fieldset data-testid="standard-fields">
        <legend>
          {standard.title[lang]}
          {paren(standard.ref)}
        </legend>
        {fields.map((f) => (
          <div key={f.path}>
            {f.kind === 'bool'
              ? box(f.path, f.label[lang])
              : text(
                  f.path,
                  f.kind === 'dates' ? `${f.label[lang]}${paren(t('spaceSeparated'))}` : f.label[lang],
                  f.kind === 'count' ? 'number' : 'text',
                )}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('insuranceTraining')}</legend>
        {current?.membersFrom === 'roster' && (
          <p className="muted" data-testid="insurance-from-roster">
            {t('formInsuranceFromRoster')}
          </p>
        )}
        {text('insuredMembers', t('fieldInsuredMembers'), 'number')}
        {text('insuranceExpiresOn', t('fieldInsuranceExpiresOn'), 'date')}
        {text('lastTrainingOn', t('fieldLastTrainingOn'), 'date')}
      </fieldset>

      <section className="verdict-preview" aria-live="polite" data-testid="verdict-preview">
        <h2>{t('verdictPreview')}</h2>
        {!checked.verdict ? (
          <>
            <p className="muted">{anyTouched ? `${checked.issues.size} ${t('issuesToFix')}` : t('fillToSee')}</p>
            {elsewhere.length > 0 && (
              <ul className="reasons">
                {elsewhere.map(([f, m]) => (
                  <li key={f}>
                    {fieldName(f, lang, t, fields)}
                    {colon}
                    {fmt(m)}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : checked.verdict.meetsStandard ? (
          <p className="ok">
            ✓ {t('team.meets-standard')}
            {paren(`${t('holdsUntil')} ${checked.verdict.holdsUntil ?? '—'}`)}
          </p>
        ) : (
          <ul className="reasons">
            {checked.verdict.failed.map((f) => (
              <li key={f.ruleId}>{f.message[lang]}</li>
            ))}
          </ul>
        )}
      </section>

      {conflict && checked.team && (
        <section className="conflict" role="alert" data-testid="conflict">
          <h2>
            {t('conflict')}
            {paren(
              list([
                `${t('version')} ${conflict.version}`,
                byText(conflict.updatedBy, lang, rootOffice),
                formatInstant(conflict.updatedAt),
              ]),
            )}
          </h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('theirs')}</th>
                <th scope="col">{t('mine')}</th>
              </tr>
            </thead>
            <tbody>
              {diffTeams(conflict.team, checked.team).map((c) => (
                <tr key={c.field}>
                  <th scope="row">{fieldName(c.field, lang, t, fields)}</th>
                  <td>{valueText(c.before, lang)}</td>
                  <td>{valueText(c.after, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                const v = conflict.version;
                setConflict(null);
                void submit(v);
              }}
              data-testid="keep-mine"
            >
              {t('keepMine')}
            </button>
            <button
              type="button"
              onClick={() => {
                forget();
                onDiscarded(conflict);
              }}
              data-testid="keep-theirs"
            >
              {t('keepTheirs')}
            </button>
          </div>
        </section>
      )}
      {dropAsked !== null && (
        <BelowStandardConfirm
          id="drop-title"
          testId="drop-confirm"
          question={fmt(message('form.drop.confirm', { reasons: { zh: dropReasons('zh').join('；'), en: dropReasons('en').join('; ') } }))}
          action={fmt(message('form.drop.save'))}
          buttons={{ confirm: 'confirm-drop', cancel: 'cancel-drop' }}
          onConfirm={() => void submit(dropAsked.ifMatch, true)}
          onCancel={() => setDropAsked(null)}
        />
      )}
      {serverError && (
        <p role="alert" className="error">
          {serverError}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={saving} data-testid="save-team">
          {t('save')}
        </button>
        <button
          type="button"
          onClick={() => {
            forget();
            onCancel();
          }}
        >
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
