// The repository: every read and write of teams, registries and county aggregates.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { countsOf, delta, isZero, subtractCounters, sumCounters, type Counters } from '#core/aggregate.js';
import type { IsoDate } from '#core/dates.js';
import { diffTeams, type FieldChange } from '#core/diff.js';
import type { CurrentTeam, VersionRecord } from '#core/record.js';
import {
  combineSummaries,
  isZeroSummary,
  ROSTER_SUMMARY_FIELDS,
  rosterDelta,
  rosterSummary,
  TALLY_DAY,
  type JudgedTeam,
  type RosterSummary,
} from '#core/roster-counts.js';
import { ConflictError } from '#core/errors.js';
import type { Verdict } from '#core/rules.js';
import { countsAsReport, reportMonth } from '#core/reporting.js';
import { EXCLUDED_FIELD } from '#core/record.js';
import type { Exclusion } from '#core/registry.js';
import { unitCounts, type CountyUnits } from '#core/registry-read.js';
import { createAnnualStore } from './annual.js';
import type { createCampaignStore } from './campaigns.js';
import type { createImportStore } from './imports.js';
import type { createActivityStore } from './activity.js';
import type { createRosterStore } from './roster.js';
import { combineTallies, practiceTally, sumTallies, tallyDelta, type PracticeTally } from '#core/practices.js';
import type { createMailStore } from './mail.js';
import { createMonthStore } from './months.js';
import { createReportStore, reportWritesUpdate } from './reports.js';
import { createRegistryStore, type RegistryVersion } from './registry.js';
import { createRetentionStore } from './retention.js';
import { createRevealStore } from './reveals.js';
import { createRevealCountStore } from './reveal-counts.js';
import { createRunStore } from './runs.js';
import { createStandardStore } from './standards.js';
import { redactChange, redactPhones, redactWire } from '#core/personal.js';
import { queryAllWith } from './query.js';
import type { MigrationMode } from './tenant-migration.js';
import { auditTableFor, keysFor, TABLE_KEYS, type Keys } from './keys.js';
import { message, type WireMessage } from '#core/messages/index.js';

export interface StoredTeam {
  communityCode: string;
  /** What the county typed, and the roster's entries when the team has one (core/roster-counts.ts). */
  team: JudgedTeam;
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
  /** Why this version was written, when its source alone does not say (e.g. an erasure's reason); kept in the audit record. */
  note?: string;
  /** The note as a message of the catalogue, when the system wrote it (read in the reader's language). */
  noteMessage?: WireMessage;
  /** When the leader's personal data was erased, if it was (the leader is blank since). */
  erasedAt?: string;
  /**
   * A team that does not count: closed (its community left the registry; its history is kept) or
   * outside the programme's scope (its community is not one the programme counts).
   */
  excluded?: Exclusion;
}

export interface CountyAggregate {
  /**
   * Counts writes to the county's teams (each moves it, in its own transaction, whether or not a counter
   * changed) and corrections: reconciliation corrects only if nothing was written since, and a day's
   * stored retention figures are judged again when it moved.
   */
  rev: number;
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  /** Communities in the programme's scope: the denominator. */
  communities: number;
  /** Communities in the registry (in scope or not). */
  registryCommunities: number;
  counters: Counters;
  /**
   * The county's rosters today (core/roster-counts.ts), moved with every team write like the counters; null for
   * an aggregate made before it kept them, until the reconciliation's correction counts them (`roster_since`).
   */
  rosters: RosterSummary | null;
  /** The county's trainings and drills by year (core/activity.ts), moved with every team write too. */
  practices: PracticeTally;
}

/** A county's registry units as they stand (the registry version in force). */
export type CountyRegistry = CountyUnits;

/** One team write: the new state and the state it replaces (null for a new team). */
export interface TeamWrite {
  next: StoredTeam;
  previous: StoredTeam | null;
}

export interface Drift {
  countyCode: string;
  /** The aggregate's rev when it was read, for a conditional correction. */
  rev: number;
  stored: Counters;
  recounted: Counters;
  difference: Counters;
  /** The roster tally as stored (null: not kept yet) and as recounted, when they differ. */
  rosters?: { stored: RosterSummary | null; recounted: RosterSummary };
  /** The practices' tally as stored and as recounted, when they differ. */
  practices?: { stored: PracticeTally; recounted: PracticeTally };
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
  note?: string;
  noteMessage?: WireMessage;
}

