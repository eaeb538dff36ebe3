// The book of programmes and standards: which is in force on a day, the targets a trend marks, the
// maintenance years' status, the programme document's own checks, and the small helpers the rest of
// the code reads a standard through (rule titles, the insurance convention, the training window).
import { describe, expect, it } from 'vitest';
import { GUANGXI_2021, GUANGXI_STANDARD_V1, GUANGXI_BOOK } from '#app/programmes.js';
import { canonical, zeroCounters } from '#core/aggregate.js';
import { evaluateMilestone, STATUS_WORDS } from '#core/milestones.js';
import {
  describeProgramme,
  historyStart,
  mergeBook,
  programmeDocOn,
  programmeOn,
  standardOn,
  targetsThrough,
  type ProgrammeDoc,
} from '#core/programme.js';
import { coversEndDate, ruleIdsOf, ruleTitle, trainingMonths } from '#core/rules.js';
import { decodeFigures, encodeFigures } from '#core/snapshot.js';
import type { Standard } from '#core/standard.js';

const [gx2021, gx2024] = [...GUANGXI_BOOK.programmes].sort((a, b) => a.start.localeCompare(b.start));
const v = (version: number, effectiveFrom: string): Standard => ({ ...GUANGXI_STANDARD_V1, version, effectiveFrom });

describe('the book: what is in force on a day', () => {
  it('the programme whose start is latest by then; before any, the first', () => {
    expect(programmeDocOn(GUANGXI_BOOK, '2021-05-01').id).toBe('gx-2021');
    expect(programmeDocOn(GUANGXI_BOOK, '2024-05-31').id).toBe('gx-2021');
    expect(programmeDocOn(GUANGXI_BOOK, '2024-06-01').id).toBe('gx-2024');
    expect(programmeDocOn(GUANGXI_BOOK, '2026-12-01').id).toBe('gx-2024');
    expect(programmeDocOn(GUANGXI_BOOK, '2020-01-01').id).toBe('gx-2021');
    // the order of the book does not matter
    expect(programmeDocOn({ ...GUANGXI_BOOK, programmes: [gx2024, gx2021] }, '2022-01-01').id).toBe('gx-2021');
    expect(historyStart({ ...GUANGXI_BOOK, programmes: [gx2024, gx2021] })).toBe('2021-05-01');
  });

  it("the standard version latest effective by then, of the programme's standards only; the earliest before any", () => {
    const book = {
      programmes: GUANGXI_BOOK.programmes,
      standards: [v(3, '2027-06-01'), v(1, '2021-05-01'), v(2, '2027-01-01'), { ...v(9, '2026-01-01'), id: 'other' }],
    };
    expect(standardOn(book, gx2024, '2026-12-31').version).toBe(1);
    expect(standardOn(book, gx2024, '2027-01-01').version).toBe(2);
    expect(standardOn(book, gx2024, '2027-05-31').version).toBe(2);
    expect(standardOn(book, gx2024, '2027-06-01').version).toBe(3);
    expect(standardOn(book, gx2024, '2020-01-01').version).toBe(1);
    // two versions effective the same day: the higher one
    expect(standardOn({ ...book, standards: [v(5, '2027-01-01'), v(4, '2027-01-01')] }, gx2024, '2027-02-01').version).toBe(5);
    expect(() => standardOn({ ...book, standards: [] }, gx2024, '2027-01-01')).toThrow(/gx-2024 has no published standard/);
    const p = programmeOn(book, '2027-03-01');
    expect(p).toMatchObject({ id: 'gx-2024', provinceCode: '45', ruleSet: { version: 2 } });
  });

  it("a merged book keeps every version once; a version in both takes the table's", () => {
    const published = { ...v(2, '2027-01-01'), title: { zh: '表中的', en: 'from the table' } };
    const merged = mergeBook(
      { programmes: [gx2021], standards: [v(1, '2021-05-01'), v(2, '2027-01-01')] },
      { standards: [published], programmes: [gx2024] },
    );
    expect(merged.standards.map((s) => [s.version, s.title.en])).toEqual([
      [1, GUANGXI_STANDARD_V1.title.en],
      [2, 'from the table'],
    ]);
    expect(merged.programmes.map((p) => p.id)).toEqual(['gx-2021', 'gx-2024']);
    expect(mergeBook(GUANGXI_BOOK, {})).toEqual(GUANGXI_BOOK);
  });

  it("describes the programme with its standard's versions and every programme, in date order, each saying whether it is in force", () => {
    const book = {
      programmes: [gx2024, gx2021],
      standards: [v(2, '2027-01-01'), v(1, '2021-05-01'), { ...v(1, '2021-01-01'), id: 'other' }],
    };
    const d = describeProgramme(programmeOn(book, '2026-12-01'), book);
    expect(d.ruleSet).toMatchObject({
      ref: 'gx-2021-v1',
      params: {
        minMembers: 20,
        trainingWithinMonths: 12,
        insuranceCoversEndDate: true,
        earliestDate: '2000-01-01',
        insuranceYearsAhead: 5,
      },
    });
    expect(d.versions.map((x) => [x.ref, x.effectiveFrom, x.inForce])).toEqual([
      ['gx-2021-v1', '2021-05-01', true],
      ['gx-2021-v2', '2027-01-01', false],
    ]);
    expect(d.programmes.map((x) => [x.id, x.inForce, x.end])).toEqual([
      ['gx-2021', false, gx2021.end ?? null],
      ['gx-2024', true, null],
    ]);
    expect(d).not.toHaveProperty('provinceCode', undefined);
    // without a book: only itself
    const alone = describeProgramme(GUANGXI_2021);
    expect(alone.versions.map((x) => x.ref)).toEqual(['gx-2021-v1']);
    expect(alone.programmes.map((x) => [x.id, x.inForce])).toEqual([['gx-2021', true]]);
  });
});

