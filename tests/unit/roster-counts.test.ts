// A team judged by its roster: counts as of any date from the memberships active that day, the insurance
// from each member's own cover, the rule that requires a roster from a day, and the month-end rebuild.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#core/dates.js';
import { diffTeams } from '#core/diff.js';
import { countyAtMonthEnd, teamAt } from '#core/record.js';
import { previewDraft } from '#core/preview.js';
import { evaluate } from '#core/rules.js';
import {
  countsOn,
  entriesOf,
  membersByCategory,
  membersFrom,
  membersOn,
  combineSummaries,
  isZeroSummary,
  rosterCounts,
  rosterDelta,
  rosterSummary,
  sumRosterSummaries,
  TALLY_DAY,
  typedPart,
  withRosterOf,
  type JudgedTeam,
  type Roster,
  type RosterEntry,
} from '#core/roster-counts.js';
import { standardSchema, type Standard } from '#core/standard.js';
import { MEMBER_CATEGORY_IDS } from '#core/team.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { goodTeam } from '#tests/helpers/team.js';
import { oneRule, withRule } from '#tests/helpers/standards.js';
import { judge } from '#core/standard.js';
import { membershipCorrectionShape, membershipInputShape } from '#core/roster-input.js';

const v1 = GUANGXI_STANDARD_V1;
const day = (n: number) => addDays('2022-01-01', n);

const entryArb = fc
  .record({
    category: fc.constantFrom(...MEMBER_CATEGORY_IDS),
    joined: fc.integer({ min: 0, max: 700 }),
    stay: fc.option(fc.integer({ min: 1, max: 700 }), { nil: null }),
    insured: fc.option(fc.integer({ min: 0, max: 1100 }), { nil: null }),
    standing: fc.constantFrom('counts', 'duplicate', 'suspected', 'unchecked', 'handed'),
    handedAfter: fc.integer({ min: 0, max: 400 }),
  })
  .map(
    (r): RosterEntry => ({
      category: r.category,
      joined: day(r.joined),
      left: r.stay === null ? null : day(r.joined + r.stay),
      insuredThrough: r.insured === null ? null : day(r.insured),
      // a duplicate never counts; one handed the count counts from the day of the hand-over
      standing: r.standing === 'handed' ? 'counts' : r.standing,
      countsFrom: r.standing === 'duplicate' ? null : r.standing === 'handed' ? day(r.joined + r.handedAfter) : day(r.joined),
    }),
  );
const rosterArb = fc.array(entryArb, { maxLength: 40 }).map((es): Roster => Object.fromEntries(es.map((e, i) => [`m${i}`, e])));
const rostered = (roster: Roster, overrides = {}): JudgedTeam => ({ ...goodTeam(overrides), roster });
/** n members of the team from `joined`, insured through `insured`, every category in turn. */
function members(n: number, joined: string, insured: string | null = '2024-12-31', from = 0): Roster {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `m${from + i}`,
      {
        category: MEMBER_CATEGORY_IDS[i % MEMBER_CATEGORY_IDS.length],
        joined,
        left: null,
        insuredThrough: insured,
        standing: 'counts',
        countsFrom: joined,
      } satisfies RosterEntry,
    ]),
  );
}

