// Races on the import path, each repeated: one Idempotency-Key sent with two files at once, the
// same commit sent three times at once (a double click), and a form save that lands while an
// import of the same team is running. One key commits at most once; no save is silently overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvWithoutVersion, teamRow } from '../helpers/files.js';
import { testServer } from '../helpers/server.js';
import { goodTeam } from '../helpers/team.js';
import { size } from './config.js';

const COUNTY = '450102'; // 兴宁区, 80 communities: two transactions a commit
const BIG = '450881'; // 桂平市, 444 communities: ten transactions a commit
const ATTEMPTS = size(12, 40);

describe('races on one import', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let communities: [string, string][];
  let token: string;
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY, BIG] });
    communities = s.registries.find((r) => r.code === COUNTY)!.communities;
    token = await s.tokenFor(`county:${COUNTY}`);
  });
  afterAll(() => s.close());

  const post = (county: string, body: Buffer, key: string, auth = token) =>
    s.call('POST', `/api/counties/${county}/imports`, {
      token: auth,
      raw: body,
      headers: { 'content-type': 'text/csv', 'idempotency-key': key },
    });
  const file = (tag: string) => csvWithoutVersion(communities.map(([c, n], i) => teamRow(c, n, goodTeam({ name: `${tag}队 ${i}` }))));

  it(`one key, two different files at once (${ATTEMPTS}×): one is written, the other gets 409, and the key replays the one written`, async () => {
    let bothWritten = 0;
    for (let i = 0; i < ATTEMPTS; i++) {
      const key = `two-files-${i}`;
      const [a, b] = await Promise.all([post(COUNTY, file(`甲${i}`), key), post(COUNTY, file(`乙${i}`), key)]);
      if (a.status === 200 && b.status === 200) {
        bothWritten += 1;
        continue;
      }
      const [winner, loser, tag] = a.status === 200 ? [a, b, `甲${i}`] : [b, a, `乙${i}`];
      expect(winner.status).toBe(200);
      expect(loser.status).toBe(409);
      const teams = await s.store.listTeams(COUNTY);
      expect(teams.every((t) => t.team.name.startsWith(`${tag}队`))).toBe(true);
      expect((await post(COUNTY, file(tag), key)).json.replayed).toBe(true);
    }
    console.log(`two files, one key: both written in ${bothWritten} of ${ATTEMPTS} attempts`);
    expect(bothWritten).toBe(0);
    expect((await s.store.reconcile()).drift).toEqual([]);
  });

  it(`the same commit three times at once (${ATTEMPTS}×): one writes, two replay it; each team moves one version`, async () => {
    let extraWrites = 0;
    for (let i = 0; i < ATTEMPTS; i++) {
      const key = `double-click-${i}`;
      const body = file(`丙${i}`);
      const before = new Map((await s.store.listTeams(COUNTY)).map((t) => [t.communityCode, t.version]));
      const answers = await Promise.all([post(COUNTY, body, key), post(COUNTY, body, key), post(COUNTY, body, key)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const fresh = answers.filter((r) => !r.json.replayed);
      const moved = (await s.store.listTeams(COUNTY)).map((t) => t.version - (before.get(t.communityCode) ?? 0));
      if (fresh.length !== 1 || moved.some((m) => m !== 1)) extraWrites += 1;
      for (const r of answers) expect(r.json.summary).toEqual(fresh[0]?.json.summary);
    }
    console.log(`three identical commits: more than one write in ${extraWrites} of ${ATTEMPTS} attempts`);
    expect(extraWrites).toBe(0);
    const history = await s.store.listHistory(communities[0][0]);
    expect(history.every((h) => h.changes.length > 0)).toBe(true); // no empty audit records
    expect((await s.store.reconcile()).drift).toEqual([]);
  });

  it(`a form save during an import of the same team (${size(5, 15)}×) is never overwritten: the import row is refused as stale`, async () => {
    const big = s.registries.find((r) => r.code === BIG)!.communities;
    const bigToken = await s.tokenFor(`county:${BIG}`);
    let overwritten = 0;
    for (let i = 0; i < size(5, 15); i++) {
      // Every team exists; the file updates all of them from the versions they have now.
      await post(BIG, csvWithoutVersion(big.map(([c, n]) => teamRow(c, n, goodTeam({ name: `原队 ${i}` })))), `big-base-${i}`, bigToken);
      const [first, last] = [big[0][0], big[big.length - 1][0]];
      const lastVersion = (await s.store.getTeam(last))!.version;
      const importing = post(
        BIG,
        csvWithoutVersion(big.map(([c, n]) => teamRow(c, n, goodTeam({ name: `导入 ${i}` })))),
        `big-${i}`,
        bigToken,
      );
      // As soon as the import's first transaction is in, a clerk saves the last team in the form.
      // (polled, not awaited: the race needs the import still running; a 30 s bound, said if it is reached)
      const startedBy = Date.now() + 30_000;
      while ((await s.store.getTeam(first))!.team.name !== `导入 ${i}`) {
        if (Date.now() > startedBy) throw new Error('the import never wrote its first transaction: no race to test');
        await new Promise((r) => setTimeout(r, 2));
      }
      const saved = await s.call('PUT', `/api/communities/${last}/team`, {
        token: bigToken,
        body: goodTeam({ name: `表单 ${i}` }),
        headers: { 'if-match': String(lastVersion) },
      });
      const imported = await importing;
      expect(imported.status).toBe(200);
      const finalName = (await s.store.getTeam(last))!.team.name;
      if (saved.status === 200 && finalName !== `表单 ${i}`) {
        overwritten += 1;
        continue;
      }
      const row = imported.json.rows.find((r: { communityCode: string }) => r.communityCode === last);
      if (saved.status === 200) {
        expect(row.status).toBe('rejected');
        expect(row.errors[0].message).toMatch(new RegExp(`已被他人修改（版本 ${lastVersion} → ${lastVersion + 1}）`));
      } else {
        expect(saved.status).toBe(409); // the import got there first; the form is told, as always
      }
    }
    console.log(`form save during an import: overwritten in ${overwritten} of ${size(5, 15)} attempts`);
    expect(overwritten).toBe(0);
    expect((await s.store.reconcile()).drift).toEqual([]);
  });
});
