// Soak (long form only, `npm run test:reliability`): 10 minutes of mixed traffic at a steady rate
// against an npm start server process; no error, and its memory stays flat.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { countyRegistries } from '#app/registry.js';
import { csv, teamRow } from '#tests/helpers/files.js';
import { largerTeam } from '#tests/helpers/team.js';
import { removeDir, startTracker } from '#tests/helpers/tracker.js';
import { LONG } from './config.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = 20; // requests per second
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

let tracker: Awaited<ReturnType<typeof startTracker>> | undefined;
afterAll(async () => {
  await tracker?.stop();
  if (tracker) removeDir(tracker.dataDir);
});

describe('soak', () => {
  it.skipIf(!LONG)(
    `${MINUTES} minutes of mixed traffic: no error, flat memory`,
    async () => {
      tracker = await startTracker({
        args: ['--no-demo'],
        env: { DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `soak-${Date.now()}` },
      });
      const t = tracker;
      const token = { province: await t.token('province'), county: await t.token('county:450102') };
      const communities = countyRegistries().find((r) => r.code === '450102')!.communities;
      const errors: string[] = [];
      let sent = 0;
      const request = async (i: number) => {
        const kind = i % 10;
        const headers = (tk: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${tk}`, ...extra });
        let res: Response;
        if (kind < 5) res = await fetch(`${t.url}/api/counties`, { headers: headers(token.province) });
        else if (kind < 7) res = await fetch(`${t.url}/api/counties/450102/communities`, { headers: headers(token.county) });
        else if (kind < 9) {
          const code = communities[i % communities.length][0];
          const current = await fetch(`${t.url}/api/communities/${code}/team`, { headers: headers(token.county) });
          const version = current.status === 200 ? (await current.json()).version : null;
          res = await fetch(`${t.url}/api/communities/${code}/team`, {
            method: 'PUT',
            body: JSON.stringify(largerTeam(i % 7)),
            headers: headers(token.county, { 'content-type': 'application/json', ...(version ? { 'if-match': String(version) } : {}) }),
          });
          if (res.status === 409) return; // a concurrent write of ours: fine
        } else {
          res = await fetch(`${t.url}/api/counties/450102/imports?dryRun=true`, {
            method: 'POST',
            body: new Uint8Array(csv(communities.slice(0, 20).map(([c, n]) => teamRow(c, n)))),
            headers: headers(token.county, { 'content-type': 'text/csv' }),
          });
        }
        if (res.status >= 300) errors.push(`${kind}: ${res.status}`);
        await res.arrayBuffer().catch(() => {});
      };
      const tick = async (seconds: number) => {
        const end = Date.now() + seconds * 1000;
        const inflight = new Set<Promise<void>>();
        while (Date.now() < end) {
          const p = request(sent++)
            .catch((e) => {
              errors.push(String(e));
            })
            .finally(() => inflight.delete(p));
          inflight.add(p);
          await new Promise((r) => setTimeout(r, 1000 / RATE));
        }
        await Promise.all(inflight);
      };
      await tick(30); // warm up: JIT, caches, connection pools
      const start = rssMb(t.process.pid!);
      await tick(MINUTES * 60 - 30);
      const end = rssMb(t.process.pid!);
      console.log(`soak: ${sent} requests in ${MINUTES} min, RSS ${start.toFixed(0)} MB → ${end.toFixed(0)} MB`);
      expect(errors).toEqual([]);
      expect(end).toBeLessThan(start * 1.5 + 50);
    },
    (MINUTES + 3) * 60_000,
  );
});
