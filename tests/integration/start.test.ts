// Smoke test of `npm start`: boots the whole local tracker as a child process, twice.
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, startTracker } from '../helpers/tracker.js';

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
    tracker = await startTracker({ reset: true });
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
    expect(counties.totals.communities).toBe(16681);
    expect(counties.demo.label.zh).toBe('模拟演示数据');
    expect(counties.totals.teamsMeetingStandard).toBeGreaterThan(0.8 * 16681);
    const trend = JSON.parse((await get(`${url}/api/trend?area=45`, token)).text);
    expect(trend.months[0].month).toBe('2021-05');
    await tracker.stop();

    tracker = await startTracker({ dataDir: tracker.dataDir, port: tracker.port });
    expect(tracker.output()).toContain('data found');
    const again = JSON.parse((await get(`${url}/api/counties`, token)).text);
    expect(again.totals).toEqual(counties.totals);
  }, 400_000);
});
