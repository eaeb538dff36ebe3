// The team's activity log on its page: a year's 场次, 人次 and hours by kind, each member's attendance (考勤), the
// events (withdrawn ones struck through, the record kept), and for those who may write an event recorded with
// the roster's members who took part, or one withdrawn with its reason. Names only: no phone is shown here.
import { useState, type FormEvent } from 'react';
import { ACTIVITY_KINDS, type ActivityKind } from '#core/activity.js';
import { activeOn } from '#core/roster-counts.js';
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang, type Key } from '#web/lib/i18n.js';
import { formatInstant, todayShanghai } from '#web/lib/time.js';
import { useRootOffice } from '#web/api/office.js';
import { byText } from '#web/components/words.js';
import { useSectionWrite } from '../lib/section-write.js';
import { recordEvent, useActivity, withdrawEvent } from '../api/activity.js';
import { useRoster } from '../api/roster.js';

const KIND: Record<ActivityKind, Key> = {
  training: 'activityTraining',
  drill: 'activityDrill',
  callout: 'activityCallout',
  service: 'activityService',
};

/** The inputs a reason can stand beside. */
const FIELDS = new Set(['kind', 'date', 'hours', 'title', 'summary', 'attendees']);

const blank = () => ({
  kind: 'drill' as ActivityKind,
  date: todayShanghai(),
  hours: '2',
  title: '',
  summary: '',
  attendees: [] as string[],
});

/** The years the log may be read for: this year and the ten before it (the log's rules look back five). */
const yearsTo = (thisYear: number) => Array.from({ length: 11 }, (_, i) => String(thisYear - i));

/**
 * `canWrite`: the caller may record and withdraw events (a team that counts). `onChanged`: an event is a new
 * version of the team (the rules on practice read the log): the page reads it again.
 */
