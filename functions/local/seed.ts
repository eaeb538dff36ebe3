// Loads the registry and, on an empty table, the simulated demo history through the one write path.
import { message, noteOf } from '#core/messages/index.js';
import { countyRegistries, registrySource, withDemoScope } from '#app/registry.js';
import { inScope } from '#core/registry.js';
import { nextTeam } from '#app/teams.js';
import { clockFixedAt, firstDay, inForce, programmeAt, rootArea, today, type Deps } from '#app/deps.js';
import { standardRef } from '#core/standard.js';
import { demoCounty, demoReports, demoFigures, fitToStandard } from './demo.js';
import { seedDemoCampaigns } from './demo-campaigns.js';
import { addMonthsToMonth, monthEnd, monthOf, monthRange } from '#core/dates.js';
import type { AreaFigures } from '#core/snapshot.js';
import { parseTeamInput, type TeamInput } from '#core/team.js';
import { identityOf } from '#core/roster.js';
import type { JudgedTeam } from '#core/roster-counts.js';
import { demoRosters, rosterScope, settle } from './demo-rosters.js';
import { demoActivity } from './demo-activity.js';
import { logOf } from '#core/practices.js';
import type { StoredTeam } from '#store/store.js';

export interface SeedProgress {
  counties: number;
  of: number;
  teams: number;
}

