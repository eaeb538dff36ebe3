import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.js';
import { GUANGXI_STANDARD_V1 } from '#app/programmes.js';
import { standardFields } from '#core/standard.js';
import { parseTeamInput } from '#core/team.js';
import { goodTeam } from '#tests/helpers/team.js';
import { issueText } from '#core/issues.js';
import { format } from '#core/messages/format.js';

const today = '2023-06-15';

function issuesOf(body: unknown) {
  try {
    // the Guangxi standard asks for its written rules, management and equipment
    parseTeamInput(body, today, { required: standardFields(GUANGXI_STANDARD_V1) });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    // each issue as a clerk reads it in Chinese
    return (e as ValidationError).issues.map((i) => ({ field: i.field, message: issueText(i) }));
  }
  throw new Error('expected a ValidationError');
}

describe('team input validation', () => {
  it('a date with spaces around it is the date; an impossible one gets one message, not a range one too', () => {
    expect(parseTeamInput(goodTeam({ establishedOn: ' 2021-08-01 ' }), today).establishedOn).toBe('2021-08-01');
    expect(issuesOf(goodTeam({ establishedOn: '2023-02-30' }))).toEqual([
      { field: 'establishedOn', message: '成立日期必须是有效日期（如 2022-03-15）' },
    ]);
    expect(issuesOf(goodTeam({ establishedOn: '1900-01-01' }))).toEqual([
      { field: 'establishedOn', message: '成立日期应在 1949-10-01 到 2099-12-31 之间' },
    ]);
  });

  it("a masked phone (from a city's or the province's download) is named as such, once", () => {
    expect(issuesOf(goodTeam({ leader: { name: '张三', phone: '138****8000' } }))).toEqual([
      { field: 'leader.phone', message: expect.stringMatching(/^队长电话是打码的号码.*本县（市、区）自己下载的文件$/) },
    ]);
    // the caller who was shown that masked number sends it back: it stands for the stored one
    expect(
      parseTeamInput(goodTeam({ leader: { name: '张三', phone: '138****8000' } }), today, { maskedPhone: '138****8000' }).leader.phone,
    ).toBe('138****8000');
  });

  it('refuses counts of the members that exceed them (12 members, 40 insured), and accepts them equal', () => {
    const twelve = { ...goodTeam().members, communityStaff: 0, veterans: 0, volunteers: 5, localUnitStaff: 0, formerFirefighters: 0 };
    expect(Object.values(twelve).reduce((a, b) => a + b, 0)).toBe(10); // 2 medical, 2 security, 5 volunteers, 1 purchased
    const members = { ...twelve, volunteers: 7 };
    expect(issuesOf(goodTeam({ members, insuredMembers: 40 }))).toEqual([
      { field: 'insuredMembers', message: '参保人数 40 多于队员人数 12：本队参保的只能是本队队员' },
    ]);
    expect(
      issuesOf(goodTeam({ members, insuredMembers: 13, extra: { certifiedMembers: 13 }, roles: { leaders: 13, deputies: 12 } })),
    ).toEqual([
      { field: 'insuredMembers', message: '参保人数 13 多于队员人数 12：本队参保的只能是本队队员' },
      { field: 'roles.leaders', message: '角色人数 13 多于队员人数 12' },
      { field: 'extra.certifiedMembers', message: '持证人数 13 多于队员人数 12' },
    ]);
    // equal is possible: everyone insured, certified and holding the role
    const all = goodTeam({ members, insuredMembers: 12, extra: { certifiedMembers: 12, fullTimeStaff: 30 }, roles: { leaders: 12 } });
    expect(parseTeamInput(all, today).insuredMembers).toBe(12);
    // a standard's own label names the field (the role's, from the standard in force)
    const label = { zh: 'AB岗工作人员', en: 'Staff on A/B posts' };
    try {
      parseTeamInput(goodTeam({ roles: { abPost: 25 } }), today, { required: [{ path: 'roles.abPost', kind: 'count', label }] });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => issueText(i))).toEqual(['AB岗工作人员 25 多于队员人数 24']);
    }
  });

  it('says the counts that exceed the members beside another wrong field, once every member count is read', () => {
    const members = { ...goodTeam().members, communityStaff: 0, veterans: 0, volunteers: 7, localUnitStaff: 0, formerFirefighters: 0 };
    const badPhone = { name: '张三', phone: '12345' };
    const over = { field: 'insuredMembers', message: '参保人数 40 多于队员人数 12：本队参保的只能是本队队员' };
    expect(issuesOf(goodTeam({ members, insuredMembers: 40, leader: badPhone }))).toEqual([
      { field: 'leader.phone', message: expect.stringMatching(/^队长电话/) },
      over,
    ]);
    // roles and certified members too, each only when its own count was read
    expect(
      issuesOf(
        goodTeam({ members, insuredMembers: 12, leader: badPhone, roles: { leaders: 13, deputies: -1 }, extra: { certifiedMembers: 13 } }),
      ),
    ).toEqual(
      expect.arrayContaining([
        { field: 'roles.leaders', message: '角色人数 13 多于队员人数 12' },
        { field: 'extra.certifiedMembers', message: '持证人数 13 多于队员人数 12' },
      ]),
    );
    // an unread member count (or the members missing) leaves the total unknown: nothing is said against it
    for (const body of [
      goodTeam({ members: { ...members, volunteers: -1 }, insuredMembers: 40, leader: badPhone }),
      goodTeam({ members: { ...members, volunteers: '七' as unknown as number }, insuredMembers: 40, leader: badPhone }),
      { ...goodTeam({ insuredMembers: 40, leader: badPhone }), members: undefined },
      { ...goodTeam({ insuredMembers: 40, leader: badPhone }), members: null },
    ]) {
      expect(issuesOf(body).map((i) => i.field)).not.toContain('insuredMembers');
    }
    // an insured count that is itself wrong is said once, for what it is
    expect(issuesOf(goodTeam({ members, insuredMembers: -40, leader: badPhone })).filter((i) => i.field === 'insuredMembers')).toHaveLength(
      1,
    );
    // a count refused for its own size (over 10,000) is not weighed against the members as well
    expect(
      issuesOf(goodTeam({ members, insuredMembers: 99999, leader: badPhone })).filter((i) => i.field === 'insuredMembers'),
    ).toHaveLength(1);
    expect(
      issuesOf(goodTeam({ members: { ...members, volunteers: 20000 }, insuredMembers: 40, leader: badPhone })).map((i) => i.field),
    ).not.toContain('insuredMembers');
    expect(
      issuesOf(goodTeam({ members, insuredMembers: 12, leader: badPhone, roles: { leaders: 99999 } })).filter(
        (i) => i.field === 'roles.leaders',
      ),
    ).toHaveLength(1);
    // a standard's own label names the field here too
    const label = { zh: 'AB岗工作人员', en: 'Staff on A/B posts' };
    try {
      parseTeamInput(goodTeam({ members, roles: { abPost: 13 }, leader: badPhone }), today, {
        required: [{ path: 'roles.abPost', kind: 'count', label }],
      });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => issueText(i))).toContain('AB岗工作人员 13 多于队员人数 12');
    }
    // a body that is no object says only that
    expect(issuesOf([1, 2]).map((i) => i.field)).not.toContain('insuredMembers');
  });

  it('names a missing group of fields in either language, never by its key', () => {
    const { members: _m, ...withoutMembers } = goodTeam();
    const e = (() => {
      try {
        parseTeamInput(withoutMembers, '2026-06-01');
      } catch (err) {
        return err as ValidationError;
      }
      throw new Error('a team without its members was accepted');
    })();
    expect(e.issues.map((i) => [i.field, issueText(i), format('en', i.message)])).toEqual([
      ['members', '各类队员人数不能为空', 'Members by category is required'],
    ]);
  });

  it('accepts a complete team and fills optional dates with null', () => {
    const { insuranceExpiresOn, lastTrainingOn, ...rest } = goodTeam();
    void insuranceExpiresOn;
    void lastTrainingOn;
    expect(parseTeamInput(rest, today)).toMatchObject({ insuranceExpiresOn: null, lastTrainingOn: null });
  });

  it.each([
    ['a negative count', { members: { ...goodTeam().members, veterans: -1 } }, 'members.veterans', '退役军人不能为负数'],
    ['a fractional count', { members: { ...goodTeam().members, veterans: 2.5 } }, 'members.veterans', '退役军人必须是整数'],
    ['a huge count', { insuredMembers: 1e9 }, 'insuredMembers', '参保人数不能超过 10000'],
    ['a formula in the name', { name: '=HYPERLINK("http://x","点我")' }, 'name', '队伍名称不能以 = + - @ 开头'],
    ['an empty name', { name: '   ' }, 'name', '队伍名称不能为空'],
    [
      'a Hong Kong phone',
      { leader: { name: '李', phone: '+852 9123 4567' } },
      'leader.phone',
      '队长电话必须是中国大陆手机号（11 位）或固定电话（区号-号码）',
    ],
    ['an impossible date', { establishedOn: '2023-02-30' }, 'establishedOn', '成立日期必须是有效日期（如 2022-03-15）'],
    [
      'an establishment date in the future',
      { establishedOn: '2023-06-16' },
      'establishedOn',
      '成立日期 2023-06-16 不能晚于今天（2023-06-15）',
    ],
    [
      'a training date in the future',
      { lastTrainingOn: '2023-07-01' },
      'lastTrainingOn',
      '最近培训演练日期 2023-07-01 不能晚于今天（2023-06-15）',
    ],
    ['是 instead of a boolean', { equipment: '是' }, 'equipment', '基本救援装备必须填写 是 或 否'],
  ])('refuses %s with a field-level message in Chinese', (_label, override, field, message) => {
    expect(issuesOf({ ...goodTeam(), ...override })).toContainEqual({ field, message });
  });

  it('refuses unknown fields and missing ones', () => {
    const { equipment, ...missing } = goodTeam();
    void equipment;
    const issues = issuesOf({ ...missing, colour: 'red' });
    expect(issues).toContainEqual({ field: 'colour', message: '未知字段：colour' });
    expect(issues.map((i) => i.field)).toContain('equipment');
  });

  it('refuses a drill dated after today, and keys that are prototype names', () => {
    expect(issuesOf(goodTeam({ drills: ['2023-06-15', '2023-06-16'] }))).toEqual([
      { field: 'drills.1', message: '演练日期 2023-06-16 不能晚于今天（2023-06-15）' },
    ]);
    for (const group of ['roles', 'extra', 'checklist'] as const) {
      const body = { ...goodTeam(), [group]: { constructor: group === 'checklist' ? true : 1 } };
      expect(issuesOf(body).map((i) => i.field)).toEqual([`${group}.constructor`]);
    }
  });

  it('names only the items the standard in force, or the one the team was saved under, defines', () => {
    const team = goodTeam({ checklist: { stretcher: true }, roles: { leader: 1 } });
    const parse = (known: string[]) => () => parseTeamInput(team, today, { knownKeys: new Set(known) });
    expect(parse(['checklist.stretcher', 'roles.leader'])).not.toThrow();
    try {
      parse(['roles.leader'])();
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => [i.field, issueText(i)])).toEqual([
        ['checklist.stretcher', '清单项“stretcher”不是现行标准（或本队登记时的标准）规定的项目'],
      ]);
    }
  });

  it('refuses a body that is not an object', () => {
    expect(issuesOf([1, 2])).toHaveLength(1);
    expect(issuesOf(null)).toHaveLength(1);
  });

  it('accepts a landline with area code', () => {
    expect(parseTeamInput({ ...goodTeam(), leader: { name: '韦志强', phone: '0771-5551234' } }, today).leader.phone).toBe('0771-5551234');
  });

  it('keeps a mobile written with separators or the country code as its 11 digits; other numbers are not rewritten', () => {
    const phone = (p: string) => parseTeamInput({ ...goodTeam(), leader: { name: '韦志强', phone: p } }, today).leader.phone;
    for (const written of ['138-1234-5678', '138 1234 5678', '+86 138 1234 5678', '+8613812345678', '0086-138-1234-5678'])
      expect(phone(written)).toBe('13812345678');
    expect(phone('0771-5551234')).toBe('0771-5551234'); // a landline keeps its hyphen
    for (const refused of [
      '+86 038 1234 5678',
      '86 138 1234 5678',
      '+852 9123 4567',
      '138-1234-567',
      '+86 138 1234 56789',
      '1381234567 8x',
    ])
      expect(issuesOf(goodTeam({ leader: { name: '张三', phone: refused } })).map((i) => i.field)).toEqual(['leader.phone']);
  });

  it('a field the standard in force asks for is named with what it needs: yes or no, a count, a list of dates', () => {
    const required = [
      { path: 'equipment', kind: 'bool' as const, label: { zh: '基本救援装备', en: 'Basic rescue equipment' } },
      { path: 'extra.certified', kind: 'count' as const, label: { zh: '持证人数', en: 'Certified members' } },
      { path: 'drills', kind: 'dates' as const, label: { zh: '演练记录', en: 'Drill log' } },
    ];
    const { equipment: _e, ...team } = goodTeam();
    const issues = (body: unknown) => {
      try {
        parseTeamInput(body, today, { required });
        return [];
      } catch (e) {
        return (e as ValidationError).issues.map((i) => ({ field: i.field, message: issueText(i) }));
      }
    };
    expect(issues(team)).toEqual([
      { field: 'equipment', message: '基本救援装备必须填写 是 或 否' },
      { field: 'extra.certified', message: '持证人数必须填写（0 或正整数）' },
      { field: 'drills', message: '演练记录必须填写（可为空列表）' },
    ]);
    // all given: nothing to say
    expect(issues({ ...goodTeam(), extra: { certified: 3 }, drills: [] })).toEqual([]);
    // a field the schema already refused is named once, with the schema's reason
    expect(issues({ ...team, equipment: '是', extra: { certified: 3 }, drills: [] })).toEqual([
      { field: 'equipment', message: '基本救援装备必须填写 是 或 否' },
    ]);
    // a required count under a container that is not an object: named, not a crash
    expect(issues({ ...team, equipment: true, extra: null, drills: [] }).map((i) => i.field)).toEqual(['extra', 'extra.certified']);
  });

  it('a masked number stands for the stored one only when it is the very number the caller was shown, and only as a whole', () => {
    const sent = (phone: string) => goodTeam({ leader: { name: '张三', phone } });
    // another full number, sent by the caller shown a masked one: it is the new number
    expect(parseTeamInput(sent('13800138001'), today, { maskedPhone: '138****8000' }).leader.phone).toBe('13800138001');
    // a masked number is one only from its first character to its last
    for (const phone of ['x138****8000', '138****8000x'])
      expect(issuesOf(sent(phone))).toEqual([
        { field: 'leader.phone', message: '队长电话必须是中国大陆手机号（11 位）或固定电话（区号-号码）' },
      ]);
  });
});