export type { MailRecord } from './mail.js';

/** The team attributes a recount needs. */
export const RECOUNT_PROJECTION = 'members, meetsStandard, failedRules, excluded';
/** ...and what the roster tally is recounted from (each team's typed counts and roster entries). */
const ROSTER_RECOUNT_PROJECTION = `${RECOUNT_PROJECTION}, team`;

/** A county's roster tally from its team items alone (projected with ROSTER_RECOUNT_PROJECTION). */
export function recountRosters(teamItems: Record<string, unknown>[]): RosterSummary {
  return rosterSummary(
    teamItems.filter((it) => !it.excluded).map((it) => it.team as JudgedTeam),
    TALLY_DAY,
  );
}

/** A county's practices from its team items alone (projected with ROSTER_RECOUNT_PROJECTION). */
export const recountPractices = (teamItems: Record<string, unknown>[]): PracticeTally =>
  sumTallies(teamItems.filter((it) => !it.excluded).map((it) => practiceTally((it.team as JudgedTeam).log)));

/** A practice tally's key (2026.events) as an aggregate's attribute (practice_2026_events), and back. */
const PRACTICE_PREFIX = 'practice_';
const practiceAttr = (key: string) => `${PRACTICE_PREFIX}${key.replace('.', '_')}`;
const practiceKey = (attr: string) => attr.slice(PRACTICE_PREFIX.length).replace('_', '.');

const ROSTER_PREFIX = 'roster_';
/** When the aggregate began to keep its roster tally: made with it, or counted by a reconciliation's correction. */
const ROSTER_SINCE = 'roster_since';

/** What a county's counters would be from its team items alone (projected with RECOUNT_PROJECTION). */
export function recount(teamItems: Record<string, unknown>[]): Counters {
  return sumCounters(
    teamItems
      .filter((it) => !it.excluded)
      .map((it) =>
        countsOf({
          members: Number(it.members),
          verdict: {
            meetsStandard: Boolean(it.meetsStandard),
            failed: ((it.failedRules as string[]) ?? []).map((ruleId) => ({ ruleId })) as Verdict['failed'],
          },
        }),
      ),
  );
}

/**
 * A transaction holds at most 100 actions: 49 team writes, their 49 audit records, the county's
 * aggregate update and its monthly report (when a person wrote: the form or an import).
 */
export const TEAMS_PER_TRANSACTION = 49;

type ImportStore = ReturnType<typeof createImportStore>;

/** A module's store made on the first call that needs it, once. */
const loadedOnce = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};

/**
 * The import records' store, loaded with the first import: the read API never touches it, and its cold
 * start (held to 500 KB) does not carry it.
 */
function lazyImportStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys): ImportStore {
  const store = loadedOnce(() => import('./imports.js').then((m) => m.createImportStore(doc, tableName, keys)));
  return {
    getImport: async (...a) => (await store()).getImport(...a),
    claimImport: async (...a) => (await store()).claimImport(...a),
    renewImport: async (...a) => (await store()).renewImport(...a),
    finishImport: async (...a) => (await store()).finishImport(...a),
  };
}

type CampaignStore = ReturnType<typeof createCampaignStore>;

/**
 * The supervision campaigns' store, loaded with the first call that needs it (a campaign's page, a
 * team's open finding): the read API's cold start (held to 500 KB) does not carry it. Every method is
 * listed here (the type checker holds the list to the store's).
 */
function lazyCampaignStore(doc: DynamoDBDocumentClient, tableName: string, auditTableName: string, keys: Keys): CampaignStore {
  const store = loadedOnce(() => import('./campaigns.js').then((m) => m.createCampaignStore(doc, tableName, auditTableName, keys)));
  return {
    putCampaign: async (...a) => (await store()).putCampaign(...a),
    getCampaign: async (...a) => (await store()).getCampaign(...a),
    listCampaigns: async (...a) => (await store()).listCampaigns(...a),
    listChecks: async (...a) => (await store()).listChecks(...a),
    getCheck: async (...a) => (await store()).getCheck(...a),
    putCheck: async (...a) => (await store()).putCheck(...a),
    listCountyChecks: async (...a) => (await store()).listCountyChecks(...a),
    listAnswers: async (...a) => (await store()).listAnswers(...a),
    getAnswer: async (...a) => (await store()).getAnswer(...a),
    putAnswer: async (...a) => (await store()).putAnswer(...a),
    getFinding: async (...a) => (await store()).getFinding(...a),
    listFindings: async (...a) => (await store()).listFindings(...a),
    getFindingRecord: async (...a) => (await store()).getFindingRecord(...a),
    listFindingRecords: async (...a) => (await store()).listFindingRecords(...a),
    recordCampaignView: async (...a) => (await store()).recordCampaignView(...a),
    listCampaignViews: async (...a) => (await store()).listCampaignViews(...a),
    listCheckLog: async (...a) => (await store()).listCheckLog(...a),
  };
}

