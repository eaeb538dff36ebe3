// A county's rosters through the live write path, against BatchWriteItem of the very items it wrote, one
// request at a time on both sides. The live path is the one a form takes today: one member a request, each a
// transaction of the membership, the person's identity item, the team's new version, its county's aggregate
// and its audit record (there is no roster import yet: this row says what one has to beat). Also the cost of
// judging a team by its roster, and the read the county page pays for its teams' roster entries.
import { clockFixedAt, liveDeps } from '#app/deps.js';
import { GUANGXI_BOOK } from '#app/programmes.js';
import { nextTeam } from '#app/teams.js';
import { identityOf } from '#core/roster.js';
import { evaluate } from '#core/rules.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty, fitToStandard } from '#local/demo.js';
import { demoRosters, settle } from '#local/demo-rosters.js';
import type { Rejudge } from '#store/roster.js';
import { benchRegistries, freshTable, round, SMOKE, time, type BenchRow } from './context.js';

const TODAY = '2026-11-20';
const KEY = new Uint8Array(32).fill(11);

export async function benchRoster(): Promise<{ rows: BenchRow[]; json: unknown }> {
  // The programme's first county (兴宁区): every team rostered, as the demo has it.
  const registry = benchRegistries().sort((a, b) => a.code.localeCompare(b.code))[0];
  const clock = clockFixedAt(new Date(`${TODAY}T04:00:00Z`));
  const prepare = async () => {
    const t = await freshTable();
    const deps = liveDeps({ store: t.deps.store, shipped: GUANGXI_BOOK, clock });
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
  const teamItems = (await live.t.scan()).filter((i) => i.type === 'team');
  const rosterBytes = teamItems.map((i) => JSON.stringify((i.team as { roster?: unknown }).roster ?? {}).length);
  const teams = await live.deps.store.listTeams(registry.code);
  const judged = await time(async () => {
    for (const team of teams) evaluate(team.team, GUANGXI_BOOK.standards[0], TODAY);
  });
  await live.t.drop();

  // The baseline: the same memberships and identity items, settled in memory, by BatchWriteItem.
  const bulk = await prepare();
  const settled = settle(bulk.members);
  const batched = await time(() => bulk.deps.store.loadRosters(settled.memberships, settled.identities));
  await bulk.t.drop();

  const n = live.members.length;
  const ratio = written.ms / batched.ms;
  const rows: BenchRow[] = [
    {
      name: `roster: ${registry.name}'s ${n} members, one a request (live path)`,
      value: `${round(written.ms / 1000)} s (${round(written.ms / n, 2)} ms a member)`,
      baseline: `BatchWriteItem of the same memberships and identities: ${round(batched.ms / 1000)} s`,
      ratio: round(ratio),
      target: 'a roster import: ≤ 2× (not built yet)',
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
  return { rows, json: { members: n, liveMs: written.ms, batchMs: batched.ms, ratio, judgeMs: judged.ms, rosterBytes } };
}
