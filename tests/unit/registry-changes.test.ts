// The registry's change sets as pure functions: parsing, validation (every bad row with its reason),
// application, what they do to teams, the comparison of full editions, and the demo's scope rule.
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  CHANGE_KINDS,
  effectiveDateError,
  fnv1a,
  inScope,
  oversizedCounties,
  parseChanges,
  planTeams,
  simulatedScope,
  unfinishedVersion,
  unitCounts,
  validateChanges,
  versionOn,
  type CountyUnits,
  type RegistryChange,
} from '#core/registry.js';
import { diffEdition, parseEdition } from '#core/edition.js';
import type { ValidationError } from '#core/errors.js';
import { issueText } from '#core/issues.js';
import { zhText } from '#core/messages/index.js';
import { format } from '#core/messages/format.js';
import { EXCLUDED_FIELD, teamAt } from '#core/record.js';
import { countyRegistries } from '#app/registry.js';
import { MAX_CHANGES } from '#app/registry-versions.js';
import { MAX_ROWS } from '#app/spreadsheet.js';

const county = (): CountyUnits => ({
  code: '450102',
  name: '兴宁区',
  cityCode: '4501',
  cityName: '南宁市',
  townships: [
    ['450102001', '民生街道'],
    ['450102002', '朝阳街道'],
  ],
  communities: [
    ['450102001001', '甲社区'],
    ['450102001002', '乙社区'],
    ['450102001003', '丙社区'],
    ['450102002001', '丁社区'],
  ],
});
const other = (): CountyUnits => ({
  code: '450103',
  name: '青秀区',
  cityCode: '4501',
  cityName: '南宁市',
  townships: [['450103001', '新竹街道']],
  communities: [['450103001001', '戊社区']],
});
let row = 0;
const change = (c: Omit<RegistryChange, 'row' | 'reason'> & { reason?: string }): RegistryChange => ({
  row: ++row,
  reason: '民政部门批复',
  ...c,
});

describe('parseChanges', () => {
  it('reads the kinds and scope reasons by their Chinese names or ids, and names every bad row', () => {
    const { changes, errors } = parseChanges(
      [
        { kind: '合并', code: '450102001002', target: '450102001001', reason: '村改居合并' },
        { kind: 'exclude', code: '450102001003', scopeReason: '虚拟社区', reason: '统计单位' },
        { kind: '搬迁', code: '450102001001', reason: 'x' },
        { kind: '撤销', code: '4501020010', reason: 'x' },
        { kind: '撤销', code: '450102001001' },
        { kind: '更名', code: '450102001001', name: '=HYPERLINK()', reason: 'x' },
      ],
      (i) => i + 2,
    );
    expect(changes.map((c) => [c.row, c.kind, c.scopeReason])).toEqual([
      [2, 'merge', undefined],
      [3, 'exclude', 'virtual'],
    ]);
    expect(errors.map((e) => e.row)).toEqual([4, 5, 6, 7]);
    expect(zhText(errors[0].message)).toContain('变更类型“搬迁”不对');
    expect(zhText(errors[1].message)).toContain('12 位社区代码');
    expect(zhText(errors[2].message)).toContain('变更原因');
    expect(zhText(errors[3].message)).toContain('不能以 = + - @ 开头');
  });
});

