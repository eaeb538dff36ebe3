// `npm start`: the whole tracker on one machine — DynamoDB Local, the real Guangxi registry,
// simulated demo history, the API handlers behind a local server, and the built frontend.
// `npm start -- --reset` starts from an empty table.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { runDaily } from '#app/daily.js';
import { loadOrCreateKeys } from '#local/auth.js';
import { assertJava, startDynamoDbLocal } from '#local/dynamodb-local.js';
import { seedIfEmpty } from '#local/seed.js';
import { createLocalOidc, OIDC_GROUPS_CLAIM } from '#local/oidc.js';
import { createLocalServer } from '#local/server.js';
import { depsOn, localDir, programmesFromArgs, MAIL_FROM, paths, root, TABLE_NAME, trackerClock } from './local-stack.js';
import { rootArea, today } from '#app/deps.js';
import { NATION_GROUP } from '#core/groups.js';

const port = Number(process.env.PORT ?? 8787);

/** How to get a token for each programme's offices (its root office's scope names its area once several run), and the national office's. */
function tokenLines(areas: readonly string[], url: string): string {
  const offices = areas.flatMap((a) =>
    a.length === 2
      ? [areas.length > 1 ? `province:${a}` : 'province', ...(a === '45' ? ['city:4501', 'county:450102'] : [])]
      : [`${a.length === 4 ? 'city' : 'county'}:${a}`],
  );
  // Over several programmes, the national office first: it reads them side by side (GET /api/nation).
  const scopes = areas.length > 1 ? [NATION_GROUP, ...offices] : offices;
  return scopes.map((scope) => `    curl -s -X POST ${url}/api/dev/token -d '{"scope":"${scope}"}'`).join('\n');
}
const t0 = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

try {
  assertJava();
} catch (e) {
  console.error(`\n✗ ${(e as Error).message}\n`);
  process.exit(1);
}
if (process.argv.includes('--reset')) {
  for (const dir of [paths.db, paths.outbox]) rmSync(dir, { recursive: true, force: true });
  console.log('· --reset: local data and outbox removed');
}

// DYNAMODB_ENDPOINT (with TABLE_NAME) serves an existing DynamoDB Local instead of starting one.
const ddb = process.env.DYNAMODB_ENDPOINT
  ? { endpoint: process.env.DYNAMODB_ENDPOINT, stop: async () => {} }
  : await startDynamoDbLocal({ dbPath: paths.db });
