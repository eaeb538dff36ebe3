// Import records: one per (county, Idempotency-Key). A request claims the key with a short lease
// before it writes; a request that finds the key held by a live lease waits for its result, and a
// request with the same file may take over a lease that ran out (its writer died). The first
// result is stored gzipped: on the record itself, by the update that closes it, when it fits
// RESULT_PART_BYTES; otherwise in parts of at most that size, so any report fits DynamoDB's
// 400 KB item limit and the outcome is always recorded.
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Keys } from './keys.js';

/** Bytes of gzipped result per item: well under the 400 KB item limit. */
export const RESULT_PART_BYTES = 300 * 1024;
/** Import records and their reports are kept this long (DynamoDB TTL on `expiresAt`), then deleted. */
export const IMPORT_RETENTION_DAYS = 180;

export interface ImportRecord {
  status: 'started' | 'done';
  bodyHash: string;
  startedAt: string;
  by: string;
  /** The request that holds the key now, and until when (ISO instant). */
  owner?: string;
  leaseUntil?: string;
  /** The version of each team the import may update, fixed when it first claimed the key (0: a new team). */
  bases?: Record<string, number>;
  result?: unknown;
}

export type Claim = { kind: 'claimed'; bases: Record<string, number> | null; resumed: boolean } | { kind: 'held'; record: ImportRecord };

// The fastest level: a county's report is compressed on every commit and read back rarely (a replay);
// it still shrinks about eightfold.
const gzipJson = (value: unknown) => gzipSync(JSON.stringify(value), { level: 1 });
const gunzipJson = (bytes: Uint8Array) => JSON.parse(gunzipSync(bytes).toString('utf8'));
const ttl = (now: string) => Math.floor(Date.parse(now) / 1000) + IMPORT_RETENTION_DAYS * 86_400;

export function createImportStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  /** The parts are written under their writer's name, so a writer that lost its lease never mixes into the result. */
  async function readResult(countyCode: string, key: string, item: Record<string, unknown>): Promise<unknown> {
    if (item.result) return gunzipJson(item.result as Uint8Array); // a result that fit the record
    const parts = Number(item.resultParts ?? 0);
    if (!parts) return undefined;
    const { Items = [] } = await doc.send(
      new QueryCommand({
        TableName: tableName,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.importRecord(countyCode, key).pk,
          ':prefix': keys.importResultPrefix(key, String(item.owner)),
        },
      }),
    );
    if (Items.length !== parts) throw new Error(`import ${key}: ${Items.length} of ${parts} result parts`);
    return gunzipJson(Buffer.concat(Items.map((i) => Buffer.from(i.data as Uint8Array))));
  }

  async function getImport(countyCode: string, key: string): Promise<ImportRecord | null> {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: keys.importRecord(countyCode, key), ConsistentRead: true }),
    );
    if (!Item) return null;
    const { status, bodyHash, startedAt, by, owner, leaseUntil } = Item;
    return {
      status,
      bodyHash,
      startedAt,
      by,
      owner,
      leaseUntil,
      bases: Item.bases ? gunzipJson(Item.bases as Uint8Array) : undefined,
      result: status === 'done' ? await readResult(countyCode, key, Item) : undefined,
    };
  }

  return {
    getImport,

    /**
     * Claims the key for `owner` until `leaseUntil` (`now` and the lease on the real clock, `startedAt` on the tracker's): a new key, or a started import with the same
     * body whose lease ran out (it is resumed with the bases it first claimed). Otherwise says who
     * holds it (done, running, or another file).
     */
    async claimImport(
      countyCode: string,
      key: string,
      claim: {
        bodyHash: string;
        by: string;
        owner: string;
        startedAt: string;
        now: string;
        leaseUntil: string;
        bases: Record<string, number>;
      },
    ): Promise<Claim> {
      const Key = keys.importRecord(countyCode, key);
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...Key,
              type: 'import',
              status: 'started',
              bodyHash: claim.bodyHash,
              startedAt: claim.startedAt,
              by: claim.by,
              owner: claim.owner,
              leaseUntil: claim.leaseUntil,
              bases: gzipJson(claim.bases),
              expiresAt: ttl(claim.startedAt),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { kind: 'claimed', bases: claim.bases, resumed: false };
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key,
            UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease, resumedAt = :now',
            ConditionExpression: '#status = :started AND bodyHash = :hash AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
            ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
            ExpressionAttributeValues: {
              ':owner': claim.owner,
              ':lease': claim.leaseUntil,
              ':now': claim.now,
              ':started': 'started',
              ':hash': claim.bodyHash,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { kind: 'claimed', bases: Attributes?.bases ? gunzipJson(Attributes.bases as Uint8Array) : null, resumed: true };
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
      const record = await getImport(countyCode, key);
      if (!record) throw new Error(`import ${key} vanished while being claimed`);
      return { kind: 'held', record };
    },

    /** Extends the owner's lease; false when another request has taken the key over. */
    async renewImport(countyCode: string, key: string, owner: string, leaseUntil: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.importRecord(countyCode, key),
            UpdateExpression: 'SET leaseUntil = :lease',
            ConditionExpression: '#owner = :owner AND #status = :started',
            ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
            ExpressionAttributeValues: { ':lease': leaseUntil, ':owner': owner, ':started': 'started' },
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },

    /** Stores the result (on the record, or in parts first when large) and closes the record; false when the owner no longer holds it. */
    async finishImport(countyCode: string, key: string, owner: string, result: unknown, now: string): Promise<boolean> {
      const bytes = gzipJson(result);
      // Most results fit the record and go with the update that closes it: one request, not two.
      const parts = bytes.length > RESULT_PART_BYTES ? Math.ceil(bytes.length / RESULT_PART_BYTES) : 0;
      const stored: { set: string; names: Record<string, string>; values: Record<string, unknown> } = parts
        ? { set: 'resultParts = :parts', names: {}, values: { ':parts': parts } }
        : { set: '#result = :result', names: { '#result': 'result' }, values: { ':result': bytes } };
      const { pk } = keys.importRecord(countyCode, key);
      for (let i = 0; i < parts; i++) {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk,
              sk: keys.importResultPart(key, owner, i),
              type: 'import-result',
              data: bytes.subarray(i * RESULT_PART_BYTES, (i + 1) * RESULT_PART_BYTES),
              expiresAt: ttl(now),
            },
          }),
        );
      }
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.importRecord(countyCode, key),
            UpdateExpression: `SET #status = :done, ${stored.set}, finishedAt = :now REMOVE bases, leaseUntil`,
            ConditionExpression: '#owner = :owner AND #status = :started',
            ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner', ...stored.names },
            ExpressionAttributeValues: { ':done': 'done', ':now': now, ':owner': owner, ':started': 'started', ...stored.values },
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },
  };
}
