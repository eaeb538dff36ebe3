// `npm start`: the whole tracker on one machine — DynamoDB Local, the real Guangxi registry,
// simulated demo history, the API handlers behind a local server, and the built frontend.
// `npm start -- --reset` starts from an empty table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // Node 20 here; Lambda runs 22
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { systemClock } from '../functions/app/deps.js';
import { GUANGXI_2021 } from '../functions/core/programme.js';
import { loadOrCreateKeys } from '../functions/local/auth.js';
import { assertJava, startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { seedIfEmpty } from '../functions/local/seed.js';
import { createLocalServer } from '../functions/local/server.js';
import { createClients } from '../functions/store/client.js';
import { createStore } from '../functions/store/store.js';
import { ensureTable } from '../functions/store/table.js';

const root = resolve(import.meta.dirname, '..');
const localDir = resolve(process.env.LOCAL_DATA_DIR ?? join(root, '.local'));
const port = Number(process.env.PORT ?? 8787);
const tableName = 'gx-response-teams';
const t0 = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

try {
  assertJava();
} catch (e) {
  console.error(`\n✗ ${(e as Error).message}\n`);
  process.exit(1);
}
if (process.argv.includes('--reset')) {
  rmSync(join(localDir, 'dynamodb'), { recursive: true, force: true });
  console.log('· --reset: local data removed');
}

const ddb = await startDynamoDbLocal({ dbPath: join(localDir, 'dynamodb') });
const stopAll = async () => {
  await ddb.stop();
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
console.log(`· DynamoDB Local on ${ddb.endpoint} (${seconds(t0)} s)`);

process.env.TABLE_NAME = tableName;
process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
const { raw, doc } = createClients({ tableName, endpoint: ddb.endpoint });
await ensureTable(raw, tableName);
const deps = { store: createStore(doc, tableName), programme: GUANGXI_2021, clock: systemClock };

const tSeed = performance.now();
let shown = -1;
const seed = await seedIfEmpty(deps, ({ counties, of, teams }) => {
  const width = 30;
  const filled = Math.round((counties / of) * width);
  const bar = `· seeding demo history [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counties}/${of} counties, ${teams} teams`;
  if (process.stdout.isTTY) process.stdout.write(`\r${bar}`);
  else if (filled % 10 === 0 && filled !== shown) console.log(bar); // a log file gets a few lines, not a hundred
  shown = filled;
});
if (seed.seeded) {
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`· seeded the registry (111 counties) and ${seed.teams} simulated teams in ${seconds(tSeed)} s`);
} else {
  console.log('· data found in .local/dynamodb: kept (npm start -- --reset starts clean)');
}

const tBuild = performance.now();
await build({ configFile: join(root, 'frontend', 'vite.config.ts'), logLevel: 'warn' });
console.log(`· frontend built (${seconds(tBuild)} s)`);

const keys = await loadOrCreateKeys(join(localDir, 'keys', 'local-jwt.json'));
// The same handler modules the CDK stack deploys, configured by the environment set above.
const { handler: read } = await import('../functions/api/read.js');
const { handler: write } = await import('../functions/api/write.js');
const server = createLocalServer({ handlers: { read, write }, keys, staticDir: join(root, 'frontend', 'dist') });
server.listen(port, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${port}`;
  console.log(`
✓ Tracker ready at ${url}  (${seconds(t0)} s from start)

  Open it in a browser and sign in as a demo user, or get a token for the API:
    curl -s -X POST ${url}/api/dev/token -d '{"scope":"province"}'
    curl -s -X POST ${url}/api/dev/token -d '{"scope":"city:4501"}'
    curl -s -X POST ${url}/api/dev/token -d '{"scope":"county:450102"}'
  then:
    curl -s ${url}/api/counties -H "Authorization: Bearer <token>"

  Figures are simulated demo data (模拟演示数据). Ctrl-C stops everything.
`);
});
