// A county's rosters through the live write paths, against BatchWriteItem of the very items they wrote, one
// request at a time on the baseline's side. The form's path: one member a request, each a transaction of the
// membership, the person's identity item, the team's new version, its county's aggregate and its audit record.
// The roster import: the largest county's whole roster in one file (桂平市: a member for each member its demo
// teams typed), each team's rows one transaction. Also the cost of judging a team by its roster, and the read
// the county page pays for its teams' roster entries.
import { clockFixedAt, liveDeps } from '#app/deps.js';
import { GUANGXI_BOOK } from '#app/programmes.js';
import { nextTeam } from '#app/teams.js';
import { identityOf } from '#core/roster.js';
import { evaluate } from '#core/rules.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty, fitToStandard } from '#local/demo.js';
import { demoRosters } from '#local/demo-rosters.js';
import type { Rejudge } from '#store/roster.js';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importRoster } from '#app/roster-imports.js';
import { ROSTER_COLUMNS } from '#core/roster-rows.js';
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_IDS } from '#core/team.js';
import { benchRegistries, freshTable, round, SMOKE, time, type BenchRow } from './context.js';

const TODAY = '2026-11-20';
const KEY = new Uint8Array(32).fill(11);

export async function benchRoster(): Promise<{ rows: BenchRow[]; json: unknown }> {
  // The programme's first county (兴宁区): every team rostered, as the demo has it.
  const registry = benchRegistries().sort((a, b) => a.code.localeCompare(b.code))[0];
  const clock = clockFixedAt(new Date(`${TODAY}T04:00:00Z`));
  const prepare = async () => {
    const t = await freshTable();
    const deps = liveDeps({ store: t.deps.store, shipped: GUANGXI_BOOK, clock, identityKey: async () => KEY });
    await t.deps.store.putRegistries([registry], clock.now().toISOString());
    const standard = GUANGXI_BOOK.standards[0];
    const demo = demoCounty(registry, TODAY).map((d) => ({ ...d, team: fitToStandard(parseTeamInput(d.team, TODAY), standard) }));
    await t.deps.store.writeTeams(
      demo.map((d) => ({ previous: null, next: nextTeam(deps, d.communityCode, d.team, null, { updatedBy: 'bench', source: 'seed' }) })),
      clock.now().toISOString(),
    );
    const all = demoRosters(
      demo.filter((d) => !d.before).map((d) => ({ communityCode: d.communityCode, team: d.team, renewedThisMonth: false })),
      TODAY,
      (mobile) => identityOf(KEY, mobile),
    );
    // the smoke run (npm test) takes the first teams' members only
    return { t, deps, members: SMOKE ? all.slice(0, 150) : all };
  };

  // The live path: one member a request, in the roster's order.
  const live = await prepare();
  const rejudge: Rejudge = (team, entries) =>
    nextTeam(live.deps, team.communityCode, { ...team.team, roster: { ...team.team.roster, ...entries } }, team, {
      updatedBy: 'bench',
      source: 'roster',
    });
  const written = await time(async () => {
    for (const m of live.members) await live.deps.store.addMembership(m, rejudge);
  });
  const liveItems = await live.t.scan();
  const teamItems = liveItems.filter((i) => i.type === 'team');
  const rosterBytes = teamItems.map((i) => JSON.stringify((i.team as { roster?: unknown }).roster ?? {}).length);
  const teams = await live.deps.store.listTeams(registry.code);
  const judged = await time(async () => {
    for (const team of teams) evaluate(team.team, GUANGXI_BOOK.standards[0], TODAY);
  });
  await live.t.drop();

  // The baseline: the memberships and identity items it wrote, by BatchWriteItem.
  const batched = await batchedLoad(liveItems.filter((i) => i.type === 'membership' || i.type === 'identity'));
  const imported = await benchImport(clock);

  const n = live.members.length;
  const ratio = written.ms / batched.ms;
  const rows: BenchRow[] = [
    {
      name: `roster: ${registry.name}'s ${n} members, one a request (live path)`,
      value: `${round(written.ms / 1000)} s (${round(written.ms / n, 2)} ms a member)`,
      baseline: `BatchWriteItem of the same memberships and identities: ${round(batched.ms / 1000)} s`,
      ratio: round(ratio),
    },
    {
      name: `roster import: ${imported.county}'s ${imported.rows} rows in one file (CSV), ${imported.teams} teams`,
      value: `commit ${round(imported.commitMs / 1000)} s (${round(imported.commitMs / imported.written, 2)} ms a member written; ${imported.written} written, ${imported.refused} refused); dry run ${round(imported.dryMs / 1000)} s`,
      baseline: `BatchWriteItem of the memberships and identity items it wrote: ${round(imported.batchMs / 1000)} s`,
      ratio: round(imported.commitMs / imported.batchMs),
      target: '≤ 2×',
    },
    {
      name: `roster: judging ${teams.length} teams by their rosters`,
      value: `${round(judged.ms, 1)} ms (${round((judged.ms / teams.length) * 1000, 0)} µs a team)`,
    },
    {
      name: "roster: a team item's roster entries",
      value: `median ${Math.round(rosterBytes.sort((a, b) => a - b)[Math.floor(rosterBytes.length / 2)] / 1024)} KB, largest ${round(Math.max(...rosterBytes) / 1024)} KB (400 KB item limit)`,
    },
  ];
  return { rows, json: { members: n, liveMs: written.ms, batchMs: batched.ms, ratio, judgeMs: judged.ms, rosterBytes, imported } };
}

