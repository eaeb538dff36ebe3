// Figures of record on DynamoDB Local, through the clock seam: a month's figures are the state at
// 24:00 on its last day (Asia/Shanghai) however late, and however often, the job runs; the month
// that just ended has figures from its first minute; a stored month is never rewritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLapse } from '#app/lapse.js';
import { correctMonths, fillMissingMonths, monthFigures, recordMonth } from '#app/months.js';
import { runMonthlySummary } from '#app/summaries.js';
import { typedPart } from '#core/roster-counts.js';
import { saveTeam } from '#app/teams.js';
import type { Counters } from '#core/aggregate.js';
import { reevaluateAll } from '#app/reevaluate.js';
import { seedIfEmpty } from '#local/seed.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { testServer } from '#tests/helpers/server.js';
import { goodTeam } from '#tests/helpers/team.js';
import { withRule, withStandard } from '#tests/helpers/standards.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';

const quiet = { info: () => {}, warn: () => {} };
const nowhere = { send: async () => {} };
const province = { scope: { kind: 'province' as const }, user: 'test' };
const totals = (counties: Record<string, { counters: Counters }>) =>
  Object.values(counties).reduce((n, c) => n + c.counters.teamsMeetingStandard, 0);

describe('the demo seeded on 30 November, across the turn of the month and the year', () => {
  const clock = fixedClock('2026-11-30T04:00:00Z'); // noon on 30 Nov, Shanghai
  let s: Awaited<ReturnType<typeof testServer>>;
  let atMidnight: Map<string, Counters>;
  beforeAll(async () => {
    s = await testServer({ counties: [], clock });
    // a clock that runs a second on at every reading: the seed must still write every team at its first
    let tick = 0;
    await seedIfEmpty({ ...s.deps, clock: { now: () => new Date(Date.parse('2026-11-30T04:00:00Z') + 1000 * tick++) } });
    expect(tick).toBeGreaterThan(0);
    clock.set('2026-11-30T15:59:59Z'); // 23:59:59 on 30 Nov
    atMidnight = new Map((await s.store.listAggregates()).map((a) => [a.code, a.counters]));
  }, 420_000); // the whole province on the shared DynamoDB Local, on a loaded 2-core machine
  afterAll(() => s.close());

  it('at 00:30 on 1 December the month just ended already has its figures, computed as of 24:00 (no job has run)', async () => {
    clock.set('2026-11-30T16:30:00Z');
    const token = await s.tokenFor('province');
    const res = await s.call('GET', '/api/counties?month=2026-11', { token });
    expect(res.status).toBe(200);
    expect(res.json.record).toMatchObject({ instant: '2026-11-30T16:00:00.000Z', stored: false, version: 1 });
    expect(res.json.totals.teamsMeetingStandard).toBe([...atMidnight.values()].reduce((n, c) => n + c.teamsMeetingStandard, 0));
    const live = await s.call('GET', '/api/counties', { token });
    expect(live.json.totals.changeThisMonth).not.toBeNull();
    const trend = await s.call('GET', '/api/trend?area=45', { token });
    expect(trend.json.months.map((m: { month: string }) => m.month)).toContain('2026-11');
  });

  it('the lapse job at 00:10 and the summary at 08:00 (or 8 hours, 3 days late, twice) store exactly the state at 24:00', async () => {
    clock.set('2026-11-30T16:10:00Z'); // 00:10 on 1 Dec: teams whose verdict held through 30 Nov lapse
    const lapsed = await runLapse(s.deps);
    expect(lapsed.changed).toBeGreaterThan(0); // so the record can tell the 1st from the 30th
    clock.set('2026-12-01T00:00:00Z'); // 08:00
    const report = await runMonthlySummary({ ...s.deps, mailer: nowhere, log: quiet });
    expect(report).toMatchObject({ month: '2026-11', snapshotWritten: true });
    const stored = (await s.store.getSnapshot('2026-11'))!;
    for (const [code, counters] of atMidnight) expect(stored.counties[code].counters, code).toEqual(counters);
    for (const late of ['2026-12-01T08:00:00Z', '2026-12-04T00:00:00Z', '2026-12-04T00:00:01Z']) {
      clock.set(late);
      expect(await recordMonth(s.deps, '2026-11')).toBe(false); // already stored: never rewritten
      expect((await s.store.getSnapshot('2026-11'))!.counties).toEqual(stored.counties);
    }
    expect(await s.store.listSnapshotVersions('2026-11')).toHaveLength(1);
  });

  it('the year end: edits saved at 00:00:01 on 1 January and lapses on the 1st stay out of December', async () => {
    clock.set('2026-12-31T15:59:59Z'); // 23:59:59 on 31 Dec
    await runLapse(s.deps);
    const december = new Map((await s.store.listAggregates()).map((a) => [a.code, a.counters]));
    const [a, b] = (await s.store.listTeams('450102')).filter((t) => t.verdict.meetsStandard).slice(0, 2);
    clock.set('2026-12-31T16:00:01Z'); // 00:00:01 on 1 Jan
    // what the county sends back is the team it typed: never the roster the record keeps beside it
    for (const t of [a, b]) await saveTeam(s.deps, province, t.communityCode, { ...typedPart(t.team), equipment: false }, t.version);
    clock.set('2026-12-31T16:10:00Z');
    await runLapse(s.deps);
    clock.set('2027-01-03T00:00:00Z'); // two days late
    await runMonthlySummary({ ...s.deps, mailer: nowhere, log: quiet }, '2026-12');
    const stored = (await s.store.getSnapshot('2026-12'))!;
    for (const [code, counters] of december) expect(stored.counties[code].counters, code).toEqual(counters);
    expect(stored.counties['450102'].counters.teamsMeetingStandard).toBe(december.get('450102')!.teamsMeetingStandard);
    expect((await s.store.getAggregate('450102'))!.counters.teamsMeetingStandard).toBeLessThan(
      december.get('450102')!.teamsMeetingStandard,
    );

    // The county's email for December lists its townships and gaps as they stood at 24:00 too: they add up to its headline.
    const mail = await s.call('GET', '/api/summaries/2026-12?scope=county:450102', { token: await s.tokenFor('province') });
    const towns = mail.json.text
      .split('■ ')[1]
      .split('\n')
      .slice(2)
      .filter((l: string) => l.includes(' | '));
    const meeting = towns.reduce((n: number, l: string) => n + Number(l.split(' | ')[3]), 0);
    expect(meeting).toBe(december.get('450102')!.teamsMeetingStandard);
    expect(mail.json.text).toContain('截至 2026-12-31 24:00');
    for (const t of [a, b]) expect(mail.json.text).not.toContain(`${t.team.name} | 缺少基本救援装备`); // broken after midnight: not a December gap
    // a month of the demo's told past has figures but no lists, and says why
    expect(
      (await s.call('GET', '/api/summaries/2026-10?scope=county:450102', { token: await s.tokenFor('province') })).json.text,
    ).toContain('名单无法按月末重建');
  });

  it('the county page reads the same milestone status as the dashboard', async () => {
    const token = await s.tokenFor('province');
    const list = (await s.call('GET', '/api/counties', { token })).json.counties as { code: string; milestone: { status: string } }[];
    for (const code of ['450102', '450125', '450181']) {
      expect((await s.call('GET', `/api/counties/${code}`, { token })).json.milestone.status, code).toBe(
        list.find((c) => c.code === code)!.milestone.status,
      );
    }
  });

  it('every demo team was written at the one instant the seed began, however long it took', async () => {
    const stamps = new Set((await s.store.listTeams('450125')).filter((t) => t.source === 'seed').map((t) => t.updatedAt));
    expect([...stamps]).toEqual(['2026-11-30T04:00:00.000Z']);
  });
});

