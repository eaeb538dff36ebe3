// Shared by npm start and the local job scripts: where the local data lives, and a store on it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // Node 20 here; Lambda runs 22
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clockFixedAt, clockFromEnv, liveDeps, ready, today, type Clock, type Deps } from '#app/deps.js';
import { moveToTenantKeys } from '#app/tenant-keys.js';
import { identityKeyFromEnv } from '#runtime/identity-key.js';
import { GUANGXI_2021, SHIPPED_BOOK, shippedProgrammeAreas } from '#app/programmes.js';
import { bookFor } from '#core/tenancy.js';
import { isIsoDate } from '#core/dates.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '#local/dynamodb-local.js';
import { createClients } from '#store/client.js';
import { createStore } from '#store/store.js';
import { ensureTable } from '#store/table.js';

export const root = resolve(import.meta.dirname, '..');
export const localDir = resolve(process.env.LOCAL_DATA_DIR ?? join(root, '.local'));
export const paths = {
  db: join(localDir, 'dynamodb'),
  endpoint: join(localDir, 'endpoint.json'),
  outbox: join(localDir, 'outbox'),
  keys: join(localDir, 'keys', 'local-jwt.json'),
  web: join(localDir, 'web'),
};
export const TABLE_NAME = process.env.TABLE_NAME ?? 'gx-response-teams';
export const MAIL_FROM = '广西社区响应队月报 <summary@tracker.local>';

/** The tracker's clock here: TRACKER_NOW when set (an instant the clock starts at and runs on from), else the real one. */
export const trackerClock = clockFromEnv();

/** Metrics locally: one readable line each, with LOG_LEVEL=debug (otherwise the console is one line a request). */
const localMetrics = {
  count: (name: string, value: number) => {
    if (value && process.env.LOG_LEVEL?.toLowerCase() === 'debug') console.log(`· metric ${name} = ${value}`);
  },
};

/** The programme npm start and the local jobs run: Guangxi's. */
export const LOCAL_PROGRAMME = GUANGXI_2021.region;

/** One programme's deps on the local table (Guangxi's unless named). */
export async function depsOn(endpoint: string, clock: Clock = trackerClock, area: string = LOCAL_PROGRAMME): Promise<Deps> {
  const { raw, doc } = createClients({ tableName: TABLE_NAME, endpoint });
  // No stream on the local audit table: only the export to S3 reads it, and that runs in AWS (its test makes a table
  // with one). A stream here costs the seeding about a fifth of its time, and DynamoDB Local never lets a record go.
  await ensureTable(raw, TABLE_NAME, { auditStream: false });
  const deps = await ready(
    liveDeps({
      store: createStore(doc, TABLE_NAME, area),
      shipped: bookFor(SHIPPED_BOOK, area),
      clock,
      metrics: localMetrics,
      // the functions' own key (IDENTITY_KEY_FILE, set by npm start): the demo's rosters are keyed as the API keys them
      identityKey: identityKeyFromEnv(),
    }),
  );
  // A local table from before the tenant keys (an older checkout's .local) moves under Guangxi's keys, as AWS does at a
  // deploy; a moved or new table costs one read.
  if (area === LOCAL_PROGRAMME) {
    const moved = await moveToTenantKeys(deps);
    if (moved.moved || moved.relapsed)
      console.log(`· moved the local table to the tenant keys: ${moved.moved} records, ${moved.relapsed} teams`);
  }
  return deps;
}

/**
 * The running `npm start`'s DynamoDB Local if there is one, else one started here on the same
 * data folder for the length of the script.
 */
export async function attachOrStart(): Promise<{ endpoint: string; own: DynamoDbLocal | null }> {
  // An explicit endpoint (tests, or a DynamoDB Local run by hand) wins.
  if (process.env.DYNAMODB_ENDPOINT) return { endpoint: process.env.DYNAMODB_ENDPOINT, own: null };
  if (existsSync(paths.endpoint)) {
    const { endpoint } = JSON.parse(readFileSync(paths.endpoint, 'utf8')) as { endpoint: string };
    const alive = await fetch(endpoint, { method: 'POST' }).then(
      () => true,
      () => false,
    );
    if (alive) return { endpoint, own: null };
  }
  if (!existsSync(paths.db)) throw new Error('No local data yet: run `npm start` first.');
  const own = await startDynamoDbLocal({ dbPath: paths.db });
  return { endpoint: own.endpoint, own };
}

/**
 * A clock fixed at noon, Asia/Shanghai, of `date` (YYYY-MM-DD), for running a job as of a day. A job
 * writes only as of today or earlier: a later date is refused, unless it is a read-only preview.
 */
export function clockAt(date: string, options: { preview?: boolean } = {}): Clock {
  if (!isIsoDate(date)) throw new Error(`--date must be a day that exists, as YYYY-MM-DD; got ${date}`);
  const now = today(trackerClock);
  if (date > now && !options.preview) {
    throw new Error(
      `--date ${date} is after today (${now}): a job writes only as of today or earlier. To see what it would do then, add --preview (nothing is written).`,
    );
  }
  return clockFixedAt(new Date(`${date}T12:00:00+08:00`));
}

/**
 * The programmes a local tracker runs, from `--programme 331181` or `--programmes 45,331181` (Guangxi's
 * alone by default): each one the shipped book has, none inside another.
 */
export function programmesFromArgs(): string[] {
  return shippedProgrammeAreas(argValue('--programmes') ?? argValue('--programme') ?? LOCAL_PROGRAMME);
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
}
