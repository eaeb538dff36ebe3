// Registry versions: each version's record (effective date, source, who, per-county unit counts),
// its change set (in parts), and a copy of every county it changed as that version left it.
// A version is written first as 'applying' and marked 'applied' once its teams are moved: only
// applied versions are in force, and an interrupted one is resumed from what it stored.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RegistryChange } from '#core/registry.js';
import type { CountyUnits, RegistryVersionRef } from '#core/registry-read.js';
import { queryAllWith } from './query.js';
import { ConflictError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import type { Keys } from './keys.js';

export interface RegistryVersion extends RegistryVersionRef {
  source: string;
  note?: string;
  /** Scope and user who applied it. */
  by: string;
  at: string;
  appliedAt?: string;
  changeCount: number;
  /** The demo's registry (its scope drawn by the documented simulated rule). */
  simulated?: boolean;
}

/** Changes per stored part, and its bytes: a part stays far below DynamoDB's 400 KB item limit whatever its names and reasons. */
const CHANGES_PER_PART = 500;
const PART_BYTES = 200 * 1024;

/** The change set in parts of at most CHANGES_PER_PART changes and about PART_BYTES of JSON each. */
export function changeParts(changes: RegistryChange[]): RegistryChange[][] {
  const parts: RegistryChange[][] = [];
  let part: RegistryChange[] = [];
  let bytes = 0;
  for (const c of changes) {
    const size = Buffer.byteLength(JSON.stringify(c));
    if (part.length && (part.length >= CHANGES_PER_PART || bytes + size > PART_BYTES)) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(c);
    bytes += size;
  }
  if (part.length) parts.push(part);
  return parts;
}
/** Items written side by side (the write function's role holds PutItem, not BatchWriteItem). */
const PUTS_IN_FLIGHT = 16;

const asVersion = (item: Record<string, unknown>): RegistryVersion => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as RegistryVersion;
};

export function createRegistryStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  const queryAll = queryAllWith(doc, tableName);

  async function putAll(items: Record<string, unknown>[]): Promise<void> {
    const queue = [...items];
    await Promise.all(
      Array.from({ length: PUTS_IN_FLIGHT }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) await doc.send(new PutCommand({ TableName: tableName, Item: item }));
      }),
    );
  }

  return {
    /** Every registry version, oldest first (a few small items). */
    async listRegistryVersions(): Promise<RegistryVersion[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.registryPartition, ':prefix': keys.registryVersionPrefix },
      });
      return items.map(asVersion).sort((a, b) => a.version - b.version);
    },

    async getRegistryVersion(version: number): Promise<RegistryVersion | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.registryVersion(version), ConsistentRead: true }));
      return Item ? asVersion(Item) : null;
    },

    /**
     * Writes a version with its changes and the counties it changes: claimed first as 'preparing'
     * (false when that version number is taken: another apply got there first), then its parts,
     * then marked 'applying' — so a version cut off while being written is never carried out from
     * half its changes. The copies are inert until the version is applied.
     */
    async beginRegistryVersion(version: RegistryVersion, changes: RegistryChange[], copies: CountyUnits[]): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.registryVersion(version.version), type: 'registry-version', ...version },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
      const parts = changeParts(changes).map((part, i) => ({
        ...keys.registryChange(version.version, i + 1),
        type: 'registry-changes',
        changes: part,
      }));
      try {
        await putAll([
          ...parts,
          ...copies.map((c) => ({ ...keys.registryCopy(c.code, version.version), type: 'registry-copy', version: version.version, ...c })),
        ]);
      } catch (e) {
        // Not all of it was stored: the version is given up at once (it changed nothing), so no one waits on a 'preparing' one.
        await this.abandonRegistryVersion(version.version, version.at).catch(() => undefined);
        throw e;
      }
      await this.markApplying(version.version);
      return true;
    },

    /** Rewrites a version's county copies (a first load done again). */
    async beginRegistryCopies(version: number, copies: CountyUnits[]): Promise<void> {
      await putAll(copies.map((c) => ({ ...keys.registryCopy(c.code, version), type: 'registry-copy', version, ...c })));
    },

    /** preparing → applying, once every part is stored; a version abandoned meanwhile cannot be. */
    async markApplying(version: number): Promise<void> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.registryVersion(version),
            UpdateExpression: 'SET #s = :applying',
            ConditionExpression: '#s = :preparing',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':applying': 'applying', ':preparing': 'preparing' },
          }),
        );
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException)
          throw new ConflictError(message('registry.version.abandonedMidWrite', { version }), version);
        throw e;
      }
    },

    /** Gives up a version cut off while it was being written (nothing was done with it). */
    async abandonRegistryVersion(version: number, at: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.registryVersion(version),
          UpdateExpression: 'SET #s = :abandoned, abandonedAt = :at',
          ConditionExpression: '#s = :preparing',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':abandoned': 'abandoned', ':preparing': 'preparing', ':at': at },
        }),
      );
    },

    /** Marks an applying version applied (in force from its effective date); false when it was not applying (another run finished it). */
    async finishRegistryVersion(version: number, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.registryVersion(version),
            UpdateExpression: 'SET #s = :applied, appliedAt = :at',
            ConditionExpression: '#s = :applying',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':applied': 'applied', ':applying': 'applying', ':at': at },
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },

    /** A version's change set, in row order. */
    async listRegistryChanges(version: number): Promise<RegistryChange[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.registryPartition, ':prefix': keys.registryChangePrefix(version) },
      });
      return items.flatMap((i) => i.changes as RegistryChange[]);
    },

    /**
     * A county's registry as version `version` left it: the newest copy at or below that version
     * among the versions `usable` (applied ones, and the one being carried out) — an abandoned
     * version's copies never count.
     */
    async registryCopyAt(countyCode: string, version: number, usable: (v: number) => boolean): Promise<CountyUnits | null> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':prefix': keys.registryCopyPrefix },
        ScanIndexForward: false,
      });
      const item = items.find((i) => Number(i.version) <= version && usable(Number(i.version)));
      if (!item) return null;
      const { code, name, cityCode, cityName, townships, communities, outOfScope } = item as unknown as CountyUnits;
      return { code, name, cityCode, cityName, townships, communities, ...(outOfScope ? { outOfScope } : {}) };
    },
  };
}
