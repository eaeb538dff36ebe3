// Figures of record: a team's state at an instant rebuilt from its current state and audit trail
// equals the version that was in force then, and a month's county figures equal a recount of the
// verdicts as of the month's last day over the writes before 24:00 (properties over random histories).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsOf, sumCounters, zeroCounters } from '#core/aggregate.js';
import { addDays, monthEnd } from '#core/dates.js';
import { diffTeams } from '#core/diff.js';
import { redactChange } from '#core/personal.js';
import { GUANGXI_STANDARD_V1 as GUANGXI_RULE_SET_V1 } from '#app/programmes.js';
import { countyAtMonthEnd, lastEndedMonth, monthEndInstant, teamAt, type VersionRecord } from '#core/record.js';
import { evaluate } from '#core/rules.js';
import { memberTotal, type TeamInput } from '#core/team.js';
import { goodTeam } from '#tests/helpers/team.js';

describe('the instant a month ends', () => {
  it('is 24:00 on its last day in Asia/Shanghai: 16:00 UTC that day', () => {
    expect(monthEndInstant('2026-11')).toBe('2026-11-30T16:00:00.000Z');
    expect(monthEndInstant('2026-12')).toBe('2026-12-31T16:00:00.000Z');
    expect(monthEndInstant('2024-02')).toBe('2024-02-29T16:00:00.000Z');
  });

  it('the last ended month turns over at midnight Shanghai, not UTC', () => {
    expect(lastEndedMonth('2026-11-30T15:59:59.999Z')).toBe('2026-10');
    expect(lastEndedMonth('2026-11-30T16:00:00.000Z')).toBe('2026-11');
    expect(lastEndedMonth('2026-12-31T16:00:00.001Z')).toBe('2026-12');
    expect(lastEndedMonth('2027-01-01T00:30:00Z')).toBe('2026-12');
  });
});

/** A history: the versions of one team, each at an instant; null content is never written. */
interface Version {
  at: string;
  team: TeamInput;
}

/** The stored state and the audit records the write path leaves for a history (changes redacted as stored). */
function written(code: string, versions: Version[]) {
  const records: VersionRecord[] = versions.map((v, i) => ({
    version: i + 1,
    at: v.at,
    changes: diffTeams(i === 0 ? null : versions[i - 1].team, v.team).map(redactChange),
  }));
  const last = versions[versions.length - 1];
  return { current: { communityCode: code, team: last.team, version: versions.length, updatedAt: last.at }, records };
}

const DAY = 86_400_000;
const T0 = Date.parse('2021-06-01T00:00:00Z');
const instant = fc
  .integer({ min: 0, max: 9 * 365 })
  .chain((d) => fc.integer({ min: 0, max: DAY - 1 }).map((ms) => new Date(T0 + d * DAY + ms).toISOString()));
/** A team that may fail any rule, with dates spread over the years. */
const teamArb = fc
  .record({
    volunteers: fc.integer({ min: 0, max: 12 }),
    equipment: fc.boolean(),
    charter: fc.boolean(),
    insuranceDay: fc.integer({ min: 0, max: 10 * 365 }),
    trainingDay: fc.integer({ min: 0, max: 9 * 365 }),
    name: fc.constantFrom('甲队', '乙队', '丙队'),
    phone: fc.constantFrom('13800138000', '13900139000'),
  })
  .map((r): TeamInput => {
    const base = goodTeam();
    const training = addDays('2021-06-01', r.trainingDay);
    return {
      ...base,
      name: r.name,
      leader: { name: '李建华', phone: r.phone },
      establishedOn: '2021-05-20',
      members: { ...base.members, volunteers: r.volunteers },
      equipment: r.equipment,
      rules: { ...base.rules, charter: r.charter },
      insuredMembers: 30,
      insuranceExpiresOn: addDays('2021-06-01', r.insuranceDay),
      lastTrainingOn: training,
    };
  });
const historyArb = fc
  .array(fc.tuple(instant, teamArb), { minLength: 1, maxLength: 6 })
  .map((vs) => vs.sort(([a], [b]) => a.localeCompare(b)).map(([at, team]) => ({ at, team })));
const withoutLeader = (t: TeamInput | null) => (t ? { ...t, leader: null } : null);

