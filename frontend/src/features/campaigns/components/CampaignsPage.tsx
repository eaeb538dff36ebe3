// 督导检查: the campaigns the caller may see; one campaign's design (the LQAS rule and its risks, the
// published seed, the registry version), each county's progress and result, the bulletin, and —
// for the organiser — each sampled community's check, recorded here.
import { useState } from 'react';
import { ErrorView, Loading } from '../../../components/ui';
import { api, download, useApi } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { href } from '../../../lib/router';
import { useProgramme } from '../../programme/api/queries';

interface Entry { id: string; name: string; year: number; area: string; deadline: string; demo?: boolean }
interface Rule { n: number; d: number; upper: number; lower: number; alpha: number; beta: number }
interface CountyResult { code: string; size: number; sampled: number; checked: number; verified: number; discrepancies: number; class: 'pass' | 'fail' | 'incomplete'; estimate: { estimate: number; low: number; high: number } }
interface Results { name: string; rule: Rule; seed: string | null; seedHash: string; interim: boolean; registryVersion: number; counties: CountyResult[]; area: { code: string; estimate: number; low: number; high: number; checks: number; counties: number; coveredShare: number } }
interface Campaign extends Entry { seed: string | null; seedHash: string; rule: Rule; registryVersion: number; open: boolean; method: string; counties: Record<string, { sample: string[]; checked: number; remaining: number; overdue: boolean; checks: { communityCode: string; outcome: string | null; version: number | null }[] }> }

const CLASS = { pass: { zh: '达标', en: 'Pass' }, fail: { zh: '未达标', en: 'Fail' }, incomplete: { zh: '样本未完成', en: 'Sample incomplete' } } as const;
const OUTCOME: Record<string, { zh: string; en: string }> = { confirmed: { zh: '核实一致', en: 'Confirmed' }, discrepancy: { zh: '发现问题', en: 'Discrepancy' }, unreachable: { zh: '联系不上', en: 'Unreachable' } };

export function CampaignsPage() {
  const { t } = useLang();
  const list = useApi<{ campaigns: Entry[] }>('/api/campaigns');
  if (list.error) return <ErrorView error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <nav className="crumbs"><a href={href('/')}>{t('backToProvince')}</a> › <strong>{t('campaigns')}</strong></nav>
      <section className="card">
        <h2>{t('campaigns')}</h2>
        <table className="data" data-testid="campaigns">
          <thead><tr><th scope="col">{t('campaign')}</th><th scope="col">{t('area')}</th><th scope="col">{t('annualDue')}</th></tr></thead>
          <tbody>{list.data.campaigns.map((c) => (
            <tr key={c.id}><td><a href={href(`/campaign/${c.id}`)}>{c.name}</a>{c.demo ? '（模拟演示数据）' : ''}</td><td>{c.area === '45' ? '全区' : c.area}</td><td>{c.deadline}</td></tr>
          ))}</tbody>
        </table>
      </section>
    </>
  );
}

function CheckForm({ campaign, code, version, rules, onSaved }: { campaign: string; code: string; version: number | null; rules: { id: string; title: { zh: string; en: string } }[]; onSaved: () => void }) {
  const { t, lang } = useLang();
  const [method, setMethod] = useState<'phone' | 'visit' | 'unreachable'>('phone');
  const [exists, setExists] = useState(true);
  const [members, setMembers] = useState('');
  // Nothing is taken as confirmed until the inspector ticks it.
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>(Object.fromEntries(rules.map((r) => [r.id, false])));
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error | null>(null);
  async function save() {
    setError(null);
    const body = method === 'unreachable' ? { method } : { method, teamExists: exists, ...(exists ? { members: Number(members), rules: confirmed } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    try {
      await api(`/api/campaigns/${campaign}/checks/${code}`, { method: 'PUT', body: JSON.stringify(body), headers: version ? { 'if-match': String(version) } : {} });
      onSaved();
    } catch (e) { setError(e as Error); }
  }
  return (
    <fieldset className="check-form" data-testid="check-form">
      <legend>{t('recordCheck')} {code}</legend>
      <label>{t('checkMethod')} <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)} data-testid="check-method">
        <option value="phone">电话联系队长</option><option value="visit">实地查看</option><option value="unreachable">联系不上</option>
      </select></label>
      {method !== 'unreachable' && (
        <>
          <label><input type="checkbox" checked={exists} onChange={(e) => setExists(e.target.checked)} /> {t('teamExists')}</label>
          {exists && (
            <>
              <label>{t('membersFound')} <input type="number" min={0} value={members} onChange={(e) => setMembers(e.target.value)} data-testid="check-members" /></label>
              {rules.map((r) => <label key={r.id}><input type="checkbox" checked={confirmed[r.id]} onChange={(e) => setConfirmed({ ...confirmed, [r.id]: e.target.checked })} /> {r.title[lang]}</label>)}
            </>
          )}
          <label>{t('note')} <input value={note} onChange={(e) => setNote(e.target.value)} /></label>
        </>
      )}
      <button onClick={() => void save()} disabled={method !== 'unreachable' && exists && !/^\d+$/.test(members)} data-testid="check-save">{t('save')}</button>
      {error && <ErrorView error={error} />}
    </fieldset>
  );
}

