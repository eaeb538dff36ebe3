// The standard as data: every rule kind at its edges, the seeds' standards on the same fixed teams
// (verdicts pinned), a template that follows the standard and reads back what it wrote, and a
// malformed document refused field by field in Chinese.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_STANDARDS } from '#app/shipped-standards.js';
import { columnIssues, columnsFor, teamToRow } from '#core/columns.js';
import { addDays } from '#core/dates.js';
import { readRows } from '#core/rows.js';
import { issueText } from '#core/issues.js';
import { zhText } from '#core/messages/index.js';
import { format } from '#core/messages/format.js';
import { fill, judge, nextVersion, parseStandard, publishIssues, standardFields, type Standard } from '#core/standard.js';
import type { TeamInput } from '#core/team.js';
import { goodTeam } from '#tests/helpers/team.js';
import { oneRule } from '#tests/helpers/standards.js';

const byId = (id: string) => SHIPPED_STANDARDS.find((s) => s.id === id)!;
const one = (rule: Record<string, unknown>) => oneRule(rule as Parameters<typeof oneRule>[0]);
const msg = (zh: string) => ({ zh, en: zh });
const verdict = (team: TeamInput, s: Standard, asOf = '2025-06-15') => {
  const v = judge(team, s, asOf);
  return { meets: v.meetsStandard, failed: v.failed.map((f) => [f.ruleId, f.values, f.message.zh]), holdsUntil: v.holdsUntil };
};

