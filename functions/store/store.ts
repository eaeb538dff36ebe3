// The repository: every read and write of teams, registries and county aggregates.
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { countsOf, delta, isZero, subtractCounters, sumCounters, type Counters } from '../core/aggregate.js';
import type { IsoDate } from '../core/dates.js';
import { diffTeams, type FieldChange } from '../core/diff.js';
import { decodeFigures, encodeFigures, type MonthSnapshot } from '../core/snapshot.js';
import { ConflictError } from '../core/errors.js';
import { RULE_IDS, type RuleId, type Verdict } from '../core/rules.js';
import type { TeamInput } from '../core/team.js';
import { keys, TABLE_KEYS } from './keys.js';

export interface StoredTeam {
  communityCode: string;
  team: TeamInput;
  members: number;
  verdict: Verdict;
  version: number;
  updatedAt: string;
  /** Scope and user of the last writer, e.g. "county:450102/clerk". */
  updatedBy: string;
  /** How it was written: form, import:<id>, seed, lapse. */
  source: string;
  /** Simulated demo data (模拟演示数据), never real submissions. */
  demo?: boolean;
}

export interface CountyAggregate {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  communities: number;
  counters: Counters;
}

export interface CountyRegistry {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  townships: [code: string, name: string][];
  communities: [code: string, name: string][];
}

/** One team write: the new state and the state it replaces (null for a new team). */
export interface TeamWrite {
  next: StoredTeam;
  previous: StoredTeam | null;
}

export interface Drift {
  countyCode: string;
  stored: Counters;
  recounted: Counters;
  difference: Counters;
}

/** One entry of a team's audit trail: who changed what, when and how. */
export interface AuditRecord {
  communityCode: string;
  version: number;
  at: string;
  by: string;
  source: string;
  changes: FieldChange[];
  meetsStandard: boolean;
  failedRules: string[];
}

export interface ImportRecord {
  status: 'started' | 'done';
  bodyHash: string;
  startedAt: string;
  by: string;
  result?: unknown;
}

/**
 * A transaction holds at most 100 actions: 49 team writes, their 49 audit records and the
 * county's aggregate update.
 */
export const TEAMS_PER_TRANSACTION = 49;

const failureAttr = (id: string) => `fail_${id}`;

