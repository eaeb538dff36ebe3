// Lambda on the audit table's stream: every new audit record is copied to the audit bucket, where
// S3 Object Lock (compliance mode) keeps it unchangeable and undeletable, even by the account's root,
// until its retention ends. That copy is the authoritative one.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** Where the copies go: the bucket in AWS, a map in a test. */
export interface AuditSink {
  put(key: string, body: string): Promise<void>;
}

/**
 * The object for one stream record, or null for what is not a new record (TTL's removal of an old
 * reveal is not an audit event). Keyed by the record's own key: a redelivered batch writes the same
 * object again, as a new version under the lock, never a second record.
 */
export function auditObject(record: DynamoDBRecord): { key: string; body: string } | null {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return null;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  const { pk, sk } = item as { pk?: unknown; sk?: unknown };
  if (typeof pk !== 'string' || typeof sk !== 'string') return null;
  return {
    key: `audit/${pk}/${sk}.json`,
    body: JSON.stringify({ ...item, stream: { eventId: record.eventID, createdAt: record.dynamodb.ApproximateCreationDateTime } }),
  };
}

/**
 * Copies a batch; a record that fails is reported by its sequence number, so Lambda retries from
 * it (the records before it are done) and, after its retries, sends the batch to the failure queue.
 */
export function createAuditExportHandler(sink: () => AuditSink) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const results = await Promise.allSettled(event.Records.map(async (record) => {
      const object = auditObject(record);
      if (object) await sink().put(object.key, object.body);
    }));
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed < 0) return { batchItemFailures: [] };
    const reason = (results[failed] as PromiseRejectedResult).reason;
    console.error(JSON.stringify({ level: 'error', message: 'audit export failed', error: reason instanceof Error ? reason.name : String(reason), failed: results.filter((r) => r.status === 'rejected').length }));
    return { batchItemFailures: [{ itemIdentifier: event.Records[failed].dynamodb?.SequenceNumber ?? '' }] };
  };
}

let s3Sink: AuditSink | undefined;

/** The bucket named by AUDIT_BUCKET; each object carries a SHA-256 checksum, which Object Lock requires. */
function bucketSink(): AuditSink {
  if (!s3Sink) {
    const bucket = process.env.AUDIT_BUCKET;
    if (!bucket) throw new Error('AUDIT_BUCKET is not set');
    const s3 = new S3Client({});
    s3Sink = {
      async put(key, body) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', ChecksumAlgorithm: 'SHA256' }));
      },
    };
  }
  return s3Sink;
}

export const handler = createAuditExportHandler(bucketSink);
