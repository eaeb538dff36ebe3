// One message catalogue for the server and the browser: every sentence a person reads has an id, its
// zh-CN and English text, and parameters. Errors, field issues and import row reasons carry
// { id, params }; the text is made in the reader's language at the edge (the API's router, the page).
// Documents sent upward stay Chinese.
//
// This module needs no library: the zh-CN text (the default, kept with every error for logs and
// documents) uses plain {name} arguments only, which a test holds to. English, with ICU plurals, is
// written by format.ts (FormatJS), which the browser imports and the API loads on a request's first
// English answer, so a function's cold start does not carry it.
import { ZH_CN } from './zh-CN.js';
import type { ZH_CN_PEOPLE } from './zh-CN-people.js';
import type { ZH_CN_FILES } from './zh-CN-files.js';

export type MessageId = keyof typeof ZH_CN | keyof typeof ZH_CN_FILES | keyof typeof ZH_CN_PEOPLE;

/** The zh-CN texts loaded: the catalogue, and the parts loaded with the modules that speak them (zh-CN-files.ts). */
const catalogue: Record<string, string> = { ...ZH_CN };

/** Adds a part of the catalogue (its module calls this as it loads). */
export function addZhMessages(part: Record<string, string>): void {
  Object.assign(catalogue, part);
}

/** Whether a string is the id of a message loaded (a schema's error given as an id, not a sentence). */
export const isMessageId = (s: string): s is MessageId => Object.hasOwn(catalogue, s);
export type Lang = 'zh-CN' | 'en';
/** A parameter: a value, text in both languages (a label, a rule's title), or a message of its own. */
export type Param = string | number | { zh: string; en: string } | Message;
export type Params = Record<string, Param>;

export interface Message {
  id: MessageId;
  params?: Params;
}

export const message = (id: MessageId, params?: Params): Message => (params ? { id, params } : { id });

/** Items named in a sentence, in each language's way (、 in Chinese, a comma in English). */
export const listed = (items: readonly (string | number)[]): { zh: string; en: string } => ({ zh: items.join('、'), en: items.join(', ') });

export const isMessage = (p: Param): p is Message => typeof p === 'object' && 'id' in p;

/** The zh-CN text of a message: its {name} arguments filled in (numbers as they are: codes and years are never grouped). */
export function zhText(m: Message): string {
  const text = Object.hasOwn(catalogue, m.id) ? catalogue[m.id] : m.id;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const p = m.params?.[name];
    if (p === undefined) return whole;
    if (typeof p === 'string' || typeof p === 'number') return String(p);
    return isMessage(p) ? zhText(p) : p.zh;
  });
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

export const toWire = (m: Message): WireMessage => ({ messageId: m.id, params: m.params ?? {}, message: zhText(m) });

/**
 * A note written into a record: a person's own text as typed, or the system's message as its zh-CN text
 * (logs, documents, older readers) beside the message itself, which the answer writes in the reader's language.
 */
export const noteOf = (m: Message | string): { note: string; noteMessage?: WireMessage } =>
  typeof m === 'string' ? { note: m } : { note: zhText(m), noteMessage: toWire(m) };
/** The same for a record whose field is a reason. */
export const reasonOf = (m: Message | string): { reason: string; reasonMessage?: WireMessage } =>
  typeof m === 'string' ? { reason: m } : { reason: zhText(m), reasonMessage: toWire(m) };

export const isWire = (v: unknown): v is WireMessage =>
  typeof v === 'object' && v !== null && typeof (v as WireMessage).messageId === 'string' && typeof (v as WireMessage).message === 'string';