describe('each rule kind', () => {
  it('min-members: the categories counted', () => {
    const s = one({
      id: 'm',
      kind: 'min-members',
      min: 15,
      categories: ['communityStaff', 'volunteers'],
      messages: { tooFew: msg('{members}<{required}') },
    });
    const team = goodTeam(); // communityStaff 6 + volunteers 5 = 11 of 24
    expect(verdict(team, s).failed).toEqual([['m', { members: 11, required: 15 }, '11<15']]);
    expect(verdict(goodTeam({ members: { ...goodTeam().members, volunteers: 9 } }), s).meets).toBe(true);
    // a threshold by kind of community (村/居委会) is not a parameter: no caller knows the kind yet
    expect(parseStandard({ ...s, rules: [{ ...s.rules[0], byCommunityKind: { village: 10 } }] }).ok).toBe(false);
  });

  it("checklist: every item present, the missing ones named in order; items read from the team's checklist unless mapped", () => {
    const s = one({
      id: 'c',
      kind: 'checklist',
      target: 'community',
      items: [
        { id: 'hasPlan', label: msg('有预案') },
        { id: 'hasTeam', label: msg('有队伍') },
        { id: 'charter', field: 'rules.charter', label: msg('章程') },
      ],
      messages: { missing: msg('缺{missing}') },
    });
    expect(verdict(goodTeam({ checklist: { hasPlan: true, hasTeam: true } }), s).meets).toBe(true);
    expect(verdict(goodTeam({ checklist: { hasTeam: false } }), s).failed).toEqual([
      ['c', { missing: ['hasPlan', 'hasTeam'] }, '缺有预案、有队伍'],
    ]);
    expect(
      verdict(goodTeam({ checklist: { hasPlan: true, hasTeam: true }, rules: { ...goodTeam().rules, charter: false } }), s).failed[0][1],
    ).toEqual({ missing: ['charter'] });
  });

  it('flag: a yes/no field', () => {
    const s = one({ id: 'f', kind: 'flag', field: 'equipment', messages: { missing: msg('无装备') } });
    expect(verdict(goodTeam(), s).meets).toBe(true);
    expect(verdict(goodTeam({ equipment: false }), s).failed).toEqual([['f', { equipment: false }, '无装备']]);
  });

  it('insurance: a share of members (rounded up), at least a count, a last day that counts or not', () => {
    const rule = {
      id: 'i',
      kind: 'insurance' as const,
      minShare: 0.5,
      coversEndDate: true,
      messages: { tooFewInsured: msg('{insured}/{required}'), noDate: msg('无日期'), expired: msg('{expires} 到期') },
    };
    const team = goodTeam({ insuredMembers: 12, insuranceExpiresOn: '2025-06-30' }); // 24 members: 12 is half
    expect(verdict(team, one(rule))).toMatchObject({ meets: true, holdsUntil: '2025-06-30' });
    expect(verdict({ ...team, members: { ...team.members, volunteers: 6 } }, one(rule)).failed[0][2]).toBe('12/13'); // 25 → 12.5 → 13
    expect(verdict(team, one({ ...rule, atLeast: 13 })).failed[0][2]).toBe('12/13');
    expect(verdict(team, one({ ...rule, coversEndDate: false }))).toMatchObject({ holdsUntil: '2025-06-29' });
    expect(verdict(team, one(rule), '2025-07-01').failed[0][2]).toBe('2025-06-30 到期');
    expect(verdict({ ...team, insuranceExpiresOn: null }, one(rule)).failed[0][2]).toBe('无日期');
  });

  it('trained-within: the last training or any drill in the log counts; one dated after the day judged does not', () => {
    const s = one({ id: 't', kind: 'trained-within', months: 12, messages: { none: msg('无'), tooOld: msg('{last} 超过 {months} 个月') } });
    expect(verdict(goodTeam({ lastTrainingOn: '2024-06-15' }), s)).toMatchObject({ meets: true, holdsUntil: '2025-06-15' });
    expect(verdict(goodTeam({ lastTrainingOn: '2024-06-14' }), s).failed[0][2]).toBe('2024-06-14 超过 12 个月');
    expect(verdict(goodTeam({ lastTrainingOn: '2024-06-14', drills: ['2025-03-01', '2025-07-01'] }), s)).toMatchObject({
      meets: true,
      holdsUntil: '2026-03-01',
    });
    expect(verdict(goodTeam({ lastTrainingOn: null, drills: ['2025-07-01'] }), s).failed[0][2]).toBe('无');
  });

  it('drills-count: at least n drills within the window; the verdict holds until the nth latest leaves it', () => {
    const s = one({ id: 'd', kind: 'drills-count', atLeast: 2, withinMonths: 12, messages: { tooFew: msg('{count}/{atLeast}') } });
    const team = goodTeam({ drills: ['2024-06-15', '2024-12-01', '2025-05-01', '2025-09-01'] });
    // on 2025-06-15: 2024-06-15, 2024-12-01 and 2025-05-01 count; the 2nd latest is 2024-12-01
    expect(verdict(team, s)).toMatchObject({ meets: true, holdsUntil: '2025-12-01' });
    expect(verdict(team, s, '2025-12-02')).toMatchObject({ meets: true }); // 2025-05-01 and 2025-09-01 by then
    expect(verdict(goodTeam({ drills: ['2025-05-01'] }), s).failed[0]).toEqual(['d', { drills: 1, atLeast: 2, withinMonths: 12 }, '1/2']);
    expect(verdict(goodTeam({}), s).failed[0][1]).toEqual({ drills: 0, atLeast: 2, withinMonths: 12 });
  });

  it('certified-share, min-field, max-field and roles', () => {
    const cert = one({ id: 'c', kind: 'certified-share', share: 0.7, messages: { tooFew: msg('{certified}/{required}') } });
    expect(verdict(goodTeam({ extra: { certifiedMembers: 17 } }), cert).meets).toBe(true); // 0.7 × 24 = 16.8 → 17
    expect(verdict(goodTeam({ extra: { certifiedMembers: 16 } }), cert).failed[0][2]).toBe('16/17');
    const minField = one({
      id: 'n',
      kind: 'min-field',
      field: 'extra.fullTimeStaff',
      label: msg('专职'),
      min: 2,
      messages: { tooFew: msg('{label} {value}<{min}') },
    });
    expect(verdict(goodTeam({ extra: { fullTimeStaff: 2 } }), minField).meets).toBe(true);
    expect(verdict(goodTeam(), minField).failed[0][2]).toBe('专职 —<2');
    const maxField = one({
      id: 'x',
      kind: 'max-field',
      field: 'extra.assemblyMinutes',
      label: msg('集结'),
      max: 60,
      messages: { tooMany: msg('{value}>{max}') },
    });
    expect(verdict(goodTeam({ extra: { assemblyMinutes: 60 } }), maxField).meets).toBe(true);
    expect(verdict(goodTeam({ extra: { assemblyMinutes: 61 } }), maxField).failed[0][2]).toBe('61>60');
    const roles = one({
      id: 'r',
      kind: 'roles',
      roles: [
        { id: 'leader', label: msg('组长'), min: 1 },
        { id: 'gridWorker', label: msg('网格员'), min: 3 },
      ],
      messages: { missing: msg('{missing}不足') },
    });
    expect(verdict(goodTeam({ roles: { leader: 1, gridWorker: 3 } }), roles).meets).toBe(true);
    expect(verdict(goodTeam({ roles: { leader: 1, gridWorker: 2 } }), roles).failed).toEqual([
      ['r', { missing: ['gridWorker'] }, '网格员不足'],
    ]);
  });

  it('a verdict holds through holdsUntil and not the day after, under any shipped standard (property)', () => {
    const arb = fc.record({
      insuranceDays: fc.integer({ min: -100, max: 400 }),
      trainingDays: fc.integer({ min: 0, max: 400 }),
      drills: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 5 }),
      standard: fc.constantFrom(...SHIPPED_STANDARDS),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const asOf = '2025-06-15';
        const team = goodTeam({
          insuranceExpiresOn: addDays(asOf, r.insuranceDays),
          lastTrainingOn: addDays(asOf, -r.trainingDays),
          drills: r.drills.map((d) => addDays(asOf, -d)),
          checklist: {
            hasLeadership: true,
            hasMechanism: true,
            hasPlan: true,
            hasTeam: true,
            hasSupplies: true,
            hasSupport: true,
            dutyRota: true,
          },
          roles: { workGroup: 1, manager: 1, gridWorker: 5, abPost: 2 },
          extra: { certifiedMembers: 24, fullTimeStaff: 3, assemblyMinutes: 30 },
          members: { ...goodTeam().members, volunteers: 11 },
          insuredMembers: 30,
        });
        const v = judge(team, r.standard, asOf);
        if (!v.holdsUntil) return;
        expect(judge(team, r.standard, v.holdsUntil).failed.map((f) => f.ruleId)).toEqual(v.failed.map((f) => f.ruleId));
        const after = judge(team, r.standard, addDays(v.holdsUntil, 1));
        expect(after.failed.length).toBeGreaterThan(v.failed.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe("the seeds' standards on the same teams", () => {
  // A team as Guangxi records it; the same team with each place's own fields filled in; and a weak one.
  const guangxi = goodTeam({ insuranceExpiresOn: '2025-12-31', lastTrainingOn: '2025-03-01' });
  const complete = goodTeam({
    members: { ...goodTeam().members, volunteers: 11 },
    insuredMembers: 30,
    insuranceExpiresOn: '2025-12-31',
    lastTrainingOn: '2025-03-01',
    drills: ['2024-10-10', '2025-04-20'],
    extra: { certifiedMembers: 21, fullTimeStaff: 2, assemblyMinutes: 45 },
    roles: { workGroup: 1, manager: 1, gridWorker: 6, abPost: 2 },
    checklist: {
      hasLeadership: true,
      hasMechanism: true,
      hasPlan: true,
      hasTeam: true,
      hasSupplies: true,
      hasSupport: true,
      dutyRota: true,
    },
  });
  const weak = goodTeam({
    members: { ...goodTeam().members, volunteers: 0 },
    insuredMembers: 0,
    insuranceExpiresOn: null,
    lastTrainingOn: '2023-01-01',
    drills: ['2025-01-05'],
    extra: { certifiedMembers: 3, assemblyMinutes: 90 },
    roles: { manager: 1 },
    checklist: { hasPlan: true },
  });
  const ids = (team: TeamInput, id: string) => {
    const v = judge(team, byId(id), '2025-06-15');
    return v.meetsStandard ? 'meets' : v.failed.map((f) => f.ruleId).join(' ');
  };

  it("pins each place's verdict on each team", () => {
    const table = Object.fromEntries(
      ['gx-2021', 'ganzhou-2024', 'lieshan-2025', 'longquan-2022', 'zhangshu-2024'].map((id) => [
        id,
        [ids(guangxi, id), ids(complete, id), ids(weak, id)],
      ]),
    );
    expect(table).toEqual({
      'gx-2021': ['meets', 'meets', 'members-min insurance'],
      // the weak team's drill in January counts as its yearly training
      'ganzhou-2024': ['core-members certified full-time assembly', 'meets', 'core-members certified full-time assembly'],
      'lieshan-2025': ['ab-posts drills duty', 'meets', 'ab-posts drills duty'],
      'longquan-2022': ['one-one-n six-haves', 'meets', 'one-one-n manager-insured six-haves'],
      'zhangshu-2024': ['six-haves', 'meets', 'six-haves'],
    });
  });

  it("says what failed in each place's words", () => {
    const zh = (team: TeamInput, id: string) => judge(team, byId(id), '2025-06-15').failed.map((f) => f.message.zh);
    expect(zh(weak, 'ganzhou-2024')).toEqual([
      '核心骨干 19 人，少于 30 人',
      '持证 3 人，少于队员 19 人的 70%（14 人）',
      '专职人员 — 人，少于 2 人',
      '集结时间 90 分钟，超过 60 分钟',
    ]);
    expect(zh(weak, 'lieshan-2025')).toEqual(['AB岗工作人员不足', '12 个月内演练 1 次，少于 2 次', '缺少特殊时段值班制度']);
    expect(zh(weak, 'longquan-2022')).toEqual([
      '缺少应急管理工作小组、网格员',
      '参保 0 人，应至少 1 人',
      '“六个有”缺少：有班子、有机制、有队伍、有物资、有保障',
    ]);
  });

  it('every rule of every shipped standard names its source, and says whether it is the text or a reading', () => {
    for (const s of SHIPPED_STANDARDS) {
      expect(s.source.document.length, s.id).toBeGreaterThan(4);
      for (const r of s.rules) {
        expect(r.source.clause?.length ?? 0, `${s.id}/${r.id}`).toBeGreaterThan(4);
        expect(['text', 'interpretation']).toContain(r.source.basis);
      }
    }
  });
});

describe('the template follows the standard', () => {
  it("Guangxi v1's columns are the API template's; another standard adds its own and reads back what it wrote", () => {
    const gx = columnsFor(standardFields(byId('gx-2021'))).map((c) => c.header);
    expect(gx).toContain('组织指挥系统');
    expect(gx.slice(-4)).toEqual(['参保人数', '保险到期日期', '最近培训演练日期', '版本']);
    for (const id of ['ganzhou-2024', 'lieshan-2025', 'longquan-2022']) {
      const fields = standardFields(byId(id));
      const columns = columnsFor(fields);
      const team = goodTeam({
        lastTrainingOn: '2025-03-01',
        drills: ['2024-10-10', '2025-04-20'],
        extra: { certifiedMembers: 21, fullTimeStaff: 2, assemblyMinutes: 45 },
        roles: { workGroup: 1, manager: 1, gridWorker: 6, abPost: 2 },
        checklist: {
          hasLeadership: true,
          hasMechanism: true,
          hasPlan: true,
          hasTeam: true,
          hasSupplies: true,
          hasSupport: true,
          dutyRota: true,
        },
      });
      const code = '450102001001';
      const { outcomes } = readRows(
        { header: columns.map((c) => c.label ?? c.header), rows: [{ rowNumber: 2, cells: teamToRow(code, '民主社区', team, 3, columns) }] },
        {
          countyCode: '450102',
          countyName: '兴宁区',
          today: '2025-06-15',
          communities: new Map([[code, '民主社区']]),
          required: fields,
        },
      );
      expect(outcomes[0].errors, id).toEqual([]);
      expect(outcomes[0].version).toBe(3);
      expect(judge(outcomes[0].team!, byId(id), '2025-06-15').failed, id).toEqual(judge(team, byId(id), '2025-06-15').failed);
    }
  });

  it('a label that would make the template unreadable is named: one equal to another column, or two items with one label', () => {
    for (const s of SHIPPED_STANDARDS) expect(columnIssues(standardFields(s)), s.id).toEqual([]);
    const withItems = (...labels: string[]) =>
      one({
        id: 'c',
        kind: 'checklist',
        target: 'team',
        items: labels.map((l, i) => ({ id: `i${i}`, label: msg(l) })),
        messages: { missing: msg('缺{missing}') },
      });
    expect(columnIssues(standardFields(withItems('有预案', '有队伍')))).toEqual([]);
    expect(columnIssues(standardFields(withItems('队长电话'))).map((i) => zhText(i.message))).toEqual([
      '模板列名「队长电话」与列「队长电话」重名，导入时无法区分：请换一个名称',
    ]);
    expect(columnIssues(standardFields(withItems('有预案', '有预案'))).map((i) => format('en', i.message))).toEqual([
      'The template column "有预案" has the same name as the column "有预案": an import could not tell them apart. Choose another name',
    ]);
    expect(columnIssues(standardFields(withItems('有预案', '有预案'))).length).toBeGreaterThan(0);
    expect(columnIssues(standardFields(withItems('医疗人员'))).length).toBeGreaterThan(0); // an old header of another column
  });
});

describe('drafting and publishing', () => {
  it("fills a message with the rule's own values only: a {toString} stays as written", () => {
    expect(fill({ zh: '队员 {members} 人 {toString}', en: '{members} {constructor}' }, { members: 12 })).toEqual({
      zh: '队员 12 人 {toString}',
      en: '12 {constructor}',
    });
  });

  it('a malformed standard is refused with each field and a Chinese message', () => {
    const r = parseStandard({ ...byId('gx-2021'), version: 0, rules: [{ ...byId('gx-2021').rules[0], min: 'twenty' }] });
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues.map((i) => [i.field, issueText(i)]);
    expect(issues).toEqual([
      ['version', '版本号不能小于 1'],
      ['rules.0.min', '最少必须是整数'],
    ]);
  });

  it('its words are held to the rules of every text: no control, bidi or invisible characters, no formula, no prototype ids', () => {
    const gx = byId('gx-2021');
    const checklist = gx.rules.find((r) => r.kind === 'checklist')!;
    const refused: [string, unknown][] = [
      ['title.zh', { ...gx, title: { zh: '标准\u0000', en: 'x' } }],
      ['title.zh', { ...gx, title: { zh: '标准\u202Eevil', en: 'x' } }],
      ['title.en', { ...gx, title: { zh: '标准', en: 'zero\u200Bwidth' } }],
      [
        'rules.0.title.zh',
        {
          ...gx,
          rules: [{ ...gx.rules[0], title: { zh: '=HYPERLINK("http://evil.example/x","点击查看")', en: 'x' } }, ...gx.rules.slice(1)],
        },
      ],
      [
        'rules.0.messages.tooFew.zh',
        {
          ...gx,
          rules: [
            { ...gx.rules[0], messages: { tooFew: { zh: '人数不足\n\n【紧急】请拨打 13900000000', en: 'x' } } },
            ...gx.rules.slice(1),
          ],
        },
      ],
      [
        `rules.${gx.rules.indexOf(checklist)}.items.0.label.zh`,
        {
          ...gx,
          rules: gx.rules.map((r) =>
            r === checklist ? { ...r, items: [{ ...r.items[0], label: { zh: '=1+1', en: 'x' } }, ...r.items.slice(1)] } : r,
          ),
        },
      ],
      [
        `rules.${gx.rules.indexOf(checklist)}.items.0.id`,
        { ...gx, rules: gx.rules.map((r) => (r === checklist ? { ...r, items: [{ ...r.items[0], id: 'constructor' }] } : r)) },
      ],
      ['source.document', { ...gx, source: { document: '@cmd' } }],
      [
        'rules.0.messages.tooFew.zh',
        { ...gx, rules: [{ ...gx.rules[0], messages: { tooFew: { zh: '队员 {constructor} 人', en: 'x' } } }, ...gx.rules.slice(1)] },
      ],
      [
        'rules.0.messages.tooFew.en',
        {
          ...gx,
          rules: [{ ...gx.rules[0], messages: { tooFew: { zh: '人数不足', en: '{members, plural, one {x}' } } }, ...gx.rules.slice(1)],
        },
      ],
    ];
    for (const [field, doc] of refused) {
      const r = parseStandard(doc);
      expect(r.ok, field).toBe(false);
      expect(r.ok ? [] : r.issues.map((i) => i.field), field).toContain(field);
    }
    expect(parseStandard(gx).ok).toBe(true);
  });

  it('the next version is one past the highest; a version takes effect after today and after every earlier one', () => {
    expect(nextVersion(SHIPPED_STANDARDS, 'gx-2021')).toBe(2);
    expect(nextVersion(SHIPPED_STANDARDS, 'new')).toBe(1);
    const published = [
      { id: 'gx', version: 1, effectiveFrom: '2021-05-01' },
      { id: 'gx', version: 2, effectiveFrom: '2027-01-01' },
    ];
    expect(issueText(publishIssues('2026-12-01', published, 'gx', '2026-12-01')[0])).toMatch(/应晚于今天/);
    expect(issueText(publishIssues('2026-12-31', published, 'gx', '2026-12-01')[0])).toMatch(/应晚于已发布的第 2 版/);
    expect(publishIssues('2027-01-02', published, 'gx', '2026-12-01')).toEqual([]);
    expect(publishIssues('2027-02-30', published, 'gx', '2026-12-01')[0].field).toBe('effectiveFrom');
    // at most two years ahead: a typo like 9999-12-31 would block every later version for good
    expect(publishIssues('2028-12-01', published, 'gx', '2026-12-01')).toEqual([]);
    expect(issueText(publishIssues('2028-12-02', published, 'gx', '2026-12-01')[0])).toMatch(/太远：最迟 2028-12-01/);
    expect(issueText(publishIssues('9999-12-31', published, 'gx', '2026-12-01')[0])).toMatch(/太远/);
  });
});
