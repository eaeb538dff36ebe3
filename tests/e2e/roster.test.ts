// A team's roster on its page, as two county clerks keep theirs: one person on both rosters counts on the
// first team only, and the second clerk sees where, not the other county's phone; a wrong row says why.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousFindings } from '#tests/helpers/axe.js';
import { startTrackerAndBrowser, stopTrackerAndBrowser, type RunningTracker } from '#tests/helpers/tracker.js';
import { eventually, WAIT, withWaits } from '#tests/helpers/waits.js';
import { rosterRow, rosterXlsx } from '#tests/helpers/files.js';

const artifacts = resolve(import.meta.dirname, '../../test-artifacts');
let tracker: Awaited<ReturnType<typeof startTrackerAndBrowser>>[0];
let browser: Browser;

beforeAll(async () => {
  [tracker, browser] = await startTrackerAndBrowser();
}, WAIT.setup);
afterAll(() => stopTrackerAndBrowser(tracker, browser));

/** A community of the county with a team on typed counts (no roster yet), opened on its page by the county's own clerk. */
async function teamPageOf(t: RunningTracker, county: string, lang: 'zh' | 'en' = 'zh'): Promise<{ page: Page; community: string }> {
  const { communities } = await t.api(`/api/counties/${county}/communities`, `county:${county}`);
  const community = (communities as { code: string; team: { membersFrom: string } | null }[]).find(
    (c) => c.team?.membersFrom === 'typed',
  )!.code;
  const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
  await page.goto(t.url);
  await page.evaluate(
    ([token, l]) => {
      sessionStorage.setItem('token', token);
      localStorage.setItem('lang', l);
    },
    [await t.token(`county:${county}`), lang],
  );
  await page.goto(t.url); // the app reads the token as it starts
  await page.goto(`${t.url}/#/community/${community}`);
  await page.waitForSelector('[data-testid=roster-add]');
  return { page, community };
}

async function addMember(page: Page, member: { name: string; mobile: string; joined: string }) {
  await page.fill('[data-testid=roster-add] input[name=name]', member.name);
  await page.fill('[data-testid=roster-add] input[name=mobile]', member.mobile);
  await page.fill('[data-testid=roster-add] input[name=joined]', member.joined);
  await page.click('[data-testid=roster-add-submit]');
}

describe('a team roster on the team page', () => {
  it('counts a person two counties put on their rosters once, tells the second where, and says what is wrong with a row', async () => {
    const first = await teamPageOf(tracker, '450102');
    expect(await first.page.innerText('[data-testid=members-from]')).toContain('自报人数（无名册）');
    await addMember(first.page, { name: '覃志强', mobile: '139 7700 1122', joined: '2026-03-01' });
    await eventually(() => first.page.innerText('[data-testid=roster-counts]')).toContain('今日在队并计入 1 人');
    expect(await first.page.innerText('[data-testid=roster-members]')).toContain('13977001122'); // its own county: in full
    // from its first member on, the team is judged by its roster: one member, short of twenty
    await eventually(() => first.page.innerText('[data-testid=members-from]')).toContain('1 · 按队员名册计');
    await eventually(() => first.page.innerText('body')).toContain('队员 1 人，少于 20 人');

    const second = await teamPageOf(tracker, '450103');
    // a wrong row: the field says why, and nothing is added
    await addMember(second.page, { name: '覃志强', mobile: '1397700', joined: '2026-03-01' });
    await eventually(() => second.page.innerText('#roster-mobile-error')).toContain('手机号须为中国大陆手机号');
    expect(await second.page.locator('[data-testid=roster-members]').count()).toBe(0);
    // the same person, written another way: on the roster, counted on the first team only
    await addMember(second.page, { name: '覃 志强', mobile: '+86 13977001122', joined: '2026-04-01' });
    await second.page.waitForSelector('[data-testid=roster-members] tr[data-standing=duplicate]');
    const row = await second.page.innerText('[data-testid=roster-members] tr[data-standing=duplicate]');
    expect(row).toContain('重复在册');
    expect(row).toContain(first.community);
    expect(await second.page.innerText('[data-testid=roster-counts]')).toContain('重复在册 1 人');
    expect(await seriousFindings(second.page)).toEqual([]);
    mkdirSync(artifacts, { recursive: true });
    await second.page.screenshot({ path: join(artifacts, 'roster-duplicate.png'), fullPage: true });
    // in English the same
    await second.page.click('[data-testid=lang]');
    await eventually(() => second.page.innerText('[data-testid=roster-members] tr[data-standing=duplicate]')).toContain(
      'On another roster',
    );
    // the first county renews the member's insurance in place: the row shows it, the count stays
    await first.page.click('[data-testid=roster-correct-open]');
    await first.page.fill('[data-testid=roster-correct] input[name=insuredThrough]', '2027-12-31');
    await first.page.click('[data-testid=roster-correct] button[type=submit]');
    await eventually(() => first.page.innerText('[data-testid=roster-members] tr[data-standing=counts]')).toContain('2027-12-31');
    expect(await first.page.innerText('[data-testid=roster-counts]')).toContain('今日在队并计入 1 人');
    // the first county's clerk records the leaving: the count passes to the second team
    await first.page.click('[data-testid=roster-members] tr[data-standing=counts] button');
    await first.page.click('[data-testid=roster-end] button[type=submit]');
    await eventually(() => first.page.innerText('[data-testid=roster-counts]')).toContain('今日在队并计入 0 人');
    await second.page.reload();
    await eventually(() => second.page.innerText('[data-testid=roster-counts]')).toContain('1 on the team today and counted');
    // the first county erases the departed member's name and phone, with a reason: the row stays, blank
    await first.page.click('[data-testid=roster-erase-open]');
    await first.page.fill('[data-testid=roster-erase] input', '本人申请删除个人信息');
    await first.page.click('[data-testid=roster-erase] button[type=submit]');
    await eventually(() => first.page.innerText('[data-testid=roster-members]')).toContain('（个人信息已删除）');
    const erasedRow = await first.page.innerText('[data-testid=roster-members]');
    expect(erasedRow).not.toContain('覃志强');
    expect(erasedRow).not.toContain('13977001122');
    expect(await seriousFindings(first.page)).toEqual([]);
    await first.page.close();
    await second.page.close();
  });
});

