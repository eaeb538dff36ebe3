// How a team's history and a save conflict read to a person: field names in the page's language,
// yes/no for checkboxes, who saved by office name, and where a change came from in words.
import { columnByPath } from '#core/columns.js';
import { MANAGEMENT, MEMBER_CATEGORIES, WRITTEN_RULES } from '#core/team.js';
import { officeOf } from '#web/api/office.js';
import { fill, punct, STRINGS, type Key, type Lang } from '#web/lib/i18n.js';

type Text = Record<Lang, string>;

const FORM_FIELDS: Record<string, Key> = {
  name: 'fieldTeamName',
  'leader.name': 'fieldLeaderName',
  'leader.phone': 'fieldLeaderPhone',
  establishedOn: 'fieldEstablishedOn',
  insuredMembers: 'fieldInsuredMembers',
  insuranceExpiresOn: 'fieldInsuranceExpiresOn',
  lastTrainingOn: 'fieldLastTrainingOn',
};

const GROUPS: Record<string, Record<string, Text>> = { members: MEMBER_CATEGORIES, rules: WRITTEN_RULES, management: MANAGEMENT };

/**
 * A field's name: the form's own label, a standard's (`fields`, the standard in force), else the
 * template's Chinese column header, else the path itself (a field no standard here knows).
 */
export function fieldName(path: string, lang: Lang, t: (k: Key) => string, fields: { path: string; label: Text }[] = []): string {
  if (FORM_FIELDS[path]) return t(FORM_FIELDS[path]);
  const [group, key] = path.split('.');
  if (key && GROUPS[group]?.[key]) return GROUPS[group][key][lang];
  if (path === 'equipment') return STRINGS.equipmentField[lang];
  return fields.find((f) => f.path === path)?.label[lang] ?? columnByPath.get(path)?.header ?? path;
}

/** A stored value as read: 是/否 (yes/no), a list with the language's separator, — for nothing. */
export function valueText(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return STRINGS[v ? 'yes' : 'no'][lang];
  if (Array.isArray(v)) return v.map((x) => valueText(x, lang)).join(punct(lang).series);
  return String(v);
}

const SOURCES: Record<string, Key> = {
  form: 'sourceForm',
  seed: 'sourceSeed',
  lapse: 'sourceLapse',
  reevaluate: 'sourceReevaluate',
  correction: 'sourceCorrection',
  erasure: 'sourceErasure',
  import: 'sourceImport',
  roster: 'sourceRoster',
  'roster-import': 'sourceRosterImport',
  activity: 'sourceActivity',
  handover: 'sourceHandover',
};

const ROSTER_FIELD = /^roster\.([^.]+)\.(\w+)$/;
/** A change to the team's roster entries (roster.<membership>.<field>): told per membership, not field by field. */
export const isRosterChange = (field: string) => ROSTER_FIELD.test(field);

/** A history record's roster changes, one line a membership: added, left, counted here from a day, or corrected. */
export function rosterChangeLines(changes: readonly { field: string; before: unknown; after: unknown }[], lang: Lang): string[] {
  const byMembership = new Map<string, Record<string, { before: unknown; after: unknown }>>();
  for (const c of changes) {
    const m = ROSTER_FIELD.exec(c.field);
    if (!m) continue;
    byMembership.set(m[1], { ...byMembership.get(m[1]), [m[2]]: { before: c.before, after: c.after } });
  }
  return [...byMembership.values()].map((f) => {
    const after = (k: string) => String(f[k]?.after ?? '');
    if (f.joined && f.joined.before === null)
      return fill(lang, 'rosterChangeAdded', {
        category: MEMBER_CATEGORIES[after('category') as keyof typeof MEMBER_CATEGORIES]?.[lang] ?? after('category'),
        joined: after('joined'),
      });
    if (f.left?.after) return fill(lang, 'rosterChangeLeft', { left: after('left') });
    if (f.standing?.after === 'duplicate') return STRINGS.rosterChangeSamePerson[lang];
    if (f.standing?.after === 'distinct') return STRINGS.rosterChangeOtherPerson[lang];
    if (f.countsFrom?.after) return fill(lang, 'rosterChangeCounts', { date: after('countsFrom') });
    const corrected = [
      ...(f.category ? [MEMBER_CATEGORIES[after('category') as keyof typeof MEMBER_CATEGORIES]?.[lang] ?? after('category')] : []),
      ...(f.insuredThrough ? [fill(lang, 'rosterChangeInsured', { date: after('insuredThrough') || '—' })] : []),
    ];
    return corrected.length
      ? fill(lang, 'rosterChangeCorrected', { what: corrected.join(punct(lang).series) })
      : STRINGS.rosterChangeOther[lang];
  });
}

const LOG_FIELD = /^log\.(events|attended)\.([^.]+)\.(\w+)$/;
/** A change to the team's activity log (log.events.<event>.<field>, log.attended.<member>.<kind>): told per event, not field by field. */
export const isLogChange = (field: string) => LOG_FIELD.test(field);

/** A history record's log changes, one line an event recorded or taken out (withdrawn, or older than the log keeps). */
export function logChangeLines(changes: readonly { field: string; before: unknown; after: unknown }[], lang: Lang): string[] {
  const byEvent = new Map<string, Record<string, { before: unknown; after: unknown }>>();
  for (const c of changes) {
    const m = LOG_FIELD.exec(c.field);
    if (m?.[1] !== 'events') continue;
    byEvent.set(m[2], { ...byEvent.get(m[2]), [m[3]]: { before: c.before, after: c.after } });
  }
  const kind = (k: unknown) => STRINGS[k === 'drill' ? 'activityDrill' : 'activityTraining'][lang];
  return [...byEvent.values()].flatMap((f) => {
    if (f.date?.after)
      return [fill(lang, 'logChangeAdded', { date: String(f.date.after), kind: kind(f.kind?.after), n: String(f.people?.after ?? 0) })];
    if (f.date?.before) return [fill(lang, 'logChangeRemoved', { date: String(f.date.before), kind: kind(f.kind?.before) })];
    return [];
  });
}

/** Where a version came from: 表单, 批量导入, 名录版本 3 …; an unknown source as it is stored. */
export function sourceText(source: string, lang: Lang): string {
  const registry = /^registry:v(\d+)$/.exec(source);
  if (registry) return fill(lang, 'sourceRegistry', { v: registry[1] });
  const key = SOURCES[source.split(':')[0]];
  return key ? STRINGS[key][lang] : source;
}

/** Who saved it: "兴宁区应急管理局 · zhang" for `county:450102/zhang`; the jobs and the demo's seeding as 系统. */
/** Who wrote a record, by office (and user): `rootOffice` names the programme's root office (useRootOffice). */
export function byText(by: string, lang: Lang, rootOffice: string): string {
  const slash = by.lastIndexOf('/');
  const [who, user] = slash < 0 ? [by, ''] : [by.slice(0, slash), by.slice(slash + 1)];
  if (who === 'system' || who === 'seed') return STRINGS.bySystem[lang];
  const office = officeOf(who, lang, rootOffice);
  return user ? `${office} · ${user}` : office;
}
