// `npm run audit:replay -- --bucket <AuditBucket output> [--since 2026-12-01T00:00:00Z]`: copies the
// audit table's records to the Object Lock bucket again, keyed as the exporter keys them — after a
// FailedAuditExports alarm whose batch is past the stream's 24 h. Runs with your AWS credentials;
// TABLE_NAME (or AUDIT_TABLE_NAME) names the tables (the stack's TableName output).
import { replayAudit, s3AuditSink } from '#jobs/audit-export.js';
import { configFromEnv, createClients } from '#store/client.js';
import { argValue } from './local-stack.js';

const bucket = argValue('--bucket');
if (!bucket) {
  console.error('usage: npm run audit:replay -- --bucket <AuditBucket> [--since <ISO instant>]  (TABLE_NAME set)');
  process.exit(2);
}
const since = argValue('--since');
if (since && Number.isNaN(Date.parse(since))) {
  console.error(`--since: not an instant: ${since}`);
  process.exit(2);
}
const config = configFromEnv();
const copied = await replayAudit(createClients(config).doc, config.auditTableName!, s3AuditSink(bucket), since);
console.log(`copied ${copied} audit records from ${config.auditTableName} to s3://${bucket}/audit/`);