describe('validateChanges', () => {
  const check = (changes: RegistryChange[]) => validateChanges([county(), other()], changes);

  it('accepts a sound set, applied in row order (a township added before its community)', () => {
    expect(
      check([
        change({ kind: 'add', code: '450102003', name: '新街道' }),
        change({ kind: 'add', code: '450102003001', name: '新社区' }),
        change({ kind: 'merge', code: '450102001002', target: '450102001001' }),
        change({ kind: 'recode', code: '450102002001', target: '450102003002' }),
        change({ kind: 'split', code: '450102001004', name: '丙二社区', target: '450102001003' }),
        change({ kind: 'rename', code: '450102001003', name: '丙一社区' }),
        change({ kind: 'exclude', code: '450103001001', scopeReason: 'no-residents' }),
      ]),
    ).toEqual([]);
  });

  it('refuses a community removed twice, a merge into a community that does not exist, and one that would leave a team without a community', () => {
    const errors = check([
      change({ kind: 'remove', code: '450102001003' }),
      change({ kind: 'remove', code: '450102001003' }),
      change({ kind: 'merge', code: '450102001001', target: '450102009999' }),
      change({ kind: 'merge', code: '450102001002', target: '450102002001' }),
      change({ kind: 'remove', code: '450102002001' }),
    ]);
    expect(errors.map((e) => [e.code, zhText(e.message).slice(0, 40)])).toEqual([
      ['450102001003', expect.stringContaining('已有变更')],
      ['450102001001', expect.stringContaining('合并目标社区 450102009999 不存在')],
      ['450102001002', expect.stringContaining('合并目标社区 450102002001 在第')],
    ]);
    expect(zhText(errors[2].message)).toContain('合并后队伍将没有所属社区');
  });

  it('names what is wrong with each kind of change', () => {
    const messages = check([
      change({ kind: 'add', code: '450102001001', name: '重复' }),
      change({ kind: 'add', code: '450102007001', name: '无乡镇' }),
      change({ kind: 'remove', code: '450102001' }),
      change({ kind: 'rename', code: '450102002001', name: '丁社区' }),
      change({ kind: 'merge', code: '450102001002', target: '450102001002' }),
      change({ kind: 'recode', code: '450102001003', target: '450103001001' }),
      change({ kind: 'exclude', code: '450103001001' }),
      change({ kind: 'include', code: '450102009001' }),
      change({ kind: 'merge', code: '999999000001', target: '450102001001' }),
      change({ kind: 'split', code: '450102001009', name: '新' }),
    ]).map((e) => zhText(e.message));
    expect(messages).toEqual([
      expect.stringContaining('已在名录中，不能新增'),
      expect.stringContaining('请先新增乡镇'),
      expect.stringContaining('下还有社区'),
      expect.stringContaining('无需更名'),
      '社区 450102001002 不能合并到自身',
      expect.stringContaining('新代码 450103001001 已在名录中'),
      expect.stringContaining('须填写范围原因'),
      expect.stringContaining('不在名录中'),
      expect.stringContaining('县（市、区）999999 不在名录中'),
      expect.stringContaining('须填写目标代码'),
    ]);
  });

  it('keeps the scope consistent: a unit already out cannot go out again, one in cannot come in', () => {
    const marked = { ...county(), outOfScope: { '450102001003': { reason: 'virtual' as const } } };
    expect(
      zhText(validateChanges([marked], [change({ kind: 'exclude', code: '450102001003', scopeReason: 'other' })])[0].message),
    ).toContain('已在方案范围之外');
    expect(zhText(validateChanges([marked], [change({ kind: 'include', code: '450102001001' })])[0].message)).toContain('已在方案范围之内');
    expect(validateChanges([marked], [change({ kind: 'include', code: '450102001003' })])).toEqual([]);
  });
});

describe('applyChanges', () => {
  it('returns only the counties changed, units in code order, scope marks moving with a recode', () => {
    const marked = { ...county(), outOfScope: { '450102002001': { reason: 'farm' as const } } };
    const after = applyChanges(
      [marked, other()],
      [
        change({ kind: 'merge', code: '450102001002', target: '450102001001' }),
        change({ kind: 'recode', code: '450102002001', target: '450103001002' }),
        change({ kind: 'add', code: '450102001000', name: '零社区' }),
        change({ kind: 'rename', code: '450102001003', name: '丙一社区' }),
      ],
    );
    expect(after.map((c) => c.code)).toEqual(['450102', '450103']);
    expect(after[0].communities).toEqual([
      ['450102001000', '零社区'],
      ['450102001001', '甲社区'],
      ['450102001003', '丙一社区'],
    ]);
    expect(after[0].outOfScope).toEqual({});
    expect(after[1].communities).toEqual([
      ['450103001001', '戊社区'],
      ['450103001002', '丁社区'],
    ]);
    expect(after[1].outOfScope).toEqual({ '450103001002': { reason: 'farm' } });
    expect(unitCounts(after[1])).toEqual([2, 1]);
    expect(county().communities).toHaveLength(4); // the input is not touched
  });
});

