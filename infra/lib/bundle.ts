// One bundler for every Lambda: the stack's synth (CDK local bundling), `npm run build` and the bench
// all call it, so what is measured is what is deployed. esbuild, ESM, minified, source maps, the AWS
// SDK inside (the runtime's copy would drift under the one we test), and code splitting: a module a
// route loads with import() (the spreadsheet readers and writers, exceljs, the mail transports, the
// offices' tools) goes into its own chunk, read on first use, so a cold start loads only what the
// dashboard and team routes need.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync, type Metafile } from 'esbuild';

/** What a function may load to start (its entry file and the chunks it imports statically), minified. */
export const START_BUDGET_KB = 500;

/** ESM bundles still meet CommonJS inside dependencies: give every file a require. */
export const BUNDLE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface BundleReport {
  /** The files a cold start reads: index.mjs and the chunks it imports statically. */
  startFiles: string[];
  startBytes: number;
  startGzBytes: number;
  /** Chunks read only when a route first imports them. */
  lazyBytes: number;
  /** Source files (node_modules/… or functions/…) inside the start files. */
  startInputs: string[];
}

const WORKING_DIR = process.cwd();

/** Bundles an entry file into outdir/index.mjs (+ chunks/), and reports what a cold start loads. */
export function bundleFunction(entryFile: string, outdir: string, options: { external?: string[] } = {}): BundleReport {
  const { metafile } = buildSync({
    entryPoints: { index: entryFile }, outdir, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node24',
    outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]',
    minify: true, sourcemap: true, mainFields: ['module', 'main'], banner: { js: BUNDLE_BANNER },
    // Chinese messages as UTF-8, not \uXXXX (half the bytes); licences stay in node_modules, not in every cold start.
    charset: 'utf8', legalComments: 'none',
    external: options.external ?? [], metafile: true, logLevel: 'warning', absWorkingDir: WORKING_DIR,
  });
  return report(metafile, outdir);
}

function report(metafile: Metafile, outdir: string): BundleReport {
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const byPath = new Map(outputs);
  const entry = outputs.find(([path]) => resolve(WORKING_DIR, path) === resolve(outdir, 'index.mjs'));
  if (!entry) throw new Error(`no index.mjs among the outputs in ${outdir}`);
  const start = new Set<string>();
  const visit = (path: string) => {
    if (start.has(path)) return;
    start.add(path);
    for (const i of byPath.get(path)!.imports) if (i.kind === 'import-statement' && byPath.has(i.path)) visit(i.path);
  };
  visit(entry[0]);
  const bytes = (paths: Iterable<string>) => [...paths].reduce((sum, p) => sum + byPath.get(p)!.bytes, 0);
  const local = (path: string) => resolve(WORKING_DIR, path); // the metafile's paths are relative to it
  return {
    startFiles: [...start].map(local),
    startBytes: bytes(start),
    startGzBytes: [...start].reduce((sum, p) => sum + gzipSync(readFileSync(local(p))).length, 0),
    lazyBytes: bytes(outputs.map(([p]) => p).filter((p) => !start.has(p))),
    startInputs: [...new Set([...start].flatMap((p) => Object.keys(byPath.get(p)!.inputs)))],
  };
}