export function createStore(doc: DynamoDBDocumentClient, tableName: string) {
  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  function teamItem(t: StoredTeam) {
    return {
      ...keys.team(t.communityCode),
      ...(t.verdict.holdsUntil ? keys.lapse(t.verdict.holdsUntil, t.communityCode) : {}),
      type: 'team',
      communityCode: t.communityCode,
      team: t.team,
      members: t.members,
      verdict: t.verdict,
      meetsStandard: t.verdict.meetsStandard,
      failedRules: t.verdict.failed.map((f) => f.ruleId),
      version: t.version,
      updatedAt: t.updatedAt,
      updatedBy: t.updatedBy,
      source: t.source,
      demo: t.demo || undefined,
    };
  }

  function auditItem(w: TeamWrite) {
    const record: AuditRecord = {
      communityCode: w.next.communityCode,
      version: w.next.version,
      at: w.next.updatedAt,
      by: w.next.updatedBy,
      source: w.next.source,
      changes: diffTeams(w.previous?.team ?? null, w.next.team),
      meetsStandard: w.next.verdict.meetsStandard,
      failedRules: w.next.verdict.failed.map((f) => f.ruleId),
    };
    return { ...keys.audit(w.next.communityCode, w.next.version), type: 'audit', ...record };
  }

  function fromTeamItem(item: Record<string, unknown>): StoredTeam {
    const { communityCode, team, members, verdict, version, updatedAt, updatedBy, source, demo } = item as unknown as StoredTeam;
    return { communityCode, team, members, verdict, version, updatedAt, updatedBy, source, demo: Boolean(demo) };
  }

  function fromSnapshotItem(item: Record<string, unknown>): MonthSnapshot {
    const counties = item.counties as Record<string, number[]>;
    return { month: String(item.month), counties: Object.fromEntries(Object.entries(counties).map(([code, v]) => [code, decodeFigures(v)])) };
  }

  function fromAggregateItem(item: Record<string, unknown>): CountyAggregate {
    const n = (k: string) => Number(item[k] ?? 0);
    return {
      code: String(item.code), name: String(item.name), cityCode: String(item.cityCode), cityName: String(item.cityName),
      communities: n('communities'),
      counters: {
        teamsRegistered: n('teamsRegistered'),
        teamsMeetingStandard: n('teamsMeetingStandard'),
        members: n('members'),
        failures: Object.fromEntries(RULE_IDS.map((id) => [id, n(failureAttr(id))])) as Record<RuleId, number>,
      },
    };
  }

  function aggregateUpdate(countyCode: string, d: Counters, now: string) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':now': now };
    const adds: string[] = [];
    const add = (attr: string, value: number) => {
      const i = adds.length;
      names[`#a${i}`] = attr;
      values[`:a${i}`] = value;
      adds.push(`#a${i} :a${i}`);
    };
    add('teamsRegistered', d.teamsRegistered);
    add('teamsMeetingStandard', d.teamsMeetingStandard);
    add('members', d.members);
    for (const id of Object.keys(d.failures)) add(failureAttr(id), d.failures[id as RuleId]);
    return {
      Update: {
        TableName: tableName,
        Key: keys.aggregate(countyCode),
        UpdateExpression: `SET updatedAt = :now ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  return {
    tableName,

    async getTeam(communityCode: string): Promise<StoredTeam | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.team(communityCode), ConsistentRead: true }));
      return Item ? fromTeamItem(Item) : null;
    },

    async listTeams(countyCode: string): Promise<StoredTeam[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':prefix': keys.teamPrefix },
      });
      return items.map(fromTeamItem);
    },

    /**
     * The one write path for teams (form, import, seeding, lapse job): each county's teams go in
     * transactions of ≤ 99 conditional team puts plus that county's aggregate update, so the
     * counters change exactly when, and only if, the teams they count do.
     */
    async writeTeams(writes: TeamWrite[], now: string): Promise<void> {
      const byCounty = new Map<string, TeamWrite[]>();
      for (const w of writes) {
        const county = w.next.communityCode.slice(0, 6);
        byCounty.set(county, [...(byCounty.get(county) ?? []), w]);
      }
      for (const [county, list] of byCounty) {
        for (let i = 0; i < list.length; i += TEAMS_PER_TRANSACTION) {
          const chunk = list.slice(i, i + TEAMS_PER_TRANSACTION);
          const d = sumCounters(chunk.map((w) => delta(w.previous, w.next)));
          const items = chunk.map((w) => ({
            Put: {
              TableName: tableName,
              Item: teamItem(w.next),
              ...(w.previous
                ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': w.previous.version } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          }));
          const audits = chunk.map((w) => ({ Put: { TableName: tableName, Item: auditItem(w) } }));
          const actions = [...items, ...(isZero(d) ? [] : [aggregateUpdate(county, d, now)]), ...audits];
          try {
            await doc.send(new TransactWriteCommand({ TransactItems: actions }));
          } catch (e) {
            if (!(e instanceof TransactionCanceledException)) throw e;
            const reasons = e.CancellationReasons ?? [];
            const stale = chunk.filter((_, j) => reasons[j]?.Code === 'ConditionalCheckFailed');
            if (!isZero(d) && reasons[chunk.length]?.Code === 'ConditionalCheckFailed') {
              throw new ConflictError(`县（区）${county} 未登记，无法写入`, null);
            }
            if (stale.length === 0) throw e;
            const first = stale[0].next.communityCode;
            const current = await this.getTeam(first);
            throw new ConflictError(
              `社区 ${stale.map((w) => w.next.communityCode).join('、')} 的队伍已被他人修改，请刷新后重试`,
              current?.version ?? null, current, stale.map((w) => w.next.communityCode),
            );
          }
        }
      }
    },

    /** A team's audit trail, newest first. */
    async listHistory(communityCode: string): Promise<AuditRecord[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(communityCode.slice(0, 6)), ':prefix': keys.auditPrefix(communityCode) },
        ScanIndexForward: false,
      });
      return items.map(({ communityCode: c, version, at, by, source, changes, meetsStandard, failedRules }) =>
        ({ communityCode: c, version, at, by, source, changes, meetsStandard, failedRules }) as AuditRecord);
    },

    async getImport(countyCode: string, key: string): Promise<ImportRecord | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.importRecord(countyCode, key), ConsistentRead: true }));
      if (!Item) return null;
      const { status, bodyHash, startedAt, by, result } = Item;
      return { status, bodyHash, startedAt, by, result: result ? JSON.parse(gunzipSync(result as Uint8Array).toString('utf8')) : undefined };
    },

    /** Claims an idempotency key; returns the existing record instead when the key was used before. */
    async startImport(countyCode: string, key: string, record: Omit<ImportRecord, 'status' | 'result'>): Promise<ImportRecord | null> {
      try {
        await doc.send(new PutCommand({
          TableName: tableName,
          Item: { ...keys.importRecord(countyCode, key), type: 'import', status: 'started', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return null;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
        return this.getImport(countyCode, key);
      }
    },

    /** Stores the import's result (gzipped: a county's row report can pass 100 KB) and closes it. */
    async finishImport(countyCode: string, key: string, result: unknown, now: string): Promise<void> {
      await doc.send(new UpdateCommand({
        TableName: tableName,
        Key: keys.importRecord(countyCode, key),
        UpdateExpression: 'SET #s = :done, #r = :r, finishedAt = :now',
        ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
        ExpressionAttributeValues: { ':done': 'done', ':r': gzipSync(JSON.stringify(result)), ':now': now },
      }));
    },

    /** Writes (or rewrites) a month's snapshot; `source` says who took it (seed, monthly job). */
    async putSnapshot(snapshot: MonthSnapshot, source: string, now: string): Promise<void> {
      const counties = Object.fromEntries(Object.entries(snapshot.counties).map(([code, f]) => [code, encodeFigures(f)]));
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.snapshot(snapshot.month), type: 'snapshot', month: snapshot.month, counties, source, takenAt: now } }));
    },

    async getSnapshot(month: string): Promise<MonthSnapshot | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.snapshot(month) }));
      return Item ? fromSnapshotItem(Item) : null;
    },

    async listSnapshots(): Promise<MonthSnapshot[]> {
      const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.snapshotPartition } });
      return items.map(fromSnapshotItem);
    },

    async listAggregates(): Promise<CountyAggregate[]> {
      const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.aggregatePartition } });
      return items.map(fromAggregateItem);
    },

    async getAggregate(countyCode: string): Promise<CountyAggregate | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.aggregate(countyCode) }));
      return Item ? fromAggregateItem(Item) : null;
    },

    async getRegistry(countyCode: string): Promise<CountyRegistry | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.registry(countyCode) }));
      if (!Item) return null;
      const { code, name, cityCode, cityName, townships, communities } = Item as unknown as CountyRegistry;
      return { code, name, cityCode, cityName, townships, communities };
    },

    /** Loads county registries, creating each county's aggregate at zero if it has none yet. */
    async putRegistries(registries: CountyRegistry[], now: string): Promise<void> {
      for (const r of registries) {
        await doc.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { ...keys.registry(r.code), type: 'registry', ...r, updatedAt: now } } },
            {
              Update: {
                TableName: tableName,
                Key: keys.aggregate(r.code),
                UpdateExpression: 'SET #code = :code, #name = :name, cityCode = :city, cityName = :cityName, communities = :n, updatedAt = :now',
                ExpressionAttributeNames: { '#code': 'code', '#name': 'name' },
                ExpressionAttributeValues: { ':code': r.code, ':name': r.name, ':city': r.cityCode, ':cityName': r.cityName, ':n': r.communities.length, ':now': now },
              },
            },
          ],
        }));
      }
    },

    async getMeta(): Promise<{ seededAt?: string; demo?: boolean; demoAsOf?: IsoDate } | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.meta() }));
      return Item ?? null;
    },

    async putMeta(meta: { seededAt: string; demo: boolean; demoAsOf: IsoDate }): Promise<void> {
      await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: [{ PutRequest: { Item: { ...keys.meta(), ...meta } } }] } }));
    },

    /** Recounts every county from its team items and compares with the stored aggregates. */
    async reconcile(): Promise<{ counties: number; drift: Drift[] }> {
      const aggregates = await this.listAggregates();
      const drift: Drift[] = [];
      for (const agg of aggregates) {
        const items = await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.teamPartition(agg.code), ':prefix': keys.teamPrefix },
          ProjectionExpression: 'members, meetsStandard, failedRules',
        });
        const recounted = sumCounters(items.map((it) => countsOf({
          members: Number(it.members),
          verdict: {
            meetsStandard: Boolean(it.meetsStandard),
            failed: ((it.failedRules as RuleId[]) ?? []).map((ruleId) => ({ ruleId })) as Verdict['failed'],
          },
        })));
        const difference = subtractCounters(agg.counters, recounted);
        if (!isZero(difference)) drift.push({ countyCode: agg.code, stored: agg.counters, recounted, difference });
      }
      return { counties: aggregates.length, drift };
    },
  };
}

export type Store = ReturnType<typeof createStore>;
export { TABLE_KEYS };