describe('a roster file on the import page', () => {
  it('checks the file, says how each team would stand, imports it, and the team is counted from its roster', async () => {
    const county = '450103';
    const { communities } = await tracker.api(`/api/counties/${county}/communities`, `county:${county}`);
    const typed = (communities as { code: string; team: { membersFrom: string } | null }[]).filter((c) => c.team?.membersFrom === 'typed');
    const [target] = typed.slice(-1);
    const rows = [
      ...Array.from({ length: 22 }, (_, i) =>
        rosterRow(target.code, `名册${i + 1}（模拟）`, `1540077${String(i).padStart(4, '0')}`, {
          joined: '2026-03-01',
          insuredThrough: '2027-03-01',
        }),
      ),
      rosterRow(target.code, '错行13900001111', null),
    ];
    const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
    await page.goto(tracker.url);
    await page.evaluate((token) => sessionStorage.setItem('token', token), await tracker.token(`county:${county}`));
    await page.goto(tracker.url);
    await page.goto(`${tracker.url}/#/county/${county}/import`);
    await page.setInputFiles('[data-testid=roster-import-file]', {
      name: '名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx(rows),
    });
    await page.waitForSelector('[data-testid=roster-import-result]');
    expect(await page.innerText('[data-testid=roster-accepted]')).toBe('22');
    expect(await page.innerText('[data-testid=roster-import-teams]')).toContain('→ 22');
    const refused = await page.innerText('[data-testid=roster-import-rows]');
    expect(refused).toContain('姓名中不能含电话号码');
    expect(refused).not.toContain('13900001111');
    expect(await seriousFindings(page)).toEqual([]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'roster-import.png'), fullPage: true });
    await page.click('[data-testid=roster-import-commit]');
    await eventually(() => page.innerText('[data-testid=roster-import-result] h3')).toContain('已导入');
    await page.goto(`${tracker.url}/#/community/${target.code}`);
    await eventually(() => page.innerText('[data-testid=members-from]')).toContain('22 · 按队员名册计');
    await page.close();
  });
});

