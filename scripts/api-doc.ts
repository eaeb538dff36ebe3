// `npm run api:doc`: from the contract (functions/contract/operations.ts), writes the route table the CDK stack
// and the local server read (functions/api/routes.json) and docs/API.md, the OpenAPI document as the
// page a reader opens on GitHub. Unit tests fail when either disagrees with the contract.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderApiPage } from '#api/api-page.js';
import { CONTRACT, pathsModule, routesOf } from '#api/contract.js';
import { openApiDocument } from '#api/openapi.js';

const routes = resolve(import.meta.dirname, '../functions/api/routes.json');
writeFileSync(routes, `${JSON.stringify(routesOf(CONTRACT), null, 2)}\n`);
console.log(`wrote ${routes}`);

const paths = resolve(import.meta.dirname, '../functions/contract/paths.ts');
writeFileSync(paths, pathsModule(CONTRACT));
console.log(`wrote ${paths}`);

const out = resolve(import.meta.dirname, '../docs/API.md');
writeFileSync(out, renderApiPage(openApiDocument()));
console.log(`wrote ${out}`);
