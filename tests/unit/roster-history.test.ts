// A team's history tells its roster's changes per member, in the reader's language, never field by field
// under a membership id: added, left, counted here from a day, resolved, corrected.
import { describe, expect, it } from 'vitest';
import { diffTeams } from '#core/diff.js';
import type { RosterEntry } from '#core/roster-counts.js';
import { isRosterChange, rosterChangeLines } from '#web/components/words.js';
import { goodTeam } from '#tests/helpers/team.js';

const entry: RosterEntry = {
  category: 'veterans',
  joined: '2024-03-01',
  left: null,
  insuredThrough: '2024-12-31',
  standing: 'suspected',
  countsFrom: '2024-03-01',
};
const ID = '9f1c2d3e-0000-4000-8000-000000000001';
const lines = (before: RosterEntry | null, after: RosterEntry, lang: 'zh' | 'en' = 'zh') =>
  rosterChangeLines(diffTeams({ ...goodTeam(), roster: before ? { [ID]: before } : {} }, { ...goodTeam(), roster: { [ID]: after } }), lang);

describe('a roster change in the history', () => {
  it('is one line a member, whatever fields changed', () => {
    expect(lines(null, entry)).toEqual(['名册新增队员（退役军人，2024-03-01 入队）']);
    expect(lines(null, entry, 'en')).toEqual(['Member added to the roster (Veterans, joined 2024-03-01)']);
    expect(lines(entry, { ...entry, left: '2024-06-01' })).toEqual(['名册队员离队（2024-06-01）']);
    expect(
      lines({ ...entry, standing: 'duplicate', countsFrom: null }, { ...entry, standing: 'counts', countsFrom: '2024-07-01' }),
    ).toEqual(['名册队员自 2024-07-01 起计入本队']);
    expect(lines(entry, { ...entry, standing: 'duplicate', countsFrom: null })).toEqual([
      '疑似重复核实为同一人：改为重复在册，不再计入本队',
    ]);
    expect(lines(entry, { ...entry, standing: 'distinct' })).toEqual(['疑似重复核实为共用手机号的另一人：继续计入本队']);
    expect(lines(entry, { ...entry, insuredThrough: '2025-12-31', category: 'medicalStaff' })).toEqual([
      '名册队员信息更正（社区医疗服务中心医疗人员、保险至 2025-12-31）',
    ]);
    expect(isRosterChange(`roster.${ID}.left`)).toBe(true);
    expect(isRosterChange('members.veterans')).toBe(false);
  });
});