type RosterStore = ReturnType<typeof createRosterStore>;
type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** What the rosters' store needs of the teams' to write a team in the same transaction as its memberships. */
export interface TeamWriter {
  readTeam(communityCode: string): Promise<StoredTeam | null>;
  teamActions(county: string, writes: TeamWrite[], now: string): TransactItems;
}

/** The rosters' store, loaded with the first call that needs it (a team's roster): the read API's cold start does not carry it. */
function lazyRosterStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys, teams: TeamWriter): RosterStore {
  const store = loadedOnce(() => import('./roster.js').then((m) => m.createRosterStore(doc, tableName, keys, teams)));
  return {
    loadRosters: async (...a) => (await store()).loadRosters(...a),
    listDeparted: async (...a) => (await store()).listDeparted(...a),
    eraseMembership: async (...a) => (await store()).eraseMembership(...a),
    resolveMembership: async (...a) => (await store()).resolveMembership(...a),
    correctMembership: async (...a) => (await store()).correctMembership(...a),
    countingCommunity: async (...a) => (await store()).countingCommunity(...a),
    listRoster: async (...a) => (await store()).listRoster(...a),
    addMembership: async (...a) => (await store()).addMembership(...a),
    endMembership: async (...a) => (await store()).endMembership(...a),
    applyRows: async (...a) => (await store()).applyRows(...a),
    listCountyRoster: async (...a) => (await store()).listCountyRoster(...a),
    identityClaims: async (...a) => (await store()).identityClaims(...a),
  };
}

type ActivityStore = ReturnType<typeof createActivityStore>;

/** The activity logs' store, loaded with the first call that needs it: the read API's cold start does not carry it. */
function lazyActivityStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys, teams: TeamWriter): ActivityStore {
  const store = loadedOnce(() => import('./activity.js').then((m) => m.createActivityStore(doc, tableName, keys, teams)));
  return {
    listActivity: async (...a) => (await store()).listActivity(...a),
    loadActivity: async (...a) => (await store()).loadActivity(...a),
    getActivity: async (...a) => (await store()).getActivity(...a),
    recordActivity: async (...a) => (await store()).recordActivity(...a),
    withdrawActivity: async (...a) => (await store()).withdrawActivity(...a),
  };
}

type MailStore = ReturnType<typeof createMailStore>;

/** The mail claims' store, loaded with the monthly summary's first send: the API's cold start does not carry it. */
function lazyMailStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys): MailStore {
  const store = loadedOnce(() => import('./mail.js').then((m) => m.createMailStore(doc, tableName, keys)));
  return {
    claimMail: async (...a) => (await store()).claimMail(...a),
    finishMail: async (...a) => (await store()).finishMail(...a),
    listMail: async (...a) => (await store()).listMail(...a),
  };
}

/** A team's part in its county's counters: none when it does not count. */
const counted = (t: StoredTeam | null) => (t && !t.excluded ? t : null);