describe('what review found', () => {
  it('a recoded unit keeps its scope mark, in validation as in application', () => {
    const marked = { ...county(), outOfScope: { '450102001003': { reason: 'virtual' as const } } };
    const recode = change({ kind: 'recode', code: '450102001003', target: '450102001009' });
    expect(validateChanges([marked], [recode])).toEqual([]);
    expect(applyChanges([marked], [recode])[0].outOfScope).toEqual({ '450102001009': { reason: 'virtual' } });
    // bringing it in is a change of its own (the new code a recode made may not be changed again in the same set)
    expect(validateChanges([marked], [change({ kind: 'include', code: '450102001003' })])).toEqual([]);
    expect(zhText(validateChanges([marked], [recode, change({ kind: 'include', code: '450102001009' })])[0].message)).toContain('已有变更');
  });

  it('a merge into another county touches that county too (its team and scope decide the move)', () => {
    const after = applyChanges([county(), other()], [change({ kind: 'merge', code: '450102001002', target: '450103001001' })]);
    expect(after.map((c) => c.code)).toEqual(['450102', '450103']);
  });

  it('a code a recode created may not be changed again in the same set (its team would be written twice at once)', () => {
    const errors = validateChanges(
      [county()],
      [change({ kind: 'recode', code: '450102001001', target: '450102001009' }), change({ kind: 'remove', code: '450102001009' })],
    );
    expect(errors.map((e) => zhText(e.message))).toEqual([expect.stringContaining('已有变更')]);
  });

  it('matches same-township reappearances first: two 大同村 in two townships go each to its own', () => {
    const two: CountyUnits = {
      ...county(),
      communities: [
        ['450102001001', '大同村委会'],
        ['450102002001', '大同村委会'],
      ],
    };
    const changes = diffEdition(
      [two],
      {
        counties: [['450102', '兴宁区']],
        townships: two.townships,
        communities: [['450102002099', '大同村委会']],
      },
      'x',
    );
    expect(changes.map((c) => [c.kind, c.code, c.target ?? ''])).toEqual([
      ['remove', '450102001001', ''],
      ['recode', '450102002001', '450102002099'],
    ]);
  });

  it('reads a renumbering of 100,000 communities as 100,000 code changes, each to its own new code (a lookup per unit, not a scan)', () => {
    const n = 100_000;
    const code = (township: number, i: number) => `450102${String(township).padStart(3, '0')}${String(i).padStart(3, '0')}`;
    const townships: [string, string][] = Array.from({ length: 200 }, (_, t) => [code(t + 1, 0).slice(0, 9), `镇${t}`]);
    const old: CountyUnits = {
      ...county(),
      townships: townships.slice(0, 100),
      communities: Array.from({ length: n }, (_, i) => [code(1 + Math.floor(i / 1000), i % 1000), `村${i}`]),
    };
    // every unit moves to the next hundred townships, keeping its name
    const next: [string, string][] = old.communities.map(([, name], i) => [code(101 + Math.floor(i / 1000), i % 1000), name]);
    const changes = diffEdition([old], { counties: [['450102', '兴宁区']], townships, communities: next }, '区划调整');
    const recodes = changes.filter((c) => c.kind === 'recode');
    expect(recodes).toHaveLength(n);
    expect(recodes[12_345]).toMatchObject({ code: old.communities[12_345][0], target: next[12_345][0] });
  });

  it('takes as many change rows as JSON as a change-set file holds', () => {
    expect(MAX_CHANGES).toBe(MAX_ROWS);
  });

  it('refuses an edition that lists a code twice, naming it, rather than reading the unit under its last name', () => {
    const edition = {
      counties: [['450102', '兴宁区']],
      townships: county().townships,
      communities: [...county().communities, ['450102001001', '重复名称']],
    };
    try {
      parseEdition(edition);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => [i.field, issueText(i)])).toEqual([
        [`communities.${county().communities.length}.0`, '社区（村）代码 450102001001 出现不止一次'],
      ]);
    }
  });

  it('a full edition whose counties differ (a county recoded) is refused, not read as every unit removed', () => {
    expect(() => diffEdition([county()], { counties: [['450181', '横州市']], townships: [], communities: [] }, 'x')).toThrow(
      '县级区划变更',
    );
  });

  it('a township merger that renumbers a village is read as a code change within the county', () => {
    const changes = diffEdition(
      [county()],
      {
        counties: [['450102', '兴宁区']],
        townships: [['450102001', '民生街道']],
        communities: [
          ['450102001001', '甲社区'],
          ['450102001002', '乙社区'],
          ['450102001003', '丙社区'],
          ['450102001021', '丁社区'],
        ],
      },
      '撤乡并镇',
    );
    expect(changes.map((c) => [c.kind, c.code, c.target ?? ''])).toEqual([
      ['recode', '450102002001', '450102001021'],
      ['remove', '450102002', ''],
    ]);
    expect(validateChanges([county()], changes)).toEqual([]);
  });
});

