// The book the province publishes: standard versions, their drafts, programme versions, and the
// mark of which standard every verdict was last brought under. One small partition (a few dozen
// documents over years), read whole. Nothing here is edited in place: a draft is written once and
// published once, a published version is never overwritten.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import type { ProgrammeDoc } from '#core/programme.js';
import type { Standard } from '#core/standard.js';
import type { Keys } from './keys.js';

export interface StandardDraft {
  /** The standard it drafts a version of. */
  id: string;
  /** The draft's number within that standard (1, 2, …). */
  n: number;
  /** The document as it would be published (its version and effective date may still change at publishing). */
  doc: Standard;
  createdBy: string;
  createdAt: string;
  /** Once published: the version it became, by whom and when. */
  published?: { version: number; effectiveFrom: string; by: string; at: string };
}

export interface PublishedStandard {
  standard: Standard;
  publishedBy: string;
  publishedAt: string;
  /** The draft it came from. */
  draft: number;
}

export function createStandardStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  async function bookItems(prefix?: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.bookPartition, ...(prefix ? { ':p': prefix } : {}) },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
  const draftOf = (item: Record<string, unknown>): StandardDraft => ({
    id: String(item.standardId),
    n: Number(item.n),
    doc: item.doc as Standard,
    createdBy: String(item.createdBy),
    createdAt: String(item.createdAt),
    ...(item.published ? { published: item.published as StandardDraft['published'] } : {}),
  });

  return {
    /** Every standard version and programme version published into the table (the shipped ones live in data/). */
    async readBook(): Promise<{ standards: PublishedStandard[]; programmes: ProgrammeDoc[] }> {
      const items = await bookItems();
      const sk = (i: Record<string, unknown>) => String(i.sk);
      return {
        standards: items
          .filter((i) => sk(i).startsWith(keys.standardPrefix))
          .map((i) => ({
            standard: i.doc as Standard,
            publishedBy: String(i.publishedBy),
            publishedAt: String(i.publishedAt),
            draft: Number(i.draft),
          })),
        programmes: items.filter((i) => sk(i).startsWith(keys.programmePrefix)).map((i) => i.doc as ProgrammeDoc),
      };
    },

    /** A standard's drafts, oldest first (every standard's when no id is given). */
    async listDrafts(id?: string): Promise<StandardDraft[]> {
      return (await bookItems(keys.draftPrefix(id))).map(draftOf).sort((a, b) => a.id.localeCompare(b.id) || a.n - b.n);
    },

    async getDraft(id: string, n: number): Promise<StandardDraft | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.standardDraft(id, n), ConsistentRead: true }));
      return Item ? draftOf(Item) : null;
    },

    /** Writes a new draft under its number; a number taken meanwhile is a conflict (the caller numbers again). */
    async putDraft(d: StandardDraft): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.standardDraft(d.id, d.n),
              type: 'standard-draft',
              standardId: d.id,
              n: d.n,
              doc: d.doc,
              createdBy: d.createdBy,
              createdAt: d.createdAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) throw new ConflictError(message('draft.exists', { id: d.id, n: d.n }), d.n);
        throw e;
      }
    },

    /**
     * Publishes a draft as a version, at once: the version is written (never over another) and the
     * draft marked published (only once). Either both happen or neither.
     */
    async publish(d: StandardDraft, standard: Standard, by: string, at: string): Promise<void> {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.standardVersion(standard.id, standard.version),
                    type: 'standard',
                    standardId: standard.id,
                    version: standard.version,
                    doc: standard,
                    draft: d.n,
                    publishedBy: by,
                    publishedAt: at,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.standardDraft(d.id, d.n),
                  UpdateExpression: 'SET published = :p',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(published)',
                  ExpressionAttributeValues: { ':p': { version: standard.version, effectiveFrom: standard.effectiveFrom, by, at } },
                },
              },
            ],
          }),
        );
      } catch (e) {
        if (e instanceof TransactionCanceledException)
          throw new ConflictError(message('draft.publishConflict', { id: d.id, n: d.n, version: standard.version }), standard.version);
        throw e;
      }
    },

    /** Writes a programme version (once; a version number is never reused). */
    async putProgramme(p: ProgrammeDoc, by: string, at: string): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.programmeVersion(p.id, p.version), type: 'programme', doc: p, publishedBy: by, publishedAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException)
          throw new ConflictError(message('programme.version.exists', { id: p.id, version: p.version }), p.version);
        throw e;
      }
    },

    /** The standard version every verdict was last brought under, by the re-evaluation. */
    async getApplied(): Promise<{ ref: string; at: string } | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.standardApplied(), ConsistentRead: true }));
      return Item ? { ref: String(Item.ref), at: String(Item.at) } : null;
    },

    async setApplied(ref: string, at: string): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.standardApplied(), type: 'standard-applied', ref, at } }));
    },
  };
}