describe('a team as it stood at an instant', () => {
  it('is the version last written before the instant, or none (property over random histories)', () => {
    fc.assert(
      fc.property(historyArb, instant, (versions, at) => {
        const { current, records } = written('450102001001', versions);
        const expected = [...versions].reverse().find((v) => v.at < at)?.team ?? null;
        // personal fields are redacted in the trail: everything a verdict rests on comes back exactly
        expect(withoutLeader(teamAt(current, records, at))).toEqual(withoutLeader(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('a write at 00:00:01 on the 1st does not reach the month before; one at 23:59:59 does', () => {
    const before = goodTeam({ equipment: false });
    const after = goodTeam();
    const month = '2026-12';
    const end = monthEndInstant(month);
    const late = written('450102001001', [
      { at: '2026-12-01T04:00:00.000Z', team: before },
      { at: '2026-12-31T16:00:01.000Z', team: after },
    ]);
    expect(teamAt(late.current, late.records, end)).toEqual(before);
    const inTime = written('450102001001', [
      { at: '2026-12-01T04:00:00.000Z', team: before },
      { at: '2026-12-31T15:59:59.000Z', team: after },
    ]);
    expect(teamAt(inTime.current, inTime.records, end)).toEqual(after);
  });

  it('a trail with a hole is refused, not rebuilt into a state that never was', () => {
    const { current, records } = written('450102001001', [
      { at: '2026-01-01T00:00:00.000Z', team: goodTeam() },
      { at: '2026-02-01T00:00:00.000Z', team: goodTeam({ equipment: false }) },
      { at: '2026-03-01T00:00:00.000Z', team: goodTeam() },
    ]);
    expect(() =>
      teamAt(
        current,
        records.filter((r) => r.version !== 2),
        '2026-01-15T00:00:00.000Z',
      ),
    ).toThrow(/misses version 2/);
    expect(() => teamAt(current, [], '2026-01-15T00:00:00.000Z')).toThrow(/no record of version 3/);
  });
});

describe("a county at a month's end", () => {
  it('equals a recount of the verdicts as of the last day over the writes before 24:00, whenever it is computed (property)', () => {
    const month = fc
      .integer({ min: 0, max: 8 * 12 })
      .map((i) => `${2021 + Math.floor((5 + i) / 12)}-${String(((5 + i) % 12) + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(historyArb, { minLength: 1, maxLength: 8 }), month, (histories, m) => {
        const teams = histories.map((h, i) => written(`4501020010${String(i).padStart(2, '0')}`, h));
        const figures = countyAtMonthEnd(
          {
            communities: 80,
            teams: teams.map((t) => t.current),
            records: new Map(teams.map((t) => [t.current.communityCode, t.records])),
          },
          GUANGXI_RULE_SET_V1,
          m,
        );
        const end = monthEndInstant(m);
        const recount = sumCounters(
          histories.map((h) => {
            const team = [...h].reverse().find((v) => v.at < end)?.team;
            return team
              ? countsOf({ members: memberTotal(team), verdict: evaluate(team, GUANGXI_RULE_SET_V1, monthEnd(m)) })
              : zeroCounters();
          }),
        );
        expect(figures).toEqual({ communities: 80, counters: recount });
      }),
      { numRuns: 300 },
    );
  });

  it('a lapse that falls on the 1st (insurance ending on the last day) still counts in the month that ended', () => {
    const team = goodTeam({ insuranceExpiresOn: '2026-11-30', lastTrainingOn: '2026-06-01' });
    const t = written('450102001001', [
      { at: '2026-11-10T02:00:00.000Z', team },
      { at: '2026-11-30T16:10:00.000Z', team },
    ]); // the lapse job's version at 00:10 on 1 Dec
    const f = countyAtMonthEnd(
      { communities: 1, teams: [t.current], records: new Map([[t.current.communityCode, t.records]]) },
      GUANGXI_RULE_SET_V1,
      '2026-11',
    );
    expect(f.counters.teamsMeetingStandard).toBe(1);
    expect(
      countyAtMonthEnd(
        { communities: 1, teams: [t.current], records: new Map([[t.current.communityCode, t.records]]) },
        GUANGXI_RULE_SET_V1,
        '2026-12',
      ).counters.teamsMeetingStandard,
    ).toBe(0);
  });
});
