// The team's roster on its page: who is on it and since when, how each one counts (重复在册 counts on the
// other team, named by its community; 疑似重复 and 未查重 count here), and, for those who may write, a member
// added or ended. Phones are as the API gives them: in full for the county's own office, masked for others.
import { useState, type FormEvent } from 'react';
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_IDS, type MemberCategory } from '#core/team.js';
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang, type Key } from '#web/lib/i18n.js';
import { todayShanghai } from '#web/lib/time.js';
import { useSectionWrite } from '../lib/section-write.js';
import { addMember, correctMember, endMember, eraseMember, resolveMember, useRoster, type MemberView } from '../api/roster.js';

const STANDING: Record<MemberView['standing'], Key> = {
  counts: 'rosterCounts',
  duplicate: 'rosterDuplicate',
  suspected: 'rosterSuspected',
  unchecked: 'rosterUnchecked',
  distinct: 'rosterDistinct',
};

/** The inputs a reason can stand beside. */
const FIELDS = new Set(['name', 'mobile', 'role', 'joined', 'insuredThrough', 'certifiedThrough', 'left']);

const EMPTY = {
  name: '',
  mobile: '',
  category: 'volunteers' as MemberCategory,
  role: '',
  joined: '',
  insuredThrough: '',
  certifiedThrough: '',
};

/**
 * `canWrite`: the caller may end memberships; `canAdd`: and add members (a team that counts: not closed or outside
 * the scope). `onChanged`: a roster write is a new version of the team (its members, its verdict): the page reads it again.
 */
