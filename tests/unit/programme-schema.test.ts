// The programme document's own checks, on the shipped documents as they are in data/ (read here,
// not through functions/app/programmes.ts: a schema that refused them must fail a test, not the
// import of every test file).
import { describe, expect, it } from 'vitest';
import gx2021 from '#data/programmes/gx-2021.json' with { type: 'json' };
import gx2024doc from '#data/programmes/gx-2024.json' with { type: 'json' };
import { programmeDocSchema, type ProgrammeDoc } from '#core/programme.js';

const gx2024 = gx2024doc as unknown as ProgrammeDoc;

describe('a programme document', () => {
  const ok = (doc: unknown) => programmeDocSchema.safeParse(doc).success;
  it('the shipped ones pass; each malformed field is refused', () => {
    for (const p of [gx2021, gx2024doc]) expect(programmeDocSchema.safeParse(p).error?.issues ?? [], p.id).toEqual([]);
    const spoilt: [string, (p: ProgrammeDoc) => unknown][] = [
      ['id with capitals', (p) => ({ ...p, id: 'GX' })],
      ['id of one letter', (p) => ({ ...p, id: 'g' })],
      ['id starting with a digit', (p) => ({ ...p, id: '1gx' })],
      ['id of 41 characters', (p) => ({ ...p, id: `g${'x'.repeat(40)}` })],
      ['version 0', (p) => ({ ...p, version: 0 })],
      ['version 1000', (p) => ({ ...p, version: 1000 })],
      ['region of 3 digits', (p) => ({ ...p, region: '450' })],
      ['region in letters', (p) => ({ ...p, region: 'gx' })],
      ['a start that is no date', (p) => ({ ...p, start: '2024-02-30' })],
      ['no planned communities', (p) => ({ ...p, plannedCommunities: 0 })],
      ['no planned counties', (p) => ({ ...p, plannedCounties: 0 })],
      ['an empty name', (p) => ({ ...p, name: { zh: ' ', en: 'x' } })],
      ['a name without English', (p) => ({ ...p, name: { zh: '计划' } })],
      ['a name of 301 characters', (p) => ({ ...p, name: { zh: '计'.repeat(301), en: 'x' } })],
      ['a source without a document', (p) => ({ ...p, source: { document: '' } })],
      ['a clause of 301 characters', (p) => ({ ...p, source: { document: 'x', clause: 'x'.repeat(301) } })],
      ['a milestone of 0 %', (p) => ({ ...p, milestones: [{ due: '2025-12-31', target: 0 }] })],
      ['a milestone over 100 %', (p) => ({ ...p, milestones: [{ due: '2025-12-31', target: 1.01 }] })],
      ['21 milestones', (p) => ({ ...p, milestones: Array.from({ length: 21 }, () => ({ due: '2025-12-31', target: 0.5 })) })],
      ['a maintenance target of 0', (p) => ({ ...p, maintenance: { target: 0, basis: 'text' } })],
      ['a maintenance target over 1', (p) => ({ ...p, maintenance: { target: 1.5, basis: 'text' } })],
      ['an unknown basis', (p) => ({ ...p, maintenance: { target: 0.9, basis: 'guess' } })],
      [
        'a phase without an id',
        (p) => ({ ...p, phases: [{ id: '', name: { zh: '阶段', en: 'x' }, from: '2024-01-01', to: '2024-12-31' }] }),
      ],
      [
        'a phase name of 41 characters',
        (p) => ({ ...p, phases: [{ id: 'a', name: { zh: '阶'.repeat(41), en: 'x' }, from: '2024-01-01', to: '2024-12-31' }] }),
      ],
      ['no standard', (p) => ({ ...p, standards: [] })],
      ['a standard version 0', (p) => ({ ...p, standards: [{ id: 'gx-2021', version: 0 }] })],
      ['an inspection in month 13', (p) => ({ ...p, inspections: { name: { zh: '检查', en: 'x' }, month: 13 } })],
      ['an inspection in month 0', (p) => ({ ...p, inspections: { name: { zh: '检查', en: 'x' }, month: 0 } })],
      ['a summary due in month 13', (p) => ({ ...p, summaries: { name: { zh: '总结', en: 'x' }, dueMonth: 13 } })],
      ['a reporting deadline on the 29th', (p) => ({ ...p, reporting: { deadlineDay: 29, from: '2024-06' } })],
      ['reporting from no month', (p) => ({ ...p, reporting: { from: '2024-13' } })],
      ['an unknown field', (p) => ({ ...p, colour: 'red' })],
    ];
    for (const [label, spoil] of spoilt) expect(ok(spoil(gx2024)), label).toBe(false);
    // reporting's deadline and reminder default to the 25th and three days before
    expect(programmeDocSchema.parse({ ...gx2024, reporting: { from: '2024-06' } }).reporting).toEqual({
      deadlineDay: 25,
      remindDaysBefore: 3,
      from: '2024-06',
    });
  });
});
