// The simulated history reads true: build-out along the plan's milestones, then coverage held around
// 95–99 % with visible churn (late renewals, a few teams lost); today's teams are what the story says;
// the same date gives the same teams.
import { describe, expect, it } from 'vitest';
import { GUANGXI_STANDARD_V1, SHIPPED_BOOK } from '#app/programmes.js';
import { countyRegistries } from '#app/registry.js';
import { addDays, monthEnd, monthRange } from '#core/dates.js';
import { evaluate } from '#core/rules.js';
import { parseTeamInput } from '#core/team.js';
import { reportStatus } from '#core/reporting.js';
import { demoCounty, demoFigures, demoReports, fitToStandard } from '#local/demo.js';

const TODAY = '2026-11-20';
const registries = countyRegistries();
const province = registries.map((r) => ({ r, teams: demoCounty(r, TODAY) }));
const communities = registries.reduce((n, r) => n + r.communities.length, 0);
const coverageAt = (day: string) => province.reduce((n, { teams }) => n + demoFigures(teams, day).teamsMeetingStandard, 0) / communities;

describe('the simulated history', () => {
  it("meets the plan's milestones at its year ends, then holds between 95 % and 99 % every month of 2024–2026", () => {
    expect(coverageAt('2021-12-31')).toBeGreaterThanOrEqual(0.5);
    expect(coverageAt('2022-12-31')).toBeGreaterThanOrEqual(0.8);
    const held = monthRange('2024-01', '2026-10').map((m) => coverageAt(monthEnd(m)));
    expect(Math.min(...held)).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...held)).toBeLessThanOrEqual(0.99);
  });

  it('has churn: late renewals that recover, teams lost for good, and counties below the 95 % target', () => {
    const gaps = province.flatMap(({ teams }) => teams.flatMap((t) => t.story.gaps));
    expect(gaps.filter((g) => g.to !== null && g.from >= '2024-01-01').length).toBeGreaterThan(1000);
    expect(gaps.filter((g) => g.to === null).length).toBeGreaterThan(50);
    const below = province.filter(({ r, teams }) => demoFigures(teams, TODAY).teamsMeetingStandard / r.communities.length < 0.95);
    expect(below.length).toBeGreaterThan(5);
    expect(below.length).toBeLessThan(40);
  });

  it("today's team is what its story says, judged by the standard; the renewals and lapses of the last days show", () => {
    let lapsed = 0;
    let due = 0;
    for (const { teams } of province) {
      for (const t of teams) {
        const team = parseTeamInput(t.team, TODAY);
        const v = evaluate(team, GUANGXI_STANDARD_V1, TODAY);
        expect(v.meetsStandard).toBe(demoFigures([t], TODAY).teamsMeetingStandard === 1);
        if (!v.meetsStandard && evaluate(team, GUANGXI_STANDARD_V1, addDays(TODAY, -30)).meetsStandard) lapsed += 1;
        if (v.meetsStandard && v.holdsUntil! <= addDays(TODAY, 30)) due += 1;
      }
    }
    expect(lapsed).toBeGreaterThan(20);
    expect(due).toBeGreaterThan(500);
    const renewed = province.flatMap(({ teams }) => teams.filter((t) => t.before));
    expect(renewed.length).toBeGreaterThan(100); // renewed between 1 and 20 November
    for (const t of renewed) expect(t.before!.insuranceExpiresOn! < t.team.insuranceExpiresOn!).toBe(true);
  });

  it("fits a team to another programme's standard (龙泉市's 1+1+N and 六个有), and leaves a Guangxi team as it is", () => {
    const longquan = SHIPPED_BOOK.standards.find((x) => x.id === 'longquan-2022')!;
    const [registry] = countyRegistries('331181');
    const teams = demoCounty(registry, TODAY);
    expect(teams.length).toBeGreaterThan(150);
    let meeting = 0;
    for (const t of teams) {
      const fitted = parseTeamInput(fitToStandard(t.team, longquan), TODAY);
      expect(fitted.roles).toEqual({ workGroup: 1, manager: 1, gridWorker: 3 });
      expect(Object.values(fitted.checklist ?? {})).toEqual([true, true, true, true, true, true]);
      // what the story says of the insurance still decides: a team whose policy lapsed falls short
      if (evaluate(fitted, longquan, TODAY).meetsStandard) meeting += 1;
    }
    expect(meeting / teams.length).toBeGreaterThan(0.8);
    for (const { teams: gx } of province.slice(0, 3))
      for (const t of gx) expect(fitToStandard(t.team, GUANGXI_STANDARD_V1)).toEqual(t.team);
  });

  it("is deterministic, keeps the brand in every team's name, and labels nothing as real", () => {
    expect(demoCounty(registries[0], TODAY)).toEqual(province[0].teams);
    for (const { teams } of province.slice(0, 10)) for (const t of teams) expect(t.team.name).toMatch(/八桂应急先锋社区响应队$/);
  });

  it('reports most months on time since reporting began, some late, a few missed; this month only what was done by today', () => {
    const rules = { deadlineDay: 25, remindDaysBefore: 3, from: '2024-06' };
    const all = registries.map((r) => ({ code: r.code, reports: demoReports(r.code, rules.from, TODAY, 25) }));
    expect(demoReports(registries[0].code, rules.from, TODAY, 25)).toEqual(all[0].reports);
    const past = monthRange('2024-06', '2026-10');
    const statuses = all.flatMap(({ reports }) =>
      past.map((m) =>
        reportStatus(
          reports.find((x) => x.month === m),
          m,
          rules,
          '2026-11-20T00:00:00Z',
        ),
      ),
    );
    const share = (s: string) => statuses.filter((x) => x === s).length / statuses.length;
    expect(share('reported') + share('confirmed')).toBeGreaterThan(0.8);
    expect(share('confirmed')).toBeGreaterThan(0.1);
    expect(share('late')).toBeGreaterThan(0.03);
    expect(share('overdue')).toBeGreaterThan(0.01);
    expect(share('overdue')).toBeLessThan(0.1);
    const thisMonth = all.flatMap(({ reports }) => reports.filter((x) => x.month === '2026-11'));
    expect(thisMonth.length).toBeGreaterThan(0);
    expect(thisMonth.every((x) => (x.firstWriteAt ?? x.confirmedAt)! < '2026-11-20T16:00:00Z')).toBe(true);
    // seeded at 08:00 on the day: nothing later than that
    const morning = registries
      .flatMap((r) => demoReports(r.code, rules.from, TODAY, 25, '2026-11-20T00:00:00Z'))
      .filter((x) => x.month === '2026-11');
    expect(morning.length).toBeGreaterThan(0);
    expect(morning.length).toBeLessThan(thisMonth.length);
    expect(morning.every((x) => (x.firstWriteAt ?? x.confirmedAt)! <= '2026-11-20T00:00:00.000Z')).toBe(true);
    expect(all.every(({ reports }) => reports.every((x) => x.demo && x.month >= '2024-06'))).toBe(true);
  });
});
