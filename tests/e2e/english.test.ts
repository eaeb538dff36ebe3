// The English switch covers everything: every page walked in English shows no Chinese (nor Chinese
// punctuation) outside the names of places, teams and people (taken from the API) and the documents
// that are Chinese by nature (an email preview, a bulletin: marked lang="zh-CN").
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackerAndBrowser, stopTrackerAndBrowser, type startTracker } from '../helpers/tracker.js';
import { settled, WAIT, withWaits } from '../helpers/waits.js';

let tracker: Awaited<ReturnType<typeof startTracker>>;
let browser: Browser;
const names = new Set<string>();

beforeAll(async () => {
  [tracker, browser] = await startTrackerAndBrowser();
}, WAIT.setup);
afterAll(() => stopTrackerAndBrowser(tracker, browser));

const api = (path: string, scope?: string) => tracker.api(path, scope);

/** Every name the pages may show: cities, counties, townships, communities, teams, leaders. */
async function collectNames(county: string) {
  const all = await api('/api/counties');
  for (const c of all.counties) names.add(c.name).add(c.cityName);
  for (const c of all.cities ?? []) names.add(c.name);
  const one = await api(`/api/counties/${county}`);
  for (const t of one.townships) names.add(t.name);
  const list = await api(`/api/counties/${county}/communities`);
  for (const c of list.communities) {
    names.add(c.name).add(c.townshipName);
    if (c.team?.name) names.add(c.team.name);
    if (c.team?.leader?.name) names.add(c.team.leader.name);
  }
  for (const campaign of (await api('/api/campaigns')).campaigns) names.add(campaign.name);
  names.add('广西壮族自治区');
}

/** Han characters left on the page once names and zh-CN documents are set aside, with their context. */
async function chineseOutsideNames(page: Page): Promise<string[]> {
  // Each text node (and the labels a screen reader reads) on its own line, outside zh-CN documents.
  const text = await page.evaluate(() => {
    const lines: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('[lang="zh-CN"], script, style, [hidden]')) continue;
      const where = el.closest('[data-testid]')?.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}.${el.className}`;
      lines.push(`${node.textContent ?? ''}  ‹${where}›`);
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
      if (!el.closest('[lang="zh-CN"]'))
        lines.push(`${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('placeholder') ?? ''}`);
    }
    return lines.join('\n');
  });
  // Longest names first, so 青秀区 goes before a shorter name inside it.
  let rest = text;
  for (const name of [...names].sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' ');
  // Chinese punctuation counts too: English is not written with （）：，、。；「」
  return [
    ...new Set(
      rest
        .split('\n')
        .filter((line) => /[\p{Script=Han}（）：，、。；「」]/u.test(line))
        .map((l) => l.trim().slice(0, 120)),
    ),
  ];
}

async function english(scope: string): Promise<Page> {
  const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
  await page.goto(tracker.url);
  await page.evaluate(
    (t) => {
      localStorage.setItem('lang', 'en');
      sessionStorage.setItem('token', t);
    },
    await tracker.token(scope),
  );
  await page.goto(tracker.url);
  return page;
}

describe('in English', () => {
  it('every page a province, a city and a county open shows no Chinese beside names', async () => {
    const county = '450103';
    await collectNames(county);
    const community = ((await api(`/api/counties/${county}/communities`)).communities as { code: string; team: unknown }[]).find(
      (c) => c.team,
    )!;
    const found: Record<string, string[]> = {};
    const province = await english('province');
    const visit = async (page: Page, name: string, hash: string, ready: string) => {
      await page.goto(`${tracker.url}/#/${hash}`);
      await page.waitForSelector(ready, { state: 'attached' });
      await settled(page);
      found[name] = await chineseOutsideNames(page);
    };
    await visit(province, 'province dashboard', '', '[data-testid=coverage-map] path[data-code]');
    await visit(province, 'county page', `county/${county}`, '[data-testid=county-reporting]');
    await visit(province, 'team page', `community/${community.code}`, '#history-title');
    await visit(province, 'registry', 'registry', '[data-testid=registry-versions] tbody tr');
    await visit(province, 'campaigns', 'campaigns', '[data-testid=campaigns] tbody tr');
    const campaign = (await api('/api/campaigns')).campaigns[0];
    await visit(province, 'campaign', `campaign/${campaign.id}`, '[data-testid=campaign]');
    await visit(province, 'mail', 'outbox', '.outbox'); // a fresh start has sent nothing yet: the page's own words
    await visit(province, 'yearly summary', 'annual/province/45/2026', '[data-testid=annual]');
    const clerk = await english(`county:${county}`);
    await visit(clerk, 'county home', '', '[data-testid=county-reporting]');
    await visit(clerk, 'team page (own)', `community/${community.code}`, '#history-title');
    await clerk.click('[data-testid=edit-team]');
    await clerk.waitForSelector('[data-testid=team-form]');
    found['team form'] = await chineseOutsideNames(clerk);
    await visit(clerk, 'import', `county/${county}/import`, '[data-testid=import-file]');
    const city = await english('city:4501');
    await visit(city, 'city dashboard', '', '[data-testid=coverage-map] path[data-code]');
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
});
