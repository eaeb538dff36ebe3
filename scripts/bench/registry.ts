// A year's registry change set (200 changes over five Nanning counties, tests/helpers/registry.ts):
// applied through the one write path — the version and its changes, every team it closes or moves
// (team, audit record, county counters in one transaction per county chunk), the county registries
// and their unit counts — against BatchWriteItem of the very items it wrote, one request at a time.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clockFixedAt, liveDeps, type Deps } from '#app/deps.js';
import { GUANGXI_BOOK } from '#app/programmes.js';
import { changeRegistry } from '#app/registry-versions.js';
import { countyRegistries } from '#app/registry.js';
import { nextTeam } from '#app/teams.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty } from '#local/demo.js';
import { realisticChanges } from '#tests/helpers/registry.js';
import { freshTable, median, pool, repeat, round, time, type BenchRow } from './context.js';

const COUNTIES = ['450102', '450103', '450105', '450107', '450108'];
const province = { scope: { kind: 'province' as const }, user: 'bench' };

export async function benchRegistry(): Promise<{ rows: BenchRow[]; json: unknown }> {
  const t = await freshTable();
  const clock = clockFixedAt(new Date('2026-12-02T02:00:00Z'));
  const deps: Deps = liveDeps({ store: t.deps.store, shipped: GUANGXI_BOOK, clock });
  const registries = countyRegistries().filter((r) => COUNTIES.includes(r.code));
  await deps.store.putRegistries(registries, clock.now().toISOString());
  for (const r of registries) {
    const writes = demoCounty(r, '2026-12-02').map((d) => ({
      previous: null,
      next: nextTeam(deps, d.communityCode, parseTeamInput(d.team, '2026-12-02'), null, { updatedBy: 'bench', source: 'seed' }),
    }));
    await deps.store.writeTeams(writes, clock.now().toISOString());
  }
  const before = new Map((await t.scan()).map((i) => [`${i.pk}|${i.sk}`, JSON.stringify(i)]));
  const changes = realisticChanges(registries);
  const input = { effectiveFrom: '2026-12-01', source: 'bench', changes };
  const dry = await time(() => changeRegistry(deps, province, input, true));
  const run = await time(() => changeRegistry(deps, province, input, false));
  const recount = await time(() => deps.store.reconcile());
  if (recount.value.drift.length) throw new Error(`drift after the registry change: ${JSON.stringify(recount.value.drift)}`);
  const written = (await t.scan()).filter((i) => before.get(`${i.pk}|${i.sk}`) !== JSON.stringify(i));
  await t.drop();

  // The baseline is small (a few hundred items) and noisy: its median of three runs, each into a fresh table.
  const batches: number[] = [];
  for (let round_ = 0; round_ < repeat(3); round_++) {
    const baseline = await freshTable();
    const chunks = Array.from({ length: Math.ceil(written.length / 25) }, (_, i) => written.slice(i * 25, (i + 1) * 25));
    batches.push(
      (
        await time(() =>
          pool(chunks, 1, async (items) => {
            let pending = items.map((Item) => ({ PutRequest: { Item } }));
            while (pending.length) {
              const out = await baseline.doc.send(new BatchWriteCommand({ RequestItems: { [baseline.tableName]: pending } }));
              pending = (out.UnprocessedItems?.[baseline.tableName] ?? []) as typeof pending;
            }
          }),
        )
      ).ms,
    );
    await baseline.drop();
  }
  const batch = { ms: median(batches) };

  const applied = run.value as unknown as { teamWrites: number; closed: number };
  return {
    rows: [
      {
        name: `dry-run a registry change set (${changes.length} changes, ${dry.value.teams.length} team actions)`,
        value: `${round(dry.ms)} ms`,
        target: '≤ 3 s',
      },
      {
        name: `apply it: ${applied.teamWrites} team writes (${applied.closed} closed), ${COUNTIES.length} county registries and counters`,
        value: `${round(run.ms)} ms; recount after: drift 0 (${round(recount.ms)} ms)`,
        baseline: `BatchWriteItem of the same ${written.length} items, one request at a time, ${round(batch.ms)} ms (median of 3)`,
        ratio: round(run.ms / batch.ms, 2),
        target: '≤ 3×',
      },
    ],
    json: {
      changes: changes.length,
      teamWrites: applied.teamWrites,
      closed: applied.closed,
      dryRunMs: dry.ms,
      applyMs: run.ms,
      recountMs: recount.ms,
      batchMs: batch.ms,
      items: written.length,
    },
  };
}