describe('a month asked for long after it ended', () => {
  it("is computed as of its end, never from today's figures, stored once, and corrected only as a new version", async () => {
    const clock = fixedClock('2026-05-10T04:00:00Z');
    const s = await testServer({ counties: ['450102'], clock });
    try {
      const [c1, c2] = s.registries[0].communities;
      await saveTeam(
        s.deps,
        province,
        c1[0],
        goodTeam({ establishedOn: '2026-01-01', insuranceExpiresOn: '2026-06-30', lastTrainingOn: '2026-04-01' }),
        null,
      );
      clock.set('2027-08-01T04:00:00Z');
      await saveTeam(
        s.deps,
        province,
        c2[0],
        goodTeam({ establishedOn: '2027-01-01', insuranceExpiresOn: '2028-06-30', lastTrainingOn: '2027-07-01' }),
        null,
      );
      clock.set('2028-03-31T04:00:00Z');
      const report = await runMonthlySummary({ ...s.deps, mailer: nowhere, log: quiet }, '2026-06');
      expect(report.snapshotWritten).toBe(true);
      const june = (await s.store.getSnapshot('2026-06'))!;
      // the team saved in 2027 is not in June 2026; the one of 2026 counts, its policy running to 30 June
      expect(june.counties['450102'].counters).toMatchObject({ teamsRegistered: 1, teamsMeetingStandard: 1 });
      expect(june).toMatchObject({ version: 1, source: 'month-end', instant: '2026-06-30T16:00:00.000Z' });
      expect(await s.store.getSnapshot('2026-07')).toBeNull();
      const july = (await monthFigures(s.deps, '2026-07'))!;
      expect(july.counties['450102'].counters).toMatchObject({
        teamsRegistered: 1,
        teamsMeetingStandard: 0,
        failures: expect.objectContaining({ insurance: 1 }),
      });

      // Under the stricter reading of a policy's last day, June's figure changes: a correction, as version 2, with its reason.
      const strict = withStandard(s.deps, withRule(GUANGXI_STANDARD_V1, 'insurance', { coversEndDate: false }));
      const corrected = await correctMonths(strict, '按保单止日前一日计（测试）');
      expect(corrected.corrected).toEqual(['2026-06']);
      const versions = await s.store.listSnapshotVersions('2026-06');
      expect(versions.map((v) => [v.version, v.source, v.reason ?? null, v.counties['450102'].counters.teamsMeetingStandard])).toEqual([
        [1, 'month-end', null, 1],
        [2, 'correction', '按保单止日前一日计（测试）', 0],
      ]);
      expect((await s.store.getSnapshot('2026-06'))!.version).toBe(2);
      expect((await correctMonths(strict, 'again')).corrected).toEqual([]); // nothing differs now
    } finally {
      await s.close();
    }
  });

  it('missing months are found, counted as a metric, and stored; a month not ended is refused', async () => {
    const clock = fixedClock('2021-07-10T04:00:00Z');
    const s = await testServer({ counties: ['450102'], clock });
    const counted: number[] = [];
    const deps = {
      ...s.deps,
      metrics: {
        count: (name: string, v: number) => {
          if (name === 'MonthFiguresMissing') counted.push(v);
        },
      },
    };
    try {
      await saveTeam(
        deps,
        province,
        s.registries[0].communities[0][0],
        goodTeam({ establishedOn: '2021-06-01', insuranceExpiresOn: '2022-06-01', lastTrainingOn: '2021-07-01' }),
        null,
      );
      clock.set('2021-08-15T04:00:00Z');
      const filled = await fillMissingMonths(deps);
      expect(filled).toEqual({ missing: ['2021-05', '2021-06', '2021-07'], written: ['2021-05', '2021-06', '2021-07'] });
      expect(counted).toEqual([3]);
      expect((await fillMissingMonths(deps)).missing).toEqual([]);
      expect(counted).toEqual([3, 0]);
      expect(totals((await s.store.getSnapshot('2021-07'))!.counties)).toBe(1);
      expect(totals((await s.store.getSnapshot('2021-06'))!.counties)).toBe(0); // saved in July, though founded in June
      await expect(recordMonth(deps, '2021-08')).rejects.toThrow(/尚未结束/);
    } finally {
      await s.close();
    }
  });
});

