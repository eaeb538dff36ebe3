// Job runs that finished: one small item per (job, period), so a watchdog can ask "did this month's
// summary go out?" of the table rather than of logs. Written once; a rerun that also succeeds keeps the first.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Keys } from './keys.js';

export interface JobRun {
  job: 'monthly-summary';
  /** The month the run was for (YYYY-MM). */
  period: string;
  finishedAt: string;
  /** What it did, in counts (never a recipient). */
  counts: Record<string, number>;
}

export function createRunStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  return {
    async recordRun(run: JobRun): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.jobRun(run.job, run.period), type: 'job-run', ...run },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) return false;
        throw e;
      }
    },

    async getRun(job: JobRun['job'], period: string): Promise<JobRun | null> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.jobRun(job, period), ConsistentRead: true }));
      if (!Item) return null;
      const { job: j, period: p, finishedAt, counts } = Item as unknown as JobRun;
      return { job: j, period: p, finishedAt, counts };
    },
  };
}
