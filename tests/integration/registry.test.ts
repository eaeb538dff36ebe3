// The registry as governed data, on DynamoDB Local through the HTTP API: a realistic change set of
// 200 changes dry-run, refused when a row is wrong (nothing written), applied (cut off mid-way and
// resumed), with counters equal to a recount, teams closed or moved with their history, and past
// months byte-equal before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMonths } from '#app/months.js';
import { nextTeam } from '#app/teams.js';
import { encodeFigures } from '#core/snapshot.js';
import { EXCLUDED_FIELD } from '#core/record.js';
import { withoutIds } from '#tests/helpers/messages.js';
import { realisticChanges, type ChangeRow } from '#tests/helpers/registry.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';
import { csv, teamRow } from '#tests/helpers/files.js';
import { formatWire } from '#core/messages/format.js';

const COUNTIES = ['450102', '450103', '450105', '450107', '450108'];
const PAST = ['2026-06', '2026-11'];

describe('registry versions', () => {
  const clock = fixedClock('2026-06-10T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  let changes: ChangeRow[];
  const token: Record<string, string> = {};
  const before: Record<string, string> = {};
  let computedBefore: string;
  const post = (body: unknown, query = '', as = 'province') => s.call('POST', `/api/registry/changes${query}`, { token: token[as], body });
  const changeSet = (rows: unknown[], effectiveFrom = '2026-12-01') => ({
    effectiveFrom,
    source: '自治区民政厅 2026 年区划调整批复（测试）',
    changes: rows,
  });
  const encoded = async () =>
    JSON.stringify(
      [...(await computeMonths(s.deps, PAST))].map(([m, r]) => [
        m,
        r.registryVersion,
        Object.entries(r.counties)
          .sort()
          .map(([c, f]) => [c, encodeFigures(f)]),
      ]),
    );

  beforeAll(async () => {
    s = await testServer({ counties: COUNTIES, clock });
    for (const scope of ['province', 'city:4501', 'county:450102']) token[scope] = await s.tokenFor(scope);
    // Four teams in five, written in June: the months since rest on them.
    const writes = s.registries.flatMap((r) =>
      r.communities
        .filter((_, i) => i % 5 !== 4)
        .map(([code]) => ({
          previous: null,
          next: nextTeam(
            s.deps,
            code,
            goodTeam({ name: `${code.slice(-3)}号队`, lastTrainingOn: '2026-06-01', insuranceExpiresOn: '2027-05-31' }),
            null,
            { updatedBy: 'test', source: 'seed' },
          ),
        })),
    );
    await s.store.writeTeams(writes, clock.now().toISOString());
    clock.set('2026-12-02T02:00:00Z'); // 10:00 on 2 December, Shanghai
    changes = realisticChanges(s.registries);
    for (const m of PAST) before[m] = (await s.call('GET', `/api/counties?month=${m}`, { token: token.province })).text;
    computedBefore = await encoded();
  }, 120_000);
  afterAll(() => s.close());

  it('starts at version 1 (the committed registry), which every figure names', async () => {
    const versions = (await s.call('GET', '/api/registry/versions', { token: token['county:450102'] })).json;
    expect(versions).toMatchObject({
      inForce: 1,
      versions: [{ version: 1, status: 'applied', registryCommunities: 80, inScopeCommunities: 80 }],
    });
    const counties = (await s.call('GET', '/api/counties', { token: token.province })).json;
    expect(counties.basis.registry).toMatchObject({ version: 1, communities: 565, inScope: 565 });
  });

  it('refuses a change set with a bad row — a community removed twice, a merge into nothing, one that leaves a team without a community — and writes nothing', async () => {
    const table = await s.snapshot();
    const [a, b, c] = s.registries[0].communities;
    const res = await post(
      changeSet([
        { kind: '撤销', code: a[0], reason: '撤销' },
        { kind: '撤销', code: a[0], reason: '又撤销' },
        { kind: '合并', code: b[0], target: '450102999999', reason: '合并' },
        { kind: '合并', code: c[0], target: a[0], reason: '并入已撤销的社区' },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^变更集有 3 行有误/);
    expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual(['row 2', 'row 3', 'row 4']);
    expect(res.json.error.details[2].message).toContain('合并后队伍将没有所属社区');
    for (const [body, status, text] of [
      [changeSet([{ kind: '更名', code: a[0], name: '新名', reason: '更名' }], '2026-11-30'), 400, '早于本月 1 日'],
      [changeSet([{ kind: '更名', code: a[0], name: '新名', reason: '更名' }], '2026-12-03'), 400, '晚于今天'],
      [changeSet([]), 400, '变更集是空的'],
      [{ ...changeSet([{ kind: '更名', code: a[0], name: '新名', reason: '更名' }]), source: '' }, 400, '来源'],
    ] as const) {
      const r = await post(body);
      expect(r.status, text).toBe(status);
      expect(r.json.error.message).toContain(text);
    }
    for (const as of ['county:450102', 'city:4501']) {
      const r = await post(changeSet(changes), '?dryRun=true', as);
      expect(r.status).toBe(403);
      expect(r.json.error.message).toContain('只有自治区');
    }
    expect(await s.snapshot()).toBe(table);
  });

  it('dry-runs the 200 changes: what each does to the registry and to teams, nothing written', async () => {
    const table = await s.snapshot();
    const res = await post(changeSet(changes), '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ dryRun: true, version: 2, effectiveFrom: '2026-12-01' });
    expect(res.json.changes).toHaveLength(200);
    const kinds: Record<string, number> = {};
    for (const t of res.json.teams as { kind: string }[]) kinds[t.kind] = (kinds[t.kind] ?? 0) + 1;
    expect(kinds.close).toBeGreaterThan(30);
    expect(kinds.move).toBeGreaterThan(10);
    expect(kinds.scope).toBeGreaterThan(5);
    const total = (k: 'registry' | 'registryBefore' | 'inScope') =>
      res.json.counties.reduce((n: number, c: Record<string, number>) => n + c[k], 0);
    expect(total('registryBefore') - total('registry')).toBe(50 + 40 - 10 - 20); // merged and removed out, split and added in
    expect(total('registry') - total('inScope')).toBe(10);
    expect(await s.snapshot()).toBe(table);
  });

  it('applies them — cut off after three transactions, resumed — with counters equal to a recount, teams closed or moved with their history', async () => {
    let transactions = 0;
    let armed = true;
    s.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (armed && context.commandName === 'TransactWriteItemsCommand' && ++transactions > 3)
          throw Object.assign(new Error('injected: the function timed out'), { name: 'TimeoutError' });
        return next(args);
      },
      { step: 'initialize', name: 'cutOff' },
    );
    const cut = await post(changeSet(changes));
    expect(cut.status).toBe(503); // a timeout: the caller may retry, or resume
    armed = false;
    s.raw.middlewareStack.remove('cutOff');
    const versions = (await s.call('GET', '/api/registry/versions', { token: token.province })).json;
    expect(versions.versions.at(-1)).toMatchObject({ version: 2, status: 'applying' });
    expect(versions.inForce).toBe(1);
    // While a version is half applied, nothing else may change the registry.
    const blocked = await post(changeSet([{ kind: '更名', code: s.registries[4].communities[0][0], name: '又一名', reason: '更名' }]));
    expect(blocked.status).toBe(409);
    expect(blocked.json.error.message).toContain('/api/registry/versions/2/resume');
    expect((await s.call('POST', '/api/registry/versions/2/resume', { token: token['city:4501'] })).status).toBe(403);
    const resumed = await s.call('POST', '/api/registry/versions/2/resume', { token: token.province });
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({ version: 2, applied: true });
    expect((await s.call('POST', '/api/registry/versions/2/resume', { token: token.province })).json).toMatchObject({
      alreadyApplied: true,
      teamWrites: 0,
    });

    const reconciled = await s.store.reconcile();
    expect(reconciled.drift).toEqual([]);
    const after = (await s.call('GET', '/api/registry/versions', { token: token.province })).json;
    expect(after).toMatchObject({ inForce: 2 });
    expect(after.versions[1]).toMatchObject({
      status: 'applied',
      changeCount: 200,
      registryCommunities: 565 - 60,
      inScopeCommunities: 565 - 70,
    });
    const aggregates = await s.store.listAggregates();
    expect(aggregates.reduce((n, a) => n + a.communities, 0)).toBe(565 - 70);
    expect(aggregates.reduce((n, a) => n + a.registryCommunities, 0)).toBe(565 - 60);

    // A merged community's team: moved to the survivor when it had none, else closed; the old one closed, history kept.
    for (const m of changes.filter((c) => c.kind === '合并').slice(0, 20)) {
      const [from, to] = [await s.store.getTeam(m.code), await s.store.getTeam(m.target!)];
      if (!from) continue;
      expect(from.excluded).toBe('closed');
      expect(to?.excluded).toBeUndefined();
      const history = await s.store.listHistory(m.code);
      expect(history[0].changes).toContainEqual({ field: EXCLUDED_FIELD, before: null, after: 'closed' });
      expect(history[0].source).toBe('registry:v2');
      expect(history.at(-1)!.version).toBe(1); // its history is kept
    }
    for (const r of changes.filter((c) => c.kind === '代码变更')) {
      const old = await s.store.getTeam(r.code);
      if (!old) continue;
      const moved = (await s.store.getTeam(r.target!))!;
      expect(moved).toMatchObject({ team: { name: old.team.name }, source: 'registry:v2', version: 1 });
      expect(old.excluded).toBe('closed');
      // The system's words around the province's reason, in either language.
      const [movedIn, movedOut] = [(await s.store.listHistory(r.target!))[0], (await s.store.listHistory(r.code))[0]];
      expect(movedIn.note).toBe(`代码变更：${r.reason}（由 ${r.code} 迁入）`);
      expect(formatWire('en', movedIn.noteMessage!)).toBe(`Code changed: ${r.reason} (moved in from ${r.code})`);
      expect(formatWire('en', movedOut.noteMessage!)).toBe(`Code changed: ${r.reason} (moved to ${r.target})`);
    }
    for (const r of changes.filter((c) => c.kind === '移出方案范围')) {
      const t = await s.store.getTeam(r.code);
      if (t) expect(t.excluded).toBe('out-of-scope');
    }
    const listed = (await s.call('GET', `/api/counties/${COUNTIES[0]}/communities`, { token: token['county:450102'] })).json.communities;
    expect(listed.map((c: { code: string }) => c.code)).not.toContain(changes[0].code);
  });

  it("leaves every past month byte-equal: the API's answer and a fresh computation from the trail", async () => {
    for (const m of PAST) expect((await s.call('GET', `/api/counties?month=${m}`, { token: token.province })).text, m).toBe(before[m]);
    expect(await encoded()).toBe(computedBefore);
    const live = (await s.call('GET', '/api/counties', { token: token.province })).json;
    expect(live.basis.registry).toMatchObject({ version: 2, communities: 565 - 60, inScope: 565 - 70 });
    expect(live.totals.communities).toBe(565 - 70);
  });

  it("lists a version's changes with what each is called, for any signed-in reader", async () => {
    const res = await s.call('GET', '/api/registry/versions/2/changes', { token: token['city:4501'] });
    expect(res.status).toBe(200);
    expect(res.json.changes).toHaveLength(200);
    expect(res.json.changes[0]).toMatchObject({ row: 1, kind: 'merge', kindLabel: { zh: '合并' } });
    // a county reads the changes in its own area only
    const own = (await s.call('GET', '/api/registry/versions/2/changes', { token: token['county:450102'] })).json.changes as {
      code: string;
      target?: string;
    }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(200);
    expect(own.every((c) => c.code.startsWith('450102') || c.target?.startsWith('450102'))).toBe(true);
    expect((await s.call('GET', '/api/registry/versions/9/changes', { token: token.province })).status).toBe(404);
    expect((await s.call('GET', '/api/registry/versions/x/changes', { token: token.province })).status).toBe(400);
  });

  it('compares a newer full edition with the registry in force and shows the diff it produces', async () => {
    const current = await Promise.all(COUNTIES.map((c) => s.store.getRegistry(c)));
    const edition = {
      counties: current.map((c) => [c!.code, c!.name]),
      townships: current.flatMap((c) => c!.townships),
      communities: current
        .flatMap((c) => c!.communities)
        .filter((_, i) => i !== 3)
        .map(([code, name], i) => [code, i === 0 ? `${name}（更名）` : name]),
    };
    const res = await s.call('POST', '/api/registry/changes?dryRun=true&compare=true&effectiveFrom=2026-12-02&source=new-edition', {
      token: token.province,
      raw: JSON.stringify(edition),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(200);
    expect(res.json.changes.map((c: { kind: string }) => c.kind)).toEqual(['rename', 'remove']);
  });

  it('reads a change-set file (CSV with Chinese headers), row numbers as the file shows them', async () => {
    const [[code]] = (await s.store.getRegistry(COUNTIES[4]))!.communities;
    const file = `变更类型,代码,名称,目标代码,范围原因,原因\r\n更名,${code},改名社区,,,村改居\r\n撤销,${code}9,,,,错\r\n`;
    const res = await s.call('POST', '/api/registry/changes?dryRun=true&effectiveFrom=2026-12-02&source=csv', {
      token: token.province,
      raw: file,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(400);
    expect(withoutIds(res.json.error.details)).toEqual([{ field: 'row 3', message: expect.stringContaining('12 位社区代码') }]);
  });
});

describe('registry change sets at their edges', () => {
  const clock = fixedClock('2026-11-10T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  let token: string;
  let clerk: string;
  const [X, Y] = ['450102', '450103'];
  const units = (county: string) => s.registries.find((r) => r.code === county)!.communities.map(([code]) => code);
  const post = (changes: unknown[], query = '') =>
    s.call('POST', `/api/registry/changes${query}`, { token, body: { effectiveFrom: '2026-12-02', source: '测试', changes } });
  beforeAll(async () => {
    s = await testServer({ counties: [X, Y], clock });
    token = await s.tokenFor('province');
    clerk = await s.tokenFor(`county:${X}`);
    const writes = [units(X)[0], units(X)[1], units(X)[2], units(Y)[0]].map((code) => ({
      previous: null,
      next: nextTeam(s.deps, code, goodTeam({ lastTrainingOn: '2026-11-01', insuranceExpiresOn: '2027-10-31' }), null, {
        updatedBy: 'test',
        source: 'seed',
      }),
    }));
    await s.store.writeTeams(writes, clock.now().toISOString());
    clock.set('2026-12-02T02:00:00Z');
  });
  afterAll(() => s.close());

  it('merges into another county: into a community outside the scope (the team moves, not counted), into one with a team (closed); counters exact', async () => {
    expect((await post([{ kind: '移出方案范围', code: units(Y)[1], scopeReason: '无常住人口', reason: '核实' }])).status).toBe(200);
    const res = await post([
      { kind: '合并', code: units(X)[0], target: units(Y)[1], reason: '跨县合并（测试）' },
      { kind: '合并', code: units(X)[1], target: units(Y)[0], reason: '跨县合并（测试）' },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.teams.map((t: { kind: string }) => t.kind)).toEqual(['move', 'close']);
    expect(await s.store.getTeam(units(Y)[1])).toMatchObject({ excluded: 'out-of-scope', source: 'registry:v3' });
    expect((await s.store.getTeam(units(X)[1]))!.excluded).toBe('closed');
    expect((await s.store.reconcile()).drift).toEqual([]);
    const counted = (await s.store.listAggregates()).reduce((n, a) => n + a.counters.teamsRegistered, 0);
    expect(counted).toBe(2); // X's third team and Y's first: the moved one does not count, the closed one is gone
  });

  it('a community removed and added again gets a team again, by the form and by an import (the closed record reopens)', async () => {
    const [a, b] = [units(X)[2], units(X)[3]];
    expect(
      (
        await post([
          { kind: '撤销', code: a, reason: '撤销' },
          { kind: '撤销', code: b, reason: '撤销' },
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await post([
          { kind: '新增', code: a, name: '恢复社区甲', reason: '恢复建制' },
          { kind: '新增', code: b, name: '恢复社区乙', reason: '恢复建制' },
        ])
      ).status,
    ).toBe(200);
    const saved = await s.call('PUT', `/api/communities/${a}/team`, { token: clerk, body: goodTeam() });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ version: 3 });
    expect(saved.json.excluded).toBeUndefined();
    const file = csv([teamRow(b, '恢复社区乙')]);
    const imported = await s.call('POST', `/api/counties/${X}/imports`, {
      token: clerk,
      raw: file,
      headers: { 'content-type': 'text/csv', 'idempotency-key': 'reopen-1' },
    });
    expect(imported.json.summary).toMatchObject({ created: 1, rejected: 0 });
    expect((await s.store.getTeam(b))!.excluded).toBeUndefined();
    expect((await s.store.reconcile()).drift).toEqual([]);
  });

  it('a write that fails while the version is being written gives the version up at once (nothing changed): the set can be sent again straight away', async () => {
    const rename = [{ kind: '更名', code: units(Y)[4], name: '改名社区乙', reason: '更名' }];
    let puts = 0;
    s.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand' && ++puts === 2)
          throw Object.assign(new Error('injected: a write failed'), { name: 'InternalServerError' });
        return next(args);
      },
      { step: 'initialize', name: 'failWhileWriting' },
    );
    const failed = await post(rename);
    s.raw.middlewareStack.remove('failWhileWriting');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const listed = (await s.call('GET', '/api/registry/versions', { token })).json.versions.at(-1);
    expect(listed.status).toBe('abandoned');
    expect((await s.store.getRegistry(Y))!.communities.find(([c]) => c === units(Y)[4])![1]).not.toBe('改名社区乙');
    const again = await post(rename);
    expect(again.status).toBe(200);
    expect(again.json.version).toBe(listed.version + 1);
  });

  it('a version cut off while it is being written (the function killed: nothing more runs) is abandoned by resume (nothing changed), and the set can be sent again', async () => {
    const rename = [{ kind: '更名', code: units(Y)[2], name: '改名社区', reason: '更名' }];
    let puts = 0;
    // A timeout kills the function: the write it was doing fails, and so does anything it would still have done.
    s.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if ((context.commandName === 'PutItemCommand' && ++puts >= 2) || (puts >= 2 && context.commandName === 'UpdateItemCommand'))
          throw Object.assign(new Error('injected: the function timed out'), { name: 'TimeoutError' });
        return next(args);
      },
      { step: 'initialize', name: 'cutWhileWriting' },
    );
    const cut = await post(rename);
    s.raw.middlewareStack.remove('cutWhileWriting');
    expect(cut.status).toBe(503);
    const listed = (await s.call('GET', '/api/registry/versions', { token })).json.versions.at(-1);
    expect(listed.status).toBe('preparing');
    // Meanwhile the county's list and today's figures say a newer registry is on its way.
    const applying = async () => [
      (await s.call('GET', `/api/counties/${Y}/communities`, { token })).json.registryApplying,
      (await s.call('GET', '/api/counties', { token })).json.basis.registry.applying,
    ];
    expect(await applying()).toEqual([
      { version: listed.version, since: expect.any(String) },
      { version: listed.version, since: expect.any(String) },
    ]);
    expect((await post(rename)).status).toBe(409);
    // within the 15 minutes a request may still be writing it, resume leaves it alone
    const early = await s.call('POST', `/api/registry/versions/${listed.version}/resume`, { token });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain('正在提交');
    clock.set('2026-12-02T02:16:00Z');
    const resumed = await s.call('POST', `/api/registry/versions/${listed.version}/resume`, { token });
    expect(resumed.json).toMatchObject({ abandoned: true, applied: false });
    expect(await applying()).toEqual([null, null]);
    expect((await s.store.getRegistry(Y))!.communities.find(([c]) => c === units(Y)[2])![1]).not.toBe('改名社区');
    const again = await post(rename);
    expect(again.status).toBe(200);
    expect(again.json.version).toBe(listed.version + 1);
    expect((await s.store.getRegistry(Y))!.communities.find(([c]) => c === units(Y)[2])![1]).toBe('改名社区');
  });

  it('says what is wrong with a row in English when asked, with no Chinese beyond the names', async () => {
    const english = (change: Record<string, unknown>) =>
      s.call('POST', '/api/registry/changes?dryRun=true', {
        token,
        body: { effectiveFrom: '2026-12-02', source: 'test', changes: [change] },
        headers: { 'accept-language': 'en' },
      });
    // a row that cannot apply, and one that cannot be read
    const self = await english({ kind: 'merge', code: units(Y)[6], target: units(Y)[6], reason: 'x' });
    const kind = await english({ kind: 'move', code: units(Y)[7], reason: 'x' });
    for (const res of [self, kind]) {
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/^The change set has errors in 1 of its 1 rows, and nothing was changed\. Row 1: /);
      // the sentences in English (their parameters carry both languages, for a client that renders its own)
      expect([res.json.error.message, ...res.json.error.details.map((d: { message: string }) => d.message)].join(' ')).not.toMatch(
        /\p{Script=Han}/u,
      );
    }
    expect(self.json.error.details[0].message).toBe(`Community ${units(Y)[6]} cannot be merged into itself`);
    expect(kind.json.error.details[0].message).toMatch(/^The kind of change "move" is not one of: add, remove, rename, /);
  });

  it("names the file's own row in an error, blank rows and all", async () => {
    const file = `变更类型,代码,名称,目标代码,范围原因,原因\r\n更名,${units(Y)[3]},新名,,,更名\r\n,,,,,\r\n撤销,12345,,,,错\r\n`;
    const res = await s.call('POST', '/api/registry/changes?dryRun=true&effectiveFrom=2026-12-02&source=csv', {
      token,
      raw: file,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(400);
    expect(withoutIds(res.json.error.details)).toEqual([{ field: 'row 4', message: expect.stringContaining('12 位社区代码') }]);
  });

  describe('full editions: bounded, checked like every input, answered in brief', () => {
    /** The registry in force as a full edition, its communities edited, and `grown` new ones (in new townships) added. */
    const edition = async (edit: (communities: [string, string][]) => [string, string][], grown: [string, number][] = []) => {
      const regs = await Promise.all([X, Y].map((c) => s.store.getRegistry(c)));
      const added = grown.map(([county, n]) => grow(county, n));
      return {
        counties: regs.map((r) => [r!.code, r!.name]),
        townships: [...regs.flatMap((r) => r!.townships), ...added.flatMap((a) => a.townships)],
        communities: [...edit(regs.flatMap((r) => r!.communities)), ...added.flatMap((a) => a.communities)],
      };
    };
    /** n new communities of a county, a thousand to each new township (codes 900 to 999). */
    const grow = (county: string, n: number) => {
      const communities: [string, string][] = Array.from({ length: n }, (_, i) => [
        `${county}${900 + Math.floor(i / 1000)}${String(i % 1000).padStart(3, '0')}`,
        `新村${i}`,
      ]);
      const townships: [string, string][] = [...new Set(communities.map(([c]) => c.slice(0, 9)))].map((t) => [t, `新镇${t.slice(6)}`]);
      return { townships, communities };
    };
    const compare = (body: unknown, query = 'dryRun=true&') =>
      s.call('POST', `/api/registry/changes?${query}compare=true&effectiveFrom=2026-12-02&source=new-edition`, {
        token,
        raw: JSON.stringify(body),
        headers: { 'content-type': 'application/octet-stream' },
      });
    const versions = async () => (await s.call('GET', '/api/registry/versions', { token })).text;

    it('refuses a name that is a formula, forges a line, hides its direction or runs to 5,000 characters: dry run and apply, nothing claimed', async () => {
      const before = await versions();
      for (const name of [
        '=HYPERLINK("http://evil.example/x","点击查看")',
        '兴宁社区\n450102001099,伪造社区,13900000000',
        '社区\u202E名称',
        '长'.repeat(5000),
      ]) {
        const body = await edition((list) => list.map(([code, n], i) => [code, i === 0 ? name : n]));
        for (const query of ['dryRun=true&', '']) {
          const res = await compare(body, query);
          expect(res.status, `${query} ${name.slice(0, 20)}`).toBe(400);
          expect(res.json.error.details[0].field).toBe('communities.0.1');
        }
      }
      expect(await versions()).toBe(before);
    });

    it('refuses more than 100,000 communities (a dry run of 128,400 additions answered 19.4 MB), and a county record past its item size, before anything is claimed', async () => {
      const before = await versions();
      const huge = await compare(
        await edition(
          (list) => list,
          [
            [X, 64_200],
            [Y, 64_200],
          ],
        ),
      );
      expect(huge.status).toBe(400);
      expect(huge.json.error.details[0]).toMatchObject({ field: 'communities' });
      const oneCounty = await compare(await edition((list) => list, [[X, 15_000]]), '');
      expect(oneCounty.status).toBe(400);
      expect(oneCounty.json.error.messageId).toBe('registry.county.tooLarge');
      expect(await versions()).toBe(before);
    });

    it('a dry run of 12,000 additions answers the first 200 with the totals, well under 5 MB; its change file holds every one', async () => {
      const body = await edition(
        (list) => list,
        [
          [X, 6_000],
          [Y, 6_000],
        ],
      );
      const res = await compare(body);
      expect(res.status).toBe(200);
      // 12,000 communities in 12 new townships
      expect(res.json).toMatchObject({ dryRun: true, changeCount: 12_012, changeKinds: { add: 12_012 }, shownInline: 200 });
      expect(res.json.changes).toHaveLength(200);
      expect(Buffer.byteLength(res.text)).toBeLessThan(5 * 1024 * 1024);
      const file = await compare(body, 'dryRun=true&format=xlsx&');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      const { readWorkbook } = await import('#app/xlsx.js');
      let rows = 0;
      await readWorkbook(file.bytes, () => () => {
        rows++;
        return 'more';
      });
      expect(rows).toBe(12_012 + 1); // and the header
    });

    it('a small edition’s change file reads back as the same change set', async () => {
      let renamed = '';
      const body = await edition((list) =>
        list.map(([code, n], i): [string, string] => {
          if (i === 1) renamed = code;
          return [code, i === 1 ? `${n}（新名）` : n];
        }),
      );
      const brief = await compare(body);
      expect(brief.json.changes.map((c: { kind: string; code: string }) => [c.kind, c.code])).toEqual([['rename', renamed]]);
      const file = await compare(body, 'dryRun=true&format=xlsx&');
      const back = await s.call('POST', '/api/registry/changes?dryRun=true&effectiveFrom=2026-12-02&source=change-file', {
        token,
        raw: file.bytes,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
      expect(back.status).toBe(200);
      expect(back.json.changes.map((c: { kind: string; code: string; name: string }) => [c.kind, c.code, c.name])).toEqual(
        brief.json.changes.map((c: { kind: string; code: string; name: string }) => [c.kind, c.code, c.name]),
      );
    });
  });
});
