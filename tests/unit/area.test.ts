// A programme's area as data: its level, what lies in it, the words its documents use, and the checks
// of an area, a county or a community code against it.
import { describe, expect, it } from 'vitest';
import { areaWords, checkArea, inArea, levelOf } from '#core/area.js';
import { campaignArea } from '#core/campaign.js';
import { rootAreaOf } from '#core/programme.js';
import { assertCanReadArea, checkCommunityCode, checkCountyCode } from '#core/scope.js';

const GX = rootAreaOf({ region: '45', regionName: '广西壮族自治区' });
const LONGQUAN = rootAreaOf({ region: '331181', regionName: '龙泉市' });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { name: (e as Error).name, msg: (e as { msg: unknown }).msg };
  }
  return null;
};

describe('an area', () => {
  it('is a province, a city or a county by its code, and holds the codes that begin with it', () => {
    expect(['45', '4501', '450102'].map(levelOf)).toEqual(['province', 'city', 'county']);
    for (const bad of ['4', '450', '45010', '450102001', '']) expect(() => levelOf(bad), bad).toThrow(RangeError);
    expect(inArea('45', '450102001001')).toBe(true);
    expect(inArea('4501', '4501')).toBe(true);
    expect(inArea('4501', '4502')).toBe(false);
    expect(inArea('450102', '4501')).toBe(false);
  });

  it('is named as its office names it: 全区 for an autonomous region, 全市 for a municipality or a city, 全省, 全县', () => {
    const counties = '县（市、区）';
    const townships = '乡镇（街道）';
    expect(areaWords('45', '广西壮族自治区')).toEqual({ whole: '全区', organiser: '自治区', children: counties });
    expect(areaWords('11', '北京市')).toEqual({ whole: '全市', organiser: '市', children: counties });
    expect(areaWords('36', '江西省')).toEqual({ whole: '全省', organiser: '省', children: counties });
    expect(areaWords('3607', '赣州市')).toEqual({ whole: '全市', organiser: '市', children: counties });
    expect(areaWords('331181', '龙泉市')).toEqual({ whole: '全市', organiser: '市', children: townships });
    expect(areaWords('340604', '烈山区')).toEqual({ whole: '全区', organiser: '区', children: townships });
    expect(areaWords('150521', '科尔沁左翼中旗')).toEqual({ whole: '全旗', organiser: '旗', children: townships });
    expect(areaWords('360782', '南康县')).toEqual({ whole: '全县', organiser: '县', children: townships });
    expect(GX).toEqual({ code: '45', name: '广西壮族自治区', words: { whole: '全区', organiser: '自治区', children: counties } });
    expect(rootAreaOf({ region: '36' }).name).toBe('36');
  });
});

describe('codes checked against the programme', () => {
  it('an area asked about is the root, or a city or a county under it', () => {
    for (const ok of ['45', '4501', '450102']) expect(checkArea(ok, GX)).toBe(ok);
    for (const bad of ['46', '4601', '460102', '4', '450', '450102001', ''])
      expect(
        refusal(() => checkArea(bad, GX)),
        bad,
      ).toEqual({ name: 'ValidationError', msg: { id: 'area.format', params: { area: '45' } } });
    expect(checkArea('331181', LONGQUAN)).toBe('331181');
    expect(refusal(() => checkArea('3311', LONGQUAN))?.name).toBe('ValidationError');
  });

  it('a county or a community code lies in the programme', () => {
    expect(checkCountyCode('450102', '45')).toBe('450102');
    expect(refusal(() => checkCountyCode('460102', '45'))).toEqual({
      name: 'ValidationError',
      msg: { id: 'error.county.code', params: { code: '460102', area: '45' } },
    });
    expect(refusal(() => checkCountyCode('45010', '45'))?.name).toBe('ValidationError');
    expect(checkCommunityCode('331181001001', '331181')).toBe('331181001001');
    expect(refusal(() => checkCommunityCode('331182001001', '331181'))).toEqual({
      name: 'ValidationError',
      msg: { id: 'error.community.code', params: { code: '331182001001', area: '331181' } },
    });
  });

  it("a campaign is the root's, or a city's under a province", () => {
    expect(campaignArea('45', '45')).toBe(true);
    expect(campaignArea('4501', '45')).toBe(true);
    expect(campaignArea('4601', '45')).toBe(false);
    expect(campaignArea('450102', '45')).toBe(false);
    expect(campaignArea('331181', '331181')).toBe(true);
    expect(campaignArea('3311', '331181')).toBe(false);
  });

  it("an area's figures: the root's by the root office, a city's by the city too, a county's by whoever reads it", () => {
    expect(() => assertCanReadArea({ kind: 'province' }, '45')).not.toThrow();
    expect(() => assertCanReadArea({ kind: 'city', code: '4501' }, '4501')).not.toThrow();
    expect(() => assertCanReadArea({ kind: 'city', code: '4501' }, '450102')).not.toThrow();
    expect(refusal(() => assertCanReadArea({ kind: 'city', code: '4501' }, '45'))).toEqual({
      name: 'ForbiddenError',
      msg: { id: 'area.forbidden', params: { area: '45' } },
    });
    expect(refusal(() => assertCanReadArea({ kind: 'county', code: '450102' }, '4501'))?.name).toBe('ForbiddenError');
    expect(refusal(() => assertCanReadArea({ kind: 'county', code: '450102' }, '450103'))?.name).toBe('ForbiddenError');
  });
});
