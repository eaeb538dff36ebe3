import { describe, expect, it } from 'vitest';
import type { WireMessage } from '#core/messages/index.js';
import { categoryOf, isRosterHeader, planRow, readRosterRows, type HeldMember, type MemberRow } from '#core/roster-rows.js';
import { sameMemberOn } from '#core/roster.js';
import type { Cell } from '#core/cells.js';

const CTX = {
  countyCode: '450102',
  countyName: '兴宁区',
  communities: new Map([
    ['450102001001', '民主社区'],
    ['450102001002', '东鹏社区'],
  ]),
  today: '2026-12-07',
};
const HEADER: Cell[] = [
  '社区代码',
  '社区名称',
  '姓名',
  '手机号码（无手机号可不填）',
  '人员类别',
  '入队日期',
  '意外伤害保险到期日期（含当日）',
  '离队日期',
];
const sheet = (...rows: Cell[][]) => ({ header: HEADER, rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });
const zh = (m: WireMessage) => m.message;
const reasons = (o: { errors: WireMessage[] }) => o.errors.map(zh);

describe('reading a roster sheet', () => {
  it('reads a member as the form would, the category by the plan’s name, the dates as days', () => {
    const { outcomes } = readRosterRows(
      sheet(['450102001001', '民主社区', '张三（模拟）', '+86 154 0000 0001', '退役军人', '2025-03-01', '2026-12-31', null]),
      CTX,
    );
    expect(outcomes).toEqual([
      expect.objectContaining({
        row: 2,
        status: 'accepted',
        member: {
          name: '张三（模拟）',
          mobile: '15400000001',
          category: 'veterans',
          joined: '2025-03-01',
          insuredThrough: '2026-12-31',
          left: null,
          // a roster file has no column for these: none
          role: null,
          certifiedThrough: null,
        },
      }),
    ]);
  });

  it('refuses a phone in the name, formula text, an unknown category, a day after today, each by its column and cell', () => {
    const { outcomes } = readRosterRows(
      sheet(
        ['450102001001', '', '李四13800138000', '', '其他志愿者', '2025-03-01', '', ''],
        ['450102001001', '', '=HYPERLINK("x")', '', '其他志愿者', '2025-03-01', '', ''],
        ['450102001001', '', '王五', '', '队长', '2025-03-01', '', ''],
        ['450102001001', '', '赵六', '', '其他志愿者', '2027-01-01', '', ''],
        ['450102001001', '', '钱七', '', '其他志愿者', '2025-03-01', '', '2025-01-01'],
        ['450102009999', '', '孙八', '', '其他志愿者', '2025-03-01', '', ''],
        ['13800138000', '', '周九', '', '其他志愿者', '2025-03-01', '', ''],
      ),
      CTX,
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    // a phone in the code column is not echoed
    expect(JSON.stringify(outcomes[6])).not.toContain('13800138000');
    expect(outcomes[0].errors[0]).toMatchObject({ column: '姓名', cell: 'C2', messageId: 'roster.name.mobile' });
    // The report never repeats the phone it refused.
    expect(outcomes[0].errors[0].value).not.toContain('13800138000');
    expect(outcomes[1].errors[0]).toMatchObject({ column: '姓名', messageId: 'field.formula' });
    expect(outcomes[2].errors[0]).toMatchObject({ column: '人员类别', cell: 'E4', messageId: 'roster.category.invalid' });
    expect(reasons(outcomes[3])[0]).toContain('不能晚于今天');
    expect(outcomes[4].errors[0]).toMatchObject({ column: '离队日期', messageId: 'roster.left.beforeJoined' });
    expect(outcomes[5].errors[0]).toMatchObject({ column: '社区代码', messageId: 'import.community.unknown' });
  });

  it('refuses every row of a person written more than once, and lists the first rows', () => {
    const rows: Cell[][] = Array.from({ length: 300 }, (_, i) => [
      i % 2 ? '450102001001' : '450102001002',
      '',
      '周九',
      '15400000009',
      '其他志愿者',
      '2025-03-01',
      '',
      '',
    ]);
    rows.push(['450102001001', '', '吴十', '15400000010', '其他志愿者', '2025-03-01', '', '']);
    const { outcomes } = readRosterRows(sheet(...rows), CTX);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(300);
    expect(outcomes.at(-1)!.status).toBe('accepted');
    const reason = reasons(outcomes[0])[0];
    expect(reason).toContain('300 次');
    expect(reason).toContain('第 2、3、4');
    expect(reason.length).toBeLessThan(120);
  });

  it('refuses two rows of one community’s namesakes when one has no mobile, but not two mobiles, nor two communities', () => {
    const { outcomes } = readRosterRows(
      sheet(
        ['450102001001', '', '郑一', '', '其他志愿者', '2025-03-01', '', ''],
        ['450102001001', '', '郑 一', '15400000031', '物业保安', '2025-03-01', '', ''],
        ['450102001002', '', '郑一', '', '其他志愿者', '2025-03-01', '', ''],
        ['450102001002', '', '张伟', '15400000032', '其他志愿者', '2025-03-01', '', ''],
        ['450102001002', '', '张伟', '15400000033', '其他志愿者', '2025-03-01', '', ''],
      ),
      CTX,
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'accepted', 'accepted', 'accepted']);
    expect(outcomes[0].errors[0].messageId).toBe('rosterImport.nameRepeated');
  });

  it('skips a row with only its community, and refuses a header with no name column', () => {
    expect(readRosterRows(sheet(['450102001001', '民主社区', '', '', '', '', '', '']), CTX).outcomes[0].status).toBe('skipped');
    expect(() => readRosterRows({ header: ['社区代码', '人员类别', '入队日期'], rows: [] }, CTX)).toThrow(/姓名/);
    // without the mobile column a file would add every member again by name: the column is required, its cells are not
    expect(() => readRosterRows({ header: ['社区代码', '姓名', '人员类别', '入队日期'], rows: [] }, CTX)).toThrow(/手机号码/);
  });

  it('tells a roster header from a team template’s', () => {
    expect(isRosterHeader(HEADER)).toBe(true);
    expect(isRosterHeader(['社区代码', '社区名称', '队伍名称', '队长姓名', '队长电话'])).toBe(false);
  });

  it('reads a category by the plan’s name, its English, its id or a clerk’s shorter word, and nothing else', () => {
    expect(categoryOf('社区医疗服务中心医疗人员')).toBe('medicalStaff');
    expect(categoryOf('医疗人员')).toBe('medicalStaff');
    expect(categoryOf('Property security')).toBe('propertySecurity');
    expect(categoryOf('volunteers')).toBe('volunteers');
    expect(categoryOf('队长')).toBeNull();
  });
});