describe('counts from a roster', () => {
  it('the count on any date is a recount of the memberships active that day and counting by then (property)', () => {
    fc.assert(
      fc.property(rosterArb, fc.integer({ min: 0, max: 1500 }), (roster, d) => {
        const date = day(d);
        const entries = Object.values(roster) as RosterEntry[];
        const recount = entries.filter(
          (e) => e.joined <= date && (e.left === null || date < e.left) && e.countsFrom !== null && e.countsFrom <= date,
        );
        const team = rostered(roster);
        const counts = rosterCounts(entries, date);
        expect(counts.members).toBe(recount.length);
        expect(membersOn(team, date)).toBe(entries.length ? recount.length : 24);
        expect(Object.values(counts.byCategory).reduce((a, b) => a + b, 0)).toBe(counts.members);
        // active that day and not counting: counted on another roster then
        expect(counts.duplicates).toBe(
          entries.filter((e) => e.joined <= date && (e.left === null || date < e.left)).length - recount.length,
        );
        expect(counts.insured).toBe(recount.filter((e) => e.insuredThrough !== null && e.insuredThrough >= date).length);
        // a membership that joins after the day judged changes nothing for that day
        const later = { ...roster, late: { ...entries[0], joined: addDays(date, 1), countsFrom: addDays(date, 1) } } as Roster;
        if (entries.length) expect(rosterCounts(entriesOf(later), date)).toEqual(counts);
      }),
      { numRuns: 500 },
    );
  });

  it('a membership handed the count counts from the day of the hand-over, not before', () => {
    const e: RosterEntry = {
      category: 'volunteers',
      joined: '2023-01-01',
      left: null,
      insuredThrough: null,
      standing: 'counts',
      countsFrom: '2023-06-15',
    };
    expect([countsOn(e, '2023-06-14'), countsOn(e, '2023-06-15')]).toEqual([false, true]);
    // not before it joined, not from the day it left
    expect(countsOn({ ...e, countsFrom: '2022-01-01' }, '2022-12-31')).toBe(false);
    expect(countsOn({ ...e, left: '2023-07-01' }, '2023-07-01')).toBe(false);
    expect(countsOn({ ...e, left: '2023-07-01' }, '2023-06-30')).toBe(true);
    expect(rosterCounts([e], '2023-06-14')).toMatchObject({ members: 0, duplicates: 1 });
    // a record written before countsFrom existed: counts from the day it joined, unless a duplicate
    const { countsFrom: _, ...old } = e;
    expect(countsOn({ ...old, standing: 'suspected' }, '2023-01-01')).toBe(true);
    expect(countsOn({ ...old, standing: 'duplicate' }, '2023-12-01')).toBe(false);
  });

  it('a team with no roster, or only blank entries, keeps its typed counts', () => {
    const typed = goodTeam();
    expect(membersFrom(typed)).toBe('typed');
    expect(membersOn(typed, '2023-06-15')).toBe(24);
    const blank = rostered({ m1: null, m2: { joined: null } as unknown as RosterEntry });
    expect(membersFrom(blank)).toBe('typed');
    expect(membersByCategory(blank, '2023-06-15')).toEqual(typed.members);
  });

  it('a form or a file keeps the roster held, and compares without it', () => {
    const held = { team: rostered(members(3, '2023-01-01')) };
    const fromForm = goodTeam({ name: '新名' });
    expect(withRosterOf(fromForm, held).roster).toBe(held.team.roster);
    expect(withRosterOf(fromForm, null)).toEqual(fromForm);
    expect(typedPart(held.team)).toEqual(goodTeam());
    // the activity log too: a form neither drops nor sends it
    const log = { events: { e1: { kind: 'drill' as const, date: '2023-05-01', people: 3 } }, attended: {} };
    const logged = { team: { ...held.team, log } };
    expect(withRosterOf(fromForm, logged)).toEqual({ ...fromForm, roster: held.team.roster, log });
    expect(typedPart(logged.team)).toEqual(goodTeam());
  });
});