export async function seedIfEmpty(
  deps: Deps,
  onProgress: (p: SeedProgress) => void = () => {},
  /** `counties`: only these (a benchmark's smoke run); by default every county of the registry. */
  options: { demo?: boolean; concurrency?: number; counties?: string[] } = {},
) {
  const { demo: withDemo = true, concurrency = 6, counties } = options;
  const meta = await deps.store.getMeta();
  if (meta?.seededAt) {
    await keepFirstRegistryVersion(deps);
    return { seeded: false, counties: 0, teams: 0, months: 0 };
  }
  // Every demo team is written at one instant, the seed's: however long seeding takes, no team of
  // the demo lands on the far side of a midnight it happened to run across.
  const seedClock = clockFixedAt(deps.clock.now());
  deps = { ...deps, clock: seedClock };
  // The demo's programme scope is simulated (core/registry.ts simulatedScope); a real deployment counts every unit until the province says otherwise.
  const all = countyRegistries(rootArea(deps).code);
  const registries = (withDemo ? withDemoScope(all, programmeAt(deps, firstDay(deps)).plannedCommunities) : all).filter(
    (r) => !counties || counties.includes(r.code),
  );
  const now = seedClock.now().toISOString();
  // The demo's rosters (模拟) in a few counties, where the deployment has its identity key.
  const identityKey = withDemo && deps.identityKey ? await deps.identityKey() : null;
  const rosterable = identityKey ? rosterScope(registries) : new Map<string, (communityCode: string) => boolean>();
  await deps.store.putRegistries(registries, now, { source: registrySource, effectiveFrom: firstDay(deps), simulated: withDemo });
  const asOf = today(deps.clock);
  let done = 0;
  let teams = 0;
  // Month-end history from the programme's first month to the last month that has ended.
  const months = withDemo ? monthRange(monthOf(firstDay(deps)), addMonthsToMonth(monthOf(asOf), -1)) : [];
  const history = new Map<string, Record<string, AreaFigures>>(months.map((m) => [m, {}]));
  const queue = [...registries];
  /** Each team as the seed left it, for the demo's campaign checks (read back from the table, they would cost a read each). */
  const seeded = new Map<string, StoredTeam>();
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const counted = { ...r, communities: inScope(r) };
      // The story is the plan's; the teams also carry what the programme's own standard asks for.
      const standard = inForce(deps).ruleSet;
      const demo = (withDemo ? demoCounty(counted, asOf) : []).map((d) => ({
        ...d,
        team: fitToStandard(d.team, standard),
        ...(d.before ? { before: fitToStandard(d.before, standard) } : {}),
      }));
      for (const m of months)
        history.get(m)![r.code] = { communities: counted.communities.length, counters: demoFigures(demo, monthEnd(m)) };
      const audit = { updatedBy: 'seed/demo', source: 'seed', demo: true };
      const mayKeep = rosterable.get(r.code);
      const rostered = mayKeep
        ? settle(
            demoRosters(
              demo
                .filter((d) => mayKeep(d.communityCode))
                .map((d) => ({ communityCode: d.communityCode, team: d.team, renewedThisMonth: Boolean(d.before) })),
              asOf,
              (mobile) => identityOf(identityKey!, mobile),
            ),
          )
        : null;
      // each team with a roster keeps a log too: its typed practices with the members who took part, and more
      const logs = new Map(
        demo.flatMap(({ communityCode, team }) => {
          const members = rostered?.memberships.filter((m) => m.community === communityCode) ?? [];
          return members.length ? [[communityCode, demoActivity(communityCode, team, members, asOf)] as const] : [];
        }),
      );
      const withRoster = (communityCode: string, team: TeamInput): JudgedTeam => {
        const roster = rostered?.rosters.get(communityCode);
        const log = logOf(logs.get(communityCode) ?? [], asOf);
        return roster ? { ...team, roster, ...(log ? { log } : {}) } : team;
      };
      // A team that renewed earlier this month is written as it stood before, then renewed: its history shows the renewal.
      const first = demo.map(({ communityCode, team, before }) => ({
        previous: null,
        next: nextTeam(deps, communityCode, withRoster(communityCode, parseTeamInput(before ?? team, asOf)), null, audit),
      }));
      await deps.store.writeTeams(first, now);
      if (rostered) await deps.store.loadRosters(rostered.memberships, rostered.identities);
      if (logs.size) await deps.store.loadActivity([...logs.values()].flat());
      const renewed = demo.flatMap(({ communityCode, team, before }, i) =>
        before
          ? [
              {
                previous: first[i].next,
                next: {
                  ...nextTeam(deps, communityCode, parseTeamInput(team, asOf), first[i].next, audit),
                  ...noteOf(message('note.demo.renewal')),
                },
              },
            ]
          : [],
      );
      if (renewed.length) await deps.store.writeTeams(renewed, now);
      for (const w of [...first, ...renewed]) seeded.set(w.next.communityCode, w.next);
      done += 1;
      teams += first.length;
      onProgress({ counties: done, of: registries.length, teams });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // The rest is independent of itself, and goes side by side (the campaigns' checks take the longest).
  const reporting = inForce(deps).reporting;
  await Promise.all([
    // Demo recipients on the reserved example.com domain: one per scope, 126 in all.
    (async () => {
      const scopes = ['province', ...new Set(registries.map((r) => `city:${r.cityCode}`)), ...registries.map((r) => `county:${r.code}`)];
      for (const scope of scopes) await deps.store.putRecipients(scope, [`${scope.replace(':', '-')}@example.com`], 'seed/demo', now);
    })(),
    // Simulated monthly reports since reporting began (the seeding's own writes report nothing).
    withDemo && reporting
      ? deps.store.putDemoReports(registries.flatMap((r) => demoReports(r.code, reporting.from, asOf, reporting.deadlineDay, now)))
      : null,
    // The demo's supervision: a finished 2025 campaign and an open 2026 one, half done (模拟演示数据).
    withDemo ? seedDemoCampaigns(deps, seeded) : null,
    // The demo's past months are told from the stories (no write-path history lies behind them).
    (async () => {
      for (const [month, counties] of history) await deps.store.putSnapshot({ month, counties, version: 1, source: 'seed', takenAt: now });
    })(),
  ]);
  // Every seeded verdict is under the standard in force today: nothing for the daily job to re-apply.
  await deps.store.setApplied(standardRef(inForce(deps).ruleSet), now);
  await deps.store.putMeta({ seededAt: now, demo: withDemo, demoAsOf: asOf });
  return { seeded: true, counties: registries.length, teams, months: months.length };
}

/** Data seeded before the registry was versioned: its registry, as the table holds it, becomes version 1. */
async function keepFirstRegistryVersion(deps: Deps): Promise<void> {
  if ((await deps.store.listRegistryVersions()).some((v) => v.status === 'applied')) return;
  const registries = (await Promise.all((await deps.store.listAggregates()).map((a) => deps.store.getRegistry(a.code)))).filter(
    (r) => r !== null,
  );
  if (registries.length)
    await deps.store.putRegistries(registries, deps.clock.now().toISOString(), {
      source: `${registrySource}（版本记录之前载入）`,
      effectiveFrom: firstDay(deps),
    });
}
