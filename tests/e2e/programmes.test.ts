// Two programmes in one local tracker (npm start -- --programmes 45,331181): the national office signs in
// through the local provider and reads both side by side, in Chinese and English; 龙泉市's own office is its
// programme's root office, not a county of another's.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousFindings } from '#tests/helpers/axe.js';
import { launchBrowser } from '#tests/helpers/browser.js';
import { E2E_NOW, removeDir, startTracker, type RunningTracker } from '#tests/helpers/tracker.js';
import { eventually, settled, WAIT, withWaits } from '#tests/helpers/waits.js';

const artifacts = resolve(import.meta.dirname, '../../test-artifacts');
const LQ = '331181';
let tracker: Awaited<ReturnType<typeof startTracker>>;
let browser: Browser;

beforeAll(async () => {
  [tracker, browser] = await Promise.all([
    startTracker({ reset: true, args: ['--programmes', `45,${LQ}`], env: { TRACKER_NOW: E2E_NOW } }),
    launchBrowser(),
  ]);
}, WAIT.setup);
afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  if (tracker) removeDir(tracker.dataDir);
});

/** Signs in through the local provider's page as one of its demo accounts. */
async function signInAs(t: RunningTracker, account: string, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
  await page.goto(t.url);
  await page.evaluate((l) => localStorage.setItem('lang', l), lang);
  await page.goto(t.url);
  await page.click('[data-testid=sign-in-oidc]');
  await page.click(`[data-testid=account-${account}]`);
  await page.waitForSelector('[data-testid=scope]');
  return page;
}

describe('the national office and a county programme beside a province', () => {
  it("shows the national office both programmes side by side, never summed, and one programme's counties read-only", async () => {
    const page = await signInAs(tracker, 'nation');
    expect(await page.innerText('[data-testid=scope]')).toBe('应急管理部');
    await page.waitForSelector('[data-testid=nation-programmes] tbody tr');
    const rows = page.locator('[data-testid=nation-programmes] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-area')))).toEqual(['45', LQ]);
    const table = await page.innerText('[data-testid=nation-programmes]');
    expect(table).toContain('广西壮族自治区');
    expect(table).toContain('龙泉市');
    expect(await page.innerText('[data-testid=nation-not-summed]')).toContain('覆盖率不相加');
    // the figures are each programme's own, as the API gives them; no national total row
    const overview = await (
      await fetch(`${tracker.url}/api/nation`, { headers: { authorization: `Bearer ${await tracker.token('nation')}` } })
    ).json();
    expect(overview.programmes.map((p: { standard: { ref: string } }) => p.standard.ref)).toEqual([
      expect.stringMatching(/^gx-/),
      'longquan-2022-v1',
    ]);
    expect(table).not.toMatch(/合计|全国合计/);
    // only its own pages: no campaigns, registry or mail in its menu
    expect(await page.locator('#main-menu a').count()).toBe(0);
    expect(await seriousFindings(page)).toEqual([]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'nation.png'), fullPage: true });
    // every row says it is simulated (the demo's figures all are)
    expect(await page.locator('[data-testid=nation-demo]').count()).toBe(2);
    // 龙泉市 opened: its own children, its 19 townships, and its trend, figures only
    await page.click(`[data-area="${LQ}"] a`);
    await page.waitForSelector('[data-testid=nation-townships] tbody tr');
    expect(await page.locator('[data-testid=nation-townships] tbody tr').count()).toBe(19);
    expect(await page.innerText('h2')).toContain('各乡镇（街道）');
    await page.waitForSelector('#trend-title');
    expect(await page.innerText('main')).toContain('龙泉市');
    expect(await page.innerText('main')).toContain('longquan-2022-v1');
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'nation-longquan.png'), fullPage: true });
    // in English too
    await page.click('[data-testid=lang]');
    await eventually(() => page.innerText('[data-testid=scope]')).toBe('Ministry of Emergency Management');
    expect(await page.innerText('main')).toContain('by township');
    await page.click('text=Back to all programmes');
    await eventually(() => page.innerText('[data-testid=nation-not-summed]')).toContain('not added up');
    await page.close();
  });

  it("gives 龙泉市's own office its programme's root pages in its own words, and Guangxi's root office only Guangxi", async () => {
    const lq = await signInAs(tracker, `county-${LQ}`);
    // the root office of its programme: the root menu (mail), its own area's dashboard
    await eventually(() => lq.innerText('[data-testid=scope]')).toContain('龙泉市');
    await lq.waitForSelector('[data-testid=milestone-panel]');
    expect(await lq.locator('#main-menu a[href="#/outbox"]').count()).toBe(1);
    await settled(lq);
    expect(await lq.innerText('main')).toContain('龙泉市');
    expect(await lq.innerText('main')).not.toContain('广西');
    // its children are its 19 townships, ranked laggards first, by its own standard's verdicts
    await lq.waitForSelector('[data-testid=township-rankings] tbody tr');
    expect(await lq.locator('[data-testid=township-rankings] tbody tr').count()).toBe(19);
    expect(await lq.innerText('#township-rankings-title')).toContain('乡镇（街道）');
    const shares = await lq
      .locator('[data-testid=township-rankings] tbody tr .bar-label')
      .allInnerTexts()
      .then((l) => l.map((x) => Number.parseFloat(x)));
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(await seriousFindings(lq)).toEqual([]);
    await lq.screenshot({ path: join(artifacts, 'longquan-root.png'), fullPage: true });
    // its own words (全市) and its own standard's rules, on its county page and in its tools
    await lq.goto(`${tracker.url}/#/registry`);
    await eventually(() => lq.innerText('main')).toContain('返回全市');
    await lq.goto(`${tracker.url}/#/county/${LQ}`);
    await eventually(() => lq.locator('[data-testid=filter-rule] option').allInnerTexts()).toEqual(
      expect.arrayContaining(['“1+1+N”：1个工作小组、1名应急管理员、N名网格员', '“六个有”社区应急标准化']),
    );
    expect(await lq.locator('[data-testid=townships] tbody tr').count()).toBe(19);
    expect(await seriousFindings(lq)).toEqual([]);
    await lq.click('[data-testid=lang]');
    await eventually(() => lq.locator('[data-testid=filter-rule] option').allInnerTexts()).toEqual(
      expect.arrayContaining(['"1+1+N": 1 work group, 1 manager, N grid workers', 'The "six haves"']),
    );
    await lq.goto(`${tracker.url}/#/`);
    await eventually(() => lq.innerText('#township-rankings-title')).toContain('Township');
    expect(await lq.innerText('[data-testid=scope]')).toContain('Emergency Management');
    await lq.close();
    const gx = await signInAs(tracker, 'province-45');
    await gx.waitForSelector('[data-testid=rankings] tbody tr');
    const ranked = await gx.innerText('[data-testid=rankings]');
    expect(ranked).toContain('青秀区');
    expect(ranked).not.toContain('龙泉');
    await gx.close();
  });
});
