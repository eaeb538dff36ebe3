// Supervision campaigns: the design with its sample (one item; 111 × 19 codes is about 30 KB),
// a small list entry for listing, and one item per check, versioned (If-Match) like a team.
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckInput, Finding, Outcome, Reported } from '#core/campaign.js';
import type { DecisionRule } from '#core/sampling.js';
import { redactPhones } from '#core/personal.js';
import { ConflictError } from '#core/errors.js';
import { message, type WireMessage } from '#core/messages/index.js';
import type { Keys } from './keys.js';
import { inArea } from '#core/area.js';
import { queryAllWith } from './query.js';

export interface Campaign {
  id: string;
  name: string;
  year: number;
  area: string;
  deadline: string;
  sampleSize: number;
  upper: number;
  lower: number;
  /** Drawn by the tracker; until the deadline only its SHA-256 is shown to anyone but the organiser. */
  seed: string;
  seedHash: string;
  rule: DecisionRule;
  registryVersion: number;
  /** Each county's communities in scope (the weight) and its sample. */
  counties: Record<string, { size: number; sample: string[] }>;
  createdBy: string;
  createdAt: string;
  /** Simulated demo data (模拟演示数据). */
  demo?: boolean;
}

export interface StoredCheck extends CheckInput {
  communityCode: string;
  /** When the community was first checked (version 1): what month-end progress counts. */
  firstAt?: string;
  reported: Reported;
  outcome: Outcome;
  findings: Finding[];
  verified: boolean;
  version: number;
  at: string;
  by: string;
}

export interface Answer {
  communityCode: string;
  /** 1 for the first answer, one more for each after it (the reopening included): each write is conditional on the one read. */
  version: number;
  /** open: reopened after a closed discrepancy's check was changed to find something else. */
  status: 'open' | 'corrected' | 'disputed' | 'closed';
  reason?: string;
  /** The reason as a message of the catalogue, when the system wrote it (a reopening). */
  reasonMessage?: WireMessage;
  by: string;
  at: string;
  /** Earlier answers, oldest first. */
  history: { status: string; reason?: string; reasonMessage?: WireMessage; by: string; at: string }[];
}

/** An open finding on a team (核查发现问题), until the inspector closes it. */
export interface OpenFinding {
  communityCode: string;
  campaignId: string;
  campaignName: string;
  findings: Finding[];
  at: string;
  /** When it was first raised (`at` is its latest check), and when the organiser closed it. */
  raisedAt?: string;
  closedAt?: string;
}

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest;
};

/** An answer item's version: stored since answers were versioned, else counted from its history (each earlier answer is one entry). */
export const answerVersion = (a: Omit<Answer, 'version'> & { version?: number }): number => a.version ?? a.history.length + 1;

/** An answer item as an Answer, with its version (counted for an item from before answers were versioned). */
const answerOf = (item: Record<string, unknown>): Answer => {
  const a = strip(item) as unknown as Answer;
  return { ...a, version: answerVersion(a) };
};

/** A check as its locked audit copy holds it: a phone typed into the note or evidence masked. */
const lockedCopy = (check: StoredCheck): StoredCheck => ({
  ...check,
  ...(check.note ? { note: redactPhones(check.note) } : {}),
  ...(check.evidence ? { evidence: redactPhones(check.evidence) } : {}),
});

/** An answer's append-only copy in the audit table, in the answer's own transaction. */
const answerLog = (keys: Keys, auditTableName: string, id: string, a: Answer) => ({
  Put: {
    TableName: auditTableName,
    ConditionExpression: 'attribute_not_exists(pk)',
    Item: {
      ...keys.answerLog(id, a.communityCode, a.at),
      type: 'answer-log',
      campaignId: id,
      communityCode: a.communityCode,
      status: a.status,
      ...(a.reason ? { reason: redactPhones(a.reason) } : {}),
      by: a.by,
      at: a.at,
    },
  },
});

/** Why an answer written over version `read` (null: none) was refused, given the answer stored now. */
export function answerConflict(now: Answer | null, read: number | null): ConflictError {
  if (now?.status === 'closed') return new ConflictError(message('finding.closed'), now.version);
  if (!now) return new ConflictError(message('answer.version.none'), null);
  return new ConflictError(
    read === null
      ? message('answer.conflict.first', { version: now.version })
      : message('answer.conflict', { version: now.version, yours: read }),
    now.version,
  );
}

