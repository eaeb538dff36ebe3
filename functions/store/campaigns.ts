// Supervision campaigns: the design with its sample (one item; 111 × 19 codes is about 30 KB),
// a small list entry for listing, and one item per check, versioned (If-Match) like a team.
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckInput, Finding, Outcome, Reported } from '../core/campaign.js';
import type { DecisionRule } from '../core/sampling.js';
import { keys } from './keys.js';
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
  status: 'corrected' | 'disputed' | 'closed';
  reason?: string;
  by: string;
  at: string;
  /** Earlier answers, oldest first. */
  history: { status: string; reason?: string; by: string; at: string }[];
}

/** An open finding on a team (核查发现问题), until the inspector closes it. */
export interface OpenFinding {
  communityCode: string;
  campaignId: string;
  campaignName: string;
  findings: Finding[];
  at: string;
}

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest;
};

export function createCampaignStore(doc: DynamoDBDocumentClient, tableName: string) {
  const queryAll = queryAllWith(doc, tableName);
  return {
    /** Writes a new campaign and its list entry together; false when the id is taken. */
    async putCampaign(c: Campaign): Promise<boolean> {
      const { counties: _c, ...entry } = c;
      try {
        await doc.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { ...keys.campaign(c.id), type: 'campaign', ...c }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableName, Item: { ...keys.campaignEntry(c.id), type: 'campaign-entry', ...entry, counties: Object.keys(c.counties) } } },
          ],
        }));
        return true;
      } catch (e) {
        if ((e as { name?: string }).name === 'TransactionCanceledException') return false;
        throw e;
      }
    },

    async getCampaign(id: string): Promise<Campaign | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.campaign(id), ConsistentRead: true }));
      return Item ? (strip(Item) as unknown as Campaign) : null;
    },

    /** Every campaign's list entry (no samples). */
    async listCampaigns(): Promise<(Omit<Campaign, 'counties'> & { counties: string[] })[]> {
      return (await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.campaignsPartition } }))
        .map((i) => strip(i) as unknown as Omit<Campaign, 'counties'> & { counties: string[] });
    },

    async listChecks(id: string): Promise<StoredCheck[]> {
      return (await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.checkPrefix },
        ConsistentRead: true,
      })).map((i) => strip(i) as unknown as StoredCheck);
    },

    async getCheck(id: string, communityCode: string): Promise<StoredCheck | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.check(id, communityCode), ConsistentRead: true }));
      return Item ? (strip(Item) as unknown as StoredCheck) : null;
    },

    /**
     * Writes a check's next version with its audit copy and the team's 核查发现问题 mark in one
     * transaction: `mark` sets the finding (a discrepancy), or closes this campaign's open one (a
     * check that confirms). False when the stored check is not the version the inspector edited, or
     * the mark changed meanwhile.
     */
    async putCheck(id: string, check: StoredCheck, mark?: { set: OpenFinding } | { close: true }): Promise<boolean> {
      const markItem = !mark ? [] : 'set' in mark
        ? [{ Put: { TableName: tableName, Item: { ...keys.finding(check.communityCode), type: 'finding', ...mark.set } } }]
        : [{
          Update: {
            TableName: tableName, Key: keys.finding(check.communityCode), UpdateExpression: 'SET closedAt = :at',
            ConditionExpression: 'campaignId = :c AND attribute_not_exists(closedAt)', ExpressionAttributeValues: { ':c': id, ':at': check.at },
          },
        }];
      try {
        await doc.send(new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName, Item: { ...keys.check(id, check.communityCode), type: 'check', ...check },
                ...(check.version === 1 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': check.version - 1 } }),
              },
            },
            { Put: { TableName: tableName, Item: { ...keys.checkLog(id, check.communityCode, check.version), type: 'check-log', ...check } } },
            ...markItem,
          ],
        }));
        return true;
      } catch (e) {
        if ((e as { name?: string }).name === 'TransactionCanceledException') return false;
        throw e;
      }
    },

    /** A county's checks in a campaign (its communities' codes begin with the county's). */
    async listCountyChecks(id: string, countyCode: string): Promise<StoredCheck[]> {
      return (await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': `${keys.checkPrefix}${countyCode}` },
        ConsistentRead: true,
      })).map((i) => strip(i) as unknown as StoredCheck);
    },

    async listAnswers(id: string, countyCode: string): Promise<Answer[]> {
      return (await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.answerPrefix(countyCode) },
        ConsistentRead: true,
      })).map((i) => strip(i) as unknown as Answer);
    },

    async getAnswer(id: string, communityCode: string): Promise<Answer | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.answer(id, communityCode), ConsistentRead: true }));
      return Item ? (strip(Item) as unknown as Answer) : null;
    },

    async putAnswer(id: string, answer: Answer): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.answer(id, answer.communityCode), type: 'answer', ...answer } }));
    },

    /** Closes a community's open finding from that campaign (the write role holds no DeleteItem: it is marked closed). */
    async closeFinding(communityCode: string, campaignId: string, at: string): Promise<void> {
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName, Key: keys.finding(communityCode), UpdateExpression: 'SET closedAt = :at',
          ConditionExpression: 'campaignId = :c AND attribute_not_exists(closedAt)', ExpressionAttributeValues: { ':c': campaignId, ':at': at },
        }));
      } catch (e) {
        if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
      }
    },

    async getFinding(communityCode: string): Promise<OpenFinding | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.finding(communityCode), ConsistentRead: true }));
      return Item && !Item.closedAt ? (strip(Item) as unknown as OpenFinding) : null;
    },

    /** A community's finding as stored, open or closed (the check's transaction conditions on it). */
    async getFindingRecord(communityCode: string): Promise<(OpenFinding & { closedAt?: string }) | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.finding(communityCode), ConsistentRead: true }));
      return Item ? (strip(Item) as unknown as OpenFinding & { closedAt?: string }) : null;
    },

    /** A county's open findings (one Query beside its teams). */
    async listFindings(countyCode: string): Promise<OpenFinding[]> {
      return (await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `COUNTY#${countyCode}`, ':prefix': keys.findingPrefix },
      })).filter((i) => !i.closedAt).map((i) => strip(i) as unknown as OpenFinding);
    },

    /** A check's versions, oldest first (who recorded what, when). */
    async listCheckLog(id: string, communityCode: string): Promise<StoredCheck[]> {
      return (await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(id), ':prefix': keys.checkLogPrefix(communityCode) },
      })).map((i) => strip(i) as unknown as StoredCheck);
    },
  };
}
