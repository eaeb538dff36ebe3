// The demo's rosters read true: in the programme's first and largest counties, most teams have a named roster
// that judges them exactly as their typed counts do; names say 模拟, mobiles are in the 154 block no operator
// holds; some persons are on two rosters, some phones are shared under another name, some members have left.
import { describe, expect, it } from 'vitest';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { countyRegistries } from '#app/registry.js';
import { evaluate } from '#core/rules.js';
import { identityOf } from '#core/roster.js';
import { activeOn, membersOn } from '#core/roster-counts.js';
import { logOf, type ActivityEvent } from '#core/activity.js';
import { demoActivity } from '#local/demo-activity.js';
import { parseTeamInput } from '#core/team.js';
import { demoCounty, fitToStandard } from '#local/demo.js';
import { demoRosters, rosterScope, settle } from '#local/demo-rosters.js';
import { TEST_IDENTITY_KEY } from '#tests/helpers/stack.js';

const TODAY = '2026-11-20';
const registries = countyRegistries();
const scope = rosterScope(registries);
const personOf = (mobile: string) => identityOf(TEST_IDENTITY_KEY, mobile);

function rostersOf(code: string) {
  const registry = registries.find((r) => r.code === code)!;
  const teams = demoCounty(registry, TODAY)
    .filter((d) => scope.get(code)!(d.communityCode))
    .map((d) => ({ ...d, team: fitToStandard(d.team, GUANGXI_STANDARD_V1) }));
  const input = teams.map((d) => ({ communityCode: d.communityCode, team: d.team, renewedThisMonth: Boolean(d.before) }));
  return { teams, memberships: demoRosters(input, TODAY, personOf) };
}

describe('the demo’s rosters', () => {
  it('are kept in the first county by code, and in the first three townships of the largest: 兴宁区 and 桂平市 in Guangxi', () => {
    expect([...scope.keys()].sort()).toEqual(['450102', '450881']);
    const guiping = registries.find((r) => r.code === '450881')!;
    const kept = guiping.communities.filter(([c]) => scope.get('450881')!(c)).map(([c]) => c.slice(0, 9));
    expect(new Set(kept).size).toBe(3);
    expect(registries.find((r) => r.code === '450102')!.communities.every(([c]) => scope.get('450102')!(c))).toBe(true);
    const one = rosterScope([{ code: '331181', communities: [['331181001001'], ['331181002001']] }]);
    expect([...one.keys()]).toEqual(['331181']);
    expect(one.get('331181')!('331181002001')).toBe(true);
    expect(rosterScope([]).size).toBe(0);
  });

  for (const code of ['450102', '450881'])
    it(`judge every team of ${code} as its typed counts do, with duplicates, suspected duplicates and leavers on them`, () => {
      const { teams, memberships } = rostersOf(code);
      const { memberships: settled, rosters } = settle(memberships);
      const logged: ActivityEvent[] = [];
      // most teams on a roster, some still on typed counts
      expect(rosters.size / teams.length).toBeGreaterThan(0.6);
      expect(rosters.size).toBeLessThan(teams.length);
      for (const d of teams) {
        const roster = rosters.get(d.communityCode);
        if (!roster) continue;
        const typed = parseTeamInput(d.team, TODAY);
        const byRoster = { ...typed, roster };
        const [a, b] = [evaluate(typed, GUANGXI_STANDARD_V1, TODAY), evaluate(byRoster, GUANGXI_STANDARD_V1, TODAY)];
        expect(b.meetsStandard, d.communityCode).toBe(a.meetsStandard);
        expect(b.failed.map((f) => f.ruleId)).toEqual(a.failed.map((f) => f.ruleId));
        expect(membersOn(byRoster, TODAY)).toBeGreaterThanOrEqual(membersOn(typed, TODAY));
        // and its log: the same verdict, holding as long
        const events = demoActivity(
          d.communityCode,
          d.team,
          settled.filter((m) => m.community === d.communityCode),
          TODAY,
        );
        const log = logOf(events, TODAY);
        const c = evaluate({ ...byRoster, ...(log ? { log } : {}) }, GUANGXI_STANDARD_V1, TODAY);
        expect([c.meetsStandard, c.holdsUntil, c.failed.map((f) => f.ruleId)], d.communityCode).toEqual([
          b.meetsStandard,
          b.holdsUntil,
          b.failed.map((f) => f.ruleId),
        ]);
        // each member named was on the team that day
        const on = new Map(settled.map((m) => [m.id, m]));
        for (const e of events)
          expect(
            e.attendees.every((id) => activeOn(on.get(id)!, e.date)),
            e.id,
          ).toBe(true);
        logged.push(...events);
      }
      expect(new Set(logged.map((e) => e.kind))).toEqual(new Set(['training', 'drill', 'callout', 'service']));
      expect(logged.every((e) => e.title.endsWith('（模拟）'))).toBe(true);
      const standings = settled.map((m) => m.standing);
      for (const s of ['counts', 'duplicate', 'suspected', 'unchecked']) expect(standings, s).toContain(s);
      expect(settled.some((m) => m.left !== null)).toBe(true);
      expect(settled.every((m) => m.name.endsWith('（模拟）'))).toBe(true);
      expect(settled.every((m) => m.mobile === null || /^154\d{8}$/.test(m.mobile))).toBe(true);
      // the same teams and day give the same rosters
      expect(rostersOf(code).memberships).toEqual(memberships);
    });

  it('put the demo’s leaders in the 154 block too', () => {
    const teams = demoCounty(registries[0], TODAY);
    expect(teams.every((t) => /^154\d{8}$/.test(t.team.leader.phone))).toBe(true);
  });
});