/** The answer item is still the version the writer read (`null`: there was none). */
const answerIs = (read: number | null) =>
  read === null
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '(#v = :read OR (attribute_not_exists(#v) AND size(history) = :earlier)) AND #s <> :closed',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':read': read, ':earlier': read - 1, ':closed': 'closed' },
      };

const NOT_CLOSED = {
  ConditionExpression: 'attribute_not_exists(pk) OR #s <> :closed',
  ExpressionAttributeNames: { '#s': 'status' },
  ExpressionAttributeValues: { ':closed': 'closed' },
};

/** A reopening replaces the closed answer it read, and only that one. */
const reopenedFrom = (read: number) => ({
  ConditionExpression: '(#v = :read OR (attribute_not_exists(#v) AND size(history) = :earlier)) AND #s = :closed',
  ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
  ExpressionAttributeValues: { ':read': read, ':earlier': read - 1, ':closed': 'closed' },
});

export function createCampaignStore(doc: DynamoDBDocumentClient, tableName: string, auditTableName: string, keys: Keys) {
  const queryAll = queryAllWith(doc, tableName);
  const queryAudit = queryAllWith(doc, auditTableName);
  /** One transaction; false when a condition failed (the caller answers 409). */
  const transact = async (items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) => {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'TransactionCanceledException') return false;
      throw e;
    }
  };
  /** A campaign's finding on a community as stored, open or closed. */
  const getFindingRecord = async (communityCode: string, campaignId: string): Promise<OpenFinding | null> => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: keys.finding(communityCode, campaignId), ConsistentRead: true }),
    );
    return Item ? (strip(Item) as unknown as OpenFinding) : null;
  };
  /** A county's findings, open and closed, one Query beside its teams (of one community when given). */
  const listFindingRecords = async (countyCode: string, communityCode?: string): Promise<OpenFinding[]> =>
    (
      await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': `COUNTY#${countyCode}`,
          ':prefix': `${keys.findingPrefix}${communityCode ? `${communityCode}#` : ''}`,
        },
        ConsistentRead: true,
      })
    ).map((i) => strip(i) as unknown as OpenFinding);
  /** Lifts a campaign's open mark on a community (the write role holds no DeleteItem: it is marked closed). */
  const closeMark = (id: string, communityCode: string, at: string) => ({
    Update: {
      TableName: tableName,
      Key: keys.finding(communityCode, id),
      UpdateExpression: 'SET closedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
      ExpressionAttributeValues: { ':at': at },
    },
  });
  return {
    /** Writes a new campaign and its list entry together; false when the id is taken. */
    async putCampaign(c: Campaign): Promise<boolean> {
      const { counties: _c, ...entry } = c;
      return transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.campaign(c.id), type: 'campaign', ...c },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.campaignEntry(c.id), type: 'campaign-entry', ...entry, counties: Object.keys(c.counties) },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.campaignYear(c.area, c.year), type: 'campaign-year', id: c.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    },

    /** A campaign of this programme (its partition is the campaign's own: one of another programme's area is none here). */
    async getCampaign(id: string): Promise<Campaign | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.campaign(id), ConsistentRead: true }));
      return Item && inArea(keys.programme, String(Item.area)) ? (strip(Item) as unknown as Campaign) : null;
    },

    /** Every campaign's list entry (no samples). */
    async listCampaigns(): Promise<(Omit<Campaign, 'counties'> & { counties: string[] })[]> {
      return (await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.campaignsPartition } })).map(
        (i) => strip(i) as unknown as Omit<Campaign, 'counties'> & { counties: string[] },
      );
    },

    async listChecks(id: string): Promise<StoredCheck[]> {
      return (
        await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.checkPrefix },
          ConsistentRead: true,
        })
      ).map((i) => strip(i) as unknown as StoredCheck);
    },

    async getCheck(id: string, communityCode: string): Promise<StoredCheck | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.check(id, communityCode), ConsistentRead: true }));
      return Item ? (strip(Item) as unknown as StoredCheck) : null;
    },

    /**
     * Writes a check's next version with its audit copy and the team's 核查发现问题 mark in one
     * transaction: `mark` sets this campaign's finding (a discrepancy — only while the organiser has
     * not closed it, unless `reopen` reopens it), or closes it (a check that confirms). False when
     * the stored check is not the version the inspector edited, or the discrepancy was closed meanwhile.
     */
    async putCheck(id: string, check: StoredCheck, mark?: { set: OpenFinding } | { close: true }, reopen?: Answer): Promise<boolean> {
      const markItems = !mark
        ? []
        : 'set' in mark
          ? [
              { Put: { TableName: tableName, Item: { ...keys.finding(check.communityCode, id), type: 'finding', ...mark.set } } },
              ...(reopen
                ? [
                    {
                      Put: {
                        TableName: tableName,
                        Item: { ...keys.answer(id, check.communityCode), type: 'answer', ...reopen },
                        ...reopenedFrom(reopen.version - 1),
                      },
                    },
                    answerLog(keys, auditTableName, id, reopen),
                  ]
                : [{ ConditionCheck: { TableName: tableName, Key: keys.answer(id, check.communityCode), ...NOT_CLOSED } }]),
            ]
          : [closeMark(id, check.communityCode, check.at)];
      return transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.check(id, check.communityCode), type: 'check', ...check },
            ...(check.version === 1
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': check.version - 1 } }),
          },
        },
        {
          Put: {
            TableName: auditTableName,
            Item: { ...keys.checkLog(id, check.communityCode, check.version), type: 'check-log', ...lockedCopy(check) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...markItems,
      ]);
    },

    /** A county's checks in a campaign (its communities' codes begin with the county's). */
    async listCountyChecks(id: string, countyCode: string): Promise<StoredCheck[]> {
      return (
        await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': `${keys.checkPrefix}${countyCode}` },
          ConsistentRead: true,
        })
      ).map((i) => strip(i) as unknown as StoredCheck);
    },

    async listAnswers(id: string, countyCode: string): Promise<Answer[]> {
      return (
        await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.answerPrefix(countyCode) },
          ConsistentRead: true,
        })
      ).map(answerOf);
    },

    async getAnswer(id: string, communityCode: string): Promise<Answer | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.answer(id, communityCode), ConsistentRead: true }));
      return Item ? answerOf(Item) : null;
    },

    /**
     * The county's answer, or the organiser's 销号 with the mark lifted, in one transaction, written
     * only over the version its writer read (`answer.version - 1`; 0: none): the history it carries is
     * the one read, so no answer given meanwhile is dropped from it. A ConflictError with the version
     * now stored when another answer (or the 销号) came first; nothing is written then.
     */
    async putAnswer(id: string, answer: Answer): Promise<void> {
      const read = answer.version > 1 ? answer.version - 1 : null;
      const finding = answer.status === 'closed' ? await getFindingRecord(answer.communityCode, id) : null;
      const written = await transact([
        { Put: { TableName: tableName, Item: { ...keys.answer(id, answer.communityCode), type: 'answer', ...answer }, ...answerIs(read) } },
        answerLog(keys, auditTableName, id, answer),
        ...(finding && !finding.closedAt ? [closeMark(id, answer.communityCode, answer.at)] : []),
      ]);
      if (written) return;
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.answer(id, answer.communityCode), ConsistentRead: true }),
      );
      const now = Item ? answerOf(Item) : null;
      throw answerConflict(now, read);
    },

    /** A community's open finding (from any campaign): the team page's mark. */
    async getFinding(communityCode: string): Promise<OpenFinding | null> {
      return (await listFindingRecords(communityCode.slice(0, 6), communityCode)).find((f) => !f.closedAt) ?? null;
    },

    getFindingRecord,
    listFindingRecords,

    /** A county's open findings. */
    async listFindings(countyCode: string): Promise<OpenFinding[]> {
      return (await listFindingRecords(countyCode)).filter((f) => !f.closedAt);
    },

    /** An organiser's view of a sampled leader's phone, kept with the campaign (not in the team's trail, which would show the sample). */
    async recordCampaignView(id: string, view: { communityCode: string; at: string; by: string }): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: auditTableName,
          Item: { ...keys.campaignView(id, view.communityCode, view.at), type: 'campaign-view', campaignId: id, ...view },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async listCampaignViews(id: string, communityCode: string): Promise<{ communityCode: string; at: string; by: string }[]> {
      return (
        await queryAudit({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.campaignViewPrefix(communityCode) },
        })
      ).map(({ communityCode: c, at, by }) => ({ communityCode: c as string, at: at as string, by: by as string }));
    },

    /** A check's versions, oldest first (who recorded what, when). */
    async listCheckLog(id: string, communityCode: string): Promise<StoredCheck[]> {
      return (
        await queryAudit({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.checkLogPrefix(communityCode) },
        })
      ).map((i) => strip(i) as unknown as StoredCheck);
    },
  };
}
