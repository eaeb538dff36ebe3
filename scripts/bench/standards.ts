// A new standard over the whole seeded province: the preview of a draft (every team judged twice),
// and the re-evaluation of every team when it takes effect (through the one write path: team,
// audit record and county counters in one transaction per 49 teams), against BatchWriteItem of the
// very items it wrote, one request at a time on both sides.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clockFixedAt, liveDeps, type Deps } from '#app/deps.js';
import { GUANGXI_STANDARD_V1, GUANGXI_BOOK } from '#app/programmes.js';
import { applyStandardInForce } from '#app/reevaluate.js';
import { createDraft, previewStandardDraft, publishStandardDraft } from '#app/standards.js';
import { nextTeam } from '#app/teams.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty } from '#local/demo.js';
import { benchRegistries, freshTable, median, pool, repeat, round, time, type BenchRow } from './context.js';

const province = { scope: { kind: 'province' as const }, user: 'bench' };
const TODAY = '2026-11-20';

/** Guangxi v1 with 25 members and an equipment checklist: a revision a province might publish. */
function revision() {
  const { id: _id, version: _v, effectiveFrom: _e, ...doc } = GUANGXI_STANDARD_V1;
  return {
    ...doc,
    title: { zh: '八桂应急先锋社区响应队建设标准（修订）', en: 'Guangxi standard (revised)' },
    rules: [
      ...doc.rules.map((r) => (r.kind === 'min-members' ? { ...r, min: 25 } : r)),
      {
        id: 'kit',
        kind: 'checklist',
        target: 'team',
        title: { zh: '装备清单齐全', en: 'Kit complete' },
        source: { document: '基准测试', basis: 'interpretation' },
        items: [{ id: 'stretcher', label: { zh: '担架', en: 'Stretcher' } }],
        messages: { missing: { zh: '缺少{missing}', en: 'Missing {missing}' } },
      },
    ],
  };
}

export async function benchStandards(): Promise<{ rows: BenchRow[]; json: unknown }> {
  const t = await freshTable();
  let clock = clockFixedAt(new Date(`${TODAY}T04:00:00Z`));
  const deps = (): Deps => liveDeps({ store: t.deps.store, shipped: GUANGXI_BOOK, clock });
  const registries = benchRegistries();
  await t.deps.store.putRegistries(registries, clock.now().toISOString());
  let teams = 0;
  const seeding = deps();
  await pool(registries, 4, async (r) => {
    const writes = demoCounty(r, TODAY).map((d) => ({
      previous: null,
      next: nextTeam(seeding, d.communityCode, parseTeamInput(d.team, TODAY), null, { updatedBy: 'bench', source: 'seed' }),
    }));
    await t.deps.store.writeTeams(writes, clock.now().toISOString());
    teams += writes.length;
  });

  const drafting = deps();
  const draft = await createDraft(drafting, province, 'gx-2021', revision());
  const previews: number[] = [];
  let preview: Awaited<ReturnType<typeof previewStandardDraft>> | undefined;
  for (let i = 0; i < repeat(3); i++) {
    const run = await time(() => previewStandardDraft(drafting, province, 'gx-2021', String(draft.n), { asOf: '2027-01-01' }));
    previews.push(run.ms);
    preview = run.value;
  }
  await publishStandardDraft(drafting, province, 'gx-2021', String(draft.n), { effectiveFrom: '2027-01-01' });

  // The day it takes effect: every team re-evaluated (each verdict now names v2).
  const before = new Set((await t.scan({ ProjectionExpression: 'pk, sk' })).map((i) => `${i.pk}|${i.sk}`));
  clock = clockFixedAt(new Date('2027-01-01T00:10:00+08:00'));
  const day = deps();
  await day.refreshBook?.(true);
  const run = await time(() => applyStandardInForce(day));
  const all = await t.scan();
  // What it wrote: every team item (rewritten) and the new audit records; the counters ride in the same transactions.
  const written = all.filter(
    (i) => String(i.sk).startsWith('TEAM#') || (String(i.sk).startsWith('AUDIT#') && !before.has(`${i.pk}|${i.sk}`)),
  );
  await t.drop();

  const baseline = await freshTable();
  const chunks = Array.from({ length: Math.ceil(written.length / 25) }, (_, i) => written.slice(i * 25, (i + 1) * 25));
  const batch = await time(() =>
    pool(chunks, 1, async (items) => {
      let pending = items.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await baseline.doc.send(new BatchWriteCommand({ RequestItems: { [baseline.tableName]: pending } }));
        pending = (out.UnprocessedItems?.[baseline.tableName] ?? []) as typeof pending;
      }
    }),
  );
  await baseline.drop();

  const report = run.value!;
  const p = median(previews);
  return {
    rows: [
      {
        name: `preview a draft standard over the whole province (${preview!.teams} teams judged twice)`,
        value: `${round(p)} ms (median of 3; ${previews.map((x) => round(x / 1000, 2)).join(', ')} s): ${preview!.newlyFailing} would stop meeting it`,
        target: '≤ 3 s',
      },
      {
        name: `re-evaluate every team when a standard takes effect (${report.changed} of ${report.teams} changed)`,
        value: `${round(run.ms / 1000, 1)} s, ${round(report.changed / (run.ms / 1000))} teams/s`,
        baseline: `BatchWriteItem of the same ${written.length} items, one request at a time, ${round(batch.ms / 1000, 1)} s`,
        ratio: round(run.ms / batch.ms, 2),
        target: '≤ 2×',
      },
    ],
    json: {
      teams,
      previewMs: previews,
      reevaluateMs: run.ms,
      batchMs: batch.ms,
      items: written.length,
      changed: report.changed,
      newlyFailing: preview!.newlyFailing,
    },
  };
}
