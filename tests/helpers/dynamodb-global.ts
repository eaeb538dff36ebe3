// Starts one in-memory DynamoDB Local for the integration tests and hands its endpoint to them; at the
// end, says how many answers were validated against the OpenAPI document.
import type { TestProject } from 'vitest/node';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { startDynamoDbLocal } from '#local/dynamodb-local.js';
import { VALIDATED_LOG } from './openapi.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const ddb = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', ddb.endpoint);
  if (project.name === 'integration') rmSync(VALIDATED_LOG, { force: true });
  return async () => {
    await ddb.stop();
    if (project.name === 'integration' && existsSync(VALIDATED_LOG)) {
      const lines = readFileSync(VALIDATED_LOG, 'utf8').trim().split('\n');
      const pairs = new Set(lines.map((l) => l.split('\t')[0]));
      console.log(
        `OpenAPI: ${lines.length} answers validated against the document, covering ${pairs.size} of its operation and status pairs`,
      );
    }
  };
}