const FAILURE_PREFIX = 'fail_';
const failureAttr = (id: string) => `${FAILURE_PREFIX}${id}`;
const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/** The store of one programme (its root area's code): its shared records under `P#<area>#`, its counties' under their own partitions. */
export function createStore(doc: DynamoDBDocumentClient, tableName: string, programme: string, auditTableName = auditTableFor(tableName)) {
  const keys = keysFor(programme);
  const queryAll = queryAllWith(doc, tableName);
  const queryAudit = queryAllWith(doc, auditTableName);

  function teamItem(t: StoredTeam) {
    return {
      ...keys.team(t.communityCode),
      // A team that does not count never lapses: it is not on the lapse index.
      ...(t.verdict.holdsUntil && !t.excluded ? keys.lapse(t.verdict.holdsUntil, t.communityCode) : {}),
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
      erasedAt: t.erasedAt,
      excluded: t.excluded,
    };
  }

  function auditItem(w: TeamWrite) {
    const record: AuditRecord = {
      communityCode: w.next.communityCode,
      version: w.next.version,
      at: w.next.updatedAt,
      by: w.next.updatedBy,
      source: w.next.source,
      // A leader's name and phone are personal data: the record says they changed, never to what.
      changes: [
        ...diffTeams(w.previous?.team ?? null, w.next.team).map(redactChange),
        // Whether the team counts is part of its state: the month-end rebuild undoes it like any field.
        ...((w.previous?.excluded ?? null) !== (w.next.excluded ?? null)
          ? [{ field: EXCLUDED_FIELD, before: w.previous?.excluded ?? null, after: w.next.excluded ?? null }]
          : []),
      ],
      // The trail is locked in S3: a phone typed into a reason is masked before it gets there.
      ...(w.next.note ? { note: redactPhones(w.next.note) } : {}),
      ...(w.next.noteMessage ? { noteMessage: redactWire(w.next.noteMessage) } : {}),
      meetsStandard: w.next.verdict.meetsStandard,
      failedRules: w.next.verdict.failed.map((f) => f.ruleId),
    };
    return { ...keys.audit(w.next.communityCode, w.next.version), type: 'audit', ...record };
  }

  function fromTeamItem(item: Record<string, unknown>): StoredTeam {
    const { communityCode, team, members, verdict, version, updatedAt, updatedBy, source, demo, erasedAt, excluded } =
      item as unknown as StoredTeam;
    return {
      communityCode,
      team,
      members,
      verdict,
      version,
      updatedAt,
      updatedBy,
      source,
      demo: Boolean(demo),
      ...(erasedAt ? { erasedAt } : {}),
      ...(excluded ? { excluded } : {}),
    };
  }

  function fromAggregateItem(item: Record<string, unknown>): CountyAggregate {
    const n = (k: string) => Number(item[k] ?? 0);
    return {
      rev: Number(item.rev ?? 0),
      code: String(item.code),
      name: String(item.name),
      cityCode: String(item.cityCode),
      cityName: String(item.cityName),
      communities: n('communities'),
      registryCommunities: item.registryCommunities === undefined ? n('communities') : n('registryCommunities'),
      counters: {
        teamsRegistered: n('teamsRegistered'),
        teamsMeetingStandard: n('teamsMeetingStandard'),
        members: n('members'),
        // One fail_<rule> attribute per rule ever failed in the county; those at 0 are not failures.
        failures: Object.fromEntries(
          Object.keys(item)
            .filter((k) => k.startsWith(FAILURE_PREFIX) && n(k) !== 0)
            .map((k) => [k.slice(FAILURE_PREFIX.length), n(k)]),
        ),
      },
      rosters:
        item[ROSTER_SINCE] === undefined
          ? null
          : (Object.fromEntries(ROSTER_SUMMARY_FIELDS.map((f) => [f, n(`${ROSTER_PREFIX}${f}`)])) as unknown as RosterSummary),
      practices: Object.fromEntries(
        Object.keys(item)
          .filter((k) => k.startsWith(PRACTICE_PREFIX) && n(k) !== 0)
          .map((k) => [practiceKey(k), n(k)]),
      ),
    };
  }

  function aggregateUpdate(countyCode: string, d: Counters, now: string, rosters?: RosterSummary, practices: PracticeTally = {}) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':now': now, ':one': 1 };
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
    for (const [id, n] of Object.entries(d.failures)) add(failureAttr(id), n);
    if (rosters) for (const f of ROSTER_SUMMARY_FIELDS) if (rosters[f] !== 0) add(`${ROSTER_PREFIX}${f}`, rosters[f]);
    for (const [k, v] of Object.entries(practices)) add(practiceAttr(k), v);
    return {
      Update: {
        TableName: tableName,
        Key: keys.aggregate(countyCode),
        UpdateExpression: `SET updatedAt = :now ADD rev :one, ${adds.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * The actions that write teams of one county in one transaction: each team on condition of the version it
   * was read at (first, in the writes' order), the county's aggregate moved by their counted difference, their
   * audit records, and the month's report when a person wrote them.
   */
  function teamActions(county: string, chunk: TeamWrite[], now: string): TransactItems {
    const d = sumCounters(chunk.map((w) => delta(counted(w.previous), counted(w.next))));
    const rosters = chunk
      .map((w) => rosterDelta(counted(w.previous)?.team ?? null, counted(w.next)?.team ?? null))
      .reduce((a, b) => combineSummaries(a, b));
    const practices = chunk
      .map((w) => tallyDelta(counted(w.previous)?.team.log, counted(w.next)?.team.log))
      .reduce((a, b) => combineTallies(a, b));
    const items = chunk.map((w) => ({
      Put: {
        TableName: tableName,
        Item: teamItem(w.next),
        ...(w.previous
          ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': w.previous.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    }));
    // Append-only: a version's record is written once, never over an earlier one.
    const audits = chunk.map((w) => ({
      Put: { TableName: auditTableName, Item: auditItem(w), ConditionExpression: 'attribute_not_exists(pk)' },
    }));
    const reporting = chunk.filter((w) => countsAsReport(w.next.source));
    const report = reporting.length
      ? [reportWritesUpdate(keys, tableName, county, reportMonth(now), reporting.length, reporting.at(-1)!.next.updatedBy, now)]
      : [];
    // The aggregate's rev moves with every write, counted or not: what was judged from the county's teams (a day's retention) says which rev it saw.
    return [...items, aggregateUpdate(county, d, now, rosters, practices), ...audits, ...report];
  }

  async function readTeam(communityCode: string): Promise<StoredTeam | null> {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.team(communityCode), ConsistentRead: true }));
    return Item ? fromTeamItem(Item) : null;
  }

  return {
    tableName,
    auditTableName,
    /** The programme (its root area's code) whose records this store reads and writes. */
    programme,
    ...lazyImportStore(doc, tableName, keys),
    ...createRevealStore(doc, auditTableName, keys),
    ...createRevealCountStore(doc, tableName, keys),
    ...createMonthStore(doc, tableName, keys),
    ...createStandardStore(doc, tableName, keys),
    ...createReportStore(doc, tableName, keys),
    ...createRegistryStore(doc, tableName, keys),
    ...createAnnualStore(doc, tableName, keys),
    ...lazyCampaignStore(doc, tableName, auditTableName, keys),
    ...lazyRosterStore(doc, tableName, keys, { readTeam, teamActions }),
    ...lazyActivityStore(doc, tableName, keys, { readTeam, teamActions }),
    ...lazyMailStore(doc, tableName, keys),
    ...createRunStore(doc, tableName, keys),
    ...createRetentionStore(doc, tableName, keys),

    getTeam: readTeam,

    /** A county's teams; closed ones (their community left the registry) only with `closed`. */
    async listTeams(countyCode: string, options: { closed?: boolean } = {}): Promise<StoredTeam[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':prefix': keys.teamPrefix },
      });
      return items.map(fromTeamItem).filter((t) => options.closed || t.excluded !== 'closed');
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
          const actions = teamActions(county, chunk, now);
          try {
            await doc.send(new TransactWriteCommand({ TransactItems: actions }));
          } catch (e) {
            if (!(e instanceof TransactionCanceledException)) throw e;
            const reasons = e.CancellationReasons ?? [];
            const stale = chunk.filter((_, j) => reasons[j]?.Code === 'ConditionalCheckFailed');
            if (reasons[chunk.length]?.Code === 'ConditionalCheckFailed') {
              throw new ConflictError(message('county.notRegistered', { county }), null);
            }
            if (stale.length === 0) throw e;
            // The current team is not attached: what a caller may see of it (a masked phone) is the use case's to decide.
            const current = await readTeam(stale[0].next.communityCode);
            throw new ConflictError(
              message('teams.conflict.bulk', {
                communities: {
                  zh: stale.map((w) => w.next.communityCode).join('、'),
                  en: stale.map((w) => w.next.communityCode).join(', '),
                },
              }),
              current?.version ?? null,
              undefined,
              stale.map((w) => w.next.communityCode),
            );
          }
        }
      }
    },

    /** A team's audit trail, newest first. */
    async listHistory(communityCode: string): Promise<AuditRecord[]> {
      const items = await queryAudit({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(communityCode.slice(0, 6)), ':prefix': keys.auditPrefix(communityCode) },
        ScanIndexForward: false,
      });
      return items.map(
        ({ communityCode: c, version, at, by, source, changes, meetsStandard, failedRules, note, noteMessage }) =>
          ({
            communityCode: c,
            version,
            at,
            by,
            source,
            changes,
            meetsStandard,
            failedRules,
            ...(note ? { note } : {}),
            ...(noteMessage ? { noteMessage } : {}),
          }) as AuditRecord,
      );
    },

    /**
     * What a county's figures at `instant` rest on: its teams as they stand, and the audit records
     * of those written at or after the instant (their earlier states are rebuilt from them).
     */
    async countyRecord(countyCode: string, instant: string): Promise<{ teams: CurrentTeam[]; records: Map<string, VersionRecord[]> }> {
      const teams = (await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':prefix': keys.teamPrefix },
        ProjectionExpression: 'communityCode, team, version, updatedAt, excluded',
        ConsistentRead: true,
      })) as unknown as CurrentTeam[];
      const changed = teams.filter((t) => t.updatedAt >= instant).map((t) => t.communityCode);
      const records = new Map<string, VersionRecord[]>();
      const audits = (prefix: string) =>
        queryAudit({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.teamPartition(countyCode), ':prefix': prefix },
          ProjectionExpression: 'communityCode, version, #at, changes',
          ExpressionAttributeNames: { '#at': 'at' },
          ConsistentRead: true,
        });
      // A few teams: their own records; many (a month long past): the county's whole trail at once.
      const items =
        changed.length > 40
          ? await audits(keys.auditPartitionPrefix)
          : (await Promise.all(changed.map((code) => audits(keys.auditPrefix(code))))).flat();
      for (const item of items) {
        const code = String(item.communityCode);
        records.set(code, [
          ...(records.get(code) ?? []),
          { version: Number(item.version), at: String(item.at), changes: item.changes as FieldChange[] },
        ]);
      }
      return { teams, records };
    },

    /** How many times a county's teams lapsed (the lapse job's writes) between two instants. */
    async countLapses(countyCode: string, from: string, to: string): Promise<number> {
      const items = await queryAudit({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: '#source = :lapse AND #at >= :from AND #at < :to',
        ExpressionAttributeNames: { '#source': 'source', '#at': 'at' },
        ExpressionAttributeValues: {
          ':pk': keys.teamPartition(countyCode),
          ':prefix': keys.auditPartitionPrefix,
          ':lapse': 'lapse',
          ':from': from,
          ':to': to,
        },
        ProjectionExpression: 'communityCode',
      });
      return items.length;
    },

    async listRecipients(): Promise<{ scope: string; emails: string[]; updatedBy?: string; updatedAt?: string }[]> {
      const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.recipientsPartition } });
      return items.map((i) => ({
        scope: String(i.sk),
        emails: (i.emails as string[]) ?? [],
        updatedBy: i.updatedBy as string,
        updatedAt: i.updatedAt as string,
      }));
    },

    async putRecipients(scope: string, emails: string[], updatedBy: string, now: string): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.recipients(scope), type: 'recipients', emails, updatedBy, updatedAt: now },
        }),
      );
    },

    /** Team keys whose verdict held until a day before `date`, from the lapse index (the cities' months `from`..`date`'s). */
    async listLapsed(date: IsoDate, fromMonth: string, cityCodes: readonly string[]): Promise<string[]> {
      const codes: string[] = [];
      for (const city of cityCodes)
        for (let m = fromMonth; m <= date.slice(0, 7); m = nextMonth(m)) {
          const items = await queryAll({
            IndexName: TABLE_KEYS.lapseIndex,
            KeyConditionExpression: 'lapsePk = :pk AND lapseSk < :date',
            ExpressionAttributeValues: { ':pk': keys.lapsePartition(city, m), ':date': date },
          });
          codes.push(...items.map((i) => String(i.lapseSk).split('#')[1]));
        }
      return codes;
    },

    /**
     * Sets a county's counters to a recount (used by reconciliation, conditional on no write in
     * between); `staleRules`: rules the stored counters name that the recount does not, set to 0.
     */
    async correctAggregate(
      countyCode: string,
      counters: Counters,
      expectedRev: number,
      now: string,
      staleRules: string[] = [],
      rosters?: RosterSummary,
      practices?: { recounted: PracticeTally; stale: string[] },
    ): Promise<boolean> {
      const names: Record<string, string> = { '#u': 'updatedAt', '#rev': 'rev' };
      const values: Record<string, unknown> = {
        ':now': now,
        ':r': counters.teamsRegistered,
        ':m': counters.teamsMeetingStandard,
        ':n': counters.members,
        ':expected': expectedRev,
        ':next': expectedRev + 1,
      };
      const sets = ['teamsRegistered = :r', 'teamsMeetingStandard = :m', 'members = :n', '#u = :now', '#rev = :next'];
      [...new Set([...Object.keys(counters.failures), ...staleRules])].forEach((id, i) => {
        names[`#f${i}`] = failureAttr(id);
        values[`:f${i}`] = counters.failures[id] ?? 0;
        sets.push(`#f${i} = :f${i}`);
      });
      if (rosters) {
        for (const f of ROSTER_SUMMARY_FIELDS) {
          names[`#t_${f}`] = `${ROSTER_PREFIX}${f}`;
          values[`:t_${f}`] = rosters[f];
          sets.push(`#t_${f} = :t_${f}`);
        }
        names['#since'] = ROSTER_SINCE;
        sets.push('#since = if_not_exists(#since, :now)');
      }
      if (practices)
        [...new Set([...Object.keys(practices.recounted), ...practices.stale])].forEach((k, i) => {
          names[`#p${i}`] = practiceAttr(k);
          values[`:p${i}`] = practices.recounted[k] ?? 0;
          sets.push(`#p${i} = :p${i}`);
        });
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.aggregate(countyCode),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: expectedRev ? '#rev = :expected' : 'attribute_not_exists(#rev) OR #rev = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },

    /** `consistent`: a strongly consistent read (a write that has been answered is seen, its rev included). */
    async listAggregates(options: { consistent?: boolean } = {}): Promise<CountyAggregate[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.aggregatePartition },
        ...(options.consistent ? { ConsistentRead: true } : {}),
      });
      return items.map(fromAggregateItem);
    },

    async getAggregate(countyCode: string): Promise<CountyAggregate | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.aggregate(countyCode), ConsistentRead: true }));
      return Item ? fromAggregateItem(Item) : null;
    },

    async getRegistry(countyCode: string): Promise<CountyRegistry | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.registry(countyCode) }));
      if (!Item) return null;
      const { code, name, cityCode, cityName, townships, communities, outOfScope } = Item as unknown as CountyRegistry;
      return { code, name, cityCode, cityName, townships, communities, ...(outOfScope ? { outOfScope } : {}) };
    },

    /**
     * Loads the first registry (version 1, unless a version exists already) and each county's
     * current registry, creating each county's aggregate at zero if it has none yet.
     */
    async putRegistries(
      registries: CountyRegistry[],
      now: string,
      edition: { source?: string; effectiveFrom?: IsoDate; simulated?: boolean } = {},
    ): Promise<void> {
      const versions = await this.listRegistryVersions();
      // A first load cut off part-way (version 1 never applied) is done again: its copies rewritten, then applied.
      const first = versions[0];
      if (first && first.version === 1 && first.status !== 'applied' && first.status !== 'abandoned' && versions.length === 1) {
        await this.beginRegistryCopies(1, registries);
        if (first.status === 'preparing') await this.markApplying(1);
        await this.putCurrentRegistries(registries, now);
        await this.finishRegistryVersion(1, now);
        return;
      }
      if (!versions.length) {
        const first: RegistryVersion = {
          version: 1,
          effectiveFrom: edition.effectiveFrom ?? '2021-01-01',
          status: 'preparing',
          source: edition.source ?? 'data/registry',
          by: 'seed',
          at: now,
          changeCount: 0,
          counties: Object.fromEntries(registries.map((r) => [r.code, unitCounts(r)])),
          ...(edition.simulated ? { simulated: true } : {}),
        };
        if (await this.beginRegistryVersion(first, [], registries)) {
          await this.putCurrentRegistries(registries, now);
          await this.finishRegistryVersion(1, now);
          return;
        }
      }
      await this.putCurrentRegistries(registries, now);
    },

    /** Makes these county registries the current ones, with their aggregates' unit counts (in scope, and in the registry). */
    async putCurrentRegistries(registries: CountyRegistry[], now: string): Promise<void> {
      for (const r of registries) {
        const [all, counted] = unitCounts(r);
        // A county's first aggregate keeps its roster tally from the start (zero: it has no team yet).
        const { Item: held } = await doc.send(
          new GetCommand({ TableName: tableName, Key: keys.aggregate(r.code), ProjectionExpression: 'pk', ConsistentRead: true }),
        );
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...keys.registry(r.code), type: 'registry', ...r, updatedAt: now } } },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.aggregate(r.code),
                  UpdateExpression: `SET #code = :code, #name = :name, cityCode = :city, cityName = :cityName, communities = :n, registryCommunities = :all, updatedAt = :now${held ? '' : ', #since = :now'}`,
                  ExpressionAttributeNames: { '#code': 'code', '#name': 'name', ...(held ? {} : { '#since': ROSTER_SINCE }) },
                  ExpressionAttributeValues: {
                    ':code': r.code,
                    ':name': r.name,
                    ':city': r.cityCode,
                    ':cityName': r.cityName,
                    ':n': counted,
                    ':all': all,
                    ':now': now,
                  },
                },
              },
            ],
          }),
        );
      }
    },

    /** Moves a table from before the tenant keys under this programme's (tenant-migration.ts); loaded only when called. */
    async moveToTenantKeys(options: { now: string; mode?: MigrationMode; stopAfter?: number }) {
      return (await import('./tenant-migration.js')).migrateToTenantKeys(doc, tableName, programme, options);
    },

    /** The counties of a table from before the tenant keys (none when the table has none: new, or moved). */
    async legacyCounties() {
      return (await import('./tenant-migration.js')).legacyCounties(doc, tableName);
    },

    async getMeta(): Promise<{ seededAt?: string; demo?: boolean; demoAsOf?: IsoDate } | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.meta() }));
      return Item ?? null;
    },

    async putMeta(meta: { seededAt: string; demo: boolean; demoAsOf: IsoDate }): Promise<void> {
      await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: [{ PutRequest: { Item: { ...keys.meta(), ...meta } } }] } }));
    },

    /**
     * Recounts every county from its team items and compares with its aggregate. A county is read
     * as aggregate → teams → aggregate: only when its rev did not move in between (no write landed)
     * is a difference real drift, and only then is it corrected (conditionally on that rev) if `fix`.
     */
    async reconcile(options: { fix?: boolean; now?: string } = {}): Promise<{ counties: number; drift: Drift[]; corrected: string[] }> {
      if (options.fix && !options.now) throw new Error('reconcile: a correction needs the instant it is made (now)');
      const aggregates = await this.listAggregates();
      const drift: Drift[] = [];
      const corrected: string[] = [];
      for (const first of aggregates) {
        for (let agg: CountyAggregate | null = first, attempt = 0; agg && attempt < 5; attempt++) {
          const items = await queryAll({
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.teamPartition(agg.code), ':prefix': keys.teamPrefix },
            ProjectionExpression: ROSTER_RECOUNT_PROJECTION,
            ConsistentRead: true,
          });
          const recounted = recount(items);
          const rosters = recountRosters(items);
          const practices = recountPractices(items);
          const after = await this.getAggregate(agg.code);
          if (!after || after.rev !== agg.rev) {
            agg = after;
            continue;
          } // a write landed meanwhile: look again
          const difference = subtractCounters(agg.counters, recounted);
          // An aggregate made before the tally has none to compare: a correction counts it, a report alone says nothing.
          const rostersDiffer = agg.rosters ? !isZeroSummary(combineSummaries(agg.rosters, rosters, -1)) : Boolean(options.fix);
          const practicesDiffer = Object.keys(combineTallies(agg.practices, practices, -1)).length > 0;
          if (!isZero(difference) || rostersDiffer || practicesDiffer) {
            drift.push({
              countyCode: agg.code,
              rev: agg.rev,
              stored: agg.counters,
              recounted,
              difference,
              ...(rostersDiffer ? { rosters: { stored: agg.rosters, recounted: rosters } } : {}),
              ...(practicesDiffer ? { practices: { stored: agg.practices, recounted: practices } } : {}),
            });
            const stale = { recounted: practices, stale: Object.keys(agg.practices) };
            if (
              options.fix &&
              (await this.correctAggregate(agg.code, recounted, agg.rev, options.now!, Object.keys(agg.counters.failures), rosters, stale))
            )
              corrected.push(agg.code);
          }
          break;
        }
      }
      return { counties: aggregates.length, drift, corrected };
    },
  };
}

export type Store = ReturnType<typeof createStore>;
export { TABLE_KEYS };