describe('targets a trend marks', () => {
  it("the plan's milestones, then the maintenance target at each year end after them, until the day asked", () => {
    expect(targetsThrough(GUANGXI_BOOK, '2026-12-31')).toEqual([
      { due: '2021-12-31', target: 0.5 },
      { due: '2022-12-31', target: 0.8 },
      { due: '2023-12-31', target: 1 },
      { due: '2024-12-31', target: 0.95 },
      { due: '2025-12-31', target: 0.95 },
      { due: '2026-12-31', target: 0.95 },
    ]);
    expect(targetsThrough(GUANGXI_BOOK, '2026-12-30').at(-1)).toEqual({ due: '2025-12-31', target: 0.95 });
    expect(targetsThrough(GUANGXI_BOOK, '2022-06-30').map((t) => t.due)).toEqual(['2021-12-31', '2022-12-31', '2023-12-31']);
  });

  it("a programme's milestones stop where the next programme starts; maintenance runs from its own start", () => {
    const first: ProgrammeDoc = {
      ...gx2021,
      milestones: [{ due: '2021-12-31', target: 0.5 }],
      maintenance: { target: 0.9, basis: 'text' },
    };
    const second: ProgrammeDoc = { ...gx2024, start: '2024-06-01', milestones: [], maintenance: { target: 0.95, basis: 'text' } };
    expect(targetsThrough({ programmes: [second, first] }, '2025-12-31')).toEqual([
      { due: '2021-12-31', target: 0.5 },
      { due: '2022-12-31', target: 0.9 },
      { due: '2023-12-31', target: 0.9 },
      { due: '2024-12-31', target: 0.95 },
      { due: '2025-12-31', target: 0.95 },
    ]);
    // a milestone due after the next programme started is not marked, nor the maintenance after it
    const late = { ...first, milestones: [...first.milestones, { due: '2025-12-31', target: 1 }] };
    expect(targetsThrough({ programmes: [second, late] }, '2025-12-31').map((t) => `${t.due} ${t.target}`)).toEqual([
      '2021-12-31 0.5',
      '2024-12-31 0.95',
      '2025-12-31 0.95',
    ]);
    // no maintenance: only milestones
    expect(targetsThrough({ programmes: [{ ...late, maintenance: undefined }] }, '2030-12-31').map((t) => t.due)).toEqual([
      '2021-12-31',
      '2025-12-31',
    ]);
  });
});

