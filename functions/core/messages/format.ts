// A message in either language, ICU MessageFormat through FormatJS (plurals, select): what the page shows,
// and what the API writes when a caller asks for English.
import { IntlMessageFormat } from 'intl-messageformat';
import { EN } from './en.js';
import { isMessage, isWire, type Lang, type Message, type MessageId, type Param } from './index.js';
import { ZH_CN } from './zh-CN.js';

export const CATALOGUES: Record<Lang, Record<MessageId, string>> = { 'zh-CN': ZH_CN, en: EN };

const compiled = new Map<string, IntlMessageFormat>();

function paramIn(lang: Lang, p: Param): string | number {
  if (typeof p === 'string' || typeof p === 'number') return p;
  if (isMessage(p)) return format(lang, p);
  return lang === 'zh-CN' ? p.zh : p.en;
}

/** The message in `lang`; an id the catalogue lacks (from a newer server) falls back to the id itself. */
export function format(lang: Lang, m: Message): string {
  const key = `${lang}\u0000${m.id}`;
  let f = compiled.get(key);
  if (!f) {
    const text = CATALOGUES[lang][m.id] as string | undefined;
    if (text === undefined) return m.id;
    f = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }); // no rich text: < and > are text
    compiled.set(key, f);
  }
  const values = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, paramIn(lang, v)]));
  return String(f.format(values));
}

/** An answer's JSON with the text of every { messageId, params, message } in it written in `lang`. */
export function localizeJson(text: string, lang: Lang): string {
  if (lang === 'zh-CN' || !text.includes('"messageId"')) return text;
  return JSON.stringify(JSON.parse(text), (_key, v: unknown) =>
    isWire(v) ? { ...v, message: format(lang, { id: v.messageId, params: v.params }) } : v,
  );
}
