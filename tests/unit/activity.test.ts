// The activity log (core/activity.ts): what a team's record keeps of it, the year's 场次 / 人次 and each member's
// attendance, an event's input, and the practice rules reading the log (trained-within, drills-count with the
// day from which only the log counts, attended-share), proven against a recount on every day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityInputShape,
  activityTally,
  attendanceOf,
  combineTallies,
  eventConflict,
  lastPractices,
  MAX_LOG_EVENTS,
  logOf,
  practiceTally,
  tallyDelta,
  yearOf,
  practiceDates,
  type ActivityEvent,
  type ActivityKind,
} from '#core/activity.js';
import { addDays, addMonths } from '#core/dates.js';
import { countsOn, type JudgedTeam, type Roster, type RosterEntry } from '#core/roster-counts.js';
import { judge, lastDayWithin, parseStandard } from '#core/standard.js';
import { goodTeam } from '#tests/helpers/team.js';
import { oneRule } from '#tests/helpers/standards.js';

const M = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
let n = 0;
function event(kind: ActivityKind, date: string, attendees: number[], more: Partial<ActivityEvent> = {}): ActivityEvent {
  n++;
  return {
    id: `e${n}`,
    community: '450102001001',
    kind,
    date,
    hours: 2,
    title: '演练',
    summary: '',
    attendees: attendees.map(M),
    recordedAt: `${date}T08:00:00.000Z`,
    recordedBy: 'county:450102/clerk',
    ...more,
  };
}
const member = (joined: string, left: string | null = null, standing: RosterEntry['standing'] = 'counts'): RosterEntry => ({
  category: 'volunteers',
  joined,
  left,
  insuredThrough: '2030-12-31',
  standing,
  countsFrom: standing === 'duplicate' ? null : joined,
});
const rosterOf = (entries: RosterEntry[]): Roster => Object.fromEntries(entries.map((e, i) => [M(i), e]));

describe("the log a team's record keeps", () => {
  it('keeps the practices not withdrawn from 60 months back, and each member’s last of each kind', () => {
    const events = [
      event('drill', '2025-03-01', [0, 1]),
      event('drill', '2025-09-01', [0]),
      event('training', '2025-06-01', [1, 2]),
      event('callout', '2025-10-01', [3]),
      event('service', '2025-10-02', [3]),
      event('drill', '2025-11-01', [2], { withdrawn: { at: 'x', by: 'y', reason: '误录' } }),
      event('drill', '2020-11-30', [4]),
      event('drill', '2020-12-01', [5]),
    ];
    const log = logOf(events, '2025-12-01')!;
    expect(Object.values(log.events).map((e) => `${e!.kind} ${e!.date}`)).toEqual([
      'drill 2025-03-01',
      'drill 2025-09-01',
      'training 2025-06-01',
      'drill 2020-12-01',
    ]);
    expect(log.attended).toEqual({
      [M(0)]: { drill: '2025-09-01' },
      [M(1)]: { drill: '2025-03-01', training: '2025-06-01' },
      [M(2)]: { training: '2025-06-01' },
      [M(5)]: { drill: '2020-12-01' },
    });
    expect(practiceDates(log, ['drill'], '2025-08-31')).toEqual(['2025-03-01', '2020-12-01']);
    expect(practiceDates(log, ['drill', 'training'], '2025-12-01')).toEqual(['2025-09-01', '2025-06-01', '2025-03-01', '2020-12-01']);
    // nothing left: no log at all
    expect(logOf([event('callout', '2025-10-01', [0])], '2025-12-01')).toBeNull();
    expect(logOf([], '2025-12-01')).toBeNull();
  });

  it('reads blank entries (undone by the month-end rebuild) as none', () => {
    const log = { events: { a: null, b: { kind: 'drill' as const, date: '2025-01-01', people: 1 } }, attended: { [M(0)]: null } };
    expect(practiceDates(log, ['drill'], '2025-12-01')).toEqual(['2025-01-01']);
    expect(lastPractices(rosterOf([member('2024-01-01')]), log, ['drill'], '2025-12-01')).toEqual([null]);
  });

  it('gives each counted member’s last practice of the kinds, up to the day judged', () => {
    const roster = rosterOf([
      member('2024-01-01'),
      member('2024-01-01', '2025-05-01'),
      member('2024-01-01', null, 'duplicate'),
      member('2024-01-01'),
    ]);
    const log = logOf(
      [event('drill', '2025-03-01', [0, 1, 2]), event('training', '2025-04-01', [0]), event('drill', '2025-08-01', [0])],
      '2025-12-01',
    )!;
    // the leaver and the duplicate are not counted; the last member attended nothing
    expect(lastPractices(roster, log, ['drill', 'training'], '2025-06-01')).toEqual(['2025-04-01', null]);
    // the record keeps the last only: a day judged before it does not see the earlier drill (a past day is judged
    // on the team as it stood then, core/record.ts)
    expect(lastPractices(roster, log, ['drill'], '2025-06-01')).toEqual([null, null]);
    expect(lastPractices(roster, log, ['drill'], '2025-12-01')).toEqual(['2025-08-01', null]);
    expect(lastPractices(undefined, log, ['drill'], '2025-12-01')).toEqual([]);
  });
});

