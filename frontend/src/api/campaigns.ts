// What the dashboard needs of supervision: the campaign whose results it shows (the latest ended one
// over the area, else the latest open one), its results by county, and the open campaigns' progress.
import { useApi, pathOf } from '#web/lib/api.js';
import { punct, STRINGS, type Lang } from '#web/lib/i18n.js';
import { todayShanghai } from '#web/lib/time.js';
import { inArea } from '#core/area.js';
import { monthEnd, type IsoMonth } from '#core/dates.js';
import { monthEndInstant } from '#core/record.js';

export type { CampaignEntry, CampaignView, CountyResult, Results } from '#contract/campaigns.js';
import type { CampaignEntry, CountyResult } from '#contract/campaigns.js';

/** A county's verified coverage in words: the estimate with its 95 % interval, or, checked whole, the exact share. */
export const verifiedText = (x: Pick<CountyResult, 'census' | 'estimate'>, pct: (v: number) => string, lang: Lang) =>
  `${pct(x.estimate.estimate)}${punct(lang).paren(x.census ? STRINGS.allChecked[lang] : `${pct(x.estimate.low)}–${pct(x.estimate.high)}`)}`;

/** Campaigns over an area: those over an area holding it (the province's), and its own. */
const covers = (c: CampaignEntry, area: string) => inArea(c.area, area);

export function useCampaignList(enabled: boolean) {
  return useApi(enabled ? pathOf('/api/campaigns') : null);
}

/** The campaign the verified layer shows: an ended one before an open one, then the latest. */
export function shownCampaign(list: CampaignEntry[] | undefined, area: string, month: IsoMonth | null = null): CampaignEntry | null {
  // A past month's view shows a campaign that existed at its end (24:00 of its last day), as that day saw it.
  const today = month ? monthEnd(month) : todayShanghai();
  return (
    [...(list ?? [])]
      .filter((c) => covers(c, area) && (!month || c.createdAt < monthEndInstant(month)))
      .sort((a, b) => Number(today > b.deadline) - Number(today > a.deadline) || b.createdAt.localeCompare(a.createdAt))[0] ?? null
  );
}

/** Campaigns open now, or whose deadline passed in the last 30 days (their unfinished counties shown as overdue). */
export function openCampaigns(list: CampaignEntry[] | undefined, area: string) {
  const since = new Date(Date.parse(`${todayShanghai()}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  return (list ?? []).filter((c) => covers(c, area) && c.deadline >= since);
}

export const useResults = (id: string | null) => useApi(id ? pathOf('/api/campaigns/{id}/results', { id }) : null);
export const useCampaign = (id: string | null) => useApi(id ? pathOf('/api/campaigns/{id}', { id }) : null);

/** A county's verified coverage from the campaign shown (督导检查): what the verified layer colours. */
export interface Verified {
  campaign: string;
  registryVersion: number;
  interim: boolean;
  byCode: Map<string, CountyResult>;
}