describe('planning a row against the roster held', () => {
  const held: HeldMember[] = [
    {
      id: 'a',
      name: '张三',
      person: 'p1',
      category: 'veterans',
      joined: '2025-01-01',
      left: null,
      insuredThrough: '2026-12-31',
      standing: 'counts',
      countsFrom: '2025-01-01',
    },
    {
      id: 'b',
      name: '李四',
      person: null,
      category: 'volunteers',
      joined: '2025-01-01',
      left: null,
      insuredThrough: null,
      standing: 'unchecked',
      countsFrom: '2025-01-01',
    },
    {
      id: 'c',
      name: '王五',
      person: 'p3',
      category: 'volunteers',
      joined: '2024-01-01',
      left: '2025-01-01',
      insuredThrough: null,
      standing: 'counts',
      countsFrom: '2024-01-01',
    },
  ];
  const row = (over: Partial<MemberRow>): MemberRow => ({
    name: '张三',
    mobile: '15400000001',
    category: 'veterans',
    joined: '2025-01-01',
    insuredThrough: '2026-12-31',
    left: null,
    ...over,
  });

  it('finds the member as written already, a correction, a leaving', () => {
    expect(planRow(row({}), 'p1', held)).toEqual({ action: 'unchanged', id: 'a' });
    expect(planRow(row({ insuredThrough: '2027-12-31' }), 'p1', held)).toEqual({
      action: 'update',
      id: 'a',
      changes: { insuredThrough: '2027-12-31' },
    });
    expect(planRow(row({ category: 'volunteers' }), 'p1', held)).toEqual({
      action: 'update',
      id: 'a',
      changes: { category: 'volunteers' },
    });
    expect(planRow(row({ left: '2026-06-30' }), 'p1', held)).toEqual({ action: 'end', id: 'a', left: '2026-06-30' });
  });

  it('adds a new person, and one who left and joins again', () => {
    expect(planRow(row({ name: '赵六' }), 'p9', held)).toEqual({ action: 'add' });
    expect(planRow(row({ name: '王五' }), 'p3', held)).toEqual({ action: 'add' });
  });

  it('matches a member with no mobile by name, and refuses what a file cannot do', () => {
    expect(planRow(row({ name: '李 四', mobile: null, category: 'volunteers', insuredThrough: null }), null, held)).toEqual({
      action: 'unchanged',
      id: 'b',
    });
    // a mobile for a member kept by name, another name under the member's mobile, the leaving of no one
    expect(planRow(row({ name: '李四' }), 'p7', held)).toMatchObject({ problem: { id: 'rosterImport.mobileAdded' }, field: 'mobile' });
    expect(planRow(row({ name: '张叁' }), 'p1', held)).toMatchObject({ problem: { id: 'rosterImport.otherName' }, field: 'name' });
    expect(planRow(row({ name: '赵六', left: '2026-01-01' }), 'p9', held)).toMatchObject({
      problem: { id: 'rosterImport.endUnknown' },
      field: 'left',
    });
    expect(planRow(row({ left: '2024-06-30' }), 'p1', held)).toMatchObject({ problem: { id: 'roster.left.beforeJoined' }, field: 'left' });
    // insured through a day before the member joined, as the roster has the day
    expect(planRow(row({ joined: '2020-01-01', insuredThrough: '2024-12-31' }), 'p1', held)).toMatchObject({
      problem: { id: 'roster.insured.beforeJoined' },
      field: 'insuredThrough',
    });
  });

  it('never counts a current member twice: their name with another mobile, or with none, is refused', () => {
    // 张三 is on the roster with a mobile: a row of 张三 without one, or with another, may be them
    expect(planRow(row({ mobile: null }), null, held)).toMatchObject({ problem: { id: 'rosterImport.sameName' }, field: 'mobile' });
    expect(planRow(row({ mobile: '15400000002' }), 'p2', held)).toMatchObject({ problem: { id: 'rosterImport.sameName' } });
  });

  it('keeps a held insurance date the row leaves blank, and says when the day joined differs', () => {
    expect(planRow(row({ insuredThrough: null }), 'p1', held)).toEqual({ action: 'unchanged', id: 'a' });
    expect(planRow(row({ insuredThrough: null, category: 'volunteers' }), 'p1', held)).toEqual({
      action: 'update',
      id: 'a',
      changes: { category: 'volunteers' },
    });
    expect(planRow(row({ joined: '2024-05-01' }), 'p1', held)).toMatchObject({
      action: 'unchanged',
      note: { id: 'rosterImport.joinedKept', params: { joined: '2025-01-01' } },
    });
  });

  it('reads a leaving written already as written (a file sent again), and adds one who left and joins again', () => {
    expect(planRow(row({ name: '王五', left: '2025-01-01' }), 'p3', held)).toEqual({ action: 'unchanged', id: 'c' });
    expect(planRow(row({ name: '王五', left: '2025-02-01' }), 'p3', held)).toMatchObject({ problem: { id: 'rosterImport.endUnknown' } });
  });

  it('never takes a member who left for the same one', () => {
    expect(sameMemberOn(held, 'p3', '王五')).toBeUndefined();
    expect(sameMemberOn(held, null, '李四')?.id).toBe('b');
  });
});

