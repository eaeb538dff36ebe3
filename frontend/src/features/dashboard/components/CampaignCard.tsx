// 督导检查 progress on the province's and a city's page while a campaign is open: checked and
// remaining per county in view, and how many counties are past the deadline unfinished.
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { href } from '#web/lib/router.js';
import { useCampaign, type CampaignEntry } from '#web/api/campaigns.js';

export function CampaignCard({ entry }: { entry: CampaignEntry }) {
  const { t, num } = useLang();
  const campaign = useCampaign(entry.id);
  if (campaign.error) return <ErrorView error={campaign.error} retry={campaign.reload} />;
  if (!campaign.data) return <Loading />;
  const counties = Object.values(campaign.data.counties);
  const checked = counties.reduce((n, c) => n + c.checked, 0);
  const remaining = counties.reduce((n, c) => n + c.remaining, 0);
  const done = counties.filter((c) => c.remaining === 0).length;
  const overdue = counties.filter((c) => c.overdue).length;
  return (
    <section className="card" aria-labelledby={`progress-${entry.id}`} data-testid="campaign-progress">
      <h2 id={`progress-${entry.id}`}>{t('campaignProgress')}</h2>
      <p>
        <a href={href(`/campaign/${entry.id}`)}>{entry.name}</a>
        {entry.demo ? t('demoTag') : ''} · {t('deadline')} {entry.deadline}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('checked')}</dt>
          <dd data-field="checked">{num(checked)}</dd>
        </div>
        <div>
          <dt>{t('remaining')}</dt>
          <dd data-field="remaining">{num(remaining)}</dd>
        </div>
        <div>
          <dt>{t('countiesDone')}</dt>
          <dd data-field="done">
            {num(done)} / {num(counties.length)}
          </dd>
        </div>
        {overdue > 0 && (
          <div>
            <dt>{t('overdueCounties')}</dt>
            <dd data-field="overdue">{num(overdue)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
