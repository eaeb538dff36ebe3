// Monthly reports: what each county did to report in a month. Its counted team writes are added in
// the same transaction as the writes themselves (see store.writeTeams), so a report exists exactly
// when the writes do; a confirmation (本月无变化) is its own update. The first confirmation stands.
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoMonth } from '#core/dates.js';
import type { MonthReport } from '#core/reporting.js';
import { isWire, type Message, noteOf } from '#core/messages/index.js';
import type { Keys } from './keys.js';
import { putAll } from './query.js';

/** The transaction action that counts `writes` team writes by `by` at `at` towards the county's report for the month. */
export function reportWritesUpdate(
  keys: Keys,
  tableName: string,
  countyCode: string,
  month: IsoMonth,
  writes: number,
  by: string,
  at: string,
) {
  return {
    Update: {
      TableName: tableName,
      Key: keys.report(month, countyCode),
      UpdateExpression:
        'SET #t = :type, countyCode = :c, #m = :m, firstWriteAt = if_not_exists(firstWriteAt, :at), lastWriteAt = :at, lastBy = :by ADD writes :n',
      ExpressionAttributeNames: { '#t': 'type', '#m': 'month' },
      ExpressionAttributeValues: { ':type': 'report', ':c': countyCode, ':m': month, ':at': at, ':by': by, ':n': writes },
    },
  };
}

const asReport = (i: Record<string, unknown>): MonthReport => ({
  countyCode: String(i.countyCode),
  month: String(i.month),
  writes: Number(i.writes ?? 0),
  ...(i.firstWriteAt ? { firstWriteAt: String(i.firstWriteAt), lastWriteAt: String(i.lastWriteAt), lastBy: String(i.lastBy) } : {}),
  ...(i.confirmedAt ? { confirmedAt: String(i.confirmedAt), confirmedBy: String(i.confirmedBy) } : {}),
  ...(i.note ? { note: String(i.note) } : {}),
  ...(isWire(i.noteMessage) ? { noteMessage: i.noteMessage } : {}),
  ...(i.demo ? { demo: true } : {}),
});

export function createReportStore(doc: DynamoDBDocumentClient, tableName: string, keys: Keys) {
  return {
    /** 本月无变化: the first confirmation of the month stands (a second one answers with it). */
    async confirmReport(countyCode: string, month: IsoMonth, by: string, at: string, note?: string | Message): Promise<MonthReport> {
      // A person's note as typed; the system's as its Chinese text beside its message (kept with the first confirmation, like the note).
      const said = note === undefined ? undefined : noteOf(note);
      const { Attributes } = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.report(month, countyCode),
          UpdateExpression: `SET #t = :type, countyCode = :c, #m = :m, confirmedAt = if_not_exists(confirmedAt, :at), confirmedBy = if_not_exists(confirmedBy, :by)${said?.note ? ', note = if_not_exists(note, :note)' : ''}${said?.noteMessage ? ', noteMessage = if_not_exists(noteMessage, :noteMessage)' : ''} ADD writes :zero`,
          ExpressionAttributeNames: { '#t': 'type', '#m': 'month' },
          ExpressionAttributeValues: {
            ':type': 'report',
            ':c': countyCode,
            ':m': month,
            ':at': at,
            ':by': by,
            ':zero': 0,
            ...(said?.note ? { ':note': said.note } : {}),
            ...(said?.noteMessage ? { ':noteMessage': said.noteMessage } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return asReport(Attributes!);
    },

    /** Every county's report for a month (one Query; at most 111 small items for Guangxi). */
    async listReports(month: IsoMonth): Promise<MonthReport[]> {
      const out: MonthReport[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.reportPartition(month) },
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(page.Items ?? []).map(asReport));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    /** One county's reports for the months given (a GetItem each, side by side: the API's roles hold GetItem and Query only). */
    async countyReports(countyCode: string, months: IsoMonth[]): Promise<MonthReport[]> {
      const items = await Promise.all(
        months.map((m) => doc.send(new GetCommand({ TableName: tableName, Key: keys.report(m, countyCode) }))),
      );
      return items.flatMap(({ Item }) => (Item ? [asReport(Item)] : [])).sort((a, b) => a.month.localeCompare(b.month));
    },

    /** Simulated reports for the demo's history (the items say demo). */
    async putDemoReports(reports: MonthReport[]): Promise<void> {
      await putAll(
        doc,
        tableName,
        reports.map((r) => ({ ...keys.report(r.month, r.countyCode), type: 'report', ...r, demo: true })),
      );
    },
  };
}