describe('the maintenance years', () => {
  const keep = { ...gx2024 }; // no milestones, keep 95 % at each year end
  const at = (meeting: number, asOf: string, extra: Partial<Parameters<typeof evaluateMilestone>[1]> = {}) =>
    evaluateMilestone(keep, { communities: 1000, meeting, asOf, ...extra });

  it("the target is this year's end; at or above it the county keeps it, under it it is below, with the gap", () => {
    expect(at(960, '2026-06-15')).toEqual({
      asOf: '2026-06-15',
      mode: 'maintenance',
      coverage: 0.96,
      target: { due: '2026-12-31', target: 0.95 },
      lastDue: { due: '2025-12-31', target: 0.95 },
      decided: false,
      targetCommunities: 950,
      gap: 0,
      monthsLeft: 6,
      pacePerMonthNeeded: null,
      status: 'maintaining',
    });
    expect(at(950, '2026-06-15').status).toBe('maintaining');
    expect(at(949, '2026-06-15')).toMatchObject({ status: 'below', gap: 1, pacePerMonthNeeded: 1 / 6 });
    expect(at(900, '2026-12-15')).toMatchObject({ status: 'below', gap: 50, monthsLeft: 1, pacePerMonthNeeded: 50 });
    // 95 % of 999 is 949.05: 950 communities are needed
    expect(evaluateMilestone(keep, { communities: 999, meeting: 949, asOf: '2026-06-15' })).toMatchObject({
      targetCommunities: 950,
      gap: 1,
    });
    expect(evaluateMilestone(keep, { communities: 0, meeting: 0, asOf: '2026-06-15' })).toMatchObject({
      coverage: 0,
      gap: 0,
      status: 'maintaining',
    });
  });

  it('slipping: not under yet, but the recent net loss would take it under by the year end', () => {
    expect(at(960, '2026-06-15', { recentPacePerMonth: -2 }).status).toBe('slipping'); // 960 - 12 < 950
    expect(at(960, '2026-06-15', { recentPacePerMonth: -10 / 6 }).status).toBe('maintaining'); // exactly 950 at the end
    expect(at(960, '2026-06-15', { recentPacePerMonth: -1 }).status).toBe('maintaining');
    expect(at(960, '2026-06-15', { recentPacePerMonth: 0 }).status).toBe('maintaining');
    expect(at(960, '2026-06-15', { recentPacePerMonth: 5 }).status).toBe('maintaining');
    expect(at(940, '2026-06-15', { recentPacePerMonth: 5 }).status).toBe('below');
  });

  it('31 December: open during the day (the whole gap due now), decided at its end; the record names it as the last due', () => {
    expect(at(940, '2026-12-31')).toMatchObject({
      decided: false,
      monthsLeft: 0,
      gap: 10,
      pacePerMonthNeeded: 10,
      lastDue: { due: '2025-12-31' },
      status: 'below',
    });
    expect(at(940, '2026-12-31', { dayClosed: true })).toMatchObject({
      decided: true,
      monthsLeft: 0,
      pacePerMonthNeeded: null,
      lastDue: { due: '2026-12-31', target: 0.95 },
      status: 'below',
    });
    expect(at(960, '2026-12-31', { dayClosed: true })).toMatchObject({ decided: true, gap: 0, status: 'maintaining' });
    // a day closed before the year end decides nothing
    expect(at(940, '2026-11-30', { dayClosed: true })).toMatchObject({ decided: false, monthsLeft: 1 });
  });

  it('in its first year there is no year end before it to name; a plan with milestones enters maintenance once the last is decided', () => {
    expect(at(960, '2024-07-01').lastDue).toBeNull();
    expect(at(960, '2025-07-01').lastDue).toEqual({ due: '2024-12-31', target: 0.95 });
    const plan = { ...gx2021, maintenance: { target: 0.9, basis: 'text' as const } };
    expect(evaluateMilestone(plan, { communities: 100, meeting: 95, asOf: '2023-12-31' }).mode).toBe('build-out');
    expect(evaluateMilestone(plan, { communities: 100, meeting: 95, asOf: '2023-12-31', dayClosed: true }).mode).toBe('maintenance');
    expect(evaluateMilestone(plan, { communities: 100, meeting: 95, asOf: '2024-01-01' })).toMatchObject({
      mode: 'maintenance',
      target: { due: '2024-12-31', target: 0.9 },
      status: 'maintaining',
    });
    expect(() =>
      evaluateMilestone({ ...gx2021, milestones: [], maintenance: undefined }, { communities: 1, meeting: 0, asOf: '2024-01-01' }),
    ).toThrow(/needs a maintenance target/);
  });

  it('the words of every status, zh and en', () => {
    expect(STATUS_WORDS).toEqual({
      met: { zh: '已达标', en: 'Met' },
      'on-track': { zh: '进度正常', en: 'On track' },
      'at-risk': { zh: '有风险', en: 'At risk' },
      behind: { zh: '滞后', en: 'Behind' },
      maintaining: { zh: '保持达标', en: 'Maintaining' },
      slipping: { zh: '有下滑风险', en: 'Slipping' },
      below: { zh: '低于目标', en: 'Below target' },
    });
  });
});

