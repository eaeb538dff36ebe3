import { describe, expect, it } from 'vitest';
import { cellRef, columnIndex, readCell, escapeFormula, type Cell } from '#core/cells.js';
import { COLUMNS } from '#core/columns.js';
import { ValidationError } from '#core/errors.js';
import { readRows, type RowContext } from '#core/rows.js';
import { zhText } from '#core/messages/index.js';
import { format } from '#core/messages/format.js';

/** A row's reasons as a clerk reads them (each message's id and parameters aside). */
const reasons = (o: { errors: { column: string; value: string; message: string }[] }) =>
  o.errors.map(({ column, value, message }) => ({ column, value, message }));

const ctx: RowContext = {
  countyCode: '450102',
  countyName: '兴宁区',
  today: '2023-06-15',
  communities: new Map([
    ['450102001001', '民主社区居委会'],
    ['450102001002', '解放社区居委会'],
    ['450102001003', '当阳社区居委会'],
  ]),
};
const header = COLUMNS.map((c) => c.header);
const good: Record<string, Cell> = {
  社区代码: '450102001001',
  社区名称: '民主社区居委会',
  队伍名称: '民主社区响应队',
  队长姓名: '李建华',
  队长电话: '13800138000',
  成立日期: '2021/8/1',
  社区工作人员: 6,
  退役军人: 4,
  退出消防员: 1,
  辖区单位工作人员: 3,
  社区医疗服务中心医疗人员: 2,
  物业保安: 2,
  其他志愿者: 5,
  政府购买服务人员: 1,
  组织章程: '是',
  队员守则: 'Y',
  培训演练制度: 1,
  考核评价制度: 'true',
  组织指挥系统: '是',
  服务时长登记: '是',
  考勤考评: '是',
  基本救援装备: '是',
  参保人数: 24,
  保险到期日期: '2024年3月1日',
  最近培训演练日期: 45036, // Excel serial for 2023-04-20
};
const row = (overrides: Record<string, Cell> = {}) => header.map((h) => ({ ...good, ...overrides })[h] ?? null);
const read = (rows: Cell[][], hdr: Cell[] = header) =>
  readRows({ header: hdr, rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })) }, ctx).outcomes;