describe('a roster sheet, cell by cell', () => {
  const read = (...rows: Cell[][]) => readRosterRows(sheet(...rows), CTX).outcomes;
  const base: Cell[] = ['450102001001', '', '郑二（模拟）', '15400000041', '其他志愿者', '2025-03-01', '2026-12-31', ''];
  const withCell = (i: number, v: Cell) => base.map((c, j) => (j === i ? v : c));

  it('names the cell of each refused value, the column’s own words, and masks a phone it repeats', () => {
    const [badPhone, badDate, future, beforeJoined, blank] = read(
      withCell(3, '1380013800x'),
      withCell(5, '上个月'),
      withCell(7, '2027-01-02'),
      withCell(7, '2025-01-01'),
      withCell(2, null),
    );
    expect(badPhone.errors).toEqual([expect.objectContaining({ column: '手机号码', cell: 'D2', value: '138****800x' })]);
    expect(badDate.errors).toEqual([
      expect.objectContaining({
        column: '入队日期',
        cell: 'F3',
        messageId: 'import.cell',
        params: expect.objectContaining({ label: { zh: '入队日期', en: 'Joined on' } }),
      }),
    ]);
    expect(future.errors).toEqual([expect.objectContaining({ column: '离队日期', cell: 'H4', messageId: 'roster.date.future' })]);
    expect(beforeJoined.errors).toEqual([
      expect.objectContaining({ column: '离队日期', cell: 'H5', messageId: 'roster.left.beforeJoined' }),
    ]);
    expect(blank.errors).toEqual([expect.objectContaining({ column: '姓名', cell: 'C6', messageId: 'field.required' })]);
  });

  it('takes a member with no mobile, a blank insurance and left day, a code written with spaces, and skips blank rows', () => {
    const outcomes = read(withCell(3, null), [], ['', '', '', '', '', '', '', ''], withCell(0, '4501 0200 1002'));
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ status: 'accepted', communityName: '民主社区', member: { mobile: null, left: null } });
    expect(outcomes[1]).toMatchObject({ row: 5, status: 'accepted', communityCode: '450102001002', communityName: '东鹏社区' });
    expect(read(withCell(6, null))[0].member?.insuredThrough).toBeNull();
  });

  it('warns of another spelling of the community’s name, and refuses another community’s name', () => {
    const [other, spelling] = read(withCell(1, '东鹏社区'), withCell(1, '民主社区居委会'));
    expect(other.errors[0]).toMatchObject({ column: '社区名称', messageId: 'import.communityName.other' });
    expect(spelling).toMatchObject({
      status: 'accepted',
      warnings: [expect.objectContaining({ messageId: 'import.communityName.differs' })],
    });
  });

  it('names the insurance cell when the cover ends before the day joined', () => {
    const [row] = read(withCell(6, '2024-12-31'));
    expect(row.errors).toEqual([expect.objectContaining({ column: '保险到期日期', cell: 'G2', messageId: 'roster.insured.beforeJoined' })]);
  });

  it('lists up to ten rows of a repeated person and says there are more; each row is refused once', () => {
    const ten = read(...Array.from({ length: 10 }, () => base));
    expect(ten[0].errors).toHaveLength(1);
    expect(ten[0].errors[0]).toMatchObject({ column: '手机号码', cell: 'D2', value: '154****0041' });
    expect(ten[0].errors[0].message).toContain('第 2、3、4、5、6、7、8、9、10、11 行');
    expect(ten[0].errors[0].message).not.toContain('…');
    const eleven = read(...Array.from({ length: 11 }, () => base));
    expect(eleven[0].errors[0].message).toContain('10、11、…');
    // the same mobile and the same name, one without the mobile: refused by mobile, and by name only the row left
    const both = read(base, base, withCell(3, null));
    expect(both.map((o) => o.errors.map((e) => e.messageId))).toEqual([
      ['rosterImport.mobileRepeated'],
      ['rosterImport.mobileRepeated'],
      ['rosterImport.nameRepeated'],
    ]);
    expect(both[2].errors[0]).toMatchObject({ column: '姓名', value: '郑二（模拟）' });
  });

  it('reads a header whatever else its row holds', () => {
    expect(isRosterHeader([null, '', 42, '社区代码 ', '人员类别（必填）'])).toBe(true);
    expect(isRosterHeader(['社区代码', '', null])).toBe(false);
    expect(isRosterHeader(['人员类别'])).toBe(false);
  });

  it('reads a category written with spaces or full-width letters, its English, its id in any case', () => {
    expect(categoryOf(' 退役 军人 ')).toBe('veterans');
    expect(categoryOf('Former firefighters')).toBe('formerFirefighters');
    expect(categoryOf('formerfirefighters')).toBe('formerFirefighters');
    expect(categoryOf('ＶＥＴＥＲＡＮＳ')).toBe('veterans');
    expect(categoryOf('COMMUNITY STAFF')).toBe('communityStaff');
    expect(categoryOf('政府购买服务')).toBe('purchasedServices');
    expect(categoryOf('其他')).toBeNull();
  });
});

