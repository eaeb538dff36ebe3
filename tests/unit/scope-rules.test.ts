// The access rules' edges, one by one: what a scope is written as, who may write, what a code must be,
// and what each refusal names.
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '#core/errors.js';
import {
  assertCanRead,
  assertCanReadArea,
  assertCanWrite,
  checkCommunityCode,
  checkCountyCode,
  countyOfCommunity,
  formatScope,
  parseScope,
  scopeFromClaims,
  scopeGroup,
} from '#core/scope.js';
import { checkProgrammeAreas } from '#core/tenancy.js';

/** The refusal a call throws: its class, its message id and params, and its field issues. */
function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    const err = e as ValidationError;
    return { type: err.constructor.name, id: err.msg?.id, params: err.msg?.params, fields: err.issues?.map((i) => i.field) };
  }
  return null;
}

describe('scopes as written', () => {
  it('formats a scope for records and as its group', () => {
    expect(formatScope({ kind: 'province' })).toBe('province');
    expect(formatScope({ kind: 'city', code: '4501' })).toBe('city:4501');
    expect(scopeGroup({ kind: 'province' })).toBe('province');
    expect(scopeGroup({ kind: 'county', code: '450102' })).toBe('county-450102');
    expect(countyOfCommunity('450102001003')).toBe('450102');
  });

  it('reads only whole scope names', () => {
    for (const bad of ['xprovince', 'province ', 'city:4501x', 'xcity:4501', 'county-4501021', 'province:45'])
      expect(parseScope(bad), bad).toBeNull();
    expect(parseScope('county-450102')).toEqual({ kind: 'county', code: '450102' });
  });
});

describe('groups in a token', () => {
  const areas = ['45', '331181'];
  const of = (groups: unknown, claim?: string) => scopeFromClaims(claim ? { [claim]: groups } : { 'cognito:groups': groups }, claim, areas);

  it('takes a root group only whole, and a colon form never: a name holding a group refuses the token, another name is none', () => {
    for (const bad of ['province-45x', 'province:45', 'county-450102,'])
      expect(
        refusal(() => of([bad])),
        bad,
      ).toMatchObject({ type: 'UnauthorizedError', id: 'auth.groups.invalid' });
    for (const none of ['xprovince-45', 'county:450102', 'city:4501', 'county-450102x'])
      expect(
        refusal(() => of([none])),
        none,
      ).toMatchObject({ type: 'UnauthorizedError', id: 'auth.scope.none' });
  });

  it('strips the brackets API Gateway puts around an array claim, both ends or none', () => {
    expect(of('[county-450102]').scope).toEqual({ kind: 'county', code: '450102' });
    expect(of('county-450102').scope).toEqual({ kind: 'county', code: '450102' });
    for (const half of ['county-450102]', '[county-450102', '[county-450102]x'])
      expect(
        refusal(() => of(half)),
        half,
      ).toMatchObject({ id: 'auth.groups.invalid' });
    expect(of(['province-45']).programme).toBe('45');
  });

  it('names the groups when a token carries two, and says when it carries none', () => {
    expect(refusal(() => of(['city-4501', 'county-450102']))).toMatchObject({
      type: 'UnauthorizedError',
      id: 'auth.groups.several',
      params: { groups: 'city-4501, county-450102' },
    });
    expect(refusal(() => scopeFromClaims(undefined, undefined, areas))).toMatchObject({ type: 'UnauthorizedError', id: 'auth.scope.none' });
    expect(refusal(() => of(42))).toMatchObject({ id: 'auth.scope.none' });
  });
});

describe('who may read and write', () => {
  it('refuses a write or a read with a 403 naming the county', () => {
    expect(refusal(() => assertCanWrite({ kind: 'city', code: '4501' }, '450102'))).toMatchObject({
      type: 'ForbiddenError',
      id: 'error.forbidden.write',
      params: { county: '450102' },
    });
    expect(refusal(() => assertCanRead({ kind: 'county', code: '450103' }, '450102'))).toMatchObject({
      type: 'ForbiddenError',
      id: 'error.forbidden.read',
      params: { county: '450102' },
    });
    expect(refusal(() => assertCanWrite({ kind: 'county', code: '450102' }, '450102'))).toBeNull();
    expect(refusal(() => assertCanWrite({ kind: 'province' }, '450103'))).toBeNull();
  });

  it("lets a city read its own area's figures, a county none but its own, the root office any", () => {
    expect(refusal(() => assertCanReadArea({ kind: 'city', code: '4501' }, '4501'))).toBeNull();
    expect(refusal(() => assertCanReadArea({ kind: 'province' }, '4502'))).toBeNull();
    expect(refusal(() => assertCanReadArea({ kind: 'city', code: '4501' }, '4502'))).toMatchObject({
      type: 'ForbiddenError',
      id: 'area.forbidden',
      params: { area: '4502' },
    });
    expect(refusal(() => assertCanReadArea({ kind: 'county', code: '450102' }, '4501'))).toMatchObject({ id: 'area.forbidden' });
    expect(refusal(() => assertCanReadArea({ kind: 'county', code: '450102' }, '450102'))).toBeNull();
    expect(refusal(() => assertCanReadArea({ kind: 'county', code: '450102' }, '450103'))).toMatchObject({ id: 'error.forbidden.read' });
  });
});

describe('codes in a path', () => {
  it('takes a county code of exactly six digits in the area', () => {
    expect(checkCountyCode('450102', '45')).toBe('450102');
    for (const bad of ['4501023', '45010', 'x450102', '330102'])
      expect(
        refusal(() => checkCountyCode(bad, '45')),
        bad,
      ).toMatchObject({
        type: 'ValidationError',
        id: 'error.county.code',
        params: { code: bad, area: '45' },
      });
  });

  it('takes a community code of exactly twelve digits in the area, naming the field', () => {
    expect(checkCommunityCode('450102001003', '45')).toBe('450102001003');
    for (const bad of ['4501020010031', '45010200100', '331181001001'])
      expect(
        refusal(() => checkCommunityCode(bad, '45')),
        bad,
      ).toMatchObject({
        type: 'ValidationError',
        id: 'error.community.code',
        params: { code: bad, area: '45' },
        fields: ['communityCode'],
      });
  });

  it('names the programme area that is malformed or overlaps', () => {
    expect(refusal(() => checkProgrammeAreas(['45', '4']))?.params).toEqual({ area: '4' });
    expect(refusal(() => checkProgrammeAreas(['45', '4501']))?.params).toEqual({ area: '4501', other: '45' });
  });
});
