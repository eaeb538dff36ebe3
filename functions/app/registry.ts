// The committed Guangxi registry (data/registry) shaped as one registry per county.
import data from '../../data/registry/guangxi.json' with { type: 'json' };
import type { CountyRegistry } from '../store/store.js';

export const registryCounts = {
  cities: data.cities.length,
  counties: data.counties.length,
  townships: data.townships.length,
  communities: data.communities.length,
};

export function countyRegistries(): CountyRegistry[] {
  const cityName = new Map(data.cities.map(([code, name]) => [code, name]));
  const byCounty = new Map<string, CountyRegistry>(data.counties.map(([code, name]) => [code, {
    code, name, cityCode: code.slice(0, 4), cityName: cityName.get(code.slice(0, 4)) ?? '',
    townships: [], communities: [],
  }]));
  for (const [code, name] of data.townships) byCounty.get(code.slice(0, 6))?.townships.push([code, name]);
  for (const [code, name] of data.communities) byCounty.get(code.slice(0, 6))?.communities.push([code, name]);
  return [...byCounty.values()];
}