export function RosterSection({
  code,
  canWrite,
  canAdd,
  onChanged,
}: {
  code: string;
  canWrite: boolean;
  canAdd: boolean;
  onChanged: () => void;
}) {
  const { t, lang, num, colon, paren } = useLang();
  const roster = useRoster(code);
  const [form, setForm] = useState(EMPTY);
  const [ending, setEnding] = useState<{ id: string; left: string } | null>(null);
  const [erasing, setErasing] = useState<{ id: string; reason: string } | null>(null);
  const [correcting, setCorrecting] = useState<{
    id: string;
    category: MemberCategory;
    insuredThrough: string;
    certifiedThrough: string;
  } | null>(null);
  // Where the count went when the member who left was the one counting (the person's other team).
  const [handedTo, setHandedTo] = useState<string | null>(null);

  const { errors, failure, busy, write } = useSectionWrite(FIELDS, () => {
    roster.reload();
    onChanged();
  });

  const add = (e: FormEvent) => {
    e.preventDefault();
    return write(async () => {
      await addMember(code, {
        name: form.name,
        mobile: form.mobile.trim() || null,
        category: form.category,
        role: form.role.trim() || null,
        joined: form.joined,
        insuredThrough: form.insuredThrough || null,
        certifiedThrough: form.certifiedThrough || null,
      });
      setForm(EMPTY);
    });
  };

  const end = (e: FormEvent) => {
    e.preventDefault();
    if (!ending) return;
    return write(async () => {
      const { handedTo: to, handedToName } = await endMember(code, ending.id, ending.left);
      setHandedTo(to && (handedToName ? `${handedToName} ${to}` : to));
      setEnding(null);
    });
  };

  const erase = (e: FormEvent) => {
    e.preventDefault();
    if (!erasing) return;
    return write(async () => {
      await eraseMember(code, erasing.id, erasing.reason);
      setErasing(null);
    });
  };

  const correct = (e: FormEvent) => {
    e.preventDefault();
    if (!correcting) return;
    return write(async () => {
      await correctMember(code, correcting.id, {
        category: correcting.category,
        insuredThrough: correcting.insuredThrough || null,
        certifiedThrough: correcting.certifiedThrough || null,
      });
      setCorrecting(null);
    });
  };

  const resolve = (id: string, samePerson: boolean) =>
    write(async () => {
      await resolveMember(code, id, samePerson);
    });

  if (roster.error) return <ErrorView error={roster.error} retry={roster.reload} />;
  if (!roster.data) return <Loading />;
  const { counts, members } = roster.data;
  /** The plan's member categories to choose from: adding a member, and correcting one. */
  const categoryField = (value: MemberCategory, onChange: (category: MemberCategory) => void) => (
    <label>
      {t('rosterCategory')}
      <select value={value} onChange={(e) => onChange(e.target.value as MemberCategory)}>
        {MEMBER_CATEGORY_IDS.map((c) => (
          <option key={c} value={c}>
            {MEMBER_CATEGORIES[c][lang]}
          </option>
        ))}
      </select>
    </label>
  );
  const field = (name: keyof typeof EMPTY, label: Key, type = 'text') => (
    <label>
      {t(label)}
      <input
        name={name}
        type={type}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        aria-invalid={Boolean(errors[name])}
        aria-describedby={errors[name] ? `roster-${name}-error` : undefined}
      />
      {errors[name] && (
        <em className="field-error" id={`roster-${name}-error`}>
          {errors[name]}
        </em>
      )}
    </label>
  );
  return (
    <section className="card" aria-labelledby="roster-title" data-testid="roster">
      <h2 id="roster-title">{t('rosterTitle')}</h2>
      <p data-testid="roster-counts">
        {t('rosterCounted', { n: num(counts.members) })}
        {counts.duplicates > 0 && ` · ${t('rosterDuplicates', { n: num(counts.duplicates) })}`}
        {counts.suspected > 0 && ` · ${t('rosterSuspectedCount', { n: num(counts.suspected) })}`}
        {counts.unchecked > 0 && ` · ${t('rosterUncheckedCount', { n: num(counts.unchecked) })}`}
      </p>
      {members.length === 0 ? (
        <p className="muted">{t('rosterEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="roster-members">
            <thead>
              <tr>
                <th scope="col">{t('rosterName')}</th>
                <th scope="col">{t('rosterMobile')}</th>
                <th scope="col">{t('rosterCategory')}</th>
                <th scope="col">{t('rosterRole')}</th>
                <th scope="col">{t('rosterJoined')}</th>
                <th scope="col">{t('rosterLeft')}</th>
                <th scope="col">{t('rosterInsured')}</th>
                <th scope="col">{t('rosterCertified')}</th>
                <th scope="col">{t('rosterStanding')}</th>
                {canWrite && <th scope="col">{t('rosterActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id} data-standing={m.standing} className={m.left ? 'muted' : undefined}>
                  <th scope="row">{m.erasedAt ? <span className="muted">{t('rosterErased')}</span> : m.name}</th>
                  <td>{m.mobile ?? '—'}</td>
                  <td>{MEMBER_CATEGORIES[m.category][lang]}</td>
                  <td>{m.role ?? '—'}</td>
                  <td>{m.joined}</td>
                  <td>{m.left ?? '—'}</td>
                  <td>{m.insuredThrough ?? '—'}</td>
                  <td>{m.certifiedThrough ?? '—'}</td>
                  <td>
                    {m.left ? t('rosterHasLeft') : t(STANDING[m.standing])}
                    {!m.left &&
                      m.countsIn &&
                      paren(`${t('rosterCountsIn')}${colon}${m.countsInName ? `${m.countsInName} ${m.countsIn}` : m.countsIn}`)}
                  </td>
                  {canWrite && (
                    <td>
                      {!m.left && (
                        <button type="button" className="link" onClick={() => setEnding({ id: m.id, left: todayShanghai() })}>
                          {t('rosterEnd')}
                        </button>
                      )}{' '}
                      {!m.left && (
                        <button
                          type="button"
                          className="link"
                          data-testid="roster-correct-open"
                          onClick={() =>
                            setCorrecting({
                              id: m.id,
                              category: m.category,
                              insuredThrough: m.insuredThrough ?? '',
                              certifiedThrough: m.certifiedThrough ?? '',
                            })
                          }
                        >
                          {t('rosterCorrect')}
                        </button>
                      )}
                      {!m.left && m.standing === 'suspected' && (
                        <span data-testid="roster-resolve">
                          {' '}
                          <button type="button" className="link" disabled={busy} onClick={() => resolve(m.id, true)}>
                            {t('rosterResolveSame')}
                          </button>{' '}
                          <button type="button" className="link" disabled={busy} onClick={() => resolve(m.id, false)}>
                            {t('rosterResolveOther')}
                          </button>
                        </span>
                      )}
                      {m.left && !m.erasedAt && (
                        <button
                          type="button"
                          className="link"
                          data-testid="roster-erase-open"
                          onClick={() => setErasing({ id: m.id, reason: '' })}
                        >
                          {t('rosterErase')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {handedTo && (
        <p className="notice" role="status" data-testid="roster-handed">
          {t('rosterHandedTo', { community: handedTo })}
        </p>
      )}
      {canWrite && ending && (
        <form className="roster-end" onSubmit={end} data-testid="roster-end">
          <label>
            {t('rosterLeftOn', { name: members.find((m) => m.id === ending.id)?.name ?? '' })}
            <input type="date" value={ending.left} onChange={(e) => setEnding({ ...ending, left: e.target.value })} />
          </label>
          {errors.left && <em className="field-error">{errors.left}</em>}
          <button type="submit" disabled={busy}>
            {t('rosterEndConfirm')}
          </button>
          <button type="button" onClick={() => setEnding(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {canWrite && correcting && (
        <form className="roster-end" onSubmit={correct} data-testid="roster-correct">
          <p>{t('rosterCorrectWhat', { name: members.find((m) => m.id === correcting.id)?.name ?? '' })}</p>
          {categoryField(correcting.category, (category) => setCorrecting({ ...correcting, category }))}
          <label>
            {t('rosterInsured')}
            <input
              type="date"
              name="insuredThrough"
              value={correcting.insuredThrough}
              onChange={(e) => setCorrecting({ ...correcting, insuredThrough: e.target.value })}
            />
          </label>
          {errors.insuredThrough && <em className="field-error">{errors.insuredThrough}</em>}
          <label>
            {t('rosterCertified')}
            <input
              type="date"
              name="certifiedThrough"
              value={correcting.certifiedThrough}
              onChange={(e) => setCorrecting({ ...correcting, certifiedThrough: e.target.value })}
            />
          </label>
          {errors.certifiedThrough && <em className="field-error">{errors.certifiedThrough}</em>}
          <button type="submit" disabled={busy}>
            {t('rosterCorrectConfirm')}
          </button>
          <button type="button" onClick={() => setCorrecting(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {canWrite && erasing && (
        <form className="roster-end" onSubmit={erase} data-testid="roster-erase">
          <p>{t('rosterEraseWhat', { name: members.find((m) => m.id === erasing.id)?.name ?? '' })}</p>
          <label>
            {t('rosterEraseReason')}
            <input required maxLength={200} value={erasing.reason} onChange={(e) => setErasing({ ...erasing, reason: e.target.value })} />
          </label>
          <button type="submit" disabled={busy || !erasing.reason.trim()}>
            {t('rosterEraseConfirm')}
          </button>
          <button type="button" onClick={() => setErasing(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {canWrite && canAdd && (
        <form className="roster-add" onSubmit={add} data-testid="roster-add">
          <h3>{t('rosterAdd')}</h3>
          {field('name', 'rosterName')}
          {field('mobile', 'rosterMobileOptional', 'tel')}
          {categoryField(form.category, (category) => setForm({ ...form, category }))}
          {field('role', 'rosterRoleOptional')}
          {field('joined', 'rosterJoined', 'date')}
          {field('insuredThrough', 'rosterInsured', 'date')}
          {field('certifiedThrough', 'rosterCertified', 'date')}
          <button type="submit" disabled={busy} data-testid="roster-add-submit">
            {t('rosterAddSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