describe('planning a row, the member kept by name', () => {
  const held: HeldMember[] = [
    {
      id: 'n1',
      name: '钱一',
      person: null,
      category: 'volunteers',
      joined: '2025-01-01',
      left: '2025-06-30',
      insuredThrough: null,
      standing: 'unchecked',
      countsFrom: '2025-01-01',
    },
    {
      id: 'n2',
      name: '钱二',
      person: 'q2',
      category: 'volunteers',
      joined: '2025-01-01',
      left: '2025-06-30',
      insuredThrough: null,
      standing: 'counts',
      countsFrom: '2025-01-01',
    },
    {
      id: 'n3',
      name: '钱三',
      person: 'q3',
      category: 'volunteers',
      joined: '2025-01-01',
      left: null,
      insuredThrough: '2026-12-31',
      standing: 'counts',
      countsFrom: '2025-01-01',
    },
  ];
  const row = (over: Partial<MemberRow>): MemberRow => ({
    name: '钱一',
    mobile: null,
    category: 'volunteers',
    joined: '2025-01-01',
    insuredThrough: null,
    left: '2025-06-30',
    ...over,
  });

  it('reads a leaving written already by name for one kept by name, by mobile for one with a mobile, and no other', () => {
    expect(planRow(row({}), null, held)).toEqual({ action: 'unchanged', id: 'n1' });
    expect(planRow(row({ name: '钱二', mobile: '15400000002' }), 'q2', held)).toEqual({ action: 'unchanged', id: 'n2' });
    // another person under the name, or the name under another mobile: no such leaving
    expect(planRow(row({ name: '钱二' }), null, held)).toMatchObject({ problem: { id: 'rosterImport.endUnknown' } });
    expect(planRow(row({ name: '钱一', mobile: '15400000009' }), 'q9', held)).toMatchObject({ problem: { id: 'rosterImport.endUnknown' } });
    // a member still on the team is no leaving written already
    expect(planRow(row({ name: '钱三', mobile: '15400000003', left: null, insuredThrough: '2026-12-31' }), 'q3', held)).toEqual({
      action: 'unchanged',
      id: 'n3',
    });
  });

  it('says what it refuses about a current member, with their name and day joined', () => {
    expect(planRow(row({ name: '钱三', left: null }), null, held)).toEqual({
      problem: { id: 'rosterImport.sameName', params: { name: '钱三', joined: '2025-01-01' } },
      field: 'mobile',
    });
    expect(planRow(row({ name: '钱叁', mobile: '15400000003', left: null }), 'q3', held)).toEqual({
      problem: { id: 'rosterImport.otherName', params: { name: '钱三', joined: '2025-01-01' } },
      field: 'name',
    });
    expect(planRow(row({ name: '钱三', mobile: '15400000003', left: '2024-12-31' }), 'q3', held)).toEqual({
      problem: { id: 'roster.left.beforeJoined', params: { left: '2024-12-31', joined: '2025-01-01' } },
      field: 'left',
    });
    expect(planRow(row({ name: '钱三', mobile: '15400000003', left: '2025-01-01' }), 'q3', held)).toEqual({
      action: 'end',
      id: 'n3',
      left: '2025-01-01',
    });
    expect(planRow(row({ name: '钱三', mobile: '15400000003', left: null, insuredThrough: '2025-01-01' }), 'q3', held)).toEqual({
      action: 'update',
      id: 'n3',
      changes: { insuredThrough: '2025-01-01' },
    });
  });
});