describe('planTeams', () => {
  const teams = ['450102001001', '450102001002', '450102001003', '450102002001'].map((communityCode) => ({ communityCode }));

  it("closes a removed community's team, moves a merged one to the survivor, or closes it when the survivor has a team", () => {
    const actions = planTeams(
      [
        change({ kind: 'remove', code: '450102001003' }),
        change({ kind: 'merge', code: '450102001002', target: '450102001001' }),
        change({ kind: 'merge', code: '450102002001', target: '450102009001' }),
        change({ kind: 'merge', code: '450102009002', target: '450102009001' }),
      ],
      [...teams, { communityCode: '450102009002' }],
      () => false,
    );
    expect(actions.map((a) => [a.kind, a.kind === 'move' ? `${a.from}>${a.to}` : a.code])).toEqual([
      ['close', '450102001003'],
      ['close', '450102001002'],
      ['move', '450102002001>450102009001'],
      ['close', '450102009002'], // the survivor has the team moved in just before
    ]);
    expect(zhText(actions[0].reason)).toBe('撤销：民政部门批复');
    expect(zhText(actions[1].reason)).toBe('合并：民政部门批复（并入的社区 450102001001 已有队伍，本队撤销，历史保留）');
    expect(format('en', actions[1].reason)).toBe(
      'Merged into: 民政部门批复 (community 450102001001, merged into, already has a team: this one is closed, its history kept)',
    );
    expect(zhText(actions[2].reason)).toBe('合并：民政部门批复');
  });

  it('moves a recoded team, marks a team leaving or entering the scope, and leaves closed teams alone', () => {
    const actions = planTeams(
      [
        change({ kind: 'recode', code: '450102001001', target: '450103001009' }),
        change({ kind: 'exclude', code: '450102001002', scopeReason: 'virtual' }),
        change({ kind: 'include', code: '450102001003' }),
        change({ kind: 'remove', code: '450102002001' }),
        change({ kind: 'rename', code: '450102009009', name: '无队' }),
      ],
      [
        teams[0],
        teams[1],
        { communityCode: '450102001003', excluded: 'out-of-scope' },
        { communityCode: '450102002001', excluded: 'closed' },
      ],
      (c) => c === '450103001009',
    );
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'move', from: '450102001001', to: '450103001009', excluded: 'out-of-scope' }),
      expect.objectContaining({ kind: 'scope', code: '450102001002', excluded: 'out-of-scope' }),
      expect.objectContaining({ kind: 'scope', code: '450102001003', excluded: undefined }),
    ]);
  });
});

describe('diffEdition', () => {
  it('finds added, removed and renamed units, and reads a same-name swap of codes in a township as a code change', () => {
    const changes = diffEdition(
      [county()],
      {
        counties: [['450102', '兴宁区']],
        townships: [
          ['450102001', '民生街道'],
          ['450102002', '朝阳新街道'],
          ['450102003', '新街道'],
        ],
        communities: [
          ['450102001001', '甲社区'],
          ['450102001002', '乙一社区'],
          ['450102001013', '丙社区'],
          ['450102003001', '新社区'],
          ['450999001001', '别县的'],
        ],
      },
      '对比新版',
    );
    expect(changes.map((c) => [c.kind, c.code, c.target ?? c.name ?? ''])).toEqual([
      ['rename', '450102002', '朝阳新街道'],
      ['add', '450102003', '新街道'],
      ['add', '450102003001', '新社区'],
      ['rename', '450102001002', '乙一社区'],
      ['recode', '450102001003', '450102001013'],
      ['remove', '450102002001', ''],
    ]);
    expect(validateChanges([county()], changes)).toEqual([]);
  });
});

// The scope is drawn inside each test: one drawn while the file is collected would be drawn before a mutant is switched on.
describe("the demo's simulated scope", () => {
  const registries = countyRegistries();

  it("reproduces the plan's 16,197 from the registry's 16,681: statistical units by name, the rest by FNV-1a of the code", () => {
    const out = simulatedScope(registries, 16197);
    const total = registries.reduce((n, r) => n + r.communities.length, 0);
    expect(total - out.size).toBe(16197);
    const reasons: Record<string, number> = {};
    for (const o of out.values()) reasons[o.reason] = (reasons[o.reason] ?? 0) + 1;
    expect(reasons).toEqual({ virtual: 17, farm: 104, 'after-plan': 363 });
    expect([...out.values()].every((o) => o.simulated)).toBe(true);
  });

  it('is deterministic, and counts in every county', () => {
    const out = simulatedScope(registries, 16197);
    expect([...simulatedScope(countyRegistries(), 16197).keys()]).toEqual([...out.keys()]);
    expect(fnv1a('a')).toBe(0xe40c292c); // the published FNV-1a test vector
    const marked = registries.map((r) => ({
      ...r,
      outOfScope: Object.fromEntries(r.communities.filter(([c]) => out.has(c)).map(([c]) => [c, out.get(c)!])),
    }));
    expect(marked.reduce((n, r) => n + inScope(r).length, 0)).toBe(16197);
    expect(marked.every((r) => inScope(r).length > 0)).toBe(true);
  });
});

