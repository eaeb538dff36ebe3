// A province campaign (111 counties × 19 communities): drawing its sample from the registry, and
// computing its results over its 2,109 checks, each against a plain Query of the same items in the
// same run (the results read the design and every check; drawing reads each county's registry).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clockFixedAt, liveDeps, type Deps } from '#app/deps.js';
import { createCampaign, getResults, recordCheck } from '#app/campaigns.js';
import { GUANGXI_2021, GUANGXI_BOOK } from '#app/programmes.js';
import { keysFor } from '#store/keys.js';
import { benchRegistries, freshTable, median, pool, repeat, round, time, type BenchRow } from './context.js';

const keys = keysFor(GUANGXI_2021.region);

const province = { scope: { kind: 'province' as const }, user: 'bench' };

export async function benchCampaigns(): Promise<{ rows: BenchRow[]; json: unknown }> {
  const registries = benchRegistries();
  const table = async () => {
    const t = await freshTable();
    const deps: Deps = liveDeps({ store: t.deps.store, shipped: GUANGXI_BOOK, clock: clockFixedAt(new Date('2026-12-02T02:00:00Z')) });
    await deps.store.putRegistries(registries, '2026-12-02T02:00:00.000Z');
    return { t, deps };
  };
  // The tracker draws the seed itself (an organiser who could choose it could choose the sample).
  const design = { name: '基准测试检查', year: 2026, area: '45', deadline: '2026-12-31' };
  const draws: number[] = [];
  // An area has one campaign a year: each draw is timed on a table of its own, the last one kept for the results.
  let kept = await table();
  let id = '';
  for (let i = 0; i < repeat(3); i++) {
    if (i > 0) {
      await kept.t.drop();
      kept = await table();
    }
    const { deps } = kept;
    const run = await time(() => createCampaign(deps, province, design));
    draws.push(run.ms);
    id = run.value.id;
  }
  const { t, deps } = kept;
  const campaign = (await deps.store.getCampaign(id))!;
  const codes = Object.values(campaign.counties).flatMap((c) => c.sample);
  await pool(codes, 8, async (code) => {
    await recordCheck(deps, campaign, code, { method: 'visit', teamExists: false }, null, 'province/bench');
  });
  const results: number[] = [];
  const queries: number[] = [];
  for (let i = 0; i < repeat(3); i++) {
    results.push((await time(() => getResults(deps, province, id))).ms);
    queries.push(
      (
        await time(async () => {
          // the same items, read plainly: the design, and every check (not their logs) in the campaign's partition
          await deps.store.getCampaign(id);
          let start: Record<string, unknown> | undefined;
          do {
            const page = await t.doc.send(
              new QueryCommand({
                TableName: t.tableName,
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
                ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.checkPrefix },
                ExclusiveStartKey: start,
              }),
            );
            start = page.LastEvaluatedKey;
          } while (start);
        })
      ).ms,
    );
  }
  // Drawing reads each county's registry (111 GetItems) and the aggregates: its baseline is those reads alone.
  const reads = await time(() => Promise.all([deps.store.listAggregates(), ...registries.map((r) => deps.store.getRegistry(r.code))]));
  await t.drop();
  const [draw, result, query] = [median(draws), median(results), median(queries)];
  return {
    rows: [
      {
        name: `draw a province campaign (${registries.length} counties × 19 = ${codes.length} communities)`,
        value: `${round(draw)} ms (median of 3)`,
        baseline: `the registry reads alone, ${round(reads.ms)} ms`,
        ratio: round(draw / reads.ms, 2),
        target: '≤ 2 s',
      },
      {
        name: `its results over ${codes.length} checks (county classes, Wilson and stratified intervals)`,
        value: `${round(result)} ms (median of 3)`,
        baseline: `a plain Query of the same items, ${round(query)} ms`,
        ratio: round(result / query, 2),
        target: '≤ 1 s',
      },
    ],
    json: { checks: codes.length, drawMs: draws, resultsMs: results, queryMs: queries, registryReadsMs: reads.ms },
  };
}