export function ActivitySection({ code, canWrite, onChanged }: { code: string; canWrite: boolean; onChanged: () => void }) {
  const { t, num } = useLang();
  const today = todayShanghai();
  const [year, setYear] = useState(today.slice(0, 4));
  const log = useActivity(code, year);
  const roster = useRoster(code);
  const [form, setForm] = useState(blank);
  const [withdrawing, setWithdrawing] = useState<{ id: string; reason: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { lang } = useLang();
  const rootOffice = useRootOffice();

  // the members who may be named: on the team on the day of the event
  const onTheDay = (roster.data?.members ?? []).filter((m) => !m.erasedAt && activeOn(m, form.date));

  const {
    errors,
    failure,
    busy,
    write: written,
  } = useSectionWrite(FIELDS, () => {
    log.reload();
    onChanged();
  });
  const write = (action: () => Promise<void>) => {
    setDone(null);
    return written(action);
  };

  const record = (e: FormEvent) => {
    e.preventDefault();
    return write(async () => {
      const recorded = await recordEvent(code, {
        kind: form.kind,
        date: form.date,
        hours: Number(form.hours),
        title: form.title,
        ...(form.summary.trim() ? { summary: form.summary } : {}),
        // only those on the team that day: a member ticked before the day was changed is not sent
        attendees: form.attendees.filter((id) => onTheDay.some((m) => m.id === id)),
      });
      setForm(blank());
      setDone(t('activityRecordedDone', { date: recorded.date, kind: t(KIND[recorded.kind]), title: recorded.title }));
    });
  };

  const withdraw = (e: FormEvent) => {
    e.preventDefault();
    if (!withdrawing) return;
    return write(async () => {
      await withdrawEvent(code, withdrawing.id, withdrawing.reason);
      setWithdrawing(null);
    });
  };

  if (log.error) return <ErrorView error={log.error} retry={log.reload} />;
  if (!log.data) return <Loading />;
  const { tally, attendance, events, period } = log.data;
  const toggle = (id: string) =>
    setForm({ ...form, attendees: form.attendees.includes(id) ? form.attendees.filter((a) => a !== id) : [...form.attendees, id] });
  const error = (name: string) =>
    errors[name] && (
      <em className="field-error" id={`activity-${name}-error`}>
        {errors[name]}
      </em>
    );
  const described = (name: string) => ({
    'aria-invalid': Boolean(errors[name]),
    'aria-describedby': errors[name] ? `activity-${name}-error` : undefined,
  });

  return (
    <section className="card" aria-labelledby="activity-title" data-testid="activity">
      <h2 id="activity-title">{t('activityTitle')}</h2>
      <label>
        {t('activityYear')}{' '}
        <select value={year} onChange={(e) => setYear(e.target.value)} data-testid="activity-year">
          {yearsTo(Number(today.slice(0, 4))).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t('activityPeriod', { from: period.from, to: period.to })}</p>
      <div className="table-scroll">
        <table className="data" data-testid="activity-tally">
          <thead>
            <tr>
              <th scope="col">{t('activityKind')}</th>
              <th scope="col">{t('activityEvents')}</th>
              <th scope="col">{t('activityAttendances')}</th>
              <th scope="col">{t('activityMemberHours')}</th>
            </tr>
          </thead>
          <tbody>
            {ACTIVITY_KINDS.map((k) => (
              <tr key={k} data-kind={k}>
                <th scope="row">{t(KIND[k])}</th>
                <td>{num(tally[k].events)}</td>
                <td>{num(tally[k].attendances)}</td>
                <td>{num(tally[k].memberHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('activityAttendance')}</h3>
      {attendance.length === 0 ? (
        <p className="muted">{t('activityNoMembers')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="activity-attendance">
            <thead>
              <tr>
                <th scope="col">{t('rosterName')}</th>
                {ACTIVITY_KINDS.map((k) => (
                  <th scope="col" key={k}>
                    {t(KIND[k])}
                  </th>
                ))}
                <th scope="col">{t('activityHours')}</th>
                <th scope="col">{t('activityLast')}</th>
              </tr>
            </thead>
            <tbody>
              {attendance.map((a) => (
                <tr key={a.member} className={a.current ? undefined : 'muted'}>
                  <th scope="row">{a.name || t('rosterErased')}</th>
                  {ACTIVITY_KINDS.map((k) => (
                    <td key={k}>{num(a.byKind[k])}</td>
                  ))}
                  <td>{num(a.hours)}</td>
                  <td>{a.last ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t('activityList')}</h3>
      {events.length === 0 ? (
        <p className="muted">{t('activityNone')}</p>
      ) : (
        <ul className="activity-events" data-testid="activity-events">
          {events.map((e) => (
            <li key={e.id} data-withdrawn={e.withdrawn ? 'true' : undefined}>
              {e.withdrawn ? (
                <del>{`${e.date} ${t(KIND[e.kind])} ${e.title}`}</del>
              ) : (
                <strong>{`${e.date} ${t(KIND[e.kind])} ${e.title}`}</strong>
              )}{' '}
              {t('activityEventLine', { hours: num(e.hours), n: num(e.attendees.length) })}
              {e.summary && <span>{` · ${e.summary}`}</span>}
              <details>
                <summary>{t('activityWho')}</summary>
                {e.attendees.map((a) => a.name || t('rosterErased')).join('、')}
                <span className="muted">{` · ${t('activityRecorded', { by: byText(e.recordedBy, lang, rootOffice), at: formatInstant(e.recordedAt) })}`}</span>
              </details>
              {e.withdrawn && (
                <span className="muted">
                  {t('activityWithdrawnWhy', { at: formatInstant(e.withdrawn.at), reason: e.withdrawn.reason })}
                </span>
              )}
              {canWrite && !e.withdrawn && (
                <button type="button" className="link" onClick={() => setWithdrawing({ id: e.id, reason: '' })}>
                  {t('activityWithdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {done && (
        <p className="notice" role="status" data-testid="activity-done">
          {done}
        </p>
      )}
      {canWrite && withdrawing && (
        <form className="roster-end" onSubmit={withdraw} data-testid="activity-withdraw">
          <p>
            {(() => {
              const e = events.find((x) => x.id === withdrawing.id);
              return e ? t('activityWithdrawWhat', { date: e.date, kind: t(KIND[e.kind]), title: e.title }) : null;
            })()}
          </p>
          <label>
            {t('activityWithdrawReason')}
            <input
              required
              maxLength={200}
              value={withdrawing.reason}
              onChange={(e) => setWithdrawing({ ...withdrawing, reason: e.target.value })}
            />
          </label>
          <button type="submit" disabled={busy || !withdrawing.reason.trim()}>
            {t('activityWithdrawConfirm')}
          </button>
          <button type="button" onClick={() => setWithdrawing(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {canWrite && (
        <form className="roster-add" onSubmit={record} data-testid="activity-add">
          <h3>{t('activityAdd')}</h3>
          <label>
            {t('activityKind')}
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ActivityKind })} {...described('kind')}>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(KIND[k])}
                </option>
              ))}
            </select>
            {error('kind')}
          </label>
          <label>
            {t('activityDate')}
            <input
              type="date"
              name="date"
              max={today}
              value={form.date}
              onChange={(e) => setForm({ ...form, date: e.target.value })}
              {...described('date')}
            />
            {error('date')}
          </label>
          <label>
            {t(form.kind === 'service' ? 'activityServiceHours' : 'activityHours')}
            <input
              type="number"
              name="hours"
              min={0.5}
              max={72}
              step={0.5}
              value={form.hours}
              onChange={(e) => setForm({ ...form, hours: e.target.value })}
              {...described('hours')}
            />
            {error('hours')}
          </label>
          <label>
            {t(form.kind === 'callout' ? 'activityCalloutTitle' : 'activityTitleField')}
            <input
              name="title"
              maxLength={100}
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.target.value })}
              {...described('title')}
            />
            {error('title')}
          </label>
          <label>
            {t('activitySummary')}
            <input
              name="summary"
              maxLength={500}
              value={form.summary}
              onChange={(e) => setForm({ ...form, summary: e.target.value })}
              {...described('summary')}
            />
            {error('summary')}
          </label>
          <fieldset data-testid="activity-attendees" {...described('attendees')}>
            <legend>{t('activityAttendees', { n: num(form.attendees.length) })}</legend>
            {onTheDay.length === 0 ? (
              <p className="muted">{t('activityNoRoster')}</p>
            ) : (
              <>
                <button type="button" className="link" onClick={() => setForm({ ...form, attendees: onTheDay.map((m) => m.id) })}>
                  {t('activityAll')}
                </button>{' '}
                <button type="button" className="link" onClick={() => setForm({ ...form, attendees: [] })}>
                  {t('activityClear')}
                </button>
                <div className="attendees">
                  {onTheDay.map((m) => (
                    <label key={m.id} className="check">
                      <input type="checkbox" checked={form.attendees.includes(m.id)} onChange={() => toggle(m.id)} /> {m.name}
                    </label>
                  ))}
                </div>
              </>
            )}
            {error('attendees')}
          </fieldset>
          <button type="submit" disabled={busy || form.attendees.length === 0} data-testid="activity-add-submit">
            {t('activityAddSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