describe('a team judged by its roster', () => {
  it('members-min reads the roster, as it stood on the day judged', () => {
    // 15 members from January, 5 more from July: 15 on 2023-06-15, 20 on 2023-07-01 (the typed 24 are not read)
    const team = rostered({ ...members(15, '2023-01-01'), ...members(5, '2023-07-01', '2024-12-31', 15) });
    const june = evaluate(team, v1, '2023-06-15');
    expect(june.failed.map((f) => f.ruleId)).toEqual(['members-min']);
    expect(june.failed[0].values).toEqual({ members: 15, required: 20 });
    expect(evaluate(team, v1, '2023-07-01').meetsStandard).toBe(true);
    // a member who leaves on 2023-08-01 is not counted from that day
    const left = { ...team.roster, m0: { ...team.roster!.m0!, left: '2023-08-01' } };
    expect(evaluate(rostered(left), v1, '2023-07-31').meetsStandard).toBe(true);
    expect(evaluate(rostered(left), v1, '2023-08-01').failed[0].values).toEqual({ members: 19, required: 20 });
  });

  it('a rule on some categories counts those categories of the roster, not the typed ones', () => {
    // typed: 4 veterans; on the roster: none (every member a volunteer)
    const roster = Object.fromEntries(
      Object.entries(members(20, '2023-01-01')).map(([id, e]) => [id, { ...e!, category: 'volunteers' as const }]),
    );
    const veterans = withRule(v1, 'min-members', { categories: ['veterans'], min: 1 });
    expect(evaluate(goodTeam(), veterans, '2023-06-15').meetsStandard).toBe(true);
    const judged = evaluate(rostered(roster), veterans, '2023-06-15');
    expect(judged.failed[0].values).toEqual({ members: 0, required: 1 });
    expect(membersByCategory(rostered(roster), '2023-06-15')).toMatchObject({ veterans: 0, volunteers: 20 });
  });

  it('insurance counts only members counted that day: not one who left, not a duplicate', () => {
    const roster: Roster = {
      ...members(19, '2023-01-01'),
      ...members(1, '2023-01-01', '2023-09-30', 19),
      gone: {
        category: 'volunteers',
        joined: '2023-01-01',
        left: '2023-03-01',
        insuredThrough: '2024-12-31',
        standing: 'counts',
        countsFrom: '2023-01-01',
      },
      twin: {
        category: 'volunteers',
        joined: '2023-01-01',
        left: null,
        insuredThrough: '2024-12-31',
        standing: 'duplicate',
        countsFrom: null,
      },
    };
    const verdict = evaluate(rostered(roster), v1, '2023-06-15');
    expect(verdict.holdsUntil).toBe('2023-09-30');
    // covered on its last day, not the day after
    expect(evaluate(rostered(roster), v1, '2023-09-30').meetsStandard).toBe(true);
    expect(evaluate(rostered(roster), v1, '2023-10-01').meetsStandard).toBe(false);
  });

  it('a duplicate counted on another roster is not counted here', () => {
    const roster = members(20, '2023-01-01');
    roster.m0 = { ...roster.m0!, standing: 'duplicate', countsFrom: null };
    expect(evaluate(rostered(roster), v1, '2023-06-15').failed[0].values).toEqual({ members: 19, required: 20 });
  });

  it('insurance counts each member’s own cover, and the verdict holds while enough are covered', () => {
    // 20 members: 18 covered to 2024-12-31, 2 to 2023-09-30
    const roster = { ...members(18, '2023-01-01'), ...members(2, '2023-01-01', '2023-09-30', 18) };
    const verdict = evaluate(rostered(roster), v1, '2023-06-15');
    expect(verdict.meetsStandard).toBe(true);
    // every member must be insured (v1's share 1): the verdict lasts as long as the shortest cover
    expect(verdict.holdsUntil).toBe('2023-09-30');
    const october = evaluate(rostered(roster), v1, '2023-10-01');
    expect(october.failed.map((f) => f.ruleId)).toEqual(['insurance']);
    expect(october.failed[0].values).toEqual({ insuredMembers: 18, members: 20, asOf: '2023-10-01' });
    // the typed insured count and policy date are not read
    expect(evaluate(rostered(roster, { insuredMembers: 0, insuranceExpiresOn: null }), v1, '2023-06-15').meetsStandard).toBe(true);
    // a policy that does not cover its last day ends the verdict a day sooner
    const strict = withRule(v1, 'insurance', { coversEndDate: false });
    expect(evaluate(rostered(roster), strict, '2023-06-15').holdsUntil).toBe('2023-09-29');
    // half insured under a standard asking half: holds until the 10th latest cover
    const half = withRule(v1, 'insurance', { minShare: 0.5 });
    const mixed = { ...members(10, '2023-01-01', '2023-11-30'), ...members(10, '2023-01-01', null, 10) };
    expect(evaluate(rostered(mixed), half, '2023-06-15').holdsUntil).toBe('2023-11-30');
    expect(evaluate(rostered(mixed), half, '2023-12-01').failed.map((f) => f.ruleId)).toEqual(['insurance']);
  });

  it('the roster rule: typed counts meet it until the day before it applies, and not from that day; a roster always', () => {
    const rule = {
      id: 'roster',
      kind: 'roster',
      title: { zh: '队员名册', en: 'Roster' },
      source: { document: '省厅解读', basis: 'interpretation' },
      from: '2024-01-01',
      messages: { none: { zh: '自 {from} 起须有队员名册', en: 'A named roster is required from {from}' } },
    };
    const standard: Standard = standardSchema.parse({ ...v1, rules: [...v1.rules, rule] });
    const typed = goodTeam({ insuranceExpiresOn: '2025-03-01', lastTrainingOn: '2023-12-01' });
    const december = evaluate(typed, standard, '2023-12-15');
    expect(december.meetsStandard).toBe(true);
    expect(december.holdsUntil).toBe('2023-12-31');
    const january = evaluate(typed, standard, '2024-01-01');
    expect(january.failed.map((f) => f.ruleId)).toEqual(['roster']);
    expect(january.failed[0].message).toEqual({ zh: '自 2024-01-01 起须有队员名册', en: 'A named roster is required from 2024-01-01' });
    const withRoster = rostered(members(20, '2023-01-01', '2025-03-01'), { lastTrainingOn: '2023-12-01' });
    expect(evaluate(withRoster, standard, '2024-01-01').meetsStandard).toBe(true);
    // the draft's preview says how many teams would stop meeting the standard: those on typed counts
    const preview = previewDraft(
      [
        { communityCode: '450102001001', countyCode: '450102', team: typed },
        { communityCode: '450102001002', countyCode: '450102', team: typed },
        { communityCode: '450103001001', countyCode: '450103', team: withRoster },
      ],
      v1,
      standard,
      '2024-01-01',
    );
    expect(preview).toMatchObject({ teams: 3, newlyFailing: 2, meetingAfter: 1 });
    expect(preview.byRule.find((r) => r.ruleId === 'roster')).toMatchObject({ failing: 2, amongNewlyFailing: 2, newRule: true });
    // a roster rule with no day, or one that is not a date, is no rule
    expect(standardSchema.safeParse({ ...v1, rules: [...v1.rules, { ...rule, from: '2024-02-30' }] }).success).toBe(false);
  });
});