describe('versions and dates', () => {
  const v = (version: number, effectiveFrom: string, status: 'applied' | 'applying' = 'applied') => ({ version, effectiveFrom, status });
  it('takes the newest applied version effective by the date', () => {
    const versions = [v(1, '2021-01-01'), v(2, '2026-12-01'), v(3, '2026-12-02', 'applying')];
    expect(versionOn(versions, '2026-06-30')?.version).toBe(1);
    expect(versionOn(versions, '2026-12-01')?.version).toBe(2);
    expect(versionOn(versions, '2026-12-31')?.version).toBe(2);
    expect(versionOn(versions, '2020-12-31')).toBeNull();
  });

  it('lets a change take effect only from the first of this month to today', () => {
    expect(effectiveDateError('2026-12-01', '2026-12-02')).toBeNull();
    expect(effectiveDateError('2026-12-02', '2026-12-02')).toBeNull();
    expect(zhText(effectiveDateError('2026-11-30', '2026-12-02')!)).toContain('早于本月 1 日');
    expect(zhText(effectiveDateError('2026-12-03', '2026-12-02')!)).toContain('晚于今天');
    expect(zhText(effectiveDateError('2026-02-30', '2026-12-02')!)).toContain('有效日期');
    expect(zhText(effectiveDateError(undefined, '2026-12-02')!)).toContain('有效日期');
  });
});

describe('a team that stops counting, rebuilt at an instant', () => {
  const team = { name: '队', leader: { name: '', phone: '' } } as never;
  it('counts before its closure and not after; a team that came back into scope counts again', () => {
    const closed = { communityCode: '450102001001', team, version: 2, updatedAt: '2026-12-01T02:00:00.000Z', excluded: 'closed' };
    const records = [
      { version: 1, at: '2026-01-01T00:00:00.000Z', changes: [] },
      { version: 2, at: '2026-12-01T02:00:00.000Z', changes: [{ field: EXCLUDED_FIELD, before: null, after: 'closed' }] },
    ];
    expect(teamAt(closed, records, '2026-11-30T16:00:00.000Z')).toEqual(team);
    expect(teamAt(closed, records, '2026-12-31T16:00:00.000Z')).toBeNull();
    const back = { ...closed, version: 3, updatedAt: '2026-12-05T00:00:00.000Z', excluded: undefined };
    const more = [
      ...records.map((r) => ({
        ...r,
        changes: r.version === 2 ? [{ field: EXCLUDED_FIELD, before: null, after: 'out-of-scope' }] : r.changes,
      })),
      { version: 3, at: '2026-12-05T00:00:00.000Z', changes: [{ field: EXCLUDED_FIELD, before: 'out-of-scope', after: null }] },
    ];
    expect(teamAt(back, more, '2026-12-03T00:00:00.000Z')).toBeNull();
    expect(teamAt(back, more, '2026-12-06T00:00:00.000Z')).toEqual(team);
    expect(teamAt(back, more, '2026-11-30T16:00:00.000Z')).toEqual(team);
  });
});

