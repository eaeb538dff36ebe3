// Personal data and the text fields that carry it: masking, redacted audit changes, and the
// characters no name may hold (they could forge a line in a plain-text email, or hide text).
import { describe, expect, it } from 'vitest';
import { maskPhone, redactChange, redactWire, revealHour } from '#core/personal.js';
import { message, noteOf, reasonOf, toWire } from '#core/messages/index.js';
import { formatWire } from '#core/messages/format.js';
import { shanghaiTime } from '#core/dates.js';
import { plainLine } from '#core/summary.js';
import { parseTeamInput } from '#core/team.js';
import { goodTeam } from '#tests/helpers/team.js';
import { issueText } from '#core/issues.js';
import type { ValidationError } from '#core/errors.js';

const TODAY = '2023-06-15';
const issuesOf = (body: unknown) => {
  try {
    parseTeamInput(body, TODAY);
    return [];
  } catch (e) {
    return (e as ValidationError).issues.map((i) => ({ field: i.field, message: issueText(i) }));
  }
};

describe('personal data', () => {
  it.each([
    ['13912340001', '139****0001'],
    ['0771-5551234', '077****1234'],
    ['1234567', '***'],
    ['', ''],
    [' 13912340001 ', '139****0001'],
  ])('%s is shown as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('an audit change to the leader keeps the field and the fact, never the values; other fields keep theirs', () => {
    expect(redactChange({ field: 'leader.phone', before: '13800138000', after: '13900139000' })).toEqual({
      field: 'leader.phone',
      before: null,
      after: null,
      redacted: { zh: '电话已修改', en: 'Phone number changed' },
    });
    expect(redactChange({ field: 'leader.name', before: '李建华', after: '黄海燕' })).toMatchObject({
      before: null,
      after: null,
      redacted: { zh: '队长姓名已修改' },
    });
    const other = { field: 'equipment', before: false, after: true };
    expect(redactChange(other)).toBe(other);
  });

  it('the masked phone a reader was shown, sent back unchanged, passes and stays masked for the caller to restore', () => {
    const body = goodTeam({ leader: { name: '李建华', phone: '138****8000' } });
    expect(issuesOf(body)).toEqual([expect.objectContaining({ field: 'leader.phone' })]);
    expect(parseTeamInput(body, TODAY, { maskedPhone: '138****8000' }).leader.phone).toBe('138****8000');
    expect(() =>
      parseTeamInput(goodTeam({ leader: { name: '李建华', phone: '139****0000' } }), TODAY, { maskedPhone: '138****8000' }),
    ).toThrow();
  });
});

describe('text fields refuse what could forge or hide text', () => {
  it.each([
    ['a line break', '民主队\n【通知】', /不能包含换行、制表符或其他控制字符/],
    ['a carriage return', '民主队\r伪造', /控制字符/],
    ['a tab inside', '民主\t队', /控制字符/],
    ['NUL', '民\u0000主', /控制字符/],
    ['a line separator', '民主\u2028队', /控制字符/],
    ['a right-to-left override', '民主队\u202Egnp', /改变文字方向/],
    ['an isolate', '\u2067民主队\u2069', /改变文字方向/],
    ['a lone surrogate', '民主\ud800队', /无效的字符编码/],
    ['only zero-width characters', '\u200B\u200D\u2060', /不能只有空白或不可见字符/],
    ['only a Hangul filler', '\u3164', /不能只有空白或不可见字符/],
    ['a zero-width space inside', '民主\u200B队', /零宽字符/],
    ['a soft hyphen', '民主\u00AD队', /零宽字符/],
    ['a tag character', '民主队\u{E0049}', /零宽字符/],
    ['an interlinear annotation', '民\uFFF9主\uFFFB队', /零宽字符/],
    ['deprecated format U+206A', '民主\u206A队', /零宽字符/],
    ['only tag characters', '\u{E0041}\u{E0042}', /不能只有空白或不可见字符/],
    ['only a braille blank', '\u2800\u2800', /不能只有空白或不可见字符/],
    ['stacked combining marks', `民${'\u0301'.repeat(5)}主队`, /叠加的组合符号/],
  ])('a team name with %s', (_what, name, message) => {
    expect(issuesOf(goodTeam({ name }))).toEqual([{ field: 'name', message: expect.stringMatching(message) }]);
    expect(issuesOf(goodTeam({ leader: { name, phone: '13800138000' } }))).toEqual([
      { field: 'leader.name', message: expect.stringMatching(message) },
    ]);
  });

  it('a name of only a BOM is trimmed to nothing and refused', () => {
    expect(issuesOf(goodTeam({ name: '\uFEFF' }))).toContainEqual({ field: 'name', message: '队伍名称不能为空' });
  });

  it('names in the scripts of Guangxi, with inner spaces and middle dots, are fine', () => {
    for (const name of ['壮族 Bouxcuengh 响应队', '阿卜杜·热合曼', '李 建华', '𠀋𡈽 应急队', 'Nguyễn Văn 队'])
      expect(issuesOf(goodTeam({ name }))).toEqual([]);
  });

  it('the plain-text email puts every value on its own line: no value can start a new one', () => {
    expect(plainLine('民主队\n■ 通知：请汇款\r\n至 6222…')).toBe('民主队 ■ 通知：请汇款  至 6222…');
    expect(plainLine('民主队\u202Egnp.exe\u2028x')).toBe('民主队 gnp.exe x');
  });
});