describe('re-evaluation when a rule is corrected', () => {
  it('rewrites, through the write path and with the reason, only the teams whose verdict changes; a re-run changes nothing', async () => {
    const clock = fixedClock('2026-06-10T04:00:00Z');
    const s = await testServer({ counties: ['450102'], clock });
    try {
      const strict = withStandard(s.deps, withRule(GUANGXI_STANDARD_V1, 'insurance', { coversEndDate: false }));
      const [c1, c2] = s.registries[0].communities;
      await saveTeam(strict, province, c1[0], goodTeam({ insuranceExpiresOn: '2026-12-31', lastTrainingOn: '2026-06-01' }), null);
      await saveTeam(strict, province, c2[0], goodTeam({ equipment: false }), null); // fails either way
      expect((await s.store.getTeam(c1[0]))!.verdict.holdsUntil).toBe('2026-12-30');
      const report = await reevaluateAll(s.deps, '保险到期日当日仍在保（规则修正）');
      expect(report).toMatchObject({ teams: 2, changed: 1 });
      const t = (await s.store.getTeam(c1[0]))!;
      expect(t).toMatchObject({ version: 2, source: 'reevaluate', verdict: { holdsUntil: '2026-12-31' } });
      expect((await s.store.listHistory(c1[0]))[0]).toMatchObject({ note: '保险到期日当日仍在保（规则修正）', changes: [] });
      expect((await s.store.getTeam(c2[0]))!.version).toBe(1);
      expect((await reevaluateAll(s.deps, 'again')).changed).toBe(0);
      expect((await s.store.reconcile()).drift).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
