// The message catalogue: both languages hold the same messages with the same parameters, every message is
// valid ICU MessageFormat, and a reader's language reaches every message an answer carries.
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { checkWith, fieldIssues } from '#core/issues.js';
import { CATALOGUES, format, formatWire, localizeJson } from '#core/messages/format.js';
import { langOf, message, toWire, type MessageId, zhText } from '#core/messages/index.js';
import { fill, STRINGS, type Key } from '#web/lib/i18n.js';

/** The names of a message's arguments, nested ones (in plurals and selects) included. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) out.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

const ids = Object.keys(CATALOGUES['zh-CN']) as MessageId[];

describe('the message catalogue', () => {
  it('holds the same messages in zh-CN and English, each valid ICU MessageFormat', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual([...ids].sort());
    for (const lang of ['zh-CN', 'en'] as const)
      for (const id of ids)
        expect(() => new IntlMessageFormat(CATALOGUES[lang][id], lang, undefined, { ignoreTag: true }), `${lang} ${id}`).not.toThrow();
  });

  it('gives each message the same parameters in both languages (English may add a plural count)', () => {
    const differ = ids.filter((id) => {
      const zh = argumentsOf(parse(CATALOGUES['zh-CN'][id], { ignoreTag: true }));
      const en = argumentsOf(parse(CATALOGUES.en[id], { ignoreTag: true }));
      return [...zh].some((a) => !en.has(a)) || [...en].some((a) => !zh.has(a) && a !== 'count');
    });
    expect(differ).toEqual([]);
  });

  it('writes zh-CN with plain {name} arguments only, so the server makes it without the ICU library, as ICU would', () => {
    const plain = (elements: MessageFormatElement[]) => elements.every((e) => e.type === TYPE.literal || e.type === TYPE.argument);
    expect(ids.filter((id) => !plain(parse(CATALOGUES['zh-CN'][id], { ignoreTag: true })))).toEqual([]);
    for (const id of ids) {
      const names = [...argumentsOf(parse(CATALOGUES['zh-CN'][id], { ignoreTag: true }))];
      const params = Object.fromEntries(names.map((n, i) => [n, i % 2 ? `值${i}` : { zh: `中${i}`, en: `en${i}` }]));
      expect(zhText(message(id, params)), id).toBe(format('zh-CN', message(id, params)));
    }
  });

  it('writes English without Chinese characters or punctuation', () => {
    expect(ids.filter((id) => /[\p{Script=Han}（）：，、。；「」]/u.test(CATALOGUES.en[id]))).toEqual([]);
  });

  it('formats parameters in the reader’s language: labels in both languages, nested messages, plurals', () => {
    const m = message('import.cell', { label: { zh: '成立日期', en: 'Founded on' }, problem: message('cell.notDate') });
    expect(format('zh-CN', m)).toBe('成立日期不是有效日期');
    expect(format('en', m)).toBe('Founded on is not a valid date');
    expect(format('en', message('field.tooLong', { label: 'Name', max: 1 }))).toBe('Name may be at most 1 character');
    expect(format('en', message('field.tooLong', { label: 'Name', max: 100 }))).toBe('Name may be at most 100 characters');
    expect(format('zh-CN', message('field.tooLong', { label: '队伍名称', max: 100 }))).toBe('队伍名称不能超过 100 个字');
  });

  it('reads the reader’s language from Accept-Language: English only when it comes first, zh-CN otherwise', () => {
    expect(langOf('en')).toBe('en');
    expect(langOf('en-GB,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(langOf('zh;q=0.5, en;q=0.9')).toBe('en');
    expect(langOf('fr')).toBe('zh-CN');
    expect(langOf(undefined)).toBe('zh-CN');
    expect(langOf('en;q=0')).toBe('zh-CN');
  });

  it('rewrites every message an answer carries, however deep, and leaves the rest as it was', () => {
    const wire = toWire(message('field.negative', { label: { zh: '退役军人', en: 'Veterans' } }));
    const answer = JSON.stringify({ rows: [{ row: 2, errors: [{ column: '退役军人', value: '-1', ...wire }] }], name: '兴宁区' });
    const en = JSON.parse(localizeJson(answer, 'en'));
    expect(en).toEqual({
      rows: [{ row: 2, errors: [{ column: '退役军人', value: '-1', ...wire, message: 'Veterans may not be negative' }] }],
      name: '兴宁区',
    });
    expect(localizeJson(answer, 'zh-CN')).toBe(answer);
    expect(wire.message).toBe('退役军人不能为负数');
  });

  it('keeps the text an answer carried when the catalogue cannot write it: an unknown id, a prototype key, a missing parameter, a record from before the catalogue', () => {
    expect(formatWire('en', { messageId: 'no.such.message', params: {}, message: '旧的说明' })).toBe('旧的说明');
    expect(formatWire('en', { messageId: 'constructor', params: {}, message: '原文' })).toBe('原文');
    expect(formatWire('en', { messageId: 'field.tooLong', params: {}, message: '队伍名称不能超过 100 个字' })).toBe(
      '队伍名称不能超过 100 个字',
    );
    expect(formatWire('en', { column: '退役军人', value: '-1', message: '退役军人不能为负数' } as { message: string })).toBe(
      '退役军人不能为负数',
    );
    const stored = JSON.stringify({ rows: [{ errors: [{ messageId: 'field.tooLong', params: {}, message: '旧' }] }] });
    expect(JSON.parse(localizeJson(stored, 'en')).rows[0].errors[0].message).toBe('旧');
  });
});

describe("the pages' own texts", () => {
  const keys = Object.keys(STRINGS) as Key[];
  const args = (text: string) => argumentsOf(parse(text, { ignoreTag: true }));

  it('name the same arguments in both languages, and those with arguments are valid ICU MessageFormat', () => {
    const withArgs = keys.filter((k) => /\{\w+\}/.test(STRINGS[k].zh) || /\{\w+\}/.test(STRINGS[k].en));
    expect(withArgs.length).toBeGreaterThan(5);
    const differ = withArgs.filter((k) => [...args(STRINGS[k].zh)].sort().join() !== [...args(STRINGS[k].en)].sort().join());
    expect(differ).toEqual([]);
  });

  it('are filled in by the same library, arguments as written (a version, a percentage)', () => {
    expect(fill('zh', 'registryVersion', { v: '12' })).toBe('名录第 12 版');
    expect(fill('en', 'coveredShare', { share: '38.5%' })).toBe(' (38.5% of the communities)');
    expect(fill('en', 'findingRule', { rule: 'Insurance', reported: 'met', found: 'not met' })).toBe(
      'Insurance: reported met, found not met',
    );
  });
});

describe('a field left out', () => {
  const shape = z.object({ name: z.string(), count: z.int(), done: z.boolean() }).strict();
  it('is named required by id, whatever the type the field would have had, and a wrong type is not', () => {
    const parsed = checkWith(shape, { count: 'seven' });
    expect(parsed.success).toBe(false);
    const issues = fieldIssues(parsed.error!.issues, (p) => p);
    expect(issues.map((i) => [i.field, (i.message as { id: string }).id])).toEqual([
      ['name', 'field.required'],
      ['count', 'field.notInteger'],
      ['done', 'field.required'],
    ]);
    // in either language, from the catalogue: zod's English words play no part
    expect(format('en', issues[0].message)).toBe(format('en', message('field.required', { label: 'name' })));
  });
  it('keeps the message a schema names for it', () => {
    const own = z.object({ name: z.string({ error: 'field.notText' }) });
    expect(fieldIssues(checkWith(own, {}).error!.issues, (p) => p)[0].message).toMatchObject({ id: 'field.notText' });
  });
});

describe("the catalogue's parts (zh-CN-files.ts, zh-CN-people.ts), each loaded with the modules that speak it", () => {
  const parts = {
    'zh-CN-files': async () => (await import('#core/messages/zh-CN-files.js')).ZH_CN_FILES as Record<string, string>,
    'zh-CN-people': async () => (await import('#core/messages/zh-CN-people.js')).ZH_CN_PEOPLE as Record<string, string>,
  };
  for (const [file, least] of [
    ['zh-CN-files', 5],
    ['zh-CN-people', 4],
  ] as const)
    it(`${file} is imported by every module that names one of its messages, so none is ever shown by its id`, async () => {
      const { readdirSync, readFileSync } = await import('node:fs');
      const { join, resolve } = await import('node:path');
      const part = await parts[file]();
      const prefixes = [...new Set(Object.keys(part).map((id) => id.split('.')[0]))];
      const root = resolve(import.meta.dirname, '../../functions');
      const files = (readdirSync(root, { recursive: true }) as string[]).filter(
        (f) => f.endsWith('.ts') && !f.startsWith('core/messages/'),
      );
      const naming = new RegExp(`(message\\(\\s*|error: )['\`](${prefixes.join('|')})\\.`);
      const speakers = files.filter((f) => naming.test(readFileSync(join(root, f), 'utf8')));
      expect(speakers.length).toBeGreaterThanOrEqual(least);
      const missing = speakers.filter((f) => !readFileSync(join(root, f), 'utf8').includes(`messages/${file}.js';`));
      expect(missing).toEqual([]);
    });

  it('is no part of the main catalogue, and reads in zh-CN once loaded', async () => {
    const { ZH_CN } = await import('#core/messages/zh-CN.js');
    const { ZH_CN_FILES } = await import('#core/messages/zh-CN-files.js');
    expect(Object.keys(ZH_CN_FILES).filter((id) => Object.hasOwn(ZH_CN, id))).toEqual([]);
    expect(zhText(message('rosterImport.endUnknown'))).toBe(ZH_CN_FILES['rosterImport.endUnknown']);
    const { ZH_CN_PEOPLE } = await import('#core/messages/zh-CN-people.js');
    expect(Object.keys(ZH_CN_PEOPLE).filter((id) => Object.hasOwn(ZH_CN, id) || Object.hasOwn(ZH_CN_FILES, id))).toEqual([]);
    expect(zhText(message('activity.log.full', { max: 9 }))).toBe('本队近 5 年的活动记录已达 9 条上限，请核实是否重复录入');
  });
});
