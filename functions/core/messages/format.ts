// A message in either language, ICU MessageFormat through FormatJS (plurals, select): what the page shows,
// and what the API writes when a caller asks for English.
import { IntlMessageFormat } from 'intl-messageformat';
import { EN } from './en.js';
import { isMessage, isWire, type Lang, type Message, type MessageId, type Param } from './index.js';
import { ZH_CN } from './zh-CN.js';
import { ZH_CN_FILES } from './zh-CN-files.js';
import { ZH_CN_PEOPLE } from './zh-CN-people.js';

export const CATALOGUES: Record<Lang, Record<MessageId, string>> = { 'zh-CN': { ...ZH_CN, ...ZH_CN_FILES, ...ZH_CN_PEOPLE }, en: EN };

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
    const text = known(lang, m.id) ? CATALOGUES[lang][m.id] : undefined;
    if (text === undefined) return m.id;
    f = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }); // no rich text: < and > are text
    compiled.set(key, f);
  }
  const values = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, paramIn(lang, v)]));
  return String(f.format(values));
}

/** Whether the catalogue has the id as its own entry (never a prototype's key such as constructor). */
export const known = (lang: Lang, id: string): id is MessageId => Object.hasOwn(CATALOGUES[lang], id);

/**
 * A message as an answer carried it, in `lang`: the catalogue's text, or, when the catalogue cannot
 * write it (an id it lacks, a parameter a stored record does not have), the text the answer carried.
 */
export function formatWire(lang: Lang, w: { messageId?: unknown; params?: unknown; message?: unknown }): string {
  const fallback = typeof w.message === 'string' ? w.message : '';
  if (typeof w.messageId !== 'string' || !known(lang, w.messageId)) return fallback;
  try {
    return format(lang, { id: w.messageId, params: (w.params ?? {}) as Message['params'] });
  } catch {
    return fallback;
  }
}

/** An answer's JSON with the text of every { messageId, params, message } in it written in `lang`. */
export function localizeJson(text: string, lang: Lang): string {
  if (lang === 'zh-CN' || !text.includes('"messageId"')) return text;
  return JSON.stringify(JSON.parse(text), (_key, v: unknown) => (isWire(v) ? { ...v, message: formatWire(lang, v) } : v));
}
