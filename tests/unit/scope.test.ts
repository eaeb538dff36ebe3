import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '#core/errors.js';
import { assertNationClaims, canReadCounty, canWriteCounty, ownsCounty, parseScope, scopeFromClaims } from '#core/scope.js';

/** The scope a token's claims give among the deployment's programmes (the programme is checked below). */
const scopeOf = (claims: Record<string, unknown>, claim: string | undefined, areas: string[]) =>
  scopeFromClaims(claims, claim, areas).scope;

describe('scopes', () => {
  it('reads the HTTP API form of Cognito groups, "[g1 g2]", and plain arrays', () => {
    expect(scopeOf({ 'cognito:groups': '[county-450102]' }, undefined, ['45'])).toEqual({ kind: 'county', code: '450102' });
    expect(scopeOf({ 'cognito:groups': ['city-4501'] }, undefined, ['45'])).toEqual({ kind: 'city', code: '4501' });
    // another OpenID Connect provider names its own claim (China: the province's identity platform)
    expect(scopeOf({ groups: ['county-450102'] }, 'groups', ['45'])).toEqual({ kind: 'county', code: '450102' });
    expect(() => scopeOf({ groups: ['county-450102'] }, undefined, ['45'])).toThrow();
  });

  it('refuses a token carrying two tracker groups, in any form and any claim, rather than granting the broader one', () => {
    const several = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof UnauthorizedError ? e.msg.id : `not a 401: ${e}`;
      }
      return 'granted';
    };
    // as API Gateway flattens an array claim, as a plain array, and a string claim holding a space
    expect(several(() => scopeOf({ 'cognito:groups': '[county-450102 province]' }, undefined, ['45']))).toBe('auth.groups.several');
    expect(several(() => scopeOf({ 'cognito:groups': ['county-450102', 'province'] }, undefined, ['45']))).toBe('auth.groups.several');
    expect(several(() => scopeOf({ groups: '[county-450102 province]' }, 'groups', ['45']))).toBe('auth.groups.several');
    // an array's element and a bare string are one name each: one holding a group among other characters refuses the token
    expect(several(() => scopeOf({ groups: ['county-450102 province'] }, 'groups', ['45']))).toBe('auth.groups.invalid');
    expect(several(() => scopeOf({ groups: 'county-450102 province' }, 'groups', ['45']))).toBe('auth.groups.invalid');
    // ...and never grants the group inside it: a comma list, a descriptive name, a nested array, the colon form, a case variant
    for (const claim of [
      'county-450102, province-45',
      '[county-450102, province-45]',
      ['county-450102,', 'province-45'],
      ['Readers of province-45'],
      [['province-45']],
      ['a province-45'],
      ['province:45'],
      ['Province-45'],
      ['county-450102;province'],
    ])
      expect(
        several(() => scopeFromClaims({ groups: claim }, 'groups', ['45', '331181'])),
        JSON.stringify(claim),
      ).toBe('auth.groups.invalid');
    // a name that merely shares letters with a group is no group, and no refusal
    expect(scopeOf({ groups: ['international', 'provincial-staff', 'county-450102'] }, 'groups', ['45'])).toEqual({
      kind: 'county',
      code: '450102',
    });
    expect(several(() => scopeOf({ groups: '[city-4501 city-4502]' }, 'groups', ['45']))).toBe('auth.groups.several');
    // a group the tracker does not know beside one it does is no second scope
    expect(scopeOf({ groups: '[staff county-450102]' }, 'groups', ['45'])).toEqual({ kind: 'county', code: '450102' });
  });

  it('refuses claims without a known group', () => {
    expect(() => scopeOf({}, undefined, ['45'])).toThrow(UnauthorizedError);
    expect(() => scopeOf({ 'cognito:groups': '[admins]' }, undefined, ['45'])).toThrow(UnauthorizedError);
    expect(() => scopeOf({ 'cognito:groups': '[county-11010]' }, undefined, ['45'])).toThrow(UnauthorizedError);
    // A group of another area is no group of this programme: it neither signs in nor counts as a second scope.
    expect(() => scopeOf({ 'cognito:groups': '[county-110101]' }, undefined, ['45'])).toThrow(UnauthorizedError);
    expect(() => scopeOf({ 'cognito:groups': '[city-1101]' }, undefined, ['45'])).toThrow(UnauthorizedError);
    expect(scopeOf({ 'cognito:groups': '[county-450102 city-0771]' }, undefined, ['45'])).toEqual({ kind: 'county', code: '450102' });
    // A county programme's own county office is its root office (as is `province`, while it is the only programme).
    expect(scopeOf({ 'cognito:groups': '[county-331181]' }, undefined, ['331181'])).toEqual({ kind: 'province' });
    expect(scopeOf({ 'cognito:groups': '[province]' }, undefined, ['331181'])).toEqual({ kind: 'province' });
  });

  it('names the programme a scope is of, among several, and a root office only by its area', () => {
    const areas = ['45', '331181', '3607'];
    const of = (group: string) => scopeFromClaims({ groups: [group] }, 'groups', areas);
    expect(of('province-45')).toEqual({ scope: { kind: 'province' }, programme: '45' });
    expect(of('county-450102')).toEqual({ scope: { kind: 'county', code: '450102' }, programme: '45' });
    expect(of('city-4501')).toEqual({ scope: { kind: 'city', code: '4501' }, programme: '45' });
    expect(of('county-331181')).toEqual({ scope: { kind: 'province' }, programme: '331181' });
    expect(of('city-3607')).toEqual({ scope: { kind: 'province' }, programme: '3607' });
    expect(of('county-360702')).toEqual({ scope: { kind: 'county', code: '360702' }, programme: '3607' });
    // `province` names no programme when there are several; a root group of no programme here, or a unit beside one, is no group
    for (const none of ['province', 'province-33', 'province-4', 'city-3311', 'county-331102', 'province:45'])
      expect(() => of(none), none).toThrow(UnauthorizedError);
    // two programmes' groups in one token are two scopes
    expect(() => scopeFromClaims({ groups: ['province-45', 'county-331181'] }, 'groups', areas)).toThrow(
      expect.objectContaining({ msg: expect.objectContaining({ id: 'auth.groups.several' }) }),
    );
  });

  it("keeps the national office to the national routes, and every programme's office off them", () => {
    const areas = ['45', '331181'];
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return `${e instanceof ForbiddenError ? 403 : e instanceof UnauthorizedError ? 401 : 'other'} ${(e as { msg?: { id: string } }).msg?.id}`;
      }
      return 'granted';
    };
    // the national office: the national routes only (its own group, in every form a claim arrives in)
    for (const claims of [{ groups: ['nation'] }, { groups: '[nation]' }, { groups: '[staff nation]' }]) {
      expect(refusal(() => assertNationClaims(claims, 'groups', areas))).toBe('granted');
      expect(refusal(() => scopeFromClaims(claims, 'groups', areas))).toBe('403 auth.nation.programme');
    }
    // a programme's office, of any level, is no national office; nor is a token with no tracker group or two
    for (const group of ['province-45', 'city-4501', 'county-450102', 'county-331181'])
      expect(
        refusal(() => assertNationClaims({ groups: [group] }, 'groups', areas)),
        group,
      ).toBe('403 auth.nation.only');
    expect(refusal(() => assertNationClaims({ groups: ['staff'] }, 'groups', areas))).toBe('401 auth.scope.none');
    expect(refusal(() => assertNationClaims({ groups: ['nation', 'province-45'] }, 'groups', areas))).toBe('401 auth.groups.several');
    expect(refusal(() => scopeFromClaims({ groups: ['nation', 'county-450102'] }, 'groups', areas))).toBe('401 auth.groups.several');
    // only the whole name: nation-45, Nation or nation: hold the group and refuse the token; national is no group at all
    for (const near of ['nation-45', 'Nation', 'nation:'])
      expect(
        refusal(() => assertNationClaims({ groups: [near] }, 'groups', areas)),
        near,
      ).toBe('401 auth.groups.invalid');
    expect(refusal(() => assertNationClaims({ groups: ['national'] }, 'groups', areas))).toBe('401 auth.scope.none');
  });

  it("names the county's own office: the county, or the root office of a programme that is the county", () => {
    expect(ownsCounty({ kind: 'county', code: '450102' }, '450102', '45')).toBe(true);
    expect(ownsCounty({ kind: 'county', code: '450103' }, '450102', '45')).toBe(false);
    expect(ownsCounty({ kind: 'province' }, '450102', '45')).toBe(false);
    expect(ownsCounty({ kind: 'province' }, '331181', '331181')).toBe(true);
    expect(ownsCounty({ kind: 'city', code: '3311' }, '331181', '3311')).toBe(false);
    expect(ownsCounty({ kind: 'province' }, '331102', '3311')).toBe(false);
  });

  it('parses the documented scope strings only', () => {
    expect(parseScope('county:450102')).toEqual({ kind: 'county', code: '450102' });
    expect(parseScope('city:4501')).toEqual({ kind: 'city', code: '4501' });
    for (const bad of ['county:4501', 'city:450102', 'Province', 'county:45010x', '']) expect(parseScope(bad)).toBeNull();
  });

  it.each([
    ['province', '450102', true, true],
    ['city:4501', '450102', true, false],
    ['city:4502', '450102', false, false],
    ['county:450102', '450102', true, true],
    ['county:450103', '450102', false, false],
  ])('%s on county %s: read %s, write %s', (scope, county, read, write) => {
    const s = parseScope(scope)!;
    expect(canReadCounty(s, county)).toBe(read);
    expect(canWriteCounty(s, county)).toBe(write);
  });
});
