// One message catalogue for the server and the browser: every sentence a person reads has an id, its
// zh-CN and English text (ICU MessageFormat, so plurals and numbers are the locale's), and parameters.
// Errors, field issues and import row reasons carry { id, params }; the text is made in the reader's
// language at the edge (the API's error mapper, the page). Documents sent upward stay Chinese.
import { IntlMessageFormat } from 'intl-messageformat';
import { EN } from './en.js';
import { ZH_CN } from './zh-CN.js';

export type MessageId = keyof typeof ZH_CN;
export type Lang = 'zh-CN' | 'en';
/** A parameter: a value, text in both languages (a label, a rule's title), or a message of its own. */
export type Param = string | number | { zh: string; en: string } | Message;
export type Params = Record<string, Param>;

export interface Message {
  id: MessageId;
  params?: Params;
}

export const message = (id: MessageId, params?: Params): Message => (params ? { id, params } : { id });

export const CATALOGUES: Record<Lang, Record<MessageId, string>> = { 'zh-CN': ZH_CN, en: EN };

const LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-CN', en: 'en' };
const compiled = new Map<string, IntlMessageFormat>();

const isMessage = (p: Param): p is Message => typeof p === 'object' && 'id' in p;

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
    f = new IntlMessageFormat(text, LOCALE[lang], undefined, { ignoreTag: true }); // no rich text: < and > are text
    compiled.set(key, f);
  }
  const values = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, paramIn(lang, v)]));
  return String(f.format(values));
}

/** The reader's language from an Accept-Language header: English when it comes first, else zh-CN (the default). */
export function langOf(acceptLanguage: string | undefined | null): Lang {
  const first = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q)[0];
  return first?.tag.startsWith('en') ? 'en' : 'zh-CN';
}

/** A message as answers carry it: its id and parameters, and its text (made in zh-CN, rewritten for the reader). */
export interface WireMessage {
  messageId: MessageId;
  params: Params;
  message: string;
}

export const toWire = (m: Message): WireMessage => ({ messageId: m.id, params: m.params ?? {}, message: format('zh-CN', m) });

const isWire = (v: unknown): v is WireMessage =>
  typeof v === 'object' && v !== null && typeof (v as WireMessage).messageId === 'string' && typeof (v as WireMessage).message === 'string';

/** An answer's JSON with the text of every { messageId, params, message } in it written in `lang`. */
export function localizeJson(text: string, lang: Lang): string {
  if (lang === 'zh-CN' || !text.includes('"messageId"')) return text;
  return JSON.stringify(JSON.parse(text), (_key, v: unknown) =>
    isWire(v) ? { ...v, message: format(lang, { id: v.messageId, params: v.params }) } : v,
  );
}