describe('every refusal, by its message and what it names', () => {
  const TOWNSHIP = { zh: '乡镇（街道）', en: 'Township' };
  const COMMUNITY = { zh: '社区', en: 'Community' };
  const REASONS = {
    zh: '虚拟社区（统计单位，非实体社区）、农场、林场生活区（统计单位）、撤并、居委会随所在村统计、无常住人口、方案编制后新设、其他',
    en: 'virtual, farm, merged, with-village, no-residents, after-plan, other',
  };
  const marked = () => ({ ...county(), outOfScope: { '450102001003': { reason: 'virtual' as const } } });
  const refusals = (changes: Omit<RegistryChange, 'row' | 'reason'>[]) =>
    validateChanges(
      [marked(), other()],
      changes.map((c, i) => ({ row: i + 1, reason: '批复', ...c })),
    ).map((e) => [e.row, e.code, e.message]);
  const refused = (code: string, id: string, params: Record<string, unknown> = {}) => ({ id, params: { code, ...params } });

  it.each([
    [
      'a township merged',
      { kind: 'merge', code: '450102001', target: '450102001001' },
      'registry.row.communityOnly',
      { kind: CHANGE_KINDS.merge },
    ],
    ['an add with no name', { kind: 'add', code: '450102001009' }, 'registry.row.nameRequired', { kind: CHANGE_KINDS.add }],
    [
      'a split with no name',
      { kind: 'split', code: '450102001009', target: '450102001001' },
      'registry.row.nameRequired',
      { kind: CHANGE_KINDS.split },
    ],
    ['a rename with no name', { kind: 'rename', code: '450102001001' }, 'registry.row.nameRequired', { kind: CHANGE_KINDS.rename }],
    ['a merge with no target', { kind: 'merge', code: '450102001001' }, 'registry.row.targetRequired', { kind: CHANGE_KINDS.merge }],
    ['a recode with no target', { kind: 'recode', code: '450102001001' }, 'registry.row.targetRequired', { kind: CHANGE_KINDS.recode }],
    ['a community added twice', { kind: 'add', code: '450102001001', name: '甲' }, 'registry.row.exists', { unit: COMMUNITY }],
    ['a township added twice', { kind: 'add', code: '450102002', name: '乙' }, 'registry.row.exists', { unit: TOWNSHIP }],
    [
      'a split onto a unit that exists',
      { kind: 'split', code: '450102001002', name: '乙', target: '450102001001' },
      'registry.row.exists',
      { unit: COMMUNITY },
    ],
    [
      'a community in no township',
      { kind: 'add', code: '450102007001', name: '新' },
      'registry.row.townshipMissing',
      { township: '450102007' },
    ],
    [
      'a split from nowhere',
      { kind: 'split', code: '450102001009', name: '新', target: '450102001008' },
      'registry.row.splitSourceMissing',
      { target: '450102001008' },
    ],
    ['a community removed that is not there', { kind: 'remove', code: '450102001009' }, 'registry.row.removeMissing', { unit: COMMUNITY }],
    ['a township removed that is not there', { kind: 'remove', code: '450102009' }, 'registry.row.removeMissing', { unit: TOWNSHIP }],
    ['a township removed with communities in it', { kind: 'remove', code: '450102002' }, 'registry.row.townshipNotEmpty', {}],
    [
      'a community renamed that is not there',
      { kind: 'rename', code: '450102001009', name: '新' },
      'registry.row.renameMissing',
      { unit: COMMUNITY },
    ],
    [
      'a township renamed that is not there',
      { kind: 'rename', code: '450102009', name: '新' },
      'registry.row.renameMissing',
      { unit: TOWNSHIP },
    ],
    [
      'a township renamed to its name',
      { kind: 'rename', code: '450102002', name: '朝阳街道' },
      'registry.row.renameSame',
      { unit: TOWNSHIP, name: '朝阳街道' },
    ],
    ['a merge of what is not there', { kind: 'merge', code: '450102001009', target: '450102001001' }, 'registry.row.mergeMissing', {}],
    ['a merge into itself', { kind: 'merge', code: '450102001001', target: '450102001001' }, 'registry.row.mergeSelf', {}],
    [
      'a merge into nothing',
      { kind: 'merge', code: '450102001001', target: '450102001009' },
      'registry.row.mergeTargetMissing',
      { target: '450102001009' },
    ],
    ['a recode of what is not there', { kind: 'recode', code: '450102001009', target: '450102001008' }, 'registry.row.recodeMissing', {}],
    [
      'a recode onto a unit that exists',
      { kind: 'recode', code: '450102001001', target: '450102001002' },
      'registry.row.recodeTaken',
      { target: '450102001002' },
    ],
    [
      'a recode into an unknown county',
      { kind: 'recode', code: '450102001001', target: '450999001001' },
      'registry.row.recodeCounty',
      { target: '450999001001' },
    ],
    [
      'a recode into an unknown township',
      { kind: 'recode', code: '450102001001', target: '450103002001' },
      'registry.row.recodeTownship',
      { target: '450103002001', township: '450103002' },
    ],
    [
      'an exclusion of what is not there',
      { kind: 'exclude', code: '450102001009', scopeReason: 'other' },
      'registry.row.communityMissing',
      {},
    ],
    ['an exclusion with no reason', { kind: 'exclude', code: '450102001001' }, 'registry.row.scopeReasonRequired', { reasons: REASONS }],
    ['an exclusion of what is out', { kind: 'exclude', code: '450102001003', scopeReason: 'other' }, 'registry.row.alreadyOut', {}],
    ['an inclusion of what is not there', { kind: 'include', code: '450102001009' }, 'registry.row.communityMissing', {}],
    ['an inclusion of what is in', { kind: 'include', code: '450102001001' }, 'registry.row.alreadyIn', {}],
    ['a change in an unknown county', { kind: 'remove', code: '450999001001' }, 'registry.row.countyUnknown', { county: '450999' }],
  ] as const)('%s', (_, c, id, params) => {
    expect(refusals([c as never])).toEqual([[1, c.code, refused(c.code, id, params)]]);
  });

  it('refuses what lands on a unit a later row of the same set takes away, naming that row', () => {
    expect(
      refusals([
        { kind: 'split', code: '450102001009', name: '新', target: '450102001001' },
        { kind: 'merge', code: '450102001002', target: '450102001001' },
        { kind: 'remove', code: '450102001002' },
        { kind: 'remove', code: '450102001001' },
      ]),
    ).toEqual([
      [1, '450102001009', refused('450102001009', 'registry.row.splitSourceGone', { target: '450102001001', row: 4 })],
      [2, '450102001002', refused('450102001002', 'registry.row.mergeTargetGone', { target: '450102001001', row: 4 })],
      [3, '450102001002', refused('450102001002', 'registry.row.duplicate', { row: 2 })],
    ]);
  });

  it('lists the refusals in row order, whatever order the rows came in', () => {
    const errors = validateChanges(
      [county()],
      [
        { row: 9, kind: 'remove', code: '450102001009', reason: 'x' },
        { row: 4, kind: 'remove', code: '450102001008', reason: 'x' },
        { row: 6, kind: 'remove', code: '450102001007', reason: 'x' },
      ],
    );
    expect(errors.map((e) => e.row)).toEqual([4, 6, 9]);
  });

  it('reads a scope reason by its id, its Chinese name, or the name before its note, and lists them when none fits', () => {
    const reasons = parseChanges(
      ['virtual', '虚拟社区（统计单位，非实体社区）', '虚拟社区', '农场、林场生活区', 'other'].map((scopeReason) => ({
        kind: '移出方案范围',
        code: '450102001001',
        scopeReason,
        reason: 'x',
      })),
    );
    expect(reasons.changes.map((c) => [c.row, c.scopeReason])).toEqual([
      [1, 'virtual'],
      [2, 'virtual'],
      [3, 'virtual'],
      [4, 'farm'],
      [5, 'other'],
    ]);
    const bad = parseChanges([
      { kind: 'exclude', code: '450102001001', scopeReason: ' 无人居住的虚拟社区比较长的说明文字超过二十个字 ', reason: 'x' },
    ]);
    expect(bad.errors).toEqual([
      {
        row: 1,
        code: '450102001001',
        message: {
          id: 'registry.scopeReason.invalid',
          params: { label: 'scopeReason', value: '无人居住的虚拟社区比较长的说明文字超过二', reasons: REASONS },
        },
      },
    ]);
  });

  it('names an unknown kind with the kinds there are, and a row that is not an object by no code', () => {
    const { errors } = parseChanges([{ kind: 'virtual', code: '450102001001', reason: 'x' }, 'a line', null]);
    expect(errors[0]).toEqual({
      row: 1,
      code: '450102001001',
      message: {
        id: 'registry.kind.invalid',
        params: {
          label: 'kind',
          value: 'virtual',
          kinds: {
            zh: '新增、撤销、更名、合并、拆分、代码变更、移出方案范围、纳入方案范围',
            en: 'add, remove, rename, merge, split, recode, exclude, include',
          },
        },
      },
    });
    expect(errors.slice(1).map((e) => [e.row, e.code])).toEqual([
      [2, ''],
      [3, ''],
    ]);
  });

  it('takes a blank cell as no value, and gives a row with several problems all of them in one message', () => {
    const { changes, errors } = parseChanges([
      { kind: 'remove', code: '450102001001', name: '', target: null, scopeReason: undefined, reason: 'x' },
      { kind: 'remove', code: 'x', reason: '' },
    ]);
    expect(changes).toEqual([{ row: 1, kind: 'remove', code: '450102001001', reason: 'x' }]);
    expect(errors[0].message.id).toBe('registry.row.issues');
    expect(zhText(errors[0].message)).toContain('12 位社区代码');
    expect(zhText(errors[0].message)).toContain('变更原因');
  });
});

