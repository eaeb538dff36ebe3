// A local API server in a process of its own (`node --import tsx tests/helpers/api-process.ts`), on
// an existing DynamoDB Local (DYNAMODB_ENDPOINT, TABLE_NAME): what a test or a benchmark attacks when
// it must watch the server's own memory, or see it survive. Prints one JSON line: {port, token}.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import type { AddressInfo } from 'node:net';
import { liveDeps, systemClock, tenancyOf } from '#app/deps.js';
import { createReadHandler } from '#api/read.js';
import { createWriteHandler } from '#api/write.js';
import { countyRegistries } from '#app/registry.js';
import { GUANGXI_BOOK } from '#app/programmes.js';
import { createKeys, issueToken } from '#local/auth.js';
import { createLocalServer } from '#local/server.js';
import { createClients } from '#store/client.js';
import { createStore } from '#store/store.js';
import { ensureTable } from '#store/table.js';

const tableName = process.env.TABLE_NAME!;
const { raw, doc } = createClients({ tableName, endpoint: process.env.DYNAMODB_ENDPOINT! });
await ensureTable(raw, tableName, { auditStream: false }); // no test here reads it
const store = createStore(doc, tableName, '45');
const counties = (process.env.COUNTIES ?? '450102').split(',');
await store.putRegistries(
  countyRegistries().filter((r) => counties.includes(r.code)),
  new Date().toISOString(),
);
const deps = liveDeps({ store, shipped: GUANGXI_BOOK, clock: systemClock });
const tenancy = tenancyOf(deps);
const keys = await createKeys();
const server = createLocalServer({
  handlers: { read: createReadHandler(() => tenancy), write: createWriteHandler(() => tenancy) },
  keys,
  programmes: tenancy.areas,
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ port, token: await issueToken(keys, process.env.SCOPE ?? `county:${counties[0]}`) }));
});
