// Rosters: a team's memberships under its county's partition, and per person (by the keyed hash of their
// mobile) an identity item naming their memberships in the programme and the one that counts. A membership
// and its person's identity item are written in one transaction, conditional on the identity item being as
// read: two counties adding one person at the same moment cannot both count them.
import { BatchGetCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '#core/dates.js';
import {
  endMembership,
  recordMembership,
  resolveSuspected,
  rosterEntry,
  withoutMembership,
  type IdentityClaim,
  type Membership,
} from '#core/roster.js';
import type { Roster } from '#core/roster-counts.js';
import { planRow, type MemberRow, type RowPlan } from '#core/roster-rows.js';
import type { Keys } from './keys.js';
import { putAll, queryAllWith } from './query.js';
import type { StoredTeam, TeamWrite, TeamWriter } from './store.js';

type TransactItem = ReturnType<TeamWriter['teamActions']>[number];

/** A membership as stored: the person's mobile (its digits) beside it, the only place the number is kept. */
export type StoredMembership = Membership & { mobile: string | null };

/** The identity item: the claim (who counts) and a summary of each membership of the person, for the hand-over. */
interface StoredIdentity extends IdentityClaim {
  memberships: Pick<Membership, 'id' | 'community' | 'name' | 'joined' | 'left' | 'standing'>[];
  version: number;
}

/** A roster file's row of one team as the store applies it: the member, their identity, the id a new membership takes. */
export interface RowWrite {
  member: MemberRow;
  person: string | null;
  id: string;
}

/** What a row did: its plan against the roster as written, and for a new member how they stand. */
export interface RowResult {
  plan: RowPlan;
  stored?: StoredMembership;
}

/** DynamoDB's limit on the actions of one transaction: a team's rows of one file that need more are refused. */
export const TRANSACTION_ACTIONS = 100;

/** A team's rows need more actions than one transaction holds. */
export class TooManyActions extends Error {
  override name = 'TooManyActions';
  constructor(readonly actions: number) {
    super(`${actions} actions, more than the ${TRANSACTION_ACTIONS} of one transaction`);
  }
}

/** Writes that met a concurrent change of the same person are read again and retried this many times. */
const ATTEMPTS = 8;

const asMembership = (item: Record<string, unknown>): StoredMembership => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as StoredMembership;
};

/**
 * A membership's end as its person's identity item records it: the claim written back, the membership that
 * counts from `asOf` in its place (a summary; null when it was not the counting one, or none is left), and the
 * summaries of the person's memberships updated. `notCounting`: communities whose team no longer counts
 * (closed, or outside the programme's scope): no count is handed there.
 */
function handOverOf(read: StoredIdentity, ended: StoredMembership, asOf: IsoDate, notCounting: ReadonlySet<string>) {
  const others = read.memberships
    .filter((m) => !notCounting.has(m.community))
    .map((m) => ({ ...m, person: ended.person, category: ended.category, insuredThrough: null }));
  const { claim, promoted } = endMembership(read, ended, others, asOf);
  const memberships = read.memberships.map((m) =>
    m.id === ended.id ? { ...m, left: ended.left } : m.id === promoted?.id ? { ...m, standing: 'counts' as const } : m,
  );
  return { claim, promoted, memberships };
}

const cancelled = (e: unknown) => (e as { name?: string }).name === 'TransactionCanceledException';

/**
 * How a membership write changes its team: the team judged again with the roster's changed entries, as the
 * county's own write (`own`) or as the system's hand-over of a count from another roster (`handover`). The
 * use case decides the verdict and the audit fields; the store writes the result with the memberships.
 */
export type Rejudge = (team: StoredTeam, entries: Roster, how: 'own' | 'handover') => StoredTeam;

