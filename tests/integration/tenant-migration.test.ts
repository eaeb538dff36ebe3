// A table written before the tenant keys moves under them: every answer of the API is the same bytes
// before and after, a run cut short resumes, and a second run finds nothing to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runDaily } from '#app/daily.js';
import { seedIfEmpty } from '#local/seed.js';
import { moveToTenantKeys } from '#app/tenant-keys.js';
import { tenantKeyOf } from '#store/tenant-migration.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { testServer } from '#tests/helpers/server.js';

const COUNTIES = ['450102', '450103', '451026'];
const NOW = '2026-11-20T04:00:00Z';

async function scanAll(doc: DynamoDBDocumentClient, TableName: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * The table as the code before the tenant keys wrote it, written here by hand from the old key layout
 * (docs/data-model.md's history): `P#45#AGGREGATE` was `AGGREGATE`, `P#45#REPORTS#2026-10` was
 * `REPORTS#2026-10`, and a team's `P#45#LAPSE#4501#2026-12` on the lapse index was `LAPSE#2026-12`.
 */
async function asBeforeTenantKeys(doc: DynamoDBDocumentClient, TableName: string): Promise<number> {
  let changed = 0;
  for (const item of await scanAll(doc, TableName)) {
    const pk = String(item.pk);
    const lapse = typeof item.lapsePk === 'string' ? /^P#45#LAPSE#\d{4}#(\d{4}-\d{2})$/.exec(item.lapsePk) : null;
    if (pk.startsWith('P#45#')) {
      await doc.send(new PutCommand({ TableName, Item: { ...item, pk: pk.slice('P#45#'.length) } }));
      await doc.send(new DeleteCommand({ TableName, Key: { pk, sk: item.sk } }));
      changed++;
    } else if (lapse) {
      await doc.send(new PutCommand({ TableName, Item: { ...item, lapsePk: `LAPSE#${lapse[1]}` } }));
      changed++;
    }
  }
  return changed;
}

describe('moving a single-programme table to the tenant keys', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  let province: string;
  let county: string;

  // What the offices read: every list and figure the shared partitions hold, as the root office and as a county.
  const answers = async () => {
    const reads: [string, string][] = [
      ['/api/programme', province],
      ['/api/counties', province],
      ['/api/counties?month=2025-12', province],
      ['/api/trend', province],
      ['/api/trend?area=450102', county],
      ['/api/reports/2026-10', province],
      ['/api/counties/450102/reports', county],
      ['/api/campaigns', province],
      ['/api/recipients', province],
      ['/api/registry/versions', province],
      ['/api/standards', province],
      ['/api/counties/450102', county],
      ['/api/counties/450102/communities', county],
      ['/api/province/annual/2025', province],
      ['/api/summaries/2026-10', province],
      ['/api/summaries/2026-10?scope=county:450102', county],
    ];
    const out: string[] = [];
    for (const [path, token] of reads) {
      const r = await t.call('GET', path, { token });
      out.push(`${path} ${r.status} ${r.text}`);
    }
    return out;
  };

  beforeAll(async () => {
    t = await testServer({ counties: COUNTIES, clock: fixedClock(NOW) });
    // A table from before the tenant keys held no rosters (they came after): seeded without the identity key, it has none.
    await seedIfEmpty({ ...t.deps, identityKey: undefined }, undefined, { counties: COUNTIES });
    await runDaily(t.deps);
    province = await t.tokenFor('province');
    county = await t.tokenFor('county:450102');
    expect((await t.call('PUT', '/api/recipients/county:450102', { token: province, body: { emails: ['clerk@example.cn'] } })).status).toBe(
      200,
    );
  }, 300_000);
  afterAll(() => t?.close());

  it('answers the same bytes after the move, resumes a run cut short, and skips once done', async () => {
    const before = await answers();
    expect(before.every((a) => / 200 /.test(a))).toBe(true);

    const legacy = await asBeforeTenantKeys(t.doc, t.tableName);
    expect(legacy).toBeGreaterThan(50);
    // Read with the tenant keys, the old table is another programme's: the figures are not there.
    expect(await answers()).not.toEqual(before);

    // Cut short after three steps: some items moved, the rest still where they were; nothing lost either way.
    const cut = await moveToTenantKeys(t.deps, { stopAfter: 3 });
    expect(cut.moved + cut.relapsed).toBeGreaterThan(0);
    const mid = await scanAll(t.doc, t.tableName);
    expect(mid.filter((i) => tenantKeyOf(i as { pk: unknown }, '45')).length).toBeGreaterThan(0);

    const rest = await moveToTenantKeys(t.deps);
    expect(rest.skipped).toBe(false);
    expect(cut.moved + rest.moved + cut.relapsed + rest.relapsed).toBe(legacy);
    const after = await scanAll(t.doc, t.tableName);
    expect(after.filter((i) => tenantKeyOf(i as { pk: unknown }, '45'))).toEqual([]);
    expect(after.filter((i) => /^(AGGREGATE|SNAPSHOT|BOOK|REGISTRY|RUNS|RECIPIENTS|REPORTS#|MAIL#|ANNUAL#)/.test(String(i.pk)))).toEqual(
      [],
    );

    expect(await answers()).toEqual(before);
    expect(await moveToTenantKeys(t.deps)).toMatchObject({ skipped: true, moved: 0 });
    // old functions' writes during the deploy, after their records moved (a run, a team's old lapse key): the
    // deploy's move is done, so it skips them; the first daily job sweeps them once, and later ones skip
    await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { pk: 'RUNS', sk: 'lapse#2026-11-20', type: 'run', at: NOW } }));
    const team = after.find((i) => typeof i.lapsePk === 'string')!;
    await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...team, lapsePk: 'LAPSE#2027-03' } }));
    expect(await moveToTenantKeys(t.deps)).toMatchObject({ skipped: true });
    expect((await runDaily(t.deps)).swept).toMatchObject({ skipped: false, moved: 1, relapsed: 1, conflicts: [] });
    expect((await runDaily(t.deps)).swept).toMatchObject({ skipped: true });
    const swept = await scanAll(t.doc, t.tableName);
    expect(swept.filter((i) => i.pk === 'RUNS' || /^LAPSE#/.test(String(i.lapsePk)))).toEqual([]);
    // and a person may force a scan at any time
    expect(await moveToTenantKeys(t.deps, { mode: 'force' })).toMatchObject({ skipped: false, moved: 0, conflicts: [] });
  }, 300_000);

  it('leaves a record whose new key holds one already, moves the rest, and says which; the next run finishes once it is settled', async () => {
    const { doc, tableName } = t;
    const put = (Item: Record<string, unknown>) => doc.send(new PutCommand({ TableName: tableName, Item }));
    await put({ pk: 'RECIPIENTS', sk: 'county:450103', type: 'recipients', emails: ['old@example.cn'] });
    await put({ pk: 'P#45#RECIPIENTS', sk: 'county:450103', type: 'recipients', emails: ['new@example.cn'] });
    await put({ pk: 'RECIPIENTS', sk: 'city:4503', type: 'recipients', emails: ['city@example.cn'] });
    await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'P#45#META', sk: 'TENANT-KEYS' } }));
    const first = await moveToTenantKeys(t.deps);
    expect(first).toMatchObject({ moved: 1, conflicts: ['RECIPIENTS|county:450103'] });
    const kept = (await scanAll(doc, tableName)).filter((i) => ['county:450103', 'city:4503'].includes(String(i.sk)));
    expect(kept.map((i) => `${i.pk} ${i.sk} ${(i.emails as string[])[0]}`).sort()).toEqual([
      'P#45#RECIPIENTS city:4503 city@example.cn',
      'P#45#RECIPIENTS county:450103 new@example.cn',
      'RECIPIENTS county:450103 old@example.cn',
    ]);
    // not marked done: the next run tries again, and once a person has settled it, finishes
    await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'RECIPIENTS', sk: 'county:450103' } }));
    expect(await moveToTenantKeys(t.deps)).toMatchObject({ skipped: false, moved: 0, conflicts: [] });
    expect(await moveToTenantKeys(t.deps)).toMatchObject({ skipped: true });
  });

  it("refuses to move an old table whose counties are another programme's, moving nothing", async () => {
    const { doc, tableName } = t;
    await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'AGGREGATE', sk: 'COUNTY#331181', type: 'aggregate' } }));
    await expect(moveToTenantKeys(t.deps, { mode: 'force' })).rejects.toThrow(/331181/);
    expect((await scanAll(doc, tableName)).filter((i) => i.pk === 'AGGREGATE')).toHaveLength(1);
    await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'AGGREGATE', sk: 'COUNTY#331181' } }));
  });
});
