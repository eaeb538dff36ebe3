// Rosters: a team's memberships under its county's partition, and per person (by the keyed hash of their
// mobile) an identity item naming their memberships in the programme and the one that counts. A membership
// and its person's identity item are written in one transaction, conditional on the identity item being as
// read: two counties adding one person at the same moment cannot both count them.
import { QueryCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '#core/dates.js';
import { endMembership, recordMembership, type IdentityClaim, type Membership } from '#core/roster.js';
import type { Keys } from './keys.js';

/** A membership as stored: the person's mobile (its digits) beside it, the only place the number is kept. */
export type StoredMembership = Membership & { mobile: string | null };

/** The identity item: the claim (who counts) and a summary of each membership of the person, for the hand-over. */
interface StoredIdentity extends IdentityClaim {
  memberships: Pick<Membership, 'id' | 'community' | 'name' | 'joined' | 'left' | 'standing'>[];
  version: number;
}

/** Writes that met a concurrent change of the same person are read again and retried this many times. */
const ATTEMPTS = 8;

const asMembership = (item: Record<string, unknown>): StoredMembership => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as StoredMembership;
};

const cancelled = (e: unknown) => (e as { name?: string }).name === 'TransactionCanceledException';

export function createRosterStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  const readIdentity = async (person: string): Promise<StoredIdentity | null> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.identity(person), ConsistentRead: true }));
    return (Item as StoredIdentity | undefined) ?? null;
  };
  /** The identity item written back, on condition that it is still the version read (new: still absent). */
  const identityPut = (person: string, identity: Omit<StoredIdentity, 'version'>, read: StoredIdentity | null) => ({
    Put: {
      TableName: tableName,
      Item: { ...keys.identity(person), type: 'identity', ...identity, version: (read?.version ?? 0) + 1 },
      ...(read
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': read.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  });
  const summary = (m: Membership) => ({
    id: m.id,
    community: m.community,
    name: m.name,
    joined: m.joined,
    left: m.left,
    standing: m.standing,
  });

  return {
    /** The community whose team a person counts for now, or null (none counts, or no such person). */
    async countingCommunity(person: string): Promise<string | null> {
      return (await readIdentity(person))?.counting?.community ?? null;
    },

    /** A team's memberships, past and present (a left member stays, with the day they left). */
    async listRoster(communityCode: string): Promise<StoredMembership[]> {
      const out: StoredMembership[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
            ExpressionAttributeValues: { ':pk': keys.teamPartition(communityCode), ':sk': keys.membershipPrefix(communityCode) },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(page.Items ?? []).map(asMembership));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    /**
     * Records a new membership: how it stands is decided against the person's identity item as it is when
     * written (the first recorded counts; the same name again is 重复在册, another name 疑似重复), both written
     * together. Returns the membership as stored. A membership id already on the roster is refused (false).
     */
    async addMembership(input: Omit<StoredMembership, 'standing'>): Promise<StoredMembership | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const read = input.person === null ? null : await readIdentity(input.person);
        const { standing, claim } = recordMembership(read, input);
        const stored: StoredMembership = { ...input, standing };
        const membershipPut = {
          Put: {
            TableName: tableName,
            Item: { ...keys.membership(input.community, input.id), type: 'membership', ...stored },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
        const identity =
          input.person === null
            ? []
            : [
                identityPut(
                  input.person,
                  { name: claim!.name, counting: claim!.counting, memberships: [...(read?.memberships ?? []), summary(stored)] },
                  read,
                ),
              ];
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: [membershipPut, ...identity] }));
          return stored;
        } catch (e) {
          if (!cancelled(e)) throw e;
          const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
          // the membership's own key taken: the same id twice is no retry
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        }
      }
      throw new Error(`the roster of ${input.community}: person changed by others ${ATTEMPTS} times in a row`);
    },

    /**
     * Ends a membership on `left`: when it was the person's counting one, the count passes on to the
     * earliest-joined duplicate active on `asOf`, today (core/roster.ts handOver), all in one transaction. Returns the
     * membership that counts from now on in its place, or null; false when there is no such membership (or it ended).
     */
    async endMembership(
      communityCode: string,
      id: string,
      left: IsoDate,
      asOf: IsoDate,
    ): Promise<{ promoted: StoredMembership | null } | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: keys.membership(communityCode, id), ConsistentRead: true }),
        );
        if (!Item || Item.left !== null) return false;
        const ended: StoredMembership = { ...asMembership(Item), left };
        const endIt = {
          Update: {
            TableName: tableName,
            Key: keys.membership(communityCode, id),
            UpdateExpression: 'SET #left = :left',
            ConditionExpression: 'attribute_exists(pk) AND #left = :null',
            ExpressionAttributeNames: { '#left': 'left' },
            ExpressionAttributeValues: { ':left': left, ':null': null },
          },
        };
        const read = ended.person === null ? null : await readIdentity(ended.person);
        if (!read || ended.person === null) {
          try {
            await doc.send(new TransactWriteCommand({ TransactItems: [endIt] }));
            return { promoted: null };
          } catch (e) {
            if (!cancelled(e)) throw e;
            continue;
          }
        }
        const others = read.memberships.map((m) => ({ ...m, person: ended.person, category: ended.category, insuredThrough: null }));
        // The hand-over is made today: an end dated back passes the count to a membership active now.
        const { claim, promoted } = endMembership(read, ended, others, asOf);
        const memberships = read.memberships.map((m) =>
          m.id === ended.id ? { ...m, left } : m.id === promoted?.id ? { ...m, standing: 'counts' as const } : m,
        );
        const promote = promoted
          ? [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.membership(promoted.community, promoted.id),
                  UpdateExpression: 'SET standing = :counts',
                  // still a current duplicate as read: one that ended meanwhile is not promoted (the retry reads again)
                  ConditionExpression: 'standing = :duplicate AND #left = :null',
                  ExpressionAttributeNames: { '#left': 'left' },
                  ExpressionAttributeValues: { ':counts': 'counts', ':duplicate': 'duplicate', ':null': null },
                },
              },
            ]
          : [];
        try {
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                endIt,
                identityPut(ended.person, { name: claim.name, counting: claim.counting, memberships }, read),
                ...promote,
              ],
            }),
          );
          if (!promoted) return { promoted: null };
          const { Item: now } = await doc.send(
            new GetCommand({ TableName: tableName, Key: keys.membership(promoted.community, promoted.id), ConsistentRead: true }),
          );
          return { promoted: asMembership(now!) };
        } catch (e) {
          if (!cancelled(e)) throw e;
        }
      }
      throw new Error(`the roster of ${communityCode}: person changed by others ${ATTEMPTS} times in a row`);
    },
  };
}
