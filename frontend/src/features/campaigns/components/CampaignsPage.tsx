// 督导检查: the campaigns the caller may see; one campaign's design (the LQAS rule and its risks, the
// published seed, the registry version), each county's progress and result, the bulletin, and —
// for the organiser — each sampled community's check, recorded here.
import { useState } from 'react';
import { ErrorView, Loading } from '#web/components/ui.js';
import { type Key, useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { useAreaParams, useProgramme, useRootArea } from '#web/api/programme.js';
import { useCampaign, useCampaignList, useResults, verifiedText } from '#web/api/campaigns.js';
import { useCounties } from '#web/api/counties.js';
import { downloadBulletin, loadChecklist, saveCheck, useRosterToCheck } from '../api/checks.js';
import { byRosterOrder } from '#core/roster-counts.js';
import type { Check, Checklist as ChecklistAnswer } from '#contract/campaigns.js';

const CLASS = { pass: 'classPass', fail: 'classFail', incomplete: 'classIncomplete' } as const satisfies Record<string, Key>;
const OUTCOME: Record<string, Key> = {
  confirmed: 'outcomeConfirmed',
  discrepancy: 'outcomeDiscrepancy',
  unreachable: 'outcomeUnreachable',
};

export function CampaignsPage() {
  const { t } = useLang();
  const list = useCampaignList(true);
  const root = useRootArea();
  const words = useAreaParams();
  if (list.error) return <ErrorView error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <nav className="crumbs" aria-label={t('breadcrumbs')}>
        <a href={href('/')}>{t('backToWhole', words)}</a> › <strong>{t('campaigns')}</strong>
      </nav>
      <section className="card">
        <h2>{t('campaigns')}</h2>
        <table className="data" data-testid="campaigns">
          <thead>
            <tr>
              <th scope="col">{t('campaign')}</th>
              <th scope="col">{t('area')}</th>
              <th scope="col">{t('annualDue')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.campaigns.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={href(`/campaign/${c.id}`)}>{c.name}</a>
                  {c.demo ? t('demoTag') : ''}
                </td>
                <td>{c.area === root?.code ? t('wholeArea', words) : c.area}</td>
                <td>{c.deadline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

type SavedCheck = Check;
type ChecklistRow = ChecklistAnswer['communities'][number];

function CheckForm({
  campaign,
  code,
  saved,
  rules,
  onSaved,
}: {
  campaign: string;
  code: string;
  saved: SavedCheck | null;
  rules: { id: string; title: { zh: string; en: string } }[];
  onSaved: (check: SavedCheck) => void;
}) {
  const { t, lang } = useLang();
  // An edit starts from what was saved; a new check from nothing confirmed (nothing is taken as confirmed until ticked).
  const [method, setMethod] = useState<SavedCheck['method']>(saved?.method ?? 'phone');
  const [exists, setExists] = useState(saved?.teamExists ?? true);
  const [members, setMembers] = useState(saved?.members === undefined ? '' : String(saved.members));
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>(
    Object.fromEntries(rules.map((r) => [r.id, saved?.rules?.[r.id] ?? false])),
  );
  const [note, setNote] = useState(saved?.note ?? '');
  const [evidence, setEvidence] = useState(saved?.evidence ?? '');
  // The team's roster, when it has one: the members it counts, numbered in its order, to tick off those met.
  const roster = useRosterToCheck(code);
  const listed = (roster.data?.members ?? []).filter((m) => m.left === null && m.standing !== 'duplicate').sort(byRosterOrder);
  const [met, setMet] = useState<string[]>(saved?.met ?? []);
  const [error, setError] = useState<Error | null>(null);
  async function save() {
    setError(null);
    const extra = { ...(note.trim() ? { note: note.trim() } : {}), ...(evidence.trim() ? { evidence: evidence.trim() } : {}) };
    const body =
      method === 'unreachable'
        ? { method, ...extra }
        : {
            method,
            teamExists: exists,
            ...(exists ? { members: Number(members), rules: confirmed, ...(listed.length ? { met } : {}) } : {}),
            ...extra,
          };
    try {
      onSaved(await saveCheck(campaign, code, body, saved ? saved.version : null));
    } catch (e) {
      setError(e as Error);
    }
  }
  return (
    <fieldset className="check-form" data-testid="check-form">
      <legend>
        {t('recordCheck')} {code}
      </legend>
      <label>
        {t('checkMethod')}{' '}
        <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)} data-testid="check-method">
          <option value="phone">{t('methodPhone')}</option>
          <option value="visit">{t('methodVisit')}</option>
          <option value="unreachable">{t('methodUnreachable')}</option>
        </select>
      </label>
      {method !== 'unreachable' && (
        <>
          <label>
            <input type="checkbox" checked={exists} onChange={(e) => setExists(e.target.checked)} /> {t('teamExists')}
          </label>
          {exists && (
            <>
              <label>
                {t('membersFound')}{' '}
                <input type="number" min={0} value={members} onChange={(e) => setMembers(e.target.value)} data-testid="check-members" />
              </label>
              {listed.length > 0 && (
                <fieldset data-testid="check-met">
                  <legend>{t('checkMet', { n: String(met.length), of: String(listed.length) })}</legend>
                  {listed.map((m, i) => (
                    <label key={m.id}>
                      <input
                        type="checkbox"
                        checked={met.includes(m.id)}
                        onChange={(e) => setMet(e.target.checked ? [...met, m.id] : met.filter((id) => id !== m.id))}
                      />{' '}
                      {`${i + 1}. ${m.name}`}
                    </label>
                  ))}
                </fieldset>
              )}
              {rules.map((r) => (
                <label key={r.id}>
                  <input
                    type="checkbox"
                    checked={confirmed[r.id]}
                    onChange={(e) => setConfirmed({ ...confirmed, [r.id]: e.target.checked })}
                    data-rule={r.id}
                  />{' '}
                  {r.title[lang]}
                </label>
              ))}
            </>
          )}
        </>
      )}
      <label>
        {t('note')} <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} data-testid="check-note" />
      </label>
      <label>
        {t('evidenceRef')} <input value={evidence} onChange={(e) => setEvidence(e.target.value)} maxLength={200} />
      </label>
      <button
        type="button"
        onClick={() => void save()}
        disabled={method === 'unreachable' ? !note.trim() : exists && !/^\d+$/.test(members)}
        data-testid="check-save"
      >
        {t('save')}
      </button>
      {error && <ErrorView error={error} />}
    </fieldset>
  );
}

/**
 * The organiser's checklist of one county: names, teams, leaders and — while the campaign is open —
 * their full phones. Opening it is a POST: the tracker writes down each number shown.
 */
function Checklist({
  campaign,
  county,
  open,
  rules,
  onSaved,
}: {
  campaign: string;
  county: string;
  open: boolean;
  rules: { id: string; title: { zh: string; en: string } }[];
  onSaved: () => void;
}) {
  const { t } = useLang();
  const [rows, setRows] = useState<ChecklistRow[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const load = () => loadChecklist(campaign, county).then((r) => setRows(r.communities), setError);
  if (!rows) {
    return (
      <>
        <button type="button" onClick={() => void load()} data-testid="open-checklist">
          {t('openChecklist')}
        </button>
        {error && <ErrorView error={error} />}
      </>
    );
  }
  return (
    <table className="data" data-testid="checklist-rows">
      <thead>
        <tr>
          <th scope="col">{t('community')}</th>
          <th scope="col">{t('teamName')}</th>
          <th scope="col">{t('leader')}</th>
          <th scope="col">{t('phone')}</th>
          <th scope="col">{t('status')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.communityCode} data-code={r.communityCode}>
            <th scope="row">
              <a href={href(`/community/${r.communityCode}`)}>{r.name}</a>
              <br />
              <small className="muted">
                {r.townshipName} · {r.communityCode}
              </small>
            </th>
            <td>{r.team ? r.team.name : t('noTeamReported')}</td>
            <td lang="zh-CN">{r.team?.leader.name ?? '—'}</td>
            <td data-field="phone">
              {r.team?.leader.phone ? open ? <a href={`tel:${r.team.leader.phone}`}>{r.team.leader.phone}</a> : r.team.leader.phone : '—'}
            </td>
            <td>
              <span data-field="outcome">{r.check ? t(OUTCOME[r.check.outcome]) : t('notChecked')}</span>
              {open && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => setChecking(checking === r.communityCode ? null : r.communityCode)}
                    data-testid={`check-${r.communityCode}`}
                  >
                    {r.check ? t('edit') : t('recordCheck')}
                  </button>
                </>
              )}
              {checking === r.communityCode && (
                // The saved check goes into the row as it is: opening the checklist again would record every phone as viewed again.
                <CheckForm
                  campaign={campaign}
                  code={r.communityCode}
                  saved={r.check}
                  rules={rules}
                  onSaved={(check) => {
                    setChecking(null);
                    setRows(rows.map((x) => (x.communityCode === r.communityCode ? { ...x, check } : x)));
                    onSaved();
                  }}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CampaignPage({ id, scope }: { id: string; scope: { kind: string; code: string } }) {
  const { t, lang, pct, num, paren } = useLang();
  const campaign = useCampaign(id);
  const results = useResults(id);
  const programme = useProgramme();
  const [county, setCounty] = useState<string | null>(null);
  const counties = useCounties(null);
  const names = new Map((counties.data?.counties ?? []).map((x) => [x.code, `${x.cityName}${x.name}`]));
  if (campaign.error) return <ErrorView error={campaign.error} retry={campaign.reload} />;
  if (results.error) return <ErrorView error={results.error} retry={results.reload} />;
  if (!campaign.data || !results.data) return <Loading />;
  const c = campaign.data;
  const r = results.data;
  // The organiser records checks: the province, or the city in its own campaign.
  const canInspect = scope.kind === 'province' || (scope.kind === 'city' && c.area === scope.code);
  const reload = () => {
    campaign.reload();
    results.reload();
  };
  const interval = (e: { estimate: number; low: number; high: number }) => `${pct(e.estimate)}${paren(`${pct(e.low)}–${pct(e.high)}`)}`;
  return (
    <>
      <nav className="crumbs" aria-label={t('breadcrumbs')}>
        <a href={href('/campaigns')}>← {t('campaigns')}</a> › <strong>{c.name}</strong>
      </nav>
      <section className="card" data-testid="campaign">
        <h2>
          {c.name}
          {c.demo ? t('demoTag') : ''}
        </h2>
        <p data-testid="verified-area">
          {r.interim ? t('interimTag') : ''}
          {t('verifiedCoverage')} <strong>{interval(r.area)}</strong> · {num(r.area.checks)} {t('checksOf')} {num(r.area.counties)}{' '}
          {t('countiesChecked')}
          {t('coveredShare', { share: pct(r.area.coveredShare) })}
        </p>
        <p className="muted">
          {t('campaignDesign', {
            n: String(c.rule.n),
            d: String(c.rule.d),
            upper: pct(c.rule.upper),
            alpha: pct(c.rule.alpha),
            lower: pct(c.rule.lower),
            beta: pct(c.rule.beta),
            seed: c.seed ?? t('seedLater', { hash: c.seedHash.slice(0, 16) }),
            registry: String(c.registryVersion),
            deadline: c.deadline,
          })}
        </p>
        <div className="actions">
          <button type="button" onClick={() => void downloadBulletin(id, 'xlsx')} data-testid="bulletin-xlsx">
            {t('bulletin')}
            {paren('XLSX')}
          </button>
          <button type="button" onClick={() => void downloadBulletin(id, 'html')} data-testid="bulletin-html">
            {t('bulletin')}
            {paren('HTML')}
          </button>
        </div>
        <table className="data" data-testid="campaign-results">
          <thead>
            <tr>
              <th scope="col">{t('county')}</th>
              <th scope="col" className="num">
                {t('checked')}
              </th>
              <th scope="col">{t('verifiedCoverage')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {r.counties.map((x) => (
              <tr key={x.code} data-code={x.code}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => setCounty(x.code)}>
                    {names.get(x.code) ?? x.code}
                  </button>
                </th>
                <td className="num">
                  {x.checked} / {x.sampled}
                </td>
                <td>{x.checked ? verifiedText(x, pct, lang) : '—'}</td>
                <td>{t(CLASS[x.class])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {county && c.counties[county] && (
        <section className="card" data-testid="checklist">
          <h2>
            {names.get(county) ?? county} · {t('sample')}
            {paren(`${c.counties[county].checked} / ${c.counties[county].sample?.length ?? c.rule.n}`)}
          </h2>
          {canInspect && programme.data ? (
            <Checklist key={county} campaign={id} county={county} open={c.open} rules={programme.data.ruleSet.rules} onSaved={reload} />
          ) : (
            <ul>
              {c.counties[county].checks.map((k) => (
                <li key={k.communityCode}>
                  <a href={href(`/community/${k.communityCode}`)}>{k.communityCode}</a> ·{' '}
                  {k.outcome ? t(OUTCOME[k.outcome]) : t('notChecked')}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