mkdirSync(localDir, { recursive: true });
if (!process.env.DYNAMODB_ENDPOINT) writeFileSync(paths.endpoint, JSON.stringify({ endpoint: ddb.endpoint, pid: process.pid }));
const stopAll = async () => {
  await ddb.stop();
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
console.log(`· DynamoDB Local on ${ddb.endpoint} (${seconds(t0)} s)`);
if (process.env.TRACKER_NOW)
  console.log(`· clock: TRACKER_NOW=${process.env.TRACKER_NOW}, running on from there (today ${today(trackerClock)} in Asia/Shanghai)`);

// The handler modules read their configuration from the environment, as in Lambda.
Object.assign(process.env, {
  TABLE_NAME,
  DYNAMODB_ENDPOINT: ddb.endpoint,
  MAIL_TRANSPORT: 'outbox',
  OUTBOX_DIR: paths.outbox,
  MAIL_FROM,
  // The key that makes a person's identity a keyed hash of their mobile: made at first start, kept beside the JWT key.
  IDENTITY_KEY_FILE: join(dirname(paths.keys), 'identity.key'),
  // The local OpenID provider puts the groups in `groups`, as the China target's provider is configured to.
  GROUPS_CLAIM: OIDC_GROUPS_CLAIM,
  // The functions' CloudWatch metric lines (Embedded Metric Format) are for AWS: locally only with LOG_LEVEL=debug.
  EMF_METRICS: process.env.LOG_LEVEL?.toLowerCase() === 'debug' ? 'stdout' : 'off',
});
// Every programme the tracker runs here, each under its own keys in the one table: Guangxi's by default;
// --programme 331181 runs 龙泉市's instead (--programme 360982 樟树市's), --programmes 45,331181,360982 all three (functions/core/tenancy.ts).
const areas = programmesFromArgs();
process.env.PROGRAMMES = areas.join(',');
const all = [];
for (const area of areas) {
  const programme = await depsOn(ddb.endpoint, trackerClock, area);
  const name = rootArea(programme).name;
  const tSeed = performance.now();
  let shown = -1;
  // The bench's smoke run (npm test) starts a tracker over a few counties: the same steps, in seconds.
  const only = process.env.TRACKER_SEED_COUNTIES?.split(',').filter((c) => c.startsWith(area));
  // --no-demo: the registry only, no simulated teams (an empty tracker, as a province would start).
  const seed = await seedIfEmpty(
    programme,
    ({ counties, of, teams }) => {
      const width = 30;
      const filled = Math.round((counties / of) * width);
      const bar = `· seeding ${name}'s demo history [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counties}/${of} counties, ${teams} teams`;
      if (process.stdout.isTTY) process.stdout.write(`\r${bar}`);
      else if ((filled % 10 === 0 && filled !== shown) || counties === of) console.log(bar); // a log file gets a few lines, not a hundred
      shown = filled;
    },
    { demo: !process.argv.includes('--no-demo'), ...(only?.length ? { counties: only } : {}) },
  );
  if (seed.seeded) {
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`· ${name}: seeded the registry (${seed.counties} counties) and ${seed.teams} simulated teams in ${seconds(tSeed)} s`);
    if (process.argv.includes('--no-demo')) console.log('· --no-demo: no simulated teams');
  } else {
    console.log(`· ${name}: data found in .local/dynamodb: kept (npm start -- --reset starts clean)`);
  }

  // The daily job runs at start-up locally (00:10 Asia/Shanghai in AWS): missing month figures, a
  // standard taking effect, then the teams whose verdict ran out (functions/app/daily.ts).
  const { months, standard, lapse } = await runDaily(programme);
  if (months.written.length) console.log(`· ${name}: month figures stored as of each month's end: ${months.written.join(', ')}`);
  if (standard) console.log(`· ${name}: standard ${standard.ref} took effect: ${standard.changed} of ${standard.teams} teams re-evaluated`);
  console.log(`· ${name}: lapse job as of ${lapse.date}: ${lapse.changed} teams re-evaluated`);
  all.push(programme);
}
const deps = all[0];

const tBuild = performance.now();
// Built into this instance's data folder, so two trackers (tests) never empty each other's build.
await build({ configFile: join(root, 'frontend', 'vite.config.ts'), logLevel: 'warn', build: { outDir: paths.web, emptyOutDir: true } });
console.log(`· frontend built (${seconds(tBuild)} s)`);

const keys = await loadOrCreateKeys(paths.keys);
const oidc = await createLocalOidc(`http://127.0.0.1:${port}`, join(dirname(paths.keys), 'local-oidc.json'), areas);
// The same handler modules the CDK stack deploys, configured by the environment set above.
const { handler: read } = await import('#api/read.js');
const { handler: write } = await import('#api/write.js');
const server = createLocalServer({
  handlers: { read, write },
  keys,
  staticDir: paths.web,
  outbox: { dir: paths.outbox, rootName: () => rootArea(deps).name, areas },
  programmes: areas,
  oidc,
  accessLog: (line) => console.log(line),
});
server.listen(port, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${port}`;
  console.log(`
✓ Tracker ready at ${url}  (${seconds(t0)} s from start)

  Open it in a browser and sign in through the local OpenID provider (${oidc.issuer}: its page
  lists the demo offices, one click each) or as a demo user, or get a token for the API:
${tokenLines(areas, url)}
  then:
    curl -s ${url}/api/counties -H "Authorization: Bearer <token>"

  Monthly summaries: npm run job:summary -- --month 2022-06   (emails land in ${paths.outbox})
  Daily job:         npm run job:lapse   (a past --date re-runs it as of that day; a later one needs --preview)
  Figures are simulated demo data (模拟演示数据). Ctrl-C stops everything.
`);
});