describe('an area’s rosters summed', () => {
  it('counts the teams with a roster, their members, the typed members of the others, and the duplicates', () => {
    const roster = members(20, '2023-01-01');
    roster.m0 = { ...roster.m0!, standing: 'duplicate', countsFrom: null };
    roster.m1 = { ...roster.m1!, standing: 'suspected' };
    roster.m2 = { ...roster.m2!, standing: 'unchecked' };
    roster.m3 = { ...roster.m3!, left: '2023-05-01' };
    const teams = [rostered(roster), goodTeam(), goodTeam({ members: { ...goodTeam().members, volunteers: 0 } })];
    expect(rosterSummary(teams, '2023-06-15')).toEqual({
      teams: 3,
      withRoster: 1,
      onRosters: 18,
      typed: 24 + 19,
      duplicates: 1,
      suspected: 1,
      unchecked: 1,
    });
    expect(rosterSummary([], '2023-06-15')).toMatchObject({ teams: 0, withRoster: 0, typed: 0 });
  });
});

describe('a roster in the month-end rebuild', () => {
  it('undoes the roster writes after the instant: a membership added later is no member that month', () => {
    const v1Team = rostered(members(20, '2023-01-01'));
    const v2Team = rostered({ ...v1Team.roster, ...members(1, '2023-06-20', '2024-12-31', 20) });
    v2Team.roster!.m0 = { ...v2Team.roster!.m0!, left: '2023-06-20' };
    const records = [
      { version: 1, at: '2023-05-01T02:00:00Z', changes: diffTeams(null, v1Team) },
      { version: 2, at: '2023-07-02T02:00:00Z', changes: diffTeams(v1Team, v2Team) },
    ];
    const current = { communityCode: '450102001001', team: v2Team, version: 2, updatedAt: '2023-07-02T02:00:00Z' };
    const june = teamAt(current, records, '2023-06-30T16:00:00Z')!;
    expect(entriesOf(june.roster)).toHaveLength(20);
    expect(membersOn(june, '2023-06-30')).toBe(20);
    const counted = countyAtMonthEnd(
      { communities: 5, teams: [current], records: new Map([[current.communityCode, records]]) },
      v1,
      '2023-06',
    );
    expect(counted.counters).toMatchObject({ teamsRegistered: 1, members: 20 });
  });
});