describe("a county's tally of practices by year", () => {
  it('counts each logged practice and its people under its year; a write moves the tally by the difference', () => {
    const before = logOf([event('drill', '2024-11-01', [0, 1]), event('training', '2025-03-01', [0, 1, 2])], '2025-12-01')!;
    const after = logOf(
      [
        event('drill', '2024-11-01', [0, 1]),
        event('training', '2025-03-01', [0, 1, 2]),
        event('drill', '2025-06-01', [2]),
        event('callout', '2025-07-01', [0]),
      ],
      '2025-12-01',
    )!;
    expect(practiceTally(before)).toEqual({ '2024.events': 1, '2024.people': 2, '2025.events': 1, '2025.people': 3 });
    expect(tallyDelta(before, after)).toEqual({ '2025.events': 1, '2025.people': 1 });
    expect(tallyDelta(after, undefined)).toEqual({ '2024.events': -1, '2024.people': -2, '2025.events': -2, '2025.people': -4 });
    expect(tallyDelta(before, before)).toEqual({});
    expect(combineTallies({ a: 1, b: 2 }, { b: 2, c: 3 }, -1)).toEqual({ a: 1, c: -3 });
    expect(yearOf(practiceTally(after), '2025')).toEqual({ year: '2025', events: 2, people: 4 });
    expect(yearOf({}, '2026')).toEqual({ year: '2026', events: 0, people: 0 });
    // blank entries (a rebuild) count nothing
    expect(practiceTally({ events: { x: null }, attended: {} })).toEqual({});
  });

  it('sums to the recount of the teams whatever the order of the writes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ day: fc.integer({ min: 0, max: 900 }), n: fc.integer({ min: 1, max: 5 }) }), { maxLength: 6 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (teams) => {
          const logs = teams.map(
            (list) =>
              logOf(
                list.map((d) =>
                  event(
                    'drill',
                    addDays('2023-01-01', d.day),
                    Array.from({ length: d.n }, (_, i) => i),
                  ),
                ),
                '2025-12-31',
              ) ?? undefined,
          );
          // each team written from nothing to its log, then half of them back to nothing
          let tally = {};
          for (const l of logs) tally = combineTallies(tally, tallyDelta(undefined, l));
          for (const l of logs.filter((_, i) => i % 2)) tally = combineTallies(tally, tallyDelta(l, undefined));
          const recount = logs.filter((_, i) => !(i % 2)).reduce((sum, l) => combineTallies(sum, practiceTally(l)), {});
          expect(tally).toEqual(recount);
        },
      ),
    );
  });
});

