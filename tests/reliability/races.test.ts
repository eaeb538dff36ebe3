// Races on the import path, each repeated: one Idempotency-Key sent with two files at once, the
// same commit sent three times at once (a double click), and a form save that lands while an
// import of the same team is running. One key commits at most once; no save is silently overwritten.
// Races on a discrepancy's answer: two county answers at once, and a dispute against the 销号. Each
// answer is conditional on the version its sender read: one wins, the other gets 409 and writes nothing.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTeam } from '#app/teams.js';
import { csvWithoutVersion, teamRow } from '#tests/helpers/files.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';
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

describe("races on a discrepancy's answer", () => {
  const RULES = ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'];
  const TWO = 16; // the finding's 16 communities answered twice at once
  const ROUNDS = size(3, 8);
  let s: Awaited<ReturnType<typeof testServer>>;
  let id: string;
  let sample: string[];
  let clerk: string;
  let province: string;
  beforeAll(async () => {
    const clock = fixedClock('2026-12-10T04:00:00Z');
    s = await testServer({ counties: [COUNTY], clock });
    const codes = s.registries.find((r) => r.code === COUNTY)!.communities.map(([c]) => c);
    const writes = codes.map((code) => ({
      previous: null,
      next: nextTeam(s.deps, code, goodTeam({ lastTrainingOn: '2026-11-01', insuranceExpiresOn: '2027-10-31' }), null, {
        updatedBy: 'test',
        source: 'seed' as const,
      }),
    }));
    await s.store.writeTeams(writes, clock.now().toISOString());
    [clerk, province] = await Promise.all([s.tokenFor(`county:${COUNTY}`), s.tokenFor('province')]);
    const created = await s.call('POST', '/api/campaigns', {
      token: province,
      body: { name: '答复竞争', year: 2026, area: '45', deadline: '2026-12-31', sampleSize: 40 },
    });
    expect(created.status).toBe(201);
    id = created.json.id;
    sample = created.json.counties[COUNTY].sample;
    // Every sampled team found with five members fewer than reported: a discrepancy to answer.
    for (const code of sample) {
      const members = (await s.store.getTeam(code))!.members;
      const found = await s.call('PUT', `/api/campaigns/${id}/checks/${code}`, {
        token: province,
        body: { method: 'visit', teamExists: true, members: members - 5, rules: Object.fromEntries(RULES.map((r) => [r, true])) },
      });
      expect(found.json.outcome).toBe('discrepancy');
    }
  });
  afterAll(() => s.close());

  /** The answer as the county's list shows it now (null: none yet). */
  const current = async (code: string) =>
    (await s.call('GET', `/api/counties/${COUNTY}/discrepancies`, { token: clerk })).json.discrepancies.find(
      (d: { campaignId: string; communityCode: string }) => d.campaignId === id && d.communityCode === code,
    ).answer as { status: string; reason?: string; version?: number; history: { status: string; reason?: string }[] } | null;
  const answer = (code: string, action: string, reason: string | undefined, version: number | undefined, token: string) =>
    s.call('POST', `/api/counties/${COUNTY}/discrepancies`, {
      token,
      body: { campaignId: id, communityCode: code, action, ...(reason ? { reason } : {}), ...(version ? { version } : {}) },
    });
  /** The answers the audit table holds for a community (one per answer written). */
  const logged = async (code: string) =>
    (
      await s.doc.send(
        new QueryCommand({
          TableName: s.store.auditTableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': `CAMPAIGN#${id}`, ':p': `ANSWERLOG#${code}#` },
        }),
      )
    ).Items ?? [];
  /** The record's answers, oldest first: its history, then its current state. */
  const trail = (a: NonNullable<Awaited<ReturnType<typeof current>>>) => [...a.history, a].map((h) => `${h.status}:${h.reason ?? ''}`);

  it(`two county answers at once (${TWO} communities × ${ROUNDS} rounds): one is kept, the other gets 409; the history holds every answer kept, once, in order`, async () => {
    let lost = 0;
    await Promise.all(
      sample.slice(0, TWO).map(async (code) => {
        const kept: string[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const read = (await current(code))?.version;
          const [a, b] = await Promise.all([
            answer(code, 'corrected', `甲${round}`, read, clerk),
            answer(code, 'disputed', `乙${round}`, read, clerk),
          ]);
          if (a.status === 200) kept.push(`corrected:甲${round}`);
          if (b.status === 200) kept.push(`disputed:乙${round}`);
          for (const r of [a, b]) if (r.status !== 200) expect(r.status).toBe(409);
        }
        const final = (await current(code))!;
        if (kept.length !== ROUNDS || JSON.stringify(trail(final)) !== JSON.stringify(kept)) lost += 1;
        expect((await logged(code)).length).toBe(kept.length); // a loser wrote nothing, not even to the audit table
      }),
    );
    console.log(`two answers at once: an answer lost or both kept for ${lost} of ${TWO} communities`);
    expect(lost).toBe(0);
    expect((await s.store.reconcile()).drift).toEqual([]);
  });

  it('a dispute racing the 销号, with and without an earlier answer: one wins, the other gets 409, and the record keeps both histories whole', async () => {
    const racing = sample.slice(TWO);
    let broken = 0;
    await Promise.all(
      racing.map(async (code, i) => {
        const kept: string[] = [];
        if (i % 2) {
          expect((await answer(code, 'corrected', '已更正', undefined, clerk)).status).toBe(200);
          kept.push('corrected:已更正');
        }
        const read = (await current(code))?.version;
        const [dispute, close] = await Promise.all([
          answer(code, 'disputed', '队伍仍在', read, clerk),
          answer(code, 'closed', undefined, read, province),
        ]);
        if (dispute.status === 200) kept.push('disputed:队伍仍在');
        if (close.status === 200) kept.push('closed:');
        for (const r of [dispute, close]) if (r.status !== 200) expect(r.status).toBe(409);
        const final = (await current(code))!;
        if (kept.length !== (i % 2) + 1 || JSON.stringify(trail(final)) !== JSON.stringify(kept)) broken += 1;
        expect((await logged(code)).length).toBe(kept.length);
      }),
    );
    console.log(`dispute against 销号: both kept or a history rewritten for ${broken} of ${racing.length} communities`);
    expect(broken).toBe(0);
    expect((await s.store.reconcile()).drift).toEqual([]);
  });
});

