// One bundler for every Lambda: the stack's synth (CDK local bundling), `npm run build` and the bench
// all call it, so what is measured is what is deployed. esbuild, ESM, minified, source maps, the AWS
// SDK inside (the runtime's copy would drift under the one we test), and code splitting: a module a
// route loads with import() (the spreadsheet readers and writers, exceljs, the mail transports, the
// offices' tools) goes into its own chunk, read on first use, so a cold start loads only what the
// dashboard and team routes need.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync, type Metafile } from 'esbuild';

/** What a function may load to start (its entry file and the chunks it imports statically), minified. */
export const START_BUDGET_KB = 500;

/** ESM bundles still meet CommonJS inside dependencies: give every file a require. */
const BUNDLE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

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
/** Where bundles are built before being copied out: always two levels under the project. */
const STAGING = resolve(import.meta.dirname, '../../.bundles');

/** Bundles an entry file into outdir/index.mjs (+ chunks/), and reports what a cold start loads. */
export function bundleFunction(entryFile: string, outdir: string, options: { external?: string[] } = {}): BundleReport {
  // Built at a fixed depth under the project, then copied: the source maps' relative paths (and so
  // the chunks' hashes and the asset's hash) are the same wherever the output goes (a CDK staging
  // directory, dist/, a temp directory) and on whichever machine.
  mkdirSync(STAGING, { recursive: true });
  const staging = mkdtempSync(join(STAGING, 'build-'));
  try {
    const { metafile } = build(entryFile, staging, options.external ?? []);
    mkdirSync(outdir, { recursive: true });
    cpSync(staging, outdir, { recursive: true });
    return report(metafile, staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function build(entryFile: string, outdir: string, external: string[]) {
  return buildSync({
    entryPoints: { index: entryFile },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Maps for stack traces (--enable-source-maps): the mappings, not the sources' text.
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: BUNDLE_BANNER },
    // Chinese messages as UTF-8, not \uXXXX (half the bytes); licences stay in node_modules, not in every cold start.
    charset: 'utf8',
    legalComments: 'none',
    external,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: WORKING_DIR,
  });
}

/** What the metafile says of the build in `built`, with the files named where they were copied (`outdir`). */
function report(metafile: Metafile, built: string, outdir: string): BundleReport {
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const byPath = new Map(outputs);
  const entry = outputs.find(([path]) => resolve(WORKING_DIR, path) === resolve(built, 'index.mjs'));
  if (!entry) throw new Error(`no index.mjs among the outputs in ${built}`);
  const start = new Set<string>();
  const visit = (path: string) => {
    if (start.has(path)) return;
    start.add(path);
    for (const i of byPath.get(path)!.imports) if (i.kind === 'import-statement' && byPath.has(i.path)) visit(i.path);
  };
  visit(entry[0]);
  const bytes = (paths: Iterable<string>) => [...paths].reduce((sum, p) => sum + byPath.get(p)!.bytes, 0);
  const local = (path: string) => resolve(outdir, relative(built, resolve(WORKING_DIR, path))); // the metafile's paths are relative to the working directory
  return {
    startFiles: [...start].map(local),
    startBytes: bytes(start),
    startGzBytes: [...start].reduce((sum, p) => sum + gzipSync(readFileSync(local(p))).length, 0),
    lazyBytes: bytes(outputs.map(([p]) => p).filter((p) => !start.has(p))),
    startInputs: [...new Set([...start].flatMap((p) => Object.keys(byPath.get(p)!.inputs)))],
  };
}
