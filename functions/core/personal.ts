// Personal data (个人信息, PIPL): a team leader's name and phone number. Phones are shown in full only
// to the owning county (or through an explicit, audited reveal); audit records and reports never
// hold either value, only that it changed.
import type { FieldChange } from './diff.js';

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

/** An audit change with personal values taken out: the field and the fact of the change stay. */
export function redactChange(change: FieldChange): FieldChange {
  const label = PERSONAL_FIELDS[change.field];
  return label ? { field: change.field, before: null, after: null, redacted: label } : change;
}

/** The leader as a reader outside the owning county sees it. */
export function maskLeader<T extends { name: string; phone: string }>(leader: T): T {
  return { ...leader, phone: maskPhone(leader.phone) };
}
