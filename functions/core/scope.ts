// Who may see and change what: province (the programme's root office), city:<4 digits>, county:<6 digits>.
import { ForbiddenError, UnauthorizedError, ValidationError } from './errors.js';
import { inArea } from './area.js';
import { programmeOf } from './tenancy.js';
import { message } from './messages/index.js';
import { NATION_GROUP } from './groups.js';

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

/** A caller's scope and the programme (its root area's code) it is a scope of. */
export interface ProgrammeScope {
  scope: Scope;
  programme: string;
}

/**
 * What a group names among the deployment's programmes: `province` the root office of the only
 * programme (no group when there are several), `province-45` the root office of programme 45, `city-4501`
 * and `county-450102` the office of the programme they lie in; a city or county that is itself a
 * programme's area is that programme's root office. A group of no programme here is null.
 */
function groupScope(group: string, areas: readonly string[]): ProgrammeScope | null {
  if (group.includes(':')) return null;
  const root = /^province-(\d{2})$/.exec(group);
  if (root) return areas.includes(root[1]) ? { scope: { kind: 'province' }, programme: root[1] } : null;
  const scope = parseScope(group);
  if (!scope) return null;
  if (scope.kind === 'province') return areas.length === 1 ? { scope, programme: areas[0] } : null;
  const programme = programmeOf(areas, scope.code);
  if (programme === null) return null;
  return { scope: programme === scope.code ? { kind: 'province' } : scope, programme };
}

/** A name shaped as one of the tracker's groups (of any area), and one holding such a name among other characters. */
const GROUP_SHAPE = /^(nation|province(-\d{2})?|city-\d{4}|county-\d{6})$/;
const GROUP_INSIDE = /(^|[^a-z0-9])(nation|province|city-\d{4}|county-\d{6})(?![a-z0-9])/i;

/**
 * The one tracker group a token carries, as API Gateway's HTTP API hands the claims to Lambda: an array
 * claim arrives as one string like "[county-450102]" or "[g1 g2]" (group names hold no whitespace); a
 * plain array's elements and a plain string are each one name. Only whole group names count: a name that
 * holds one among other characters ("county-450102,province") refuses the token. A token carrying two or more of the tracker's groups
 * is refused: an account belongs to one, and "[a b]" cannot tell two groups from one name holding a space.
 */
function trackerGroup(claims: Record<string, unknown> | undefined, claim: string | undefined, areas: readonly string[]) {
  const raw = claims?.[claim ?? 'cognito:groups'];
  // Only API Gateway's flattened form "[g1 g2]" is split; an array's element or a bare string is one name each.
  const flattened = typeof raw === 'string' && /^\[.*\]$/s.test(raw);
  // An array's elements are names only as strings (a nested array or a number is no name of anything).
  if (Array.isArray(raw) && raw.some((g) => typeof g !== 'string')) throw new UnauthorizedError(message('auth.groups.invalid'));
  const names = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? (flattened ? raw.slice(1, -1).split(/\s+/) : [raw]) : [];
  const groups = names.filter(Boolean);
  // A name that holds a group without being one ("county-450102,", "Readers of province-45", "province:45", "Nation")
  // is refused whole: read leniently it could pass for the group inside it.
  if (groups.some((g) => !GROUP_SHAPE.test(g) && GROUP_INSIDE.test(g))) throw new UnauthorizedError(message('auth.groups.invalid'));
  // Group names are exactly nation, province, province-45, city-4501, county-450102, of the deployment's
  // programmes: a group of another area is no group of this tracker (it neither signs in nor counts as a second one).
  const tracker = new Map<string, ProgrammeScope | typeof NATION_GROUP>();
  for (const g of groups) {
    const found = g === NATION_GROUP ? NATION_GROUP : groupScope(g, areas);
    if (found) tracker.set(g, found);
  }
  if (tracker.size > 1) throw new UnauthorizedError(message('auth.groups.several', { groups: [...tracker.keys()].join(', ') }));
  const [found] = tracker.values();
  if (!found) throw new UnauthorizedError(message('auth.scope.none'));
  return found;
}

/** A programme's caller, from the token's claims: the national office reads only the national routes (a 403 here). */
export function scopeFromClaims(
  claims: Record<string, unknown> | undefined,
  claim: string | undefined,
  areas: readonly string[],
): ProgrammeScope {
  const found = trackerGroup(claims, claim, areas);
  if (found === NATION_GROUP) throw new ForbiddenError(message('auth.nation.programme'));
  return found;
}

/** The national office, from the token's claims: a programme's caller may not read the national routes (a 403). */
export function assertNationClaims(claims: Record<string, unknown> | undefined, claim: string | undefined, areas: readonly string[]): void {
  if (trackerGroup(claims, claim, areas) !== NATION_GROUP) throw new ForbiddenError(message('auth.nation.only'));
}

export const cityOfCounty = (countyCode: string) => countyCode.slice(0, 4);
export const countyOfCommunity = (communityCode: string) => communityCode.slice(0, 6);

export function canReadCounty(scope: Scope, countyCode: string): boolean {
  if (scope.kind === 'province') return true;
  if (scope.kind === 'city') return cityOfCounty(countyCode) === scope.code;
  return scope.code === countyCode;
}

/**
 * The county's own office, which sees its leaders' phones in full: the county's scope, or the root office of a
 * programme whose area is the county itself (a county's own programme has no county office beside its root).
 */
export const ownsCounty = (scope: Scope, countyCode: string, rootArea: string): boolean =>
  scope.kind === 'county' ? scope.code === countyCode : scope.kind === 'province' && rootArea === countyCode;

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