describe("a county's roster tally, moved with each team write", () => {
  const entry = (over: Partial<RosterEntry>): RosterEntry => ({
    category: 'volunteers',
    joined: '2022-01-01',
    left: null,
    insuredThrough: null,
    standing: 'counts',
    countsFrom: '2022-01-01',
    ...over,
  });
  const withRoster = (entries: RosterEntry[]): JudgedTeam => ({
    ...goodTeam(),
    roster: Object.fromEntries(entries.map((e, i) => [`m${i}`, e])),
  });

  it('a team moving from typed counts to a roster moves the typed members out and the roster’s in', () => {
    const typed = goodTeam();
    const rostered = withRoster([
      entry({}),
      entry({ standing: 'suspected' }),
      entry({ standing: 'duplicate', countsFrom: null }),
      entry({ standing: 'unchecked' }),
      entry({ left: '2022-06-01' }),
    ]);
    expect(rosterDelta(null, typed)).toEqual({
      teams: 1,
      withRoster: 0,
      onRosters: 0,
      typed: 24,
      duplicates: 0,
      suspected: 0,
      unchecked: 0,
    });
    expect(rosterDelta(typed, rostered)).toEqual({
      teams: 0,
      withRoster: 1,
      onRosters: 3,
      typed: -24,
      duplicates: 1,
      suspected: 1,
      unchecked: 1,
    });
    expect(rosterDelta(rostered, null)).toEqual({
      teams: -1,
      withRoster: -1,
      onRosters: -3,
      typed: 0,
      duplicates: -1,
      suspected: -1,
      unchecked: -1,
    });
    expect(isZeroSummary(rosterDelta(rostered, rostered))).toBe(true);
    expect(isZeroSummary(rosterDelta(null, rostered))).toBe(false);
  });

  it('deltas summed over any writes equal the summary of where they end (property)', () => {
    const team = fc.oneof(
      fc.constant(null),
      fc.constant(goodTeam() as JudgedTeam),
      fc
        .array(fc.constantFrom<RosterEntry['standing']>('counts', 'duplicate', 'suspected', 'unchecked', 'distinct'), { maxLength: 6 })
        .map((s) => withRoster(s.map((standing) => entry({ standing, countsFrom: standing === 'duplicate' ? null : '2022-01-01' })))),
    );
    fc.assert(
      fc.property(fc.array(team, { minLength: 1, maxLength: 8 }), (states) => {
        const moves = states.map((s, i) => rosterDelta(i === 0 ? null : states[i - 1], s));
        expect(sumRosterSummaries(moves)).toEqual(rosterSummary(states.at(-1) ? [states.at(-1)!] : [], TALLY_DAY));
        expect(combineSummaries(sumRosterSummaries(moves), sumRosterSummaries(moves), -1)).toEqual(sumRosterSummaries([]));
      }),
    );
  });
});

describe('certificates on the roster', () => {
  const cert = oneRule({ id: 'c', kind: 'certified-share', share: 0.5, messages: { tooFew: { zh: '{certified}/{required}', en: 'x' } } });
  const withCerts = (through: (string | null)[]): JudgedTeam =>
    rostered(
      Object.fromEntries(
        through.map((c, i) => [
          `m${i}`,
          {
            category: 'volunteers',
            joined: '2023-01-01',
            left: null,
            insuredThrough: '2030-12-31',
            standing: 'counts',
            countsFrom: '2023-01-01',
            ...(c ? { certifiedThrough: c } : {}),
          } satisfies RosterEntry,
        ]),
      ),
      { extra: { certifiedMembers: 0 } },
    );

  it('certified-share counts the members whose certificate is valid on the day, and holds until too few are', () => {
    // 4 members, 2 required: certificates to 2024-06-30, 2025-03-31 and 2026-01-31
    const team = withCerts(['2024-06-30', '2025-03-31', '2026-01-31', null]);
    expect(judge(team, cert, '2024-01-01')).toMatchObject({ meetsStandard: true, holdsUntil: '2025-03-31' });
    expect(judge(team, cert, '2025-04-01').failed[0].message.zh).toBe('1/2');
  });

  it('a roster recording no certificate leaves the typed number standing', () => {
    const team = withCerts([null, null, null, null]);
    expect(judge({ ...team, extra: { certifiedMembers: 2 } }, cert, '2024-01-01').meetsStandard).toBe(true);
    expect(judge(team, cert, '2024-01-01').meetsStandard).toBe(false);
  });

  it('is a field of a member as the county writes it, and a correction of one', () => {
    const base = { name: '周明', category: 'volunteers', joined: '2023-03-01' };
    expect(membershipInputShape.parse({ ...base, certifiedThrough: '2026-05-01' }).certifiedThrough).toBe('2026-05-01');
    expect(membershipInputShape.parse(base).certifiedThrough).toBeNull();
    expect(membershipCorrectionShape.safeParse({ certifiedThrough: null }).success).toBe(true);
    expect(membershipCorrectionShape.safeParse({}).success).toBe(false);
  });
});