describe('reading cells as a clerk types them', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['0', false],
    [1, true],
    [true, true],
  ])('%s is a boolean %s', (cell, value) => {
    expect(readCell('bool', cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['2022-03-15', '2022-03-15'],
    ['2022/3/5', '2022-03-05'],
    ['2022.03.15', '2022-03-15'],
    ['2022年3月15日', '2022-03-15'],
    ['20220315', '2022-03-15'],
    [44635, '2022-03-15'],
    [new Date(Date.UTC(2022, 2, 15)), '2022-03-15'],
  ])('%s is the date %s', (cell, value) => {
    expect(readCell('date', cell as Cell)).toEqual({ ok: true, value });
  });

  it("reads Excel serials in a number cell (a fraction is the time of day) and Excel's CSV date-times", () => {
    expect(readCell('date', 46086.5)).toEqual({ ok: true, value: '2026-03-05' });
    expect(readCell('date', 46086)).toEqual({ ok: true, value: '2026-03-05' });
    expect(readCell('date', 19000)).toEqual({ ok: true, value: '1952-01-07' }); // read; the standard's window judges it
    expect(readCell('date', '2026/3/5 0:00')).toEqual({ ok: true, value: '2026-03-05' });
    expect(readCell('date', ' 2026-03-05 ')).toEqual({ ok: true, value: '2026-03-05' });
    expect(readCell('date', 46086 - 1462, { date1904: true })).toEqual({ ok: true, value: '2026-03-05' }); // an old Mac workbook's serial
    expect(readCell('date', 0)).toMatchObject({ ok: false });
    expect(readCell('date', 3_000_000)).toMatchObject({ ok: false });
  });

  it('names a bad date once, in the column\'s words ("成立日期格式应为…", not "成立日期日期…")', () => {
    const [o] = read([row({ 成立日期: '八月一日' })]);
    expect(reasons(o)).toEqual([
      { column: '成立日期', value: '八月一日', message: '成立日期格式应为 2022-03-15、2022/3/15 或 2022年3月15日' },
    ]);
  });

  it("refuses dates outside the standard's window: founded in 1949, insured until 2099", () => {
    const limits = { earliest: '2000-01-01', insuranceLatest: '2028-06-15' };
    const withLimits = (overrides: Record<string, Cell>) =>
      readRows({ header, rows: [{ rowNumber: 2, cells: row(overrides) }] }, { ...ctx, limits }).outcomes[0];
    expect(reasons(withLimits({ 成立日期: '1949-10-01' }))).toEqual([
      { column: '成立日期', value: '1949-10-01', message: '成立日期 1949-10-01 早于 2000-01-01，请核对是否填错' },
    ]);
    expect(reasons(withLimits({ 保险到期日期: '2099-12-31' }))).toEqual([
      { column: '保险到期日期', value: '2099-12-31', message: '保险到期日期 2099-12-31 晚于 2028-06-15，请核对是否填错' },
    ]);
    expect(withLimits({ 保险到期日期: '2028-06-15', 成立日期: '2000-01-01' }).status).toBe('accepted'); // both edges included
    expect(withLimits({ 成立日期: 19000 }).errors[0].message).toMatch(/1952-01-07 早于 2000-01-01/);
  });

  it('refuses a row with more insured than members (40 of 12), naming the cell; as many as the members is fine', () => {
    const twelve = { 社区工作人员: 2, 退役军人: 1, 辖区单位工作人员: 1, 其他志愿者: 2, 参保人数: 40 };
    const [o] = read([row(twelve)]);
    expect(o.status).toBe('rejected');
    expect(reasons(o)).toEqual([{ column: '参保人数', value: '40', message: '参保人数 40 多于队员人数 12：本队参保的只能是本队队员' }]);
    expect(read([row({ ...twelve, 参保人数: 12 })])[0].status).toBe('accepted');
  });

  it('refuses dates that do not exist and words that are not booleans', () => {
    expect(readCell('date', '2023-02-30')).toMatchObject({ ok: false });
    expect(readCell('date', '去年')).toMatchObject({ ok: false });
    expect(readCell('bool', '也许')).toMatchObject({ ok: false });
    expect(readCell('count', '二十')).toMatchObject({ ok: false });
  });

  it('escapes cells a spreadsheet would run as formulas', () => {
    expect(escapeFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(escapeFormula('+86')).toBe("'+86");
    expect(escapeFormula('-1')).toBe("'-1");
    expect(escapeFormula('@SUM')).toBe("'@SUM");
    expect(escapeFormula('民主社区')).toBe('民主社区');
  });
});

describe('reading template rows', () => {
  it('accepts a good row, with booleans, dates and counts in the forms clerks use', () => {
    const [o] = read([row()]);
    expect(o.status).toBe('accepted');
    expect(o.team).toMatchObject({
      establishedOn: '2021-08-01',
      insuranceExpiresOn: '2024-03-01',
      lastTrainingOn: '2023-04-20',
      rules: { trainingDrills: true },
    });
  });

  it('skips a pre-filled row left blank, and ignores empty lines', () => {
    const blank = header.map((h) => (h === '社区代码' ? '450102001002' : h === '社区名称' ? '解放社区居委会' : null));
    const outcomes = read([blank, header.map(() => null)]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ status: 'skipped', communityCode: '450102001002' });
  });

  it('names the row, the column and the value of each mistake', () => {
    const [o] = read([
      row({
        退役军人: -1,
        社区医疗服务中心医疗人员: 2.5,
        参保人数: 99999,
        队伍名称: '=HYPERLINK("http://x","点我")',
        队长电话: '+852 91234567',
        基本救援装备: '也许',
      }),
    ]);
    expect(o.status).toBe('rejected');
    expect(o.team).toBeUndefined();
    // An unreadable cell (也许) does not hide the row's other mistakes: the clerk hears of all of them at once.
    expect(reasons(o)).toEqual(
      expect.arrayContaining([
        { column: '基本救援装备', value: '也许', message: '基本救援装备应填 是 或 否（也可用 Y/N、1/0）' },
        { column: '退役军人', value: '-1', message: '退役军人不能为负数' },
        { column: '社区医疗服务中心医疗人员', value: '2.5', message: '社区医疗服务中心医疗人员必须是整数' },
        { column: '参保人数', value: '99999', message: '参保人数不能超过 10000' },
        { column: '队伍名称', value: '=HYPERLINK("http://x","点我")', message: '队伍名称不能以 = + - @ 开头' },
        { column: '队长电话', value: '+85****4567', message: '队长电话必须是中国大陆手机号（11 位）或固定电话（区号-号码）' },
      ]),
    );
    // Said once: the refused cell is not also reported as missing.
    expect(o.errors.filter((e) => e.column === '基本救援装备')).toHaveLength(1);
  });

  it('says a formula is not a value, and how to paste its result (a text column refuses it by the team rule)', () => {
    const [o] = read([row({ 社区工作人员: '=SUM(5,10)', 参保人数: '=H15+I15', 成立日期: '=TODAY()' })]);
    expect(o.status).toBe('rejected');
    const formula = (label: string) => `${label}是公式，不是填好的数：请复制这一列，用“选择性粘贴 → 数值”贴回原处后再导入`;
    expect(reasons(o)).toEqual(
      expect.arrayContaining([
        { column: '社区工作人员', value: '=SUM(5,10)', message: formula('社区工作人员') },
        { column: '参保人数', value: '=H15+I15', message: formula('参保人数') },
        { column: '成立日期', value: '=TODAY()', message: formula('成立日期') },
      ]),
    );
    expect(readCell('count', ' =1+1')).toMatchObject({ ok: false });
    expect(readCell('count', '12')).toEqual({ ok: true, value: 12 });
  });

  it('says why a code in scientific notation (a CSV saved by Excel) cannot be read, and how to keep the digits', () => {
    const [o] = read([row({ 社区代码: '4.50102E+11' })]);
    expect(reasons(o)).toEqual([
      {
        column: '社区代码',
        value: '4.50102E+11',
        message:
          '社区代码“4.50102E+11”已被表格软件改成科学计数法，末几位已丢失：请把该列设为“文本”格式后重新填写代码（或使用系统下载的模板）',
      },
    ]);
    const [p] = read([row({ 社区代码: '45010200100' })]);
    expect(reasons(p).map((r) => r.message)).toEqual(['社区代码应为 12 位数字']);
  });

  it("refuses a row whose name is another community's (a row moved by a sort): it would replace that community's team", () => {
    const [o] = read([row({ 社区代码: '450102001001', 社区名称: '解放社区居委会' })]);
    expect(o.status).toBe('rejected');
    expect(o.team).toBeUndefined();
    expect(reasons(o)).toEqual([
      {
        column: '社区名称',
        value: '解放社区居委会',
        message:
          '社区名称“解放社区居委会”是本县另一社区（450102001002）的名称，与社区代码 450102001001（民主社区居委会）不符：这一行可能错位，请核对后再导入，未写入',
      },
    ]);
    // another spelling of its own name is only a warning
    const [p] = read([row({ 社区名称: '民主社区' })]);
    expect(p.status).toBe('accepted');
    expect(p.warnings).toHaveLength(1);
  });

  it('reports a refused member count once, and leaves insured against members until every count is read', () => {
    const [o] = read([row({ 退役军人: '四', 参保人数: 99, 队长电话: '12345' })]);
    expect(o.status).toBe('rejected');
    expect(reasons(o).map((r) => r.column)).toEqual(['退役军人', '队长电话']);
    // Read whole, the same row is refused for the insured count.
    const [p] = read([row({ 退役军人: 4, 参保人数: 99 })]);
    expect(reasons(p)).toEqual([{ column: '参保人数', value: '99', message: '参保人数 99 多于队员人数 24：本队参保的只能是本队队员' }]);
  });

  it('repeats at most 40 characters of a bad value, never a phone number, and at most 8 errors a row', () => {
    const long = '队'.repeat(120);
    const [o] = read([row({ 队伍名称: long, 队长电话: '1380013800x' })]);
    expect(reasons(o)).toContainEqual({
      column: '队伍名称',
      value: `${'队'.repeat(40)}…[120]`,
      message: '队伍名称不能超过 100 个字',
    });
    const [p] = read([row({ 队长电话: '1380013800x' })]);
    expect(reasons(p)).toEqual([{ column: '队长电话', value: '138****800x', message: expect.stringMatching(/中国大陆手机号/) }]);
    const everything = Object.fromEntries(header.slice(2).map((h) => [h, '=bad']));
    const [q] = read([row(everything)]);
    expect(q.errors).toHaveLength(9);
    expect(q.errors[8].message).toMatch(/^本行另有 \d+ 处错误未列出/);
  });

  it('names the cell of each reason as the file has it, so the clerk can find the value in their own file', () => {
    const phoneAt = header.indexOf('队长电话');
    // Columns in the file's own order, with one the tracker does not know in front of them all.
    const [cell, team] = read(
      [
        ['', ...row({ 队长电话: '1380013800x' })],
        ['', ...row({ 社区代码: '450102001002', 社区名称: '解放社区居委会', 参保人数: 99 })],
      ],
      ['备注', ...header],
    );
    const letter = (i: number) => String.fromCharCode(65 + i);
    // A cell that does not read, and a team rule over the whole row that names one column.
    expect(cell.errors.map((e) => [e.column, e.cell])).toEqual([['队长电话', `${letter(phoneAt + 1)}2`]]);
    expect(team.errors.map((e) => [e.column, e.cell])).toEqual([['参保人数', `${letter(header.indexOf('参保人数') + 1)}3`]]);
    const twice = read([row(), row()]);
    expect(twice.map((t) => t.errors.at(-1)?.cell)).toEqual(['A2', 'A3']);
  });

  it('writes cell references as spreadsheets do, past Z and back', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map((c) => cellRef(c, 7))).toEqual(['A7', 'Z7', 'AA7', 'AZ7', 'BA7', 'ZZ7', 'AAA7']);
    for (const c of [0, 25, 26, 701, 702, 16_383]) expect(columnIndex(cellRef(c, 1))).toBe(c);
    expect(columnIndex('a1')).toBeNull();
  });

  it("never repeats a leader's name, nor a phone number typed into another column or a header", () => {
    const [name] = read([row({ 队长姓名: '李建华\u202E' })]);
    expect(reasons(name)).toEqual([{ column: '队长姓名', value: '李**', message: expect.stringMatching(/方向/) }]);
    const [date] = read([row({ 成立日期: '15228511461' })]);
    expect(reasons(date)).toEqual([{ column: '成立日期', value: '152****1461', message: expect.stringMatching(/格式应为/) }]);
    const { ignoredColumns } = readRows({ header: [...header, '13800138000', '备注 0771-5551234'], rows: [] }, ctx);
    expect(ignoredColumns).toEqual(['138****8000', '备注 077****1234']);
  });

  it("lists at most 20 unknown columns and counts the rest in no language; names missing columns in the reader's", () => {
    const extra = Array.from({ length: 22 }, (_, i) => `x${i + 1}`);
    const { ignoredColumns } = readRows({ header: [...header, ...extra], rows: [] }, ctx);
    expect(ignoredColumns).toEqual([...extra.slice(0, 20), '… +2']);
    const e = (() => {
      try {
        readRows({ header: ['社区代码', '队伍名称'], rows: [] }, ctx);
      } catch (err) {
        return err as ValidationError;
      }
      throw new Error('a file without its columns was read');
    })();
    expect(format('en', e.msg)).toMatch(/^Missing columns: 队长姓名, 队长电话, /);
    expect(zhText(e.msg)).toMatch(/队长姓名、队长电话、/);
  });

  it('shows a refused value with its hidden characters named, so a bidi override cannot turn the reason around on screen', () => {
    const [o] = read([row({ 队伍名称: '民主\u202E响应队\u200B' })]);
    expect(o.errors.map((e) => e.value)).toEqual(['民主⟨U+202E⟩响应队⟨U+200B⟩']);
  });

  it('reads the 版本 column as the version the row was made from, and refuses anything but a positive integer', () => {
    const [withVersion, blank, bad, zero] = read([
      row({ 版本: 3 }),
      row({ 社区代码: '450102001002', 社区名称: '解放社区居委会', 版本: null }),
      row({ 社区代码: '450102001003', 社区名称: '当阳社区居委会', 版本: '3a' }),
    ]).concat(read([row({ 版本: 0 })]));
    expect(withVersion).toMatchObject({ status: 'accepted', version: 3 });
    expect(blank.status).toBe('accepted');
    expect(blank.version).toBeUndefined();
    for (const o of [bad, zero])
      expect(reasons(o)).toEqual([{ column: '版本', value: expect.any(String), message: expect.stringMatching(/版本应为正整数/) }]);
  });

  it('refuses a community name longer than 100 characters, and shows at most 40 of it in a warning', () => {
    const [tooLong] = read([row({ 社区名称: 'x'.repeat(101) })]);
    expect(tooLong.errors[0]).toMatchObject({ column: '社区名称', message: '社区名称不能超过 100 个字' });
    const [other] = read([row({ 社区名称: '另'.repeat(60) })]);
    expect(other.warnings[0].message).toContain(`“${'另'.repeat(40)}…[60]”`);
  });

  it('refuses a community of another county and one not in the registry', () => {
    const [other, unknown] = read([row({ 社区代码: '450103001001' }), row({ 社区代码: '450102999999' })]);
    expect(other.errors[0].message).toBe('社区 450103001001 不属于兴宁区（450102），不能在本县（市、区）导入');
    expect(unknown.errors[0].message).toBe('社区代码 450102999999 不在兴宁区的登记名册中');
  });

  it('refuses every row of a community that appears twice', () => {
    const outcomes = read([row(), row({ 社区代码: '450102001003', 社区名称: '当阳社区居委会' }), row({ 队伍名称: '另一个名字' })]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'accepted', 'rejected']);
    expect(outcomes[0].errors[0].message).toBe('同一社区在文件中出现 2 次（第 2、4 行），请只保留一行');
  });

  it('warns, without refusing, when the community name differs from the registry', () => {
    const [o] = read([row({ 社区名称: '民主村' })]);
    expect(o.status).toBe('accepted');
    expect(o.warnings[0].message).toMatch(/不一致/);
  });

  it('accepts English field names as headers', () => {
    const english = COLUMNS.map((c) => c.path);
    expect(read([row()], english)[0].status).toBe('accepted');
  });

  it("reads a file made from the earlier template, whose headers were not yet the plan's words", () => {
    const earlier = header.map(
      (h) =>
        (({ 社区医疗服务中心医疗人员: '医疗人员', 政府购买服务人员: '政府购买服务', 组织指挥系统: '指挥体系' }) as Record<string, string>)[
          h
        ] ?? h,
    );
    expect(earlier).toContain('指挥体系');
    const [outcome] = read([row()], earlier);
    expect(outcome.status).toBe('accepted');
    expect(outcome.team).toMatchObject({ members: { medicalStaff: 2, purchasedServices: 1 }, management: { commandSystem: true } });
  });

  it('refuses a file whose headers are missing or repeated, naming them', () => {
    const without = header.filter((h) => h !== '参保人数' && h !== '队长电话');
    expect(() => read([], without)).toThrow(ValidationError);
    expect(() => read([], without)).toThrow('缺少列：队长电话、参保人数');
    expect(() => read([], [...header, '退役军人'])).toThrow('列重复：退役军人');
  });
});