describe('rosters on the province dashboard', () => {
  it('ranks the counties by their unresolved possible duplicates, and the teams with a roster', async () => {
    const { counties } = await tracker.api('/api/counties', 'province');
    const xingning = (counties as { code: string; rosters: { withRoster: number; teams: number; suspected: number } }[]).find(
      (c) => c.code === '450102',
    )!;
    expect(xingning.rosters.suspected).toBeGreaterThan(0);
    const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
    await page.goto(tracker.url);
    await page.evaluate((token) => sessionStorage.setItem('token', token), await tracker.token('province'));
    await page.goto(tracker.url);
    await page.waitForSelector('[data-testid=rankings] tr[data-code="450102"]');
    // the province's card: the rosters and this year's logged practices, summed over the counties
    const { totals } = await tracker.api('/api/counties', 'province');
    expect(await page.innerText('[data-testid=rosters-with-roster] dd')).toContain(
      `${totals.rosters.withRoster.toLocaleString('zh-CN')} /`,
    );
    expect(totals.practices.events).toBeGreaterThan(0);
    expect(await page.innerText('[data-testid=rosters-practices] dd')).toBe(
      `${totals.practices.events.toLocaleString('zh-CN')} / ${totals.practices.people.toLocaleString('zh-CN')}`,
    );
    const row = page.locator('[data-testid=rankings] tr[data-code="450102"]');
    expect(await row.locator('[data-field=suspected]').innerText()).toBe(String(xingning.rosters.suspected));
    expect(await row.locator('[data-field=withRoster]').innerText()).toBe(`${xingning.rosters.withRoster} / ${xingning.rosters.teams}`);
    // sorted by 疑似重复, the counties with the most come first
    await page.click('[data-testid=rankings] th button:has-text("疑似重复")');
    const first = await page.locator('[data-testid=rankings] tbody tr').first().locator('[data-field=suspected]').innerText();
    const most = Math.max(...(counties as { rosters: { suspected: number } }[]).map((c) => c.rosters.suspected));
    expect(first).toBe(String(most));
    await page.close();
  });
});

describe('the activity log on the team page', () => {
  it('shows the year’s 场次 and 人次, records a drill with the members who took part, says what is wrong, and withdraws it', async () => {
    const { communities } = await tracker.api('/api/counties/450102/communities', 'county:450102');
    const community = (communities as { code: string; team: { membersFrom: string } | null }[]).find(
      (c) => c.team?.membersFrom === 'roster',
    )!.code;
    const page = withWaits(await browser.newPage({ viewport: { width: 1360, height: 1000 } }));
    await page.goto(tracker.url);
    await page.evaluate((token) => sessionStorage.setItem('token', token), await tracker.token('county:450102'));
    await page.goto(tracker.url);
    await page.goto(`${tracker.url}/#/community/${community}`);
    await page.waitForSelector('[data-testid=activity-tally]');
    const drills = () => page.innerText('[data-testid=activity-tally] tr[data-kind=drill] td:nth-of-type(1)');
    const before = Number(await drills());
    // the demo's simulated log is there: its events name members of the roster
    expect(await page.locator('[data-testid=activity-events] li').count()).toBeGreaterThan(0);

    // a title left blank: the field says why, and nothing is recorded
    const boxes = page.locator('[data-testid=activity-attendees] input[type=checkbox]');
    for (const i of [0, 1, 2]) await boxes.nth(i).check();
    await page.click('[data-testid=activity-add-submit]');
    await eventually(() => page.innerText('#activity-title-error')).toContain('内容');
    expect(Number(await drills())).toBe(before);

    await page.fill('[data-testid=activity-add] input[name=title]', '消防疏散演练（测试）');
    await page.click('[data-testid=activity-add-submit]');
    await eventually(() => page.innerText('[data-testid=activity-events]')).toContain('消防疏散演练（测试）');
    await eventually(drills).toBe(String(before + 1));
    expect(await page.innerText('[data-testid=activity-tally] tr[data-kind=drill]')).toMatch(/\s3\s/);
    expect(await seriousFindings(page)).toEqual([]);
    mkdirSync(artifacts, { recursive: true });
    await page.locator('[data-testid=activity]').screenshot({ path: join(artifacts, 'activity-log.png') });

    // withdrawn with a reason: the record stays, struck through, and no longer counts
    const item = page.locator('[data-testid=activity-events] li', { hasText: '消防疏散演练（测试）' });
    await item.locator('button').click();
    await page.fill('[data-testid=activity-withdraw] input', '重复录入');
    await page.click('[data-testid=activity-withdraw] button[type=submit]');
    await eventually(() => item.getAttribute('data-withdrawn')).toBe('true');
    expect(await item.innerText()).toContain('重复录入');
    await eventually(drills).toBe(String(before));

    // in English, the same log
    await page.click('[data-testid=lang]');
    await eventually(() => page.innerText('[data-testid=activity-tally] thead')).toContain('Attendances');
    await page.close();
  });
});