describe('场次, 人次 and attendance over a period', () => {
  const events = [
    event('drill', '2025-03-01', [0, 1, 2], { hours: 3 }),
    event('training', '2025-04-01', [0], { hours: 1.5 }),
    event('service', '2025-05-01', [1, 2], { hours: 4 }),
    event('drill', '2024-12-31', [0]),
    event('drill', '2025-06-01', [0, 1], { withdrawn: { at: 'x', by: 'y', reason: '误录' } }),
  ];
  it('counts events, attendances and member-hours by kind, withdrawn ones and those outside left out', () => {
    const t = activityTally(events, '2025-01-01', '2025-12-31');
    expect(t.drill).toEqual({ events: 1, attendances: 3, memberHours: 9 });
    expect(t.training).toEqual({ events: 1, attendances: 1, memberHours: 1.5 });
    expect(t.service).toEqual({ events: 1, attendances: 2, memberHours: 8 });
    expect(t.callout).toEqual({ events: 0, attendances: 0, memberHours: 0 });
  });
  it('gives each member their events, hours and last day; one who took part in none is absent', () => {
    const a = attendanceOf(events, '2025-01-01', '2025-12-31');
    expect(a.get(M(0))).toEqual({ events: 2, hours: 4.5, byKind: { training: 1, drill: 1, callout: 0, service: 0 }, last: '2025-04-01' });
    expect(a.get(M(2))).toEqual({ events: 2, hours: 7, byKind: { training: 0, drill: 1, callout: 0, service: 1 }, last: '2025-05-01' });
    expect(a.has(M(3))).toBe(false);
    expect([...attendanceOf(events, '2025-03-02', '2025-03-31').keys()]).toEqual([]);
  });
  it('sums to the same 人次 whichever way it is counted', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom<ActivityKind>('training', 'drill', 'callout', 'service'),
            day: fc.integer({ min: 0, max: 400 }),
            who: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 10 }),
            withdrawn: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (list) => {
          const evs = list.map((e) =>
            event(e.kind, addDays('2025-01-01', e.day), e.who, e.withdrawn ? { withdrawn: { at: 'x', by: 'y', reason: 'r' } } : {}),
          );
          const tally = activityTally(evs, '2025-01-01', '2025-12-31');
          const byMember = attendanceOf(evs, '2025-01-01', '2025-12-31');
          const total = Object.values(tally).reduce((s, t) => s + t.attendances, 0);
          expect([...byMember.values()].reduce((s, a) => s + a.events, 0)).toBe(total);
        },
      ),
    );
  });
});