describe('reading a standard', () => {
  it('rule titles (an id no longer in the set reads as itself), ids in order, the insurance convention, the training window', () => {
    expect(ruleTitle(GUANGXI_STANDARD_V1, 'insurance').zh).toMatch(/保险/);
    expect(ruleTitle(GUANGXI_STANDARD_V1, 'gone')).toEqual({ zh: 'gone', en: 'gone' });
    expect(ruleIdsOf(GUANGXI_STANDARD_V1)).toEqual(['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training']);
    expect(coversEndDate(GUANGXI_STANDARD_V1)).toBe(true);
    const withRules = (rules: Standard['rules']) => ({ ...GUANGXI_STANDARD_V1, rules });
    expect(
      coversEndDate(withRules(GUANGXI_STANDARD_V1.rules.map((r) => (r.kind === 'insurance' ? { ...r, coversEndDate: false } : r)))),
    ).toBe(false);
    expect(coversEndDate(withRules([]))).toBe(true);
    expect(trainingMonths(GUANGXI_STANDARD_V1)).toBe(12);
    expect(trainingMonths(withRules(GUANGXI_STANDARD_V1.rules.map((r) => (r.kind === 'trained-within' ? { ...r, months: 6 } : r))))).toBe(
      6,
    );
    expect(trainingMonths(withRules([]))).toBeNull();
  });
});

describe('stored figures', () => {
  it("a month's figures encode failures by name (no zeros) and decode either form", () => {
    const counters = {
      ...zeroCounters(),
      teamsRegistered: 9,
      teamsMeetingStandard: 7,
      members: 200,
      failures: { insurance: 2, training: 0, kit: 1 },
    };
    const encoded = encodeFigures({ communities: 10, counters });
    expect(encoded).toEqual([10, 9, 7, 200, { insurance: 2, kit: 1 }]);
    expect(decodeFigures(encoded)).toEqual({ communities: 10, counters: canonical(counters) });
    // an older item: failures by position in Guangxi v1's order
    expect(decodeFigures([10, 9, 7, 200, 1, 0, 0, 3, 2, 4]).counters.failures).toEqual({
      'members-min': 1,
      equipment: 3,
      insurance: 2,
      training: 4,
    });
    expect(decodeFigures([10, 9, 7, 200]).counters.failures).toEqual({});
    expect(decodeFigures([10, 9, 7, 200, { insurance: 0, kit: '2' as unknown as number }]).counters.failures).toEqual({ kit: 2 });
    expect(canonical({ ...counters, failures: { a: 0, b: 3 } })).toEqual({ ...counters, failures: { b: 3 } });
  });
});
