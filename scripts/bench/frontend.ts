// The frontend: gzipped JavaScript the first page loads, and the time to draw the map in headless
// Chromium from navigation (median of 5 fresh loads), against the seeded local server.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { median, repeat, round, type BenchRow } from './context.js';

const root = resolve(import.meta.dirname, '../..');
const LOADS = repeat(Number(process.env.BENCH_MAP_LOADS ?? 5));
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function buildFrontend(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  await build({ configFile: join(root, 'frontend/vite.config.ts'), logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
  return dir;
}

/** JS the first page loads: the entry script and its modulepreload links (lazy pages excluded). */
export function firstPageJs(dir: string) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = files.reduce((s, f) => s + gzipSync(readFileSync(join(dir, f))).length, 0);
  return { files, gzKb: round(gz / 1024) };
}

export async function benchFrontend(url: string, token: string, dir: string) {
  const js = firstPageJs(dir);
  const topo = statSync(join(root, 'data/geo/guangxi-counties.topo.json')).size;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const draws: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
      await context.addInitScript((t) => sessionStorage.setItem('token', t), token);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // performance.now() counts from navigation start.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=coverage-map] path[data-code]').length === 111, null, {
        polling: 'raf',
        timeout: 60_000, // a loaded machine (the smoke run in npm test) draws slower; the figure is the draw, not the bound
      });
      draws.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const rows: BenchRow[] = [
    { name: 'frontend: JavaScript of the first page (gzipped)', value: `${js.gzKb} KB (${js.files.length} files)`, target: '≤ 250 KB' },
    { name: 'frontend: county boundary file', value: `${round(topo / 1024)} KB raw`, target: '≤ 400 KB' },
    {
      name: `frontend: map drawn (111 counties) after navigation, median of ${LOADS}`,
      value: `${round(median(draws))} ms (all: ${draws.map((d) => round(d)).join(', ')})`,
      target: '≤ 1500 ms',
    },
  ];
  return {
    rows,
    json: {
      firstPageJsGzKb: js.gzKb,
      topoKb: round(topo / 1024),
      mapDrawMedianMs: round(median(draws)),
      mapDrawMs: draws.map((d) => round(d)),
    },
  };
}
