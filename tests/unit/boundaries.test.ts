// The layers' import rules live in biome.jsonc (noRestrictedImports per folder). Each rule is proven here on
// planted files: a copy of the config in a temporary folder, files at the paths the rules name, one lint run.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const BIOME = join(root, 'node_modules/.bin/biome');

/**
 * A file at `path` importing `from` (the names given, else the whole module as a namespace; `code`, when
 * given, is the file's whole text instead), and whether the layers allow it.
 */
const CASES: { path: string; from: string; names?: string; code?: string; allowed: boolean }[] = [
  // core imports nothing above it, and no Node or AWS
  { path: 'functions/core/planted.ts', from: '#store/store.js', allowed: false },
  { path: 'functions/core/planted.ts', from: '#app/deps.js', allowed: false },
  { path: 'functions/core/planted.ts', from: '../app/deps.js', allowed: false },
  { path: 'functions/core/planted.ts', from: './../store/store.js', allowed: false },
  { path: 'functions/core/planted.ts', from: 'node:fs', allowed: false },
  { path: 'functions/core/planted.ts', from: '@aws-sdk/client-dynamodb', allowed: false },
  { path: 'functions/core/planted.ts', from: 'fs', allowed: false },
  { path: 'functions/core/planted.ts', from: 'left-pad', allowed: false },
  { path: 'functions/core/planted.ts', from: './dates.js', allowed: true },
  { path: 'functions/core/planted.ts', from: 'zod', allowed: true },
  { path: 'functions/core/planted.ts', from: '@noble/hashes/sha2.js', allowed: true },
  // the contract: only core and zod
  { path: 'functions/contract/planted.ts', from: '#store/store.js', allowed: false },
  { path: 'functions/contract/planted.ts', from: '#core/team.js', allowed: true },
  { path: 'functions/contract/planted.ts', from: 'node:fs', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#contract/teams.js', allowed: true },
  // store: only core
  { path: 'functions/store/planted.ts', from: '#app/deps.js', allowed: false },
  { path: 'functions/store/planted.ts', from: '#contract/teams.js', allowed: false },
  { path: 'functions/store/planted.ts', from: './../app/deps.js', allowed: false },
  { path: 'functions/store/planted.ts', from: '#core/dates.js', allowed: true },
  // app: core, store, data; never the adapters above it
  { path: 'functions/app/planted.ts', from: '#api/http.js', allowed: false },
  { path: 'functions/app/planted.ts', from: '#runtime/deps.js', allowed: false },
  { path: 'functions/app/planted.ts', from: '#store/store.js', allowed: true },
  // handlers call use cases, not the store
  { path: 'functions/api/planted.ts', from: '#store/store.js', allowed: false },
  { path: 'functions/jobs/planted.ts', from: '#store/store.js', allowed: false },
  { path: 'functions/api/planted.ts', from: '#app/teams.js', allowed: true },
  // the frontend: none of the server's layers, no feature into another
  { path: 'frontend/src/features/team/planted.ts', from: '#store/store.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#app/teams.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#local/server.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#web/features/map/components/CoverageMap.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#web/pages/CountyPage.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#web/api/county.js', allowed: true },
  { path: 'frontend/src/features/team/components/planted.ts', from: '../api/queries.js', allowed: true },
  { path: 'frontend/src/features/team/components/planted.ts', from: '../../map/components/CoverageMap.js', allowed: false },
  { path: 'frontend/src/features/team/components/planted.ts', from: '../../../../../functions/store/store.js', allowed: false },
  { path: 'frontend/src/lib/planted.ts', from: '../../../functions/app/teams.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '#core/team.js', allowed: true },
  { path: 'frontend/src/lib/planted.ts', from: '#web/features/team/api/queries.js', allowed: false },
  { path: 'frontend/src/pages/planted.ts', from: '#web/features/team/components/TeamPage.js', allowed: true },
  { path: 'frontend/src/pages/planted.ts', from: '#store/store.js', allowed: false },
  // a component asks the server through an API module, never with api(), useApi() or download() itself
  { path: 'frontend/src/features/team/components/planted.ts', from: '#web/lib/api.js', names: 'api', allowed: false },
  { path: 'frontend/src/features/team/components/planted.ts', from: '#web/lib/api.js', names: 'useApi', allowed: false },
  { path: 'frontend/src/pages/planted.ts', from: '#web/lib/api.js', names: 'download', allowed: false },
  { path: 'frontend/src/features/team/components/planted.ts', from: '#web/lib/api.js', names: 'ApiError, session', allowed: true },
  { path: 'frontend/src/features/team/api/planted.ts', from: '#web/lib/api.js', names: 'api, useApi', allowed: true },
  { path: 'frontend/src/features/import/lib/planted.ts', from: '#web/lib/api.js', names: 'useApi', allowed: false },
  { path: 'frontend/src/components/planted.ts', from: '#web/lib/api.js', names: 'api', allowed: false },
  { path: 'frontend/src/api/planted.ts', from: '#web/lib/api.js', names: 'api, useApi, download', allowed: true },
  { path: 'frontend/src/features/team/api/planted.ts', from: '#web/features/map/api/boundaries.js', allowed: false },
  { path: 'frontend/src/features/team/api/planted.ts', from: '#store/store.js', allowed: false },
  { path: 'frontend/src/components/planted.ts', from: '#web/features/team/api/queries.js', allowed: false },
  // a climb spelled ./../ is a climb in every layer
  { path: 'functions/app/planted.ts', from: './../api/http.js', allowed: false },
  { path: 'functions/api/planted.ts', from: './../store/store.js', allowed: false },
  { path: 'functions/jobs/planted.ts', from: './../store/store.js', allowed: false },
  { path: 'functions/runtime/planted.ts', from: './../local/server.js', allowed: false },
  { path: 'functions/local/planted.ts', from: './../../frontend/src/main.js', allowed: false },
  { path: 'frontend/src/features/team/components/planted.ts', from: './../../map/components/CoverageMap.js', allowed: false },
  { path: 'frontend/src/features/team/components/planted.ts', from: './../api/queries.js', allowed: true },
  { path: 'frontend/src/lib/planted.ts', from: './../features/team/api/queries.js', allowed: false },
  { path: 'frontend/src/pages/planted.ts', from: './../features/team/api/queries.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: '../map/components/CoverageMap.js', allowed: false },
  { path: 'frontend/src/features/team/planted.ts', from: './components/TeamPage.js', allowed: true },
  { path: 'frontend/src/planted.tsx', from: './lib/api.js', names: 'api', allowed: false },
  { path: 'frontend/src/planted.tsx', from: './lib/api.js', names: 'session', allowed: true },
  { path: 'frontend/src/types/planted.ts', from: '#store/store.js', allowed: false },
  // nor by the module as a whole, a dynamic import, or the browser's own fetch
  { path: 'frontend/src/features/team/components/planted.ts', from: '#web/lib/api.js', allowed: false },
  { path: 'frontend/src/pages/planted.ts', from: '#web/lib/api.js', allowed: false },
  {
    path: 'frontend/src/features/team/components/planted.ts',
    from: 'fetch',
    code: "export const y = () => fetch('/api/counties');\n",
    allowed: false,
  },
  { path: 'frontend/src/components/planted.ts', from: 'fetch', code: "export const y = () => fetch('/api/counties');\n", allowed: false },
  {
    path: 'frontend/src/features/team/components/planted.ts',
    from: 'window.fetch',
    code: "export const y = () => window.fetch('/api/counties');\n",
    allowed: false,
  },
  {
    path: 'frontend/src/pages/planted.ts',
    from: 'globalThis.fetch',
    code: "export const y = () => globalThis.fetch('/api/x');\n",
    allowed: false,
  },
  {
    path: 'frontend/src/features/map/api/planted.ts',
    from: 'window.fetch',
    code: "export const y = () => window.fetch('/x');\n",
    allowed: true,
  },
  { path: 'frontend/src/features/team/api/planted.ts', from: '#web/lib/api.js', allowed: true },
  {
    path: 'frontend/src/features/team/components/planted.ts',
    from: 'import()',
    code: "export const y = async () => (await import('#web/lib/api.js')).useApi;\n",
    allowed: false,
  },
  { path: 'frontend/src/features/team/components/planted.ts', from: '#web/features/map/api/boundaries.js', allowed: false },
  { path: 'frontend/src/features/team/api/planted.ts', from: '#api/routes.js', allowed: false },
  { path: 'frontend/src/lib/planted.ts', from: '#jobs/mail.js', allowed: false },
  // one clock: only functions/app/clock.ts and the browser's lib/time.ts read the time (benchmarks time themselves)
  { path: 'functions/core/planted.ts', from: 'new Date()', code: 'export const y = () => new Date();\n', allowed: false },
  { path: 'functions/app/planted.ts', from: 'Date.now()', code: 'export const y = () => Date.now();\n', allowed: false },
  { path: 'frontend/src/components/planted.ts', from: 'Date.now()', code: 'export const y = () => Date.now();\n', allowed: false },
  { path: 'scripts/planted.ts', from: 'new Date()', code: 'export const y = () => new Date();\n', allowed: false },
  { path: 'functions/core/planted.ts', from: 'new Date(iso)', code: 'export const y = (iso: string) => new Date(iso);\n', allowed: true },
  { path: 'scripts/bench/planted.ts', from: 'Date.now()', code: 'export const y = () => Date.now();\n', allowed: true },
  // infra reads the route table, never handler code
  { path: 'infra/lib/planted.ts', from: '#api/read.js', allowed: false },
  { path: 'infra/lib/planted.ts', from: '#api/routes.json', allowed: true },
  { path: 'infra/lib/planted.ts', from: '#core/groups.js', allowed: true },
  { path: 'infra/lib/planted.ts', from: '#core/scope.js', allowed: false },
  { path: 'infra/lib/planted.ts', from: '../../functions/api/read.js', allowed: false },
  { path: 'infra/lib/constructs/planted.ts', from: '../bundle.js', allowed: true },
  // tests and scripts: through an alias, never a climb
  { path: 'tests/unit/planted.ts', from: '../helpers/team.js', allowed: false },
  { path: 'tests/unit/planted.ts', from: './../helpers/team.js', allowed: false },
  { path: 'tests/unit/planted.ts', from: '#tests/helpers/team.js', allowed: true },
  { path: 'scripts/jobs/planted.ts', from: '../local-stack.js', allowed: false },
  { path: 'scripts/jobs/planted.ts', from: '#scripts/local-stack.js', allowed: true },
];

const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the layers, as lint rules', () => {
  it('refuse each planted import that crosses a boundary, and let each allowed one through', () => {
    writeFileSync(join(dir, 'biome.jsonc'), readFileSync(join(root, 'biome.jsonc'), 'utf8').replace(/"\$schema":[^\n]*\n/, ''));
    cpSync(join(root, 'lint'), join(dir, 'lint'), { recursive: true });
    const files = CASES.map((c, i) => {
      const path = c.path.replace('planted', `planted${i}`);
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(
        join(dir, path),
        c.code ??
          (c.names
            ? `import { ${c.names} } from '${c.from}';\nexport const y = [${c.names}];\n`
            : `import * as m from '${c.from}';\nexport const y = m;\n`),
      );
      return path;
    });
    const run = spawnSync(BIOME, ['lint', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=none', '.'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const refused = new Set(
      [...`${run.stdout}${run.stderr}`.matchAll(/title=(?:lint\/style\/noRestricted(?:Imports|Globals)|plugin),file=([^,]+),/g)].map((m) =>
        m[1].slice(dir.length + 1),
      ),
    );
    expect(CASES.map((c, i) => `${c.path} ← ${c.from}: ${refused.has(files[i]) ? 'refused' : 'allowed'}`)).toEqual(
      CASES.map((c) => `${c.path} ← ${c.from}: ${c.allowed ? 'allowed' : 'refused'}`),
    );
  });
});