export function createRosterStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys, teams: TeamWriter) {
  const queryAll = queryAllWith(doc, tableName);
  /** A team's memberships, past and present (a left member stays, with the day they left). */
  async function listRoster(communityCode: string): Promise<StoredMembership[]> {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.teamPartition(communityCode), ':sk': keys.membershipPrefix(communityCode) },
      ConsistentRead: true,
    });
    return items.map(asMembership);
  }
  const readMembership = async (communityCode: string, id: string): Promise<StoredMembership | null> => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: keys.membership(communityCode, id), ConsistentRead: true }),
    );
    return Item ? asMembership(Item) : null;
  };
  /**
   * The team as a roster write reads it: a team whose memberships were recorded before its record kept their
   * entries (`team.roster`) gets them all now, so from its first roster write on it is judged by every member.
   */
  const withEntries = async (team: StoredTeam, read?: StoredMembership[]): Promise<StoredTeam> => {
    if (team.team.roster) return team;
    const held = read ?? (await listRoster(team.communityCode));
    if (!held.length) return team;
    return { ...team, team: { ...team.team, roster: Object.fromEntries(held.map((m) => [m.id, rosterEntry(m)])) } };
  };
  /** The communities of a person's current duplicates whose team no longer counts (closed, or outside the scope). */
  const notCounting = async (read: StoredIdentity, ended: string): Promise<Set<string>> => {
    const communities = [
      ...new Set(read.memberships.filter((m) => m.id !== ended && m.standing === 'duplicate' && m.left === null).map((m) => m.community)),
    ];
    const held = await Promise.all(communities.map((c) => teams.readTeam(c)));
    return new Set(communities.filter((_, i) => held[i]?.excluded));
  };
  /** The team writes of one transaction, by county (one aggregate update per county). */
  const teamWrites = (writes: TeamWrite[]) => {
    const now = writes[0].next.updatedAt;
    const counties = [...new Set(writes.map((w) => w.next.communityCode.slice(0, 6)))];
    return counties.flatMap((county) =>
      teams.teamActions(
        county,
        writes.filter((w) => w.next.communityCode.startsWith(county)),
        now,
      ),
    );
  };
  const readIdentity = async (person: string): Promise<StoredIdentity | null> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.identity(person), ConsistentRead: true }));
    return (Item as StoredIdentity | undefined) ?? null;
  };
  /** Persons' identity items as they are (absent: none), by BatchGetItem, 100 keys a request, unprocessed keys asked again. */
  const readIdentities = async (persons: readonly string[]): Promise<Map<string, StoredIdentity>> => {
    const found = new Map<string, StoredIdentity>();
    for (let i = 0; i < persons.length; i += 100) {
      const personOf = new Map(persons.slice(i, i + 100).map((p) => [keys.identity(p).pk, p]));
      let keysLeft: Record<string, unknown>[] = [...personOf.values()].map((p) => keys.identity(p));
      while (keysLeft.length) {
        const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keysLeft, ConsistentRead: true } } }));
        for (const item of (out.Responses?.[tableName] ?? []) as (StoredIdentity & { pk: string })[])
          found.set(personOf.get(item.pk)!, item);
        keysLeft = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
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
  /** A duplicate handed the count from `asOf`, on condition that it is still a current duplicate (as read). */
  const promoteAction = (counting: StoredMembership, asOf: IsoDate) => ({
    Update: {
      TableName: tableName,
      Key: keys.membership(counting.community, counting.id),
      UpdateExpression: 'SET standing = :counts, countsFrom = :from',
      ConditionExpression: 'standing = :duplicate AND #left = :null',
      ExpressionAttributeNames: { '#left': 'left' },
      ExpressionAttributeValues: { ':counts': 'counts', ':from': asOf, ':duplicate': 'duplicate', ':null': null },
    },
  });

  return {
    /**
     * Loads rosters whose standings are already decided (the demo's seeding onto an empty table): the
     * memberships and each person's identity item, unconditionally, 100 at a time. Not for live writes.
     */
    async loadRosters(memberships: StoredMembership[], identities: Map<string, IdentityClaim>): Promise<void> {
      const byPerson = new Map<string, StoredMembership[]>();
      for (const m of memberships) if (m.person !== null) byPerson.set(m.person, [...(byPerson.get(m.person) ?? []), m]);
      await putAll(doc, tableName, [
        ...memberships.map((m) => ({ ...keys.membership(m.community, m.id), type: 'membership', ...m })),
        ...[...identities].map(([person, claim]) => ({
          ...keys.identity(person),
          type: 'identity',
          ...claim,
          memberships: (byPerson.get(person) ?? []).map(summary),
          version: 1,
        })),
      ]);
    },

    /** The community whose team a person counts for now, or null (none counts, or no such person). */
    async countingCommunity(person: string): Promise<string | null> {
      return (await readIdentity(person))?.counting?.community ?? null;
    },

    listRoster,

    /**
     * Records a new membership: how it stands is decided against the person's identity item as it is when
     * written (the first recorded counts; the same name again is 重复在册, another name 疑似重复), and its team is
     * judged again with it (`rejudge`): the membership, the identity item and the team's new version (its county's
     * aggregate, its audit record) in one transaction. Returns the membership as stored, or false when its id
     * is already on the roster or the team is gone.
     */
    async addMembership(input: Omit<StoredMembership, 'standing' | 'countsFrom'>, rejudge: Rejudge): Promise<StoredMembership | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const [read, held] = await Promise.all([
          input.person === null ? null : readIdentity(input.person),
          teams.readTeam(input.community),
        ]);
        if (!held) return false;
        const team = await withEntries(held);
        const { standing, countsFrom, claim } = recordMembership(read, input);
        const stored: StoredMembership = { ...input, standing, countsFrom };
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
        const next = rejudge(team, { [stored.id]: rosterEntry(stored) }, 'own');
        try {
          await doc.send(
            new TransactWriteCommand({ TransactItems: [membershipPut, ...identity, ...teamWrites([{ previous: held, next }])] }),
          );
          return stored;
        } catch (e) {
          if (!cancelled(e)) throw e;
          const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
          // the membership's own key taken: the same id twice is no retry
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        }
      }
      throw new Error(`the roster of ${input.community}: person or team changed by others ${ATTEMPTS} times in a row`);
    },

    /**
     * Corrects a current membership's category or insured-through date, and judges its team again (`rejudge`),
     * in one transaction on condition that it is still current. Returns it as stored; false when it is not.
     */
    async correctMembership(
      communityCode: string,
      id: string,
      changes: Partial<Pick<Membership, 'category' | 'insuredThrough' | 'certifiedThrough' | 'role'>>,
      rejudge: Rejudge,
    ): Promise<StoredMembership | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const [current, held] = await Promise.all([readMembership(communityCode, id), teams.readTeam(communityCode)]);
        if (!current || current.left !== null) return false;
        if (!held) throw new Error(`the roster of ${communityCode}: a membership's team is missing`);
        const stored: StoredMembership = { ...current, ...changes };
        const update = {
          Update: {
            TableName: tableName,
            Key: keys.membership(communityCode, id),
            UpdateExpression: 'SET category = :category, insuredThrough = :insured, certifiedThrough = :certified, #role = :role',
            ConditionExpression: 'attribute_exists(pk) AND #left = :null',
            ExpressionAttributeNames: { '#left': 'left', '#role': 'role' },
            ExpressionAttributeValues: {
              ':category': stored.category,
              ':insured': stored.insuredThrough,
              ':certified': stored.certifiedThrough ?? null,
              ':role': stored.role ?? null,
              ':null': null,
            },
          },
        };
        const next = rejudge(await withEntries(held), { [id]: rosterEntry(stored) }, 'own');
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: [update, ...teamWrites([{ previous: held, next }])] }));
          return stored;
        } catch (e) {
          if (!cancelled(e)) throw e;
        }
      }
      throw new Error(`the roster of ${communityCode}: the team changed by others ${ATTEMPTS} times in a row`);
    },

    /**
     * Resolves a 疑似重复 as the county says (core/roster.ts resolveSuspected): the membership's new standing,
     * its summary on the person's identity item and its team judged again (`rejudge`), in one transaction,
     * on condition that it is still a current suspected one. Returns it as stored; false when it is not.
     */
    async resolveMembership(communityCode: string, id: string, samePerson: boolean, rejudge: Rejudge): Promise<StoredMembership | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const current = await readMembership(communityCode, id);
        if (!current || current.person === null) return false;
        const [read, held] = await Promise.all([readIdentity(current.person), teams.readTeam(communityCode)]);
        if (!read || !held) throw new Error(`the roster of ${communityCode}: a membership's person or team is missing`);
        const team = await withEntries(held);
        const resolved = resolveSuspected(current, samePerson, read);
        if (!resolved) return false;
        const stored: StoredMembership = { ...current, standing: resolved.standing, countsFrom: resolved.countsFrom };
        const update = {
          Update: {
            TableName: tableName,
            Key: keys.membership(communityCode, id),
            UpdateExpression: 'SET standing = :standing, countsFrom = :from',
            ConditionExpression: 'standing = :suspected AND #left = :null',
            ExpressionAttributeNames: { '#left': 'left' },
            ExpressionAttributeValues: {
              ':standing': resolved.standing,
              ':from': resolved.countsFrom,
              ':suspected': 'suspected',
              ':null': null,
            },
          },
        };
        const memberships = read.memberships.map((m) => (m.id === id ? { ...m, standing: resolved.standing } : m));
        const identity = identityPut(current.person, { name: resolved.claim.name, counting: resolved.claim.counting, memberships }, read);
        const next = rejudge(team, { [id]: rosterEntry(stored) }, 'own');
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: [update, identity, ...teamWrites([{ previous: held, next }])] }));
          return stored;
        } catch (e) {
          if (!cancelled(e)) throw e;
        }
      }
      throw new Error(`the roster of ${communityCode}: person or team changed by others ${ATTEMPTS} times in a row`);
    },

    /** A county's memberships, every team's, past ones too (with the day they left), in one Query. */
    async listCountyRoster(countyCode: string): Promise<StoredMembership[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':sk': 'MEMBER#' },
      });
      return items.map(asMembership);
    },

    /** Each person's identity item: the name first recorded and the membership that counts (absent: no such person). */
    async identityClaims(persons: readonly string[]): Promise<Map<string, IdentityClaim>> {
      return new Map([...(await readIdentities(persons))].map(([p, r]) => [p, { name: r.name, counting: r.counting }]));
    },

    /** A county's memberships that ended before `before` and still hold a name (the retention job's work). */
    async listDeparted(countyCode: string, before: IsoDate): Promise<StoredMembership[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        FilterExpression: '#left < :before AND attribute_not_exists(erasedAt)',
        ExpressionAttributeNames: { '#left': 'left' },
        ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':sk': 'MEMBER#', ':before': before },
      });
      return items.map(asMembership);
    },

    /**
     * Erases an ended membership's name, phone and person (the keyed hash): the membership keeps its category
     * and days, so every count it was part of stays; the person's identity item drops it (and goes with the
     * last). The team's new version (`record`: its audit record, saying why, with no value) is written in the
     * same transaction. Returns the membership as erased; false when there is none, it has not ended, or it is
     * erased already.
     */
    async eraseMembership(
      communityCode: string,
      id: string,
      erasedAt: string,
      record: (team: StoredTeam) => StoredTeam,
    ): Promise<StoredMembership | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const current = await readMembership(communityCode, id);
        if (!current || current.left === null || current.erasedAt) return false;
        const [read, team] = await Promise.all([
          current.person === null ? null : readIdentity(current.person),
          teams.readTeam(communityCode),
        ]);
        if (!team) throw new Error(`the roster of ${communityCode}: a membership's team is missing`);
        const erased: StoredMembership = { ...current, name: '', mobile: null, person: null, erasedAt };
        const eraseIt = {
          Update: {
            TableName: tableName,
            Key: keys.membership(communityCode, id),
            UpdateExpression: 'SET #name = :blank, mobile = :null, person = :null, erasedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND #left <> :null AND attribute_not_exists(erasedAt)',
            ExpressionAttributeNames: { '#name': 'name', '#left': 'left' },
            ExpressionAttributeValues: { ':blank': '', ':null': null, ':at': erasedAt },
          },
        };
        const rest = read ? withoutMembership(read, read.memberships, id) : null;
        const identity =
          read && current.person !== null
            ? [
                rest
                  ? identityPut(
                      current.person,
                      { name: rest.claim.name, counting: rest.claim.counting, memberships: rest.memberships },
                      read,
                    )
                  : {
                      Delete: {
                        TableName: tableName,
                        Key: keys.identity(current.person),
                        ConditionExpression: 'version = :v',
                        ExpressionAttributeValues: { ':v': read.version },
                      },
                    },
              ]
            : [];
        try {
          await doc.send(
            new TransactWriteCommand({ TransactItems: [eraseIt, ...identity, ...teamWrites([{ previous: team, next: record(team) }])] }),
          );
          return erased;
        } catch (e) {
          if (!cancelled(e)) throw e;
        }
      }
      throw new Error(`the roster of ${communityCode}: person or team changed by others ${ATTEMPTS} times in a row`);
    },

    /**
     * Applies a roster file's rows of one team as one version of it: each row planned against the roster as it
     * stands (core/roster-rows.ts planRow: added, corrected, ended, or as written already), new members standing
     * against their persons' identity items as they are when written, counts handed over where a counting member
     * leaves; memberships, identity items, this team's version and any team handed a count, in one transaction,
     * retried on a concurrent change. A row that no longer fits the roster says why in its result and writes
     * nothing. False when the team is gone; TooManyActions when the rows need more than one transaction holds.
     */
    async applyRows(communityCode: string, rows: readonly RowWrite[], asOf: IsoDate, rejudge: Rejudge): Promise<RowResult[] | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const [held, team] = await Promise.all([listRoster(communityCode), teams.readTeam(communityCode)]);
        if (!team) return false;
        const current = held.map((m) => ({ ...m, ...rosterEntry(m) }));
        const plans = rows.map((r) => planRow(r.member, r.person, current));
        const byId = new Map(held.map((m) => [m.id, m]));
        // Each person's identity item as read, and as this file leaves it (one write a person, whatever its rows).
        const persons = [
          ...new Set(
            rows.flatMap((r, i) => {
              const plan = plans[i];
              if ('action' in plan && plan.action === 'add') return r.person === null ? [] : [r.person];
              if ('action' in plan && plan.action === 'end') return byId.get(plan.id)?.person ?? [];
              return [];
            }),
          ),
        ];
        const reads = await readIdentities(persons);
        const identities = new Map<string, Omit<StoredIdentity, 'version'>>();
        const stateOf = (p: string) => identities.get(p) ?? reads.get(p) ?? null;
        const actions: TransactItem[] = [];
        const entries: Roster = {};
        const handedOver = new Map<string, Roster>();
        const results: RowResult[] = [];
        for (const [i, r] of rows.entries()) {
          const plan = plans[i];
          results.push({ plan });
          if (!('action' in plan) || plan.action === 'unchanged') continue;
          if (plan.action === 'add') {
            const input = { ...r.member, id: r.id, community: communityCode, person: r.person, left: null };
            const read = r.person === null ? null : stateOf(r.person);
            const { standing, countsFrom, claim } = recordMembership(read, input);
            const stored: StoredMembership = { ...input, standing, countsFrom };
            results[i].stored = stored;
            actions.push({
              Put: {
                TableName: tableName,
                Item: { ...keys.membership(communityCode, r.id), type: 'membership', ...stored },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            });
            entries[r.id] = rosterEntry(stored);
            if (r.person !== null)
              identities.set(r.person, {
                name: claim!.name,
                counting: claim!.counting,
                memberships: [...(read?.memberships ?? []), summary(stored)],
              });
            continue;
          }
          const was = byId.get(plan.id)!;
          if (plan.action === 'update') {
            const stored: StoredMembership = { ...was, ...plan.changes };
            results[i].stored = stored;
            actions.push({
              Update: {
                TableName: tableName,
                Key: keys.membership(communityCode, was.id),
                UpdateExpression: 'SET category = :category, insuredThrough = :insured',
                ConditionExpression: 'attribute_exists(pk) AND #left = :null',
                ExpressionAttributeNames: { '#left': 'left' },
                ExpressionAttributeValues: { ':category': stored.category, ':insured': stored.insuredThrough, ':null': null },
              },
            });
            entries[was.id] = rosterEntry(stored);
            continue;
          }
          const ended: StoredMembership = { ...was, left: plan.left };
          results[i].stored = ended;
          actions.push({
            Update: {
              TableName: tableName,
              Key: keys.membership(communityCode, was.id),
              UpdateExpression: 'SET #left = :left',
              ConditionExpression: 'attribute_exists(pk) AND #left = :null',
              ExpressionAttributeNames: { '#left': 'left' },
              ExpressionAttributeValues: { ':left': plan.left, ':null': null },
            },
          });
          entries[was.id] = rosterEntry(ended);
          const read = was.person === null ? null : stateOf(was.person);
          if (!read) continue;
          const handed = handOverOf({ ...read, version: 0 }, ended, asOf, await notCounting({ ...read, version: 0 }, ended.id));
          identities.set(was.person!, { name: handed.claim.name, counting: handed.claim.counting, memberships: handed.memberships });
          const promoted = handed.promoted ? await readMembership(handed.promoted.community, handed.promoted.id) : null;
          if (!promoted) continue;
          const counting: StoredMembership = { ...promoted, standing: 'counts', countsFrom: asOf };
          actions.push(promoteAction(counting, asOf));
          handedOver.set(counting.community, { ...handedOver.get(counting.community), [counting.id]: rosterEntry(counting) });
        }
        if (!actions.length) return results;
        for (const [person, identity] of identities) actions.push(identityPut(person, identity, reads.get(person) ?? null));
        const writes: TeamWrite[] = [{ previous: team, next: rejudge(await withEntries(team, held), entries, 'own') }];
        for (const [community, handed] of handedOver) {
          const theirs = await teams.readTeam(community);
          if (!theirs) throw new Error(`the roster of ${community}: a membership's team is missing`);
          writes.push({ previous: theirs, next: rejudge(await withEntries(theirs), handed, 'handover') });
        }
        const all = [...actions, ...teamWrites(writes)];
        if (all.length > TRANSACTION_ACTIONS) throw new TooManyActions(all.length);
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: all }));
          return results;
        } catch (e) {
          if (!cancelled(e)) throw e;
        }
      }
      throw new Error(`the roster of ${communityCode}: persons or team changed by others ${ATTEMPTS} times in a row`);
    },

    /**
     * Ends a membership on `left`: when it was the person's counting one, the count passes on to the
     * earliest-joined duplicate active on `asOf`, today (core/roster.ts handOver). Both teams are judged again
     * (`rejudge`: the ended one's as its county's write, the other's as the system's hand-over), and everything,
     * memberships, identity item, teams, aggregates and audit records, is written in one transaction. Returns
     * the membership that counts from now on in its place, or null; false when there is no such membership (or it ended).
     */
    async endMembership(
      communityCode: string,
      id: string,
      left: IsoDate,
      asOf: IsoDate,
      rejudge: Rejudge,
    ): Promise<{ promoted: StoredMembership | null } | false> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const current = await readMembership(communityCode, id);
        if (!current || current.left !== null) return false;
        const ended: StoredMembership = { ...current, left };
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
        const handed = read && ended.person !== null ? handOverOf(read, ended, asOf, await notCounting(read, ended.id)) : null;
        const promoted = handed?.promoted ? await readMembership(handed.promoted.community, handed.promoted.id) : null;
        // Promoted as read: one that ended or changed meanwhile is not (the transaction's condition fails, and the retry reads again).
        const counting = promoted ? { ...promoted, standing: 'counts' as const, countsFrom: asOf } : null;
        const identity = handed
          ? [
              identityPut(
                ended.person!,
                { name: handed.claim.name, counting: handed.claim.counting, memberships: handed.memberships },
                read,
              ),
            ]
          : [];
        const promote = counting ? [promoteAction(counting, asOf)] : [];
        const mine = await teams.readTeam(communityCode);
        const theirs = counting ? (counting.community === communityCode ? mine : await teams.readTeam(counting.community)) : null;
        if (!mine || (counting && !theirs)) throw new Error(`the roster of ${communityCode}: a membership's team is missing`);
        const writes: TeamWrite[] = [];
        if (counting && counting.community === communityCode) {
          const next = rejudge(await withEntries(mine), { [ended.id]: rosterEntry(ended), [counting.id]: rosterEntry(counting) }, 'own');
          writes.push({ previous: mine, next });
        } else {
          writes.push({ previous: mine, next: rejudge(await withEntries(mine), { [ended.id]: rosterEntry(ended) }, 'own') });
          if (counting)
            writes.push({
              previous: theirs,
              next: rejudge(await withEntries(theirs!), { [counting.id]: rosterEntry(counting) }, 'handover'),
            });
        }
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: [endIt, ...identity, ...promote, ...teamWrites(writes)] }));
          return { promoted: counting };
        } catch (e) {
          if (!cancelled(e)) throw e;
        }
      }
      throw new Error(`the roster of ${communityCode}: person or team changed by others ${ATTEMPTS} times in a row`);
    },
  };
}