describe("a registry change set racing a county's saves", () => {
  const RACED = '450107'; // the finding's county: 60 merges while it saves 10 of the teams they close
  const MERGES = 60;
  const SAVES = 10;
  let s: Awaited<ReturnType<typeof testServer>>;
  let codes: string[];
  beforeAll(async () => {
    const clock = fixedClock('2026-12-02T02:00:00Z');
    s = await testServer({ counties: [RACED], clock });
    codes = s.registries.find((r) => r.code === RACED)!.communities.map(([c]) => c);
    const writes = codes.slice(0, 2 * MERGES).map((code) => ({
      previous: null,
      next: nextTeam(s.deps, code, goodTeam({ lastTrainingOn: '2026-11-01', insuranceExpiresOn: '2027-10-31' }), null, {
        updatedBy: 'test',
        source: 'seed' as const,
      }),
    }));
    await s.store.writeTeams(writes, clock.now().toISOString());
  });
  afterAll(() => s.close());

  it(`${MERGES} merges while the county saves ${SAVES} of the teams they close: the version ends applied (by itself, or by the resume its 409 names), every save is kept in the history or refused, drift 0`, async () => {
    const [province, clerk] = await Promise.all([s.tokenFor('province'), s.tokenFor(`county:${RACED}`)]);
    const changes = Array.from({ length: MERGES }, (_, i) => ({
      kind: '合并',
      code: codes[i],
      target: codes[MERGES + i],
      reason: '撤并（竞争测试）',
    }));
    const save = (code: string, i: number) =>
      s.call('PUT', `/api/communities/${code}/team`, {
        token: clerk,
        body: goodTeam({ name: `竞争中保存${i}号队`, lastTrainingOn: '2026-11-01', insuranceExpiresOn: '2027-10-31' }),
        headers: { 'if-match': '1' },
      });
    // The saves land after the apply has read the teams (when it claims its version), before it writes them: the race at its worst.
    let saving: Promise<Awaited<ReturnType<typeof save>>[]> | null = null;
    s.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const item = (args.input as { Item?: { type?: string } }).Item;
        if (context.commandName === 'PutItemCommand' && item?.type === 'registry-version' && !saving) {
          saving = Promise.all(codes.slice(0, SAVES).map(save));
          await saving;
        }
        return next(args);
      },
      { step: 'initialize', name: 'savesMidApply' },
    );
    const applied = await s.call('POST', '/api/registry/changes', {
      token: province,
      body: { effectiveFrom: '2026-12-01', source: '竞争测试', changes },
    });
    s.raw.middlewareStack.remove('savesMidApply');
    expect(saving).not.toBeNull();
    const saves = await saving!;
    expect(saves.map((r) => r.status)).toEqual(Array(SAVES).fill(200));
    expect([200, 409]).toContain(applied.status);
    let version: number;
    if (applied.status === 409) {
      // Half-applied: the answer names the version and the route that finishes it.
      expect(applied.json.error.message).toMatch(/已部分应用.*resume/);
      version = applied.json.error.currentVersion;
      expect((await s.call('POST', `/api/registry/versions/${version}/resume`, { token: province })).json).toMatchObject({ applied: true });
    } else version = applied.json.version;
    const listed = (await s.call('GET', '/api/registry/versions', { token: province })).json.versions;
    expect(listed.find((v: { version: number }) => v.version === version).status).toBe('applied');
    // The registry is wholly new: no merged community listed, every merged team closed.
    const registry = (await s.store.getRegistry(RACED))!.communities.map(([c]) => c);
    for (const code of codes.slice(0, MERGES)) {
      expect(registry).not.toContain(code);
      expect((await s.store.getTeam(code))!.excluded).toBe('closed');
    }
    // A save that answered 200 is in the team's history; one that lost answered 409 and wrote nothing.
    for (const [i, res] of saves.entries()) {
      expect([200, 409]).toContain(res.status);
      const history = (await s.call('GET', `/api/communities/${codes[i]}/team/history`, { token: province })).text;
      expect(history.includes(`竞争中保存${i}号队`)).toBe(res.status === 200);
    }
    expect((await s.store.reconcile()).drift).toEqual([]);
  });
});