describe('the clock hour of a phone reveal (the counter per caller per hour)', () => {
  it('an hour runs from :00:00.000 to :59:59.999, in UTC and Shanghai alike, and Retry-After counts whole seconds to its end', () => {
    expect(revealHour(new Date('2023-06-15T04:00:00.000Z'))).toEqual({
      hour: '2023-06-15T04',
      nextHour: new Date('2023-06-15T05:00:00Z'),
      retryAfterSeconds: 3600,
    });
    expect(revealHour(new Date('2023-06-15T04:59:59.999Z'))).toMatchObject({ hour: '2023-06-15T04', retryAfterSeconds: 1 });
    expect(revealHour(new Date('2023-06-15T04:59:58.500Z')).retryAfterSeconds).toBe(2);
    // 15:59 UTC is 23:59 in Shanghai: the next hour starts at midnight there, and the next day in UTC's key
    expect(revealHour(new Date('2023-06-15T16:00:00Z')).hour).toBe('2023-06-15T16');
    expect(shanghaiTime(revealHour(new Date('2023-06-15T15:59:00Z')).nextHour)).toBe('00:00');
    expect(shanghaiTime(new Date('2023-06-15T04:20:00Z'))).toBe('12:20');
  });
});

describe('a note the system writes', () => {
  it('masks a phone in its text and in every parameter, nested messages and both languages included', () => {
    const m = message('note.registry.movedIn', {
      reason: message('registry.action.reason', {
        kind: { zh: '代码变更 13912340001', en: 'Code changed 13912340001' },
        reason: '联系 0771-5551234',
      }),
      from: '450102001001',
    });
    const w = redactWire(toWire(m));
    expect(w.messageId).toBe('note.registry.movedIn');
    expect(w.message).toBe('代码变更 139****0001：联系 077****1234（由 450102001001 迁入）');
    expect(formatWire('en', w)).toBe('Code changed 139****0001: 联系 077****1234 (moved in from 450102001001)');
    expect(JSON.stringify(w)).not.toMatch(/13912340001|5551234/);
  });

  it('keeps a person’s own text as typed, and the system’s as its Chinese text beside the message', () => {
    expect(noteOf('队长离任')).toEqual({ note: '队长离任' });
    expect(noteOf(message('note.team.erased', { reason: '队长离任' }))).toEqual({
      note: '个人信息已删除：队长离任',
      noteMessage: { messageId: 'note.team.erased', params: { reason: '队长离任' }, message: '个人信息已删除：队长离任' },
    });
    expect(reasonOf(message('note.reveal.campaign', { name: '2026 年度督导检查' }))).toMatchObject({
      reason: '督导检查：2026 年度督导检查',
    });
    expect(reasonOf('核实')).toEqual({ reason: '核实' });
  });
});

describe('phones written as people write them', () => {
  it('masks a mobile in full-width digits, with spaces or dashes, and one a cut would split', async () => {
    const { redactPhones } = await import('#core/personal.js');
    const { show } = await import('#core/rows.js');
    expect(redactPhones('王五１３８００１３８００１')).toBe('王五138****8001');
    expect(redactPhones('张三 138 0013 8000')).toBe('张三 138****8000');
    expect(redactPhones('张三138-0013-8000，电话')).toBe('张三138****8000，电话');
    const long = `${'备注'.repeat(18)}13800138000`;
    expect(show(long)).not.toMatch(/\d{5}/);
  });
});