describe('what a change set does, kind by kind', () => {
  it('removes a community with its scope mark, takes one out of the scope and brings another in', () => {
    const marked = {
      ...county(),
      outOfScope: { '450102001003': { reason: 'virtual' as const }, '450102001002': { reason: 'farm' as const } },
    };
    const [after] = applyChanges(
      [marked],
      [
        change({ kind: 'remove', code: '450102001002' }),
        change({ kind: 'exclude', code: '450102002001', scopeReason: 'no-residents' }),
        change({ kind: 'include', code: '450102001003' }),
        change({ kind: 'remove', code: '450102001' }),
      ],
    );
    expect(after.communities.map(([c]) => c)).toEqual(['450102001001', '450102001003', '450102002001']);
    expect(after.townships.map(([c]) => c)).toEqual(['450102002']);
    expect(after.outOfScope).toEqual({ '450102002001': { reason: 'no-residents' } });
  });

  it('gives a team no action for a unit added or renamed, and says why a team moves or is closed', () => {
    const actions = planTeams(
      [
        change({ kind: 'rename', code: '450102001001', name: '新甲社区', reason: '更名批复' }),
        change({ kind: 'add', code: '450102001009', name: '新' }),
        change({ kind: 'split', code: '450102001008', name: '新', target: '450102001001' }),
        change({ kind: 'exclude', code: '450102001002', scopeReason: 'virtual', reason: '统计单位' }),
        change({ kind: 'include', code: '450102001003', reason: '恢复' }),
        change({ kind: 'merge', code: '450102002001', target: '450102001001', reason: '村改居' }),
      ],
      [
        { communityCode: '450102001001' },
        { communityCode: '450102001002', excluded: 'out-of-scope' },
        { communityCode: '450102001003' },
        { communityCode: '450102002001' },
      ],
      () => false,
    );
    expect(actions.map((a) => ({ ...a, reason: zhText(a.reason) }))).toEqual([
      {
        kind: 'close',
        code: '450102002001',
        row: expect.any(Number),
        reason: '合并：村改居（并入的社区 450102001001 已有队伍，本队撤销，历史保留）',
      },
    ]);
  });

  it('refuses a county whose record would pass 300 KB, with its size in KB', () => {
    const big = {
      ...county(),
      communities: Array.from(
        { length: 9000 },
        (_, i) => [`450102001${String(i).padStart(3, '0')}`, '某某某某社区居民委员会'] as [string, string],
      ),
    };
    const bytes = new TextEncoder().encode(JSON.stringify(big)).length;
    expect(bytes).toBeGreaterThan(300 * 1024);
    expect(oversizedCounties([county(), big])).toEqual([{ county: '450102', kb: Math.ceil(bytes / 1024) }]);
    const exact = { ...county(), name: 'x'.repeat(300 * 1024 - new TextEncoder().encode(JSON.stringify(county())).length + 9) };
    expect(new TextEncoder().encode(JSON.stringify(exact)).length).toBe(300 * 1024);
    expect(oversizedCounties([exact])).toEqual([]);
  });

  it('names the newest version still being written or carried out, not one at or below the one in force', () => {
    const v = (version: number, status: 'preparing' | 'applying' | 'applied' | 'abandoned') => ({
      version,
      status,
      at: `2026-12-0${version}T00:00:00.000Z`,
    });
    expect(unfinishedVersion([v(1, 'applied'), v(2, 'abandoned'), v(3, 'applying')], 1)).toEqual({
      version: 3,
      since: '2026-12-03T00:00:00.000Z',
    });
    expect(unfinishedVersion([v(1, 'applied'), v(2, 'preparing')], 1)).toEqual({ version: 2, since: '2026-12-02T00:00:00.000Z' });
    expect(unfinishedVersion([v(1, 'preparing')], null)).toEqual({ version: 1, since: '2026-12-01T00:00:00.000Z' });
    expect(unfinishedVersion([v(1, 'applying'), v(2, 'applied')], 2)).toBeNull();
    expect(unfinishedVersion([v(2, 'applied'), v(1, 'applied')], 2)).toBeNull();
  });

  it('says which dates a change may take effect on, by message and arguments', () => {
    expect(effectiveDateError('2026-11-30', '2026-12-02')).toEqual({
      id: 'registry.effectiveFrom.ended',
      params: { date: '2026-11-30', first: '2026-12-01', today: '2026-12-02' },
    });
    expect(effectiveDateError('2026-12-03', '2026-12-02')).toEqual({
      id: 'registry.effectiveFrom.future',
      params: { date: '2026-12-03', today: '2026-12-02' },
    });
    expect(effectiveDateError(20261201, '2026-12-02')).toEqual({ id: 'registry.effectiveFrom.invalid' });
  });
});
