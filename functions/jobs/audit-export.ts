// Lambda on the audit table's stream: every new audit record is copied to the audit bucket, where
// S3 Object Lock (compliance mode) keeps it unchangeable and undeletable, even by the account's root,
// until its retention ends. That copy is the authoritative one. No role may change or remove a record
// (and the table has no TTL), so a change or removal that reaches the stream anyway is copied as
// evidence under tamper/, with both images, and counted for an alarm.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Metrics } from '#app/deps.js';
import { logger } from '#runtime/logger.js';
import { emfMetrics } from '#runtime/metrics.js';

/** Where the copies go: the bucket in AWS, a map in a test. */
export interface AuditSink {
  put(key: string, body: string): Promise<void>;
}

/** The alarms' metrics (infra/lib/constructs/monitoring.ts names the same). */
export const AUDIT_METRICS = { tampered: 'AuditTampered', failed: 'AuditExportFailed' } as const;

const image = (i: unknown) => (i ? unmarshall(i as Record<string, AttributeValue>) : null);

/** A record's object in the bucket, by the record's own key (the stream's copy and the replay's alike). */
const auditKey = (item: Record<string, unknown>) => `audit/${item.pk}/${item.sk}.json`;

/**
 * The object for one stream record. A new record is keyed by its own key: a redelivered batch
 * writes the same object again (a new version under the lock, never a second record). A change or
 * removal is keyed by the record's key and the stream's sequence number, so each is kept.
 */
export function auditObject(record: DynamoDBRecord): { key: string; body: string; tampered: boolean } | null {
  const d = record.dynamodb;
  const before = image(d?.OldImage);
  const after = image(d?.NewImage);
  const { pk, sk } = (after ?? before ?? image(d?.Keys) ?? {}) as { pk?: unknown; sk?: unknown };
  if (typeof pk !== 'string' || typeof sk !== 'string') return null;
  const stream = {
    eventId: record.eventID,
    event: record.eventName,
    sequence: d?.SequenceNumber,
    createdAt: d?.ApproximateCreationDateTime,
  };
  if (record.eventName === 'INSERT' && after)
    return { key: auditKey({ pk, sk }), body: JSON.stringify({ ...after, stream }), tampered: false };
  return {
    key: `tamper/${pk}/${sk}/${d?.SequenceNumber ?? record.eventID}.json`,
    body: JSON.stringify({ before, after, stream }),
    tampered: true,
  };
}

/**
 * Copies a batch; a record that fails is reported by its sequence number, so Lambda retries from
 * it (the records before it are done) and, after its retries, names the batch in the failure queue.
 */
export function createAuditExportHandler(sink: () => AuditSink, metrics: Metrics = emfMetrics) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const objects = event.Records.map(auditObject);
    const tampered = objects.filter((o) => o?.tampered).length;
    if (tampered) metrics.count(AUDIT_METRICS.tampered, tampered);
    const results = await Promise.allSettled(
      objects.map(async (object) => {
        if (object) await sink().put(object.key, object.body);
      }),
    );
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed < 0) return { batchItemFailures: [] };
    const failures = results.filter((r) => r.status === 'rejected').length;
    metrics.count(AUDIT_METRICS.failed, failures);
    const reason = (results[failed] as PromiseRejectedResult).reason;
    logger.error('audit export failed', { error: reason instanceof Error ? reason.name : String(reason), failed: failures });
    return { batchItemFailures: [{ itemIdentifier: event.Records[failed].dynamodb?.SequenceNumber ?? '' }] };
  };
}

/**
 * Copies every record of the audit table again (or those written at or after `since`), keyed as the
 * stream's copy is: for a batch that failed every retry (its records are past the stream's 24 h),
 * or to check the bucket. Under the lock a second copy is a new version of the same object.
 */
export async function replayAudit(doc: DynamoDBDocumentClient, auditTableName: string, sink: AuditSink, since?: string): Promise<number> {
  let copied = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: auditTableName,
        ExclusiveStartKey: start,
        ConsistentRead: true,
        ...(since
          ? { FilterExpression: '#at >= :since', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':since': since } }
          : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      await sink.put(auditKey(item), JSON.stringify({ ...item, stream: { event: 'REPLAY' } }));
      copied += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}

/** The bucket as a sink (the exporter's, and the replay script's). */
export function s3AuditSink(bucket: string, s3 = new S3Client({})): AuditSink {
  return {
    async put(key, body) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', ChecksumAlgorithm: 'SHA256' }),
      );
    },
  };
}

let s3Sink: AuditSink | undefined;

/** The bucket named by AUDIT_BUCKET; each object carries a SHA-256 checksum, which Object Lock requires. */
function bucketSink(): AuditSink {
  if (!s3Sink) {
    const bucket = process.env.AUDIT_BUCKET;
    if (!bucket) throw new Error('AUDIT_BUCKET is not set');
    s3Sink = s3AuditSink(bucket);
  }
  return s3Sink;
}

export const handler = createAuditExportHandler(bucketSink);