/** The baseline: items put 25 a request (BatchWriteItem), one request at a time, into a table of their own. */
async function batchedLoad(items: Record<string, unknown>[]): Promise<{ ms: number }> {
  const t = await freshTable();
  const result = await time(() => batchWriteAll(t.doc, t.tableName, items));
  await t.drop();
  return { ms: result.ms };
}

async function batchWriteAll(doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

/**
 * The largest county's roster as one file: for each of its demo teams a named member (simulated, phones in
 * 154) for each member it typed, by category. Dry run, then commit; then the memberships and identity items
 * the commit wrote, put again by BatchWriteItem into a fresh table.
 */
async function benchImport(clock: ReturnType<typeof clockFixedAt>) {
  const registries = benchRegistries();
  const registry = registries.reduce((a, b) => (b.communities.length > a.communities.length ? b : a));
  const t = await freshTable();
  const deps = liveDeps({ store: t.deps.store, shipped: GUANGXI_BOOK, clock, identityKey: async () => KEY });
  await t.deps.store.putRegistries([registry], clock.now().toISOString());
  const standard = GUANGXI_BOOK.standards[0];
  const demo = demoCounty(registry, TODAY)
    .map((d) => ({ ...d, team: fitToStandard(parseTeamInput(d.team, TODAY), standard) }))
    .slice(0, SMOKE ? 6 : undefined);
  await t.deps.store.writeTeams(
    demo.map((d) => ({ previous: null, next: nextTeam(deps, d.communityCode, d.team, null, { updatedBy: 'bench', source: 'seed' }) })),
    clock.now().toISOString(),
  );
  const lines = demo.flatMap((d, team) =>
    MEMBER_CATEGORY_IDS.flatMap((category) =>
      Array.from({ length: d.team.members[category] }, (_, i) => {
        const n = team * 1000 + MEMBER_CATEGORY_IDS.indexOf(category) * 100 + i;
        return [
          d.communityCode,
          '',
          `队员${n}（模拟）`,
          `154${String(n).padStart(8, '0')}`,
          MEMBER_CATEGORIES[category].zh,
          '2025-03-01',
          '2026-12-31',
          '',
        ].join(',');
      }),
    ),
  );
  const bytes = new TextEncoder().encode(`${[ROSTER_COLUMNS.map((c) => c.header).join(','), ...lines].join('\r\n')}\r\n`);
  const caller = { scope: { kind: 'county' as const, code: registry.code }, user: 'bench' };
  const dry = await time(() => importRoster(deps, caller, { countyCode: registry.code, bytes, dryRun: true, idempotencyKey: null }));
  const commit = await time(() =>
    importRoster(deps, caller, { countyCode: registry.code, bytes, dryRun: false, idempotencyKey: 'bench-roster' }),
  );
  const written = (await t.scan()).filter((i) => i.type === 'membership' || i.type === 'identity');
  await t.drop();
  const batch = await batchedLoad(written);
  return {
    county: registry.name,
    rows: lines.length,
    teams: demo.length,
    written: commit.value.summary.added,
    refused: commit.value.summary.rejected,
    dryMs: dry.ms,
    commitMs: commit.ms,
    batchMs: batch.ms,
  };
}
