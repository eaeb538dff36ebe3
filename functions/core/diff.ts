// What changed between two versions of a team, field by field, for the audit trail.
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** Set for personal data: the values are not kept, only that the field changed. */
  redacted?: { zh: string; en: string };
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value ?? null;
  }
  return out;
}

// Leaves are values or arrays (lists are compared whole): only two objects need serialising to compare.
const same = (x: unknown, y: unknown) =>
  x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y));

export function diffTeams(before: object | null, after: object | null): FieldChange[] {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields
    .filter((f) => !same(a[f] ?? null, b[f] ?? null))
    .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
}