describe('an event as a county writes it', () => {
  const good = { kind: 'drill', date: '2025-05-12', hours: 2, title: '防汛演练', attendees: [M(0), M(1)] };
  const refused = (body: unknown) => {
    const r = activityInputShape.safeParse(body);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('takes a good one, with no summary (or a blank one) as blank', () => {
    expect(activityInputShape.parse(good).summary).toBe('');
    expect(activityInputShape.parse({ ...good, summary: '  ' }).summary).toBe('');
  });

  it('refuses the same event twice, a member’s day past 24 hours, and a log past its bound', () => {
    const held = [
      event('drill', '2025-05-12', [0, 1], { title: '防汛演练', hours: 10 }),
      event('service', '2025-05-12', [1], { hours: 8 }),
    ];
    const input = activityInputShape.parse(good);
    expect(eventConflict(held, input, '2025-12-01')).toMatchObject({ kind: 'same', event: { id: held[0].id } });
    // withdrawn, it is no longer there
    expect(eventConflict([{ ...held[0], withdrawn: { at: 'x', by: 'y', reason: 'r' } }, held[1]], input, '2025-12-01')).toBeNull();
    // member 1: 10 + 8 + 7 > 24; member 0: 10 + 7 ≤ 24
    expect(eventConflict(held, { ...input, title: '夜间演练', hours: 7 }, '2025-12-01')).toEqual({ kind: 'overfull', members: [M(1)] });
    expect(eventConflict(held, { ...input, title: '夜间演练', hours: 6 }, '2025-12-01')).toBeNull();
    expect(eventConflict(held, { ...input, date: '2025-05-13' }, '2025-12-01')).toBeNull();
    const many = Array.from({ length: MAX_LOG_EVENTS }, (_, i) => event('service', addDays('2021-01-01', i), [0], { title: `${i}` }));
    expect(eventConflict(many, { ...input, date: '2025-12-01', title: '新' }, '2025-12-01')).toEqual({ kind: 'full' });
    // those older than the log's months no longer weigh
    expect(eventConflict(many, { ...input, date: '2025-12-01', title: '新' }, '2030-12-01')).toBeNull();
  });
  it('refuses a wrong kind, hours, an attendee that is no membership, none, the same twice, and unknown fields', () => {
    expect(refused({ ...good, kind: 'party' })).toEqual(['kind: activity.kind.invalid']);
    expect(refused({ ...good, hours: 0 })).toEqual(['hours: activity.hours.invalid']);
    expect(refused({ ...good, hours: 1.25 })).toEqual(['hours: activity.hours.invalid']);
    expect(refused({ ...good, hours: 72.5 })).toEqual(['hours: activity.hours.invalid']);
    expect(refused({ ...good, hours: 72 })).toBeNull();
    expect(refused({ ...good, attendees: ['13900112233'] })).toEqual(['attendees.0: activity.attendee.invalid']);
    expect(refused({ ...good, attendees: [] })).toEqual(['attendees: activity.attendees.none']);
    expect(refused({ ...good, attendees: [M(0), M(0)] })).toEqual(['attendees: activity.attendees.repeated']);
    expect(refused({ ...good, attendees: Array.from({ length: 301 }, (_, i) => M(i)) })).toEqual(['attendees: activity.attendees.tooMany']);
    expect(refused({ ...good, date: '2025-02-30' })).not.toBeNull();
    expect(refused({ ...good, headcount: 30 })).not.toBeNull();
    expect(refused({ ...good, title: '' })).not.toBeNull();
  });
});

const one = (rule: Record<string, unknown>) => oneRule(rule as Parameters<typeof oneRule>[0]);
const msg = (zh: string) => ({ zh, en: zh });
const logged = (team: JudgedTeam, events: ActivityEvent[], today = '2025-12-31'): JudgedTeam => {
  const log = logOf(events, today);
  return log ? { ...team, log } : team;
};

describe('the practice rules read the log', () => {
  it('trained-within: a logged training or drill counts as a typed one does', () => {
    const s = one({ id: 't', kind: 'trained-within', months: 12, messages: { none: msg('无'), tooOld: msg('{last}') } });
    const team = logged(goodTeam({ lastTrainingOn: null, drills: [] }), [event('training', '2025-03-01', [0])]);
    expect(judge(team, s, '2025-06-15')).toMatchObject({ meetsStandard: true, holdsUntil: '2026-03-01' });
    expect(judge(goodTeam({ lastTrainingOn: null, drills: [] }), s, '2025-06-15').meetsStandard).toBe(false);
    // a failure names the latest practice, logged or typed
    const old = logged(goodTeam({ lastTrainingOn: '2023-01-01', drills: [] }), [event('training', '2024-02-01', [0])]);
    expect(judge(old, s, '2025-06-15').failed[0].message.zh).toBe('2024-02-01');
    expect(
      judge(logged(goodTeam({ lastTrainingOn: null, drills: [] }), [event('training', '2024-02-01', [0])]), s, '2025-06-15').failed[0]
        .message.zh,
    ).toBe('2024-02-01');
    // a logged call-out is no training
    expect(
      judge(logged(goodTeam({ lastTrainingOn: null, drills: [] }), [event('callout', '2025-03-01', [0])]), s, '2025-06-15').meetsStandard,
    ).toBe(false);
  });

  it('drills-count: the log and the typed dates together, the typed ones only until the day the log alone counts', () => {
    const rule = { id: 'd', kind: 'drills-count', atLeast: 2, withinMonths: 12, messages: { tooFew: msg('{count}/{atLeast}') } };
    const team = logged(goodTeam({ drills: ['2025-01-10'] }), [event('drill', '2025-05-01', [0]), event('training', '2025-05-02', [0])]);
    expect(judge(team, one(rule), '2025-06-15')).toMatchObject({ meetsStandard: true, holdsUntil: '2026-01-10' });
    // a date both typed and logged is one drill
    expect(
      judge(logged(goodTeam({ drills: ['2025-05-01'] }), [event('drill', '2025-05-01', [0])]), one(rule), '2025-06-15').meetsStandard,
    ).toBe(false);
    const strict = one({ ...rule, logOnlyFrom: '2025-09-01' });
    // before the day: both count, and the verdict is judged again on it
    expect(judge(team, strict, '2025-06-15')).toMatchObject({ meetsStandard: true, holdsUntil: '2025-08-31' });
    // from it: the typed date no longer counts
    expect(judge(team, strict, '2025-09-01').failed[0].values).toEqual({ drills: 1, atLeast: 2, withinMonths: 12 });
    expect(parseStandard({ ...strict, rules: [{ ...strict.rules[0], logOnlyFrom: '2025-02-30' }] }).ok).toBe(false);
  });

  it('attended-share: the share of counted members who took part within the months; the verdict holds until it would drop', () => {
    const s = one({
      id: 'a',
      kind: 'attended-share',
      share: 0.5,
      withinMonths: 6,
      kinds: ['drill'],
      messages: { tooFew: msg('{attended}/{required}/{members}/{share}/{months}') },
    });
    const roster = rosterOf([member('2024-01-01'), member('2024-01-01'), member('2024-01-01'), member('2024-01-01')]);
    const team = { ...goodTeam(), roster };
    const events = [event('drill', '2025-02-01', [0, 1]), event('drill', '2025-04-01', [1, 2]), event('training', '2025-05-01', [3])];
    // on 2025-06-15 members 0 (Feb), 1 (Apr), 2 (Apr) took part: 3 of 4 ≥ 2; the 2nd latest is April → holds to 2025-10-01
    expect(judge(logged(team, events), s, '2025-06-15')).toMatchObject({ meetsStandard: true, holdsUntil: lastDayWithin('2025-04-01', 6) });
    // on 2025-10-02 only April's aged out: none left within 6 months
    expect(judge(logged(team, events), s, '2025-10-02').failed[0].message.zh).toBe('0/2/4/50%/6');
    // training counts where the rule says so
    const both = one({ ...s.rules[0], kinds: ['drill', 'training'] } as Record<string, unknown>);
    expect(judge(logged(team, events), both, '2025-10-02').failed[0].values).toEqual({
      attended: 1,
      members: 4,
      required: 2,
      withinMonths: 6,
    });
    // a team on typed counts has no attendance: it fails (and a team of none does too)
    expect(judge(goodTeam(), s, '2025-06-15').meetsStandard).toBe(false);
    expect(judge({ ...goodTeam(), roster: rosterOf([member('2026-01-01')]) }, s, '2025-06-15').meetsStandard).toBe(false);
    expect(parseStandard({ ...s, rules: [{ ...s.rules[0], kinds: ['drill', 'drill'] }] }).ok).toBe(false);
    expect(parseStandard({ ...s, rules: [{ ...s.rules[0], kinds: ['callout'] }] }).ok).toBe(false);
  });

  it('attended-share as of any day equals a recount of the members counted and their practices that day', () => {
    const s = one({ id: 'a', kind: 'attended-share', share: 0.6, withinMonths: 6, kinds: ['drill'], messages: { tooFew: msg('x') } });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ joined: fc.integer({ min: 0, max: 500 }), stay: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.array(
          fc.record({ day: fc.integer({ min: 0, max: 700 }), who: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 12 }) }),
          {
            maxLength: 15,
          },
        ),
        fc.integer({ min: 0, max: 700 }),
        (people, drills, judged) => {
          const base = '2024-01-01';
          const roster = rosterOf(
            people.map((p) => member(addDays(base, p.joined), p.stay === null ? null : addDays(base, p.joined + p.stay))),
          );
          const events = drills.filter((d) => d.who.length).map((d) => event('drill', addDays(base, d.day), d.who));
          const asOf = addDays(base, judged);
          // the log as it stood on the day judged: the events recorded by then
          const team = logged(
            { ...goodTeam(), roster },
            events.filter((e) => e.date <= asOf),
            asOf,
          );
          const counted = Object.entries(roster).filter(([, e]) => countsOn(e!, asOf));
          const attended = counted.filter(([id]) =>
            events.some((e) => e.attendees.includes(id) && e.date <= asOf && e.date >= addMonths(asOf, -6)),
          ).length;
          const required = Math.ceil(0.6 * counted.length - 1e-9);
          expect(judge(team, s, asOf).meetsStandard).toBe(counted.length > 0 && attended >= required);
        },
      ),
    );
  });
});