export function CampaignPage({ id, scope }: { id: string; scope: { kind: string; code: string } }) {
  const { t, lang, pct, num } = useLang();
  const campaign = useApi<Campaign>(`/api/campaigns/${id}`);
  const results = useApi<Results>(`/api/campaigns/${id}/results`);
  const programme = useProgramme();
  const [county, setCounty] = useState<string | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  if (campaign.error) return <ErrorView error={campaign.error} retry={campaign.reload} />;
  if (results.error) return <ErrorView error={results.error} retry={results.reload} />;
  if (!campaign.data || !results.data) return <Loading />;
  const c = campaign.data;
  const r = results.data;
  // The organiser records checks: the province, or the city in its own campaign.
  const canInspect = scope.kind === 'province' || (scope.kind === 'city' && c.area === scope.code);
  const reload = () => { campaign.reload(); results.reload(); setChecking(null); };
  const interval = (e: { estimate: number; low: number; high: number }) => `${pct(e.estimate)}（${pct(e.low)}–${pct(e.high)}）`;
  return (
    <>
      <nav className="crumbs"><a href={href('/campaigns')}>← {t('campaigns')}</a> › <strong>{c.name}</strong></nav>
      <section className="card" data-testid="campaign">
        <h2>{c.name}{c.demo ? '（模拟演示数据）' : ''}</h2>
        <p data-testid="verified-area">{r.interim ? `${lang === 'zh' ? '（中期）' : '(interim) '}` : ''}{t('verifiedCoverage')} <strong>{interval(r.area)}</strong> · {num(r.area.checks)} {t('checksOf')} {num(r.area.counties)} {t('countiesChecked')}{lang === 'zh' ? `（占社区 ${pct(r.area.coveredShare)}）` : ` (${pct(r.area.coveredShare)} of the communities)`}</p>
        <p className="muted">{lang === 'zh'
          ? `每县抽查 ${c.rule.n} 个，核实达标不少于 ${c.rule.d} 个判为达标；实际 ${pct(c.rule.upper)} 时误判未达标的概率 ${pct(c.rule.alpha)}，实际 ${pct(c.rule.lower)} 时误判达标的概率 ${pct(c.rule.beta)}。随机种子 ${c.seed ?? `截止后公布（SHA-256 ${c.seedHash.slice(0, 16)}…）`}，名录第 ${c.registryVersion} 版，截止 ${c.deadline}。`
          : `${c.rule.n} checks a county; pass with ${c.rule.d}. Risks: α ${pct(c.rule.alpha)} at ${pct(c.rule.upper)}, β ${pct(c.rule.beta)} at ${pct(c.rule.lower)}. Seed ${c.seed ?? `published after the deadline (SHA-256 ${c.seedHash.slice(0, 16)}…)`}, registry version ${c.registryVersion}, deadline ${c.deadline}.`}</p>
        <div className="actions">
          <button onClick={() => void download(`/api/campaigns/${id}/bulletin.xlsx`)} data-testid="bulletin-xlsx">{t('bulletin')}（XLSX）</button>
          <button onClick={() => void download(`/api/campaigns/${id}/bulletin.html`)} data-testid="bulletin-html">{t('bulletin')}（HTML）</button>
        </div>
        <table className="data" data-testid="campaign-results">
          <thead><tr><th scope="col">{t('county')}</th><th scope="col" className="num">{t('checked')}</th><th scope="col">{t('verifiedCoverage')}</th><th scope="col">{t('status')}</th></tr></thead>
          <tbody>{r.counties.map((x) => (
            <tr key={x.code} data-code={x.code}>
              <th scope="row"><button className="link" onClick={() => setCounty(x.code)}>{x.code}</button></th>
              <td className="num">{x.checked} / {x.sampled}</td><td>{x.checked ? interval(x.estimate) : '—'}</td><td>{CLASS[x.class][lang]}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>
      {county && c.counties[county] && (
        <section className="card" data-testid="checklist">
          <h2>{county} · {t('sample')}（{c.counties[county].checked} / {c.counties[county].sample.length}）</h2>
          <ul>{c.counties[county].checks.map((k) => (
            <li key={k.communityCode}>
              <a href={href(`/community/${k.communityCode}`)}>{k.communityCode}</a> · {k.outcome ? OUTCOME[k.outcome][lang] : t('notChecked')}
              {canInspect && c.open && <> <button className="link" onClick={() => setChecking(k.communityCode)} data-testid={`check-${k.communityCode}`}>{k.outcome ? t('edit') : t('recordCheck')}</button></>}
              {checking === k.communityCode && programme.data && (
                <CheckForm campaign={id} code={k.communityCode} version={k.version} rules={programme.data.ruleSet.rules} onSaved={reload} />
              )}
            </li>
          ))}</ul>
        </section>
      )}
    </>
  );
}
