import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '#core/errors.js';
import { canReadCounty, canWriteCounty, parseScope, scopeFromClaims } from '#core/scope.js';

describe('scopes', () => {
  it('reads the HTTP API form of Cognito groups, "[g1 g2]", and plain arrays', () => {
    expect(scopeFromClaims({ 'cognito:groups': '[county-450102]' }, undefined, '45')).toEqual({ kind: 'county', code: '450102' });
    expect(scopeFromClaims({ 'cognito:groups': ['city-4501'] }, undefined, '45')).toEqual({ kind: 'city', code: '4501' });
    // another OpenID Connect provider names its own claim (China: the province's identity platform)
    expect(scopeFromClaims({ groups: ['county-450102'] }, 'groups', '45')).toEqual({ kind: 'county', code: '450102' });
    expect(() => scopeFromClaims({ groups: ['county-450102'] }, undefined, '45')).toThrow();
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
    expect(several(() => scopeFromClaims({ 'cognito:groups': '[county-450102 province]' }, undefined, '45'))).toBe('auth.groups.several');
    expect(several(() => scopeFromClaims({ 'cognito:groups': ['county-450102', 'province'] }, undefined, '45'))).toBe(
      'auth.groups.several',
    );
    expect(several(() => scopeFromClaims({ groups: '[county-450102 province]' }, 'groups', '45'))).toBe('auth.groups.several');
    expect(several(() => scopeFromClaims({ groups: ['county-450102 province'] }, 'groups', '45'))).toBe('auth.groups.several');
    expect(several(() => scopeFromClaims({ groups: 'county-450102 province' }, 'groups', '45'))).toBe('auth.groups.several');
    expect(several(() => scopeFromClaims({ groups: '[city-4501 city-4502]' }, 'groups', '45'))).toBe('auth.groups.several');
    // a group the tracker does not know beside one it does is no second scope
    expect(scopeFromClaims({ groups: '[staff county-450102]' }, 'groups', '45')).toEqual({ kind: 'county', code: '450102' });
  });

  it('refuses claims without a known group', () => {
    expect(() => scopeFromClaims({}, undefined, '45')).toThrow(UnauthorizedError);
    expect(() => scopeFromClaims({ 'cognito:groups': '[admins]' }, undefined, '45')).toThrow(UnauthorizedError);
    expect(() => scopeFromClaims({ 'cognito:groups': '[county-11010]' }, undefined, '45')).toThrow(UnauthorizedError);
    // A group of another area is no group of this programme: it neither signs in nor counts as a second scope.
    expect(() => scopeFromClaims({ 'cognito:groups': '[county-110101]' }, undefined, '45')).toThrow(UnauthorizedError);
    expect(() => scopeFromClaims({ 'cognito:groups': '[city-1101]' }, undefined, '45')).toThrow(UnauthorizedError);
    expect(scopeFromClaims({ 'cognito:groups': '[county-450102 city-0771]' }, undefined, '45')).toEqual({ kind: 'county', code: '450102' });
    expect(scopeFromClaims({ 'cognito:groups': '[county-331181]' }, undefined, '331181')).toEqual({ kind: 'county', code: '331181' });
    expect(scopeFromClaims({ 'cognito:groups': '[province]' }, undefined, '331181')).toEqual({ kind: 'province' });
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
