// Personal data (个人信息, PIPL): a team leader's name and phone number. Phones are shown in full only
// to the owning county (or through an explicit, audited reveal); audit records and reports never
// hold either value, only that it changed.
import type { FieldChange } from './diff.js';
import { isMessage, type Message, type Param, type WireMessage } from './messages/index.js';

/** Team fields that hold personal data, with what an audit record says instead of the values. */
export const PERSONAL_FIELDS: Record<string, { zh: string; en: string }> = {
  'leader.name': { zh: '队长姓名已修改', en: 'Leader name changed' },
  'leader.phone': { zh: '电话已修改', en: 'Phone number changed' },
};

/** 13912340001 → 139****0001; 0771-5551234 → 077****1234; anything short → ***. Never reversible. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p === '') return '';
  if (p.length < 8) return '***';
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}

/** A name as a report may repeat it: its first character only, and not even its length (李**). */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '' : `${first}**`;
}

// A mobile as a person writes it: its 11 digits, or with spaces or dashes between them (138 0013 8000).
const MOBILE_IN_TEXT = /(?<!\d)1[3-9](?:[ \t-]?\d){9}(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;

/** Any phone number in free text (a value typed into the wrong column, a header) masked where it stands. */
export function redactPhones(text: string): string {
  // Full-width digits (１３８…) read as the digits they are, so none slips past the patterns (the rest of the text stays as written).
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m))
    .replace(LANDLINE_IN_TEXT, (m) => maskPhone(m));
}

const redactParam = (p: Param): Param => {
  if (typeof p === 'number') return p;
  if (typeof p === 'string') return redactPhones(p);
  if (isMessage(p)) return redactMessage(p);
  return { zh: redactPhones(p.zh), en: redactPhones(p.en) };
};
const redactMessage = (m: Message): Message =>
  m.params ? { id: m.id, params: Object.fromEntries(Object.entries(m.params).map(([k, p]) => [k, redactParam(p)])) } : m;

/** A message written into a record, with any phone number in its text or its parameters masked. */
export function redactWire(w: WireMessage): WireMessage {
  return {
    messageId: w.messageId,
    params: redactMessage({ id: w.messageId, params: w.params }).params ?? {},
    message: redactPhones(w.message),
  };
}

/** An audit change with personal values taken out: the field and the fact of the change stay. */
export function redactChange(change: FieldChange): FieldChange {
  const label = PERSONAL_FIELDS[change.field];
  return label ? { field: change.field, before: null, after: null, redacted: label } : change;
}

/** The leader as a reader outside the owning county sees it. */
export function maskLeader<T extends { name: string; phone: string }>(leader: T): T {
  return { ...leader, phone: maskPhone(leader.phone) };
}

/**
 * Full phone numbers one caller may reveal in a clock hour (查看完整电话的上限). A county office rings
 * a few of its teams a day, and sees its own numbers without revealing; a city or the province
 * follows up a few teams of a county's report. Ten an hour leaves room for a morning's follow-up,
 * while a sweep of one county (about 50 teams) takes five hours and trips the alarm in the first.
 * The organiser's checklist (a campaign's whole sample, by design) is not counted here.
 */
export const REVEALS_PER_HOUR = 10;

/**
 * The clock hour an instant falls in, as the reveal counter's key (UTC, YYYY-MM-DDTHH: Asia/Shanghai
 * is UTC+8 with no daylight saving, so its hours are the same hours), and when the next one starts.
 */
export function revealHour(instant: Date): { hour: string; nextHour: Date; retryAfterSeconds: number } {
  const start = Math.floor(instant.getTime() / 3_600_000) * 3_600_000;
  const nextHour = new Date(start + 3_600_000);
  return {
    hour: new Date(start).toISOString().slice(0, 13),
    nextHour,
    retryAfterSeconds: Math.max(1, Math.ceil((nextHour.getTime() - instant.getTime()) / 1000)),
  };
}
