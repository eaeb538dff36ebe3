// The English switch covers everything: every page walked in English shows no Chinese (nor Chinese
// punctuation) outside the names of places, teams and people (taken from the API) and the documents
// that are Chinese by nature (an email preview, a bulletin: marked lang="zh-CN").
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, teamRow } from '#tests/helpers/files.js';
import { goodTeam } from '#tests/helpers/team.js';
import { startTrackerAndBrowser, stopTrackerAndBrowser, type startTracker } from '#tests/helpers/tracker.js';
import { answerTo, settled, WAIT, withWaits } from '#tests/helpers/waits.js';

const artifacts = resolve(import.meta.dirname, '../../test-artifacts');
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

  it(
    'the errors a clerk meets are English too: a form error, a bad import row, a 409, a 403 and an ended sign-in',
    async () => {
      const county = '450105';
      const other = '450107';
      await collectNames(county);
      const communities = (await api(`/api/counties/${county}/communities`)).communities as { code: string; name: string; team: unknown }[];
      const withTeam = communities.filter((c) => c.team);
      const found: Record<string, string[]> = {};
      const clerk = await english(`county:${county}`);
      await clerk.waitForSelector('[data-testid=county-reporting]');

      // A form with a blank name and a negative count: each field says what is wrong, in English.
      await clerk.goto(`${tracker.url}/#/community/${withTeam[0].code}`);
      await clerk.click('[data-testid=edit-team]');
      await clerk.fill('input[name="name"]', '');
      await clerk.fill('input[name="members.veterans"]', '-1');
      await clerk.click('[data-testid=save-team]');
      await clerk.waitForSelector('.field-error');
      expect(await clerk.locator('.field-error').allInnerTexts()).toEqual(
        expect.arrayContaining(['Team name is required', 'Veterans may not be negative']),
      );
      found['form errors'] = await chineseOutsideNames(clerk);
      mkdirSync(artifacts, { recursive: true });
      await clerk.screenshot({ path: join(artifacts, 'english-form-errors.png'), fullPage: true });

      // Someone at the province saves the team meanwhile: the clerk's save is a 409, shown as both versions.
      await clerk.goto(`${tracker.url}/#/community/${withTeam[1].code}`);
      await clerk.click('[data-testid=edit-team]');
      const current = await api(`/api/communities/${withTeam[1].code}/team`);
      const saved = await fetch(`${tracker.url}/api/communities/${withTeam[1].code}/team`, {
        method: 'PUT',
        body: JSON.stringify({ ...current.team, name: `${current.team.name}（省）` }),
        headers: {
          authorization: `Bearer ${await tracker.token('province')}`,
          'content-type': 'application/json',
          'if-match': String(current.version),
        },
      });
      expect(saved.status).toBe(200);
      names.add(`${current.team.name}（省）`);
      await clerk.fill('input[name="name"]', 'Renamed by the county');
      const conflict = await answerTo(clerk, 'PUT', new RegExp(`^/api/communities/${withTeam[1].code}/team$`), () =>
        clerk.click('[data-testid=save-team]'),
      );
      expect(conflict.status()).toBe(409);
      await clerk.waitForSelector('[data-testid=conflict]');
      found.conflict = await chineseOutsideNames(clerk);

      // A file with a bad row: the reasons in English, the file's own column and value as the file has them.
      await clerk.goto(`${tracker.url}/#/county/${county}/import`);
      await clerk.waitForSelector('[data-testid=import-file]', { state: 'attached' });
      const row = teamRow(communities[0].code, communities[0].name, goodTeam(), { 退役军人: -1, 版本: null });
      const dryRun = await answerTo(clerk, 'POST', new RegExp(`^/api/counties/${county}/imports\\?dryRun=true$`), () =>
        clerk.setInputFiles('[data-testid=import-file]', { name: 'teams.csv', mimeType: 'text/csv', buffer: csv([row], 'gbk') }),
      );
      expect(dryRun.status()).toBe(200);
      await clerk.waitForSelector('[data-testid=import-result]');
      expect(await clerk.innerText('[data-testid=import-result]')).toContain('Veterans may not be negative');
      found['import reasons'] = await chineseOutsideNames(clerk);
      await clerk.screenshot({ path: join(artifacts, 'english-import-reasons.png'), fullPage: true });

      // Another county's page: a 403, said in English.
      await clerk.goto(`${tracker.url}/#/county/${other}`);
      await clerk.waitForSelector('[role=alert].error');
      expect(await clerk.innerText('[role=alert].error')).toContain(`You may not read the figures of county ${other}`);
      found.forbidden = await chineseOutsideNames(clerk);

      // The sign-in ends: the sign-in page says so, in English.
      await clerk.goto(`${tracker.url}/#/community/${withTeam[2].code}`);
      await clerk.click('[data-testid=edit-team]');
      // The same claims with a signature the server no longer accepts: the page stays as it was until the server says so.
      await clerk.waitForSelector('[data-testid=save-team]');
      await clerk.evaluate(() => sessionStorage.setItem('token', sessionStorage.getItem('token')!.replace(/[^.]+$/, 'no-longer-valid')));
      await clerk.click('[data-testid=save-team]');
      await clerk.waitForSelector('[data-testid=session-ended]');
      found['sign-in ended'] = await chineseOutsideNames(clerk);

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    },
    WAIT.setup,
  );
});
