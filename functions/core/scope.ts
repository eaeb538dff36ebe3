// Who may see and change what: province (the programme's root office), city:<4 digits>, county:<6 digits>.
import { ForbiddenError, UnauthorizedError, ValidationError } from './errors.js';
import { inArea } from './area.js';
import { message } from './messages/index.js';

export type Scope = { kind: 'province' } | { kind: 'city'; code: string } | { kind: 'county'; code: string };

/** Parses `province`, `city:4501`, `county:450102`, or the Cognito group forms `city-4501`, `county-450102`. */
export function parseScope(value: string): Scope | null {
  const m = /^(?:(province)|(city)[:-](\d{4})|(county)[:-](\d{6}))$/.exec(value);
  if (!m) return null;
  if (m[1]) return { kind: 'province' };
  if (m[2]) return { kind: 'city', code: m[3] };
  return { kind: 'county', code: m[5] };
}

export function formatScope(scope: Scope): string {
  return scope.kind === 'province' ? 'province' : `${scope.kind}:${scope.code}`;
}

/** Cognito group name for a scope (groups cannot contain ':'). */
export function scopeGroup(scope: Scope): string {
  return scope.kind === 'province' ? 'province' : `${scope.kind}-${scope.code}`;
}

/**
 * Reads the scope from JWT claims as API Gateway's HTTP API hands them to Lambda: an array claim
 * arrives as one string like "[county-450102]" or "[g1 g2]" (group names hold no whitespace); a
 * plain array or a plain string is read the same way. Only whole group names count:
 * "county-450102,province" is no group at all. A token carrying two or more of the tracker's groups
 * is refused: an account belongs to one, and "[a b]" cannot tell two groups from one name holding a space.
 */
export function scopeFromClaims(claims: Record<string, unknown> | undefined, claim: string | undefined, area: string): Scope {
  const raw = claims?.[claim ?? 'cognito:groups'];
  const names = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw.replace(/^\[|\]$/g, '')] : [];
  const groups = names.flatMap((n) => n.split(/\s+/)).filter(Boolean);
  // Group names are exactly province, city-4501, county-450102 (no colon form, nothing around them), of the
  // programme's area: a group of another area is no group of this tracker (it neither signs in nor counts as a second one).
  const tracker = new Map<string, Scope>();
  for (const g of groups) {
    const scope = g.includes(':') ? null : parseScope(g);
    if (scope && (scope.kind === 'province' || inArea(area, scope.code))) tracker.set(g, scope);
  }
  if (tracker.size > 1) throw new UnauthorizedError(message('auth.groups.several', { groups: [...tracker.keys()].join(', ') }));
  const [scope] = tracker.values();
  if (!scope) throw new UnauthorizedError(message('auth.scope.none'));
  return scope;
}

export const cityOfCounty = (countyCode: string) => countyCode.slice(0, 4);
export const countyOfCommunity = (communityCode: string) => communityCode.slice(0, 6);

export function canReadCounty(scope: Scope, countyCode: string): boolean {
  if (scope.kind === 'province') return true;
  if (scope.kind === 'city') return cityOfCounty(countyCode) === scope.code;
  return scope.code === countyCode;
}

/** Counties write their own communities; the province writes any; cities only read. */
export function canWriteCounty(scope: Scope, countyCode: string): boolean {
  return scope.kind === 'province' || (scope.kind === 'county' && scope.code === countyCode);
}

export function assertCanRead(scope: Scope, countyCode: string): void {
  if (!canReadCounty(scope, countyCode)) throw new ForbiddenError(message('error.forbidden.read', { county: countyCode }));
}

export function assertCanWrite(scope: Scope, countyCode: string): void {
  if (!canWriteCounty(scope, countyCode)) throw new ForbiddenError(message('error.forbidden.write', { county: countyCode }));
}

/** A county code in the programme's area (6 digits, starting with the area's code), or a 400 naming it. */
export function checkCountyCode(code: string, area: string): string {
  if (!/^\d{6}$/.test(code) || !inArea(area, code)) throw new ValidationError(message('error.county.code', { code, area }));
  return code;
}

/** A community code in the programme's area (12 digits, starting with the area's code), or a 400 naming it. */
export function checkCommunityCode(code: string, area: string): string {
  if (!/^\d{12}$/.test(code) || !inArea(area, code))
    throw new ValidationError(message('error.community.code', { code, area }), [
      { field: 'communityCode', message: message('error.community.code', { code, area }) },
    ]);
  return code;
}

/** An area's figures (a trend, a retention view): a county's by its readers; a city's by the city and the root office; the root's by the root office. */
export function assertCanReadArea(scope: Scope, area: string): void {
  if (area.length === 6) assertCanRead(scope, area);
  else if (scope.kind !== 'province' && !(scope.kind === 'city' && area === scope.code))
    throw new ForbiddenError(message('area.forbidden', { area }));
}
