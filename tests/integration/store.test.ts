import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#app/caller.js';
import { saveTeam } from '#app/teams.js';
import { ConflictError } from '#core/errors.js';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keysFor } from '#store/keys.js';
import { testStack, goodTeam } from '#tests/helpers/stack.js';

const keys = keysFor('45');

const county = '450102'; // 兴宁区
const province: Caller = { scope: { kind: 'province' }, user: 'test' };

describe('store on DynamoDB Local', () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  let communities: string[];
  beforeAll(async () => {
    stack = await testStack({ counties: [county, '450103'] });
    communities = stack.registries.find((r) => r.code === county)!.communities.map(([c]) => c);
  });

  it('20 parallel writers on one county end with aggregates equal to a recount', async () => {
    const { deps, store } = stack;
    const targets = communities.slice(0, 10);
    // Each writer creates or updates teams, racing the others; a conflict is retried from a fresh read.
    const writer = async (w: number) => {
      let conflicts = 0;
      for (let i = 0; i < 6; i++) {
        const code = targets[(w + i) % targets.length];
        // 19 to 27 members, every one insured
        const body = goodTeam({
          members: { ...goodTeam().members, volunteers: (w + i) % 9 },
          insuredMembers: 19 + ((w + i) % 9),
          equipment: (w + i) % 4 !== 0,
        });
        for (;;) {
          const current = await store.getTeam(code);
          try {
            await saveTeam(deps, province, code, body, current?.version ?? null);
            break;
          } catch (e) {
            if (!(e instanceof ConflictError)) throw e;
            conflicts += 1;
          }
        }
      }
      return conflicts;
    };
    const conflicts = await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
    const report = await store.reconcile();
    expect(report.drift).toEqual([]);
    const agg = await store.getAggregate(county);
    expect(agg!.counters.teamsRegistered).toBe(10);
    const teams = await store.listTeams(county);
    expect(teams.reduce((s, t) => s + t.version, 0)).toBe(20 * 6); // every accepted write is one version step
    expect(conflicts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0); // the race really happened
  });

  it('the audit trail is append-only: a team version whose record already exists is not written, and the record stands', async () => {
    const { deps, store, doc } = stack;
    const code = communities[21];
    const first = await saveTeam(deps, province, code, goodTeam(), null);
    // A record for version 2 already there (as if written before): the transaction that would write version 2 must not replace it.
    const planted = {
      ...keys.audit(code, first.version + 1),
      type: 'audit',
      communityCode: code,
      version: first.version + 1,
      at: '2026-01-01T00:00:00.000Z',
      by: 'planted',
      source: 'form',
      changes: [],
    };
    await doc.send(new PutCommand({ TableName: store.auditTableName, Item: planted }));
    const before = { team: await store.getTeam(code), agg: await store.getAggregate(county) };
    await expect(saveTeam(deps, province, code, goodTeam({ name: '第二版' }), first.version)).rejects.toThrow();
    expect(await store.getTeam(code)).toEqual(before.team);
    expect(await store.getAggregate(county)).toEqual(before.agg);
    expect((await doc.send(new GetCommand({ TableName: store.auditTableName, Key: keys.audit(code, first.version + 1) }))).Item).toEqual(
      planted,
    );
    // Audit records live in their own table, none beside the teams.
    const beside = await doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(county), ':a': keys.auditPartitionPrefix },
      }),
    );
    expect(beside.Items).toEqual([]);
    expect((await store.listHistory(code)).map((h) => h.by)).toEqual(['planted', first.updatedBy]);
  });

  it('a stale version is refused with ConflictError and nothing changes', async () => {
    const { deps, store } = stack;
    const code = communities[20];
    const first = await saveTeam(deps, province, code, goodTeam(), null);
    await saveTeam(deps, province, code, goodTeam({ name: '第二版' }), first.version);
    const before = { team: await store.getTeam(code), agg: await store.getAggregate(county) };
    const stale = saveTeam(deps, province, code, goodTeam({ name: '过时的修改', equipment: false }), first.version);
    await expect(stale).rejects.toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect(await store.getTeam(code)).toEqual(before.team);
    expect(await store.getAggregate(county)).toEqual(before.agg);
  });

  it('a county with more than 99 teams in one write is split into transactions and stays exact', async () => {
    const { deps, store } = stack;
    const { nextTeam } = await import('#app/teams.js');
    const other = stack.registries.find((r) => r.code === '450103')!.communities; // 青秀区: 119
    expect(other.length).toBeGreaterThan(99);
    const writes = other.map(([code], i) => ({
      previous: null,
      next: nextTeam(deps, code, goodTeam({ equipment: i % 3 !== 0 }), null, { updatedBy: 'test', source: 'test' }),
    }));
    await store.writeTeams(writes, new Date().toISOString());
    const agg = await store.getAggregate('450103');
    const withoutEquipment = Math.ceil(other.length / 3);
    expect(agg!.counters).toMatchObject({ teamsRegistered: other.length, teamsMeetingStandard: other.length - withoutEquipment });
    expect(agg!.counters.failures.equipment).toBe(withoutEquipment);
    expect((await store.reconcile()).drift).toEqual([]);
  });

  it('reconciliation reports drift when an aggregate no longer matches its teams', async () => {
    const { doc, tableName, store } = stack;
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.aggregate(county),
        UpdateExpression: 'ADD teamsRegistered :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    const report = await store.reconcile();
    expect(report.drift).toHaveLength(1);
    expect(report.drift[0]).toMatchObject({ countyCode: county, difference: { teamsRegistered: 1 } });
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.aggregate(county),
        UpdateExpression: 'ADD teamsRegistered :m',
        ExpressionAttributeValues: { ':m': -1 },
      }),
    );
    expect((await store.reconcile()).drift).toEqual([]);
  });

  it("the verdict's last valid day is indexed for the daily lapse job", async () => {
    const { raw, tableName } = stack;
    const { QueryCommand } = await import('@aws-sdk/client-dynamodb');
    const code = communities[30];
    await saveTeam(stack.deps, province, code, goodTeam({ insuranceExpiresOn: '2023-09-10' }), null);
    const out = await raw.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'lapse',
        KeyConditionExpression: 'lapsePk = :m AND lapseSk <= :d',
        ExpressionAttributeValues: { ':m': { S: keys.lapsePartition(code.slice(0, 4), '2023-09') }, ':d': { S: '2023-09-10#~' } },
      }),
    );
    // the policy covers its last day, 2023-09-10: the verdict holds through it
    expect(out.Items?.map((i) => i.lapseSk.S)).toContain(`2023-09-10#${code}`);
  });
});
