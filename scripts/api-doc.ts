// `npm run api:doc`: renders the OpenAPI document (functions/api/openapi.ts) as docs/API.md, the API
// page a reader opens on GitHub. A unit test fails when the page and the document disagree.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderApiPage } from '#api/api-page.js';
import { openApiDocument } from '#api/openapi.js';

const out = resolve(import.meta.dirname, '../docs/API.md');
writeFileSync(out, renderApiPage(openApiDocument()));
console.log(`wrote ${out}`);
