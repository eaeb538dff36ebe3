// Activity logs: a team's events (training, drill, call-out, service) under its county's partition, beside its
// team. An event and its team's new version (the log the verdict reads, the county's aggregate, the audit record)
// are written in one transaction, conditional on the team being as read: two events recorded at once both land.
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ActivityEvent } from '#core/activity.js';
import type { Keys } from './keys.js';
import { putAll, queryAllWith } from './query.js';
import type { StoredTeam, TeamWriter } from './store.js';

/**
 * Writes that met a concurrent change of the same team are read again and retried this many times, each after a
 * short random pause that grows (one of n writers at once lands each round: the last needs n rounds).
 */
const ATTEMPTS = 20;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * Math.min(attempt, 10)));

/** How an event write changes its team: the team judged again with the log of its events as they will be. */
export type Relog = (team: StoredTeam, events: ActivityEvent[]) => StoredTeam;

const asEvent = (item: Record<string, unknown>): ActivityEvent => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as ActivityEvent;
};

const cancelled = (e: unknown) => (e as { name?: string }).name === 'TransactionCanceledException';

export function createActivityStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys, teams: TeamWriter) {
  const queryAll = queryAllWith(doc, tableName);
  /** A team's events, withdrawn ones too, in the order of their keys. */
  async function listActivity(communityCode: string): Promise<ActivityEvent[]> {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.teamPartition(communityCode), ':sk': keys.activityPrefix(communityCode) },
      ConsistentRead: true,
    });
    return items.map(asEvent);
  }

  /**
   * Writes one event (new, or its withdrawal) with its team judged again (`relog`) in one transaction, on
   * condition that the team and the event are as read; retried when another write came between. The team is
   * read before its events: an event written after the team was read has moved its version, so this write
   * fails its condition and reads both again, never rebuilding the log without it.
   */
  async function writeEvent(
    communityCode: string,
    next: (held: ActivityEvent[]) => { event: ActivityEvent; condition: string } | false,
    relog: Relog,
  ): Promise<ActivityEvent | false> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const team = await teams.readTeam(communityCode);
      if (!team) return false;
      const held = await listActivity(communityCode);
      const planned = next(held);
      if (!planned) return false;
      const events = [...held.filter((e) => e.id !== planned.event.id), planned.event];
      const after = relog(team, events);
      const county = communityCode.slice(0, 6);
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.activity(communityCode, planned.event.id), type: 'activity', ...planned.event },
                  ConditionExpression: planned.condition,
                },
              },
              ...teams.teamActions(county, [{ previous: team, next: after }], after.updatedAt),
            ],
          }),
        );
        return planned.event;
      } catch (e) {
        if (!cancelled(e)) throw e;
        await pause(attempt + 1);
      }
    }
    throw new Error(`the activity log of ${communityCode}: the team changed by others ${ATTEMPTS} times in a row`);
  }

  return {
    listActivity,

    /** Loads events whose teams already carry their log (the demo's seeding onto an empty table). Not for live writes. */
    async loadActivity(events: readonly ActivityEvent[]): Promise<void> {
      await putAll(
        doc,
        tableName,
        events.map((e) => ({ ...keys.activity(e.community, e.id), type: 'activity', ...e })),
      );
    },

    /** Reads one event (null: none by that id). */
    async getActivity(communityCode: string, id: string): Promise<ActivityEvent | null> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.activity(communityCode, id), ConsistentRead: true }),
      );
      return Item ? asEvent(Item) : null;
    },

    /**
     * Records a new event. False when its id is already taken or the team is gone. `check` sees the team's events
     * as the write does (each attempt), and throws to refuse it: the same event twice, a member's day overfull.
     */
    recordActivity: (
      event: ActivityEvent,
      relog: Relog,
      check: (held: ActivityEvent[]) => void = () => {},
    ): Promise<ActivityEvent | false> =>
      writeEvent(
        event.community,
        (held) => {
          if (held.some((e) => e.id === event.id)) return false;
          check(held);
          return { event, condition: 'attribute_not_exists(pk)' };
        },
        relog,
      ),

    /** Withdraws an event (it stays, marked): false when there is none, or it is withdrawn already. */
    withdrawActivity: (communityCode: string, id: string, withdrawn: NonNullable<ActivityEvent['withdrawn']>, relog: Relog) =>
      writeEvent(
        communityCode,
        (held) => {
          const current = held.find((e) => e.id === id);
          return (
            !!current &&
            !current.withdrawn && {
              event: { ...current, withdrawn },
              condition: 'attribute_exists(pk) AND attribute_not_exists(withdrawn)',
            }
          );
        },
        relog,
      ),
  };
}
