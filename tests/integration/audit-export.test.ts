// The audit table's stream, as DynamoDB Local produces it, through the export handler: every record
// the use cases append reaches the locked copy, whole; a failed copy is retried from where it failed.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '#app/caller.js';
import { saveTeam } from '#app/teams.js';
import { AUDIT_METRICS, createAuditExportHandler, replayAudit, type AuditSink } from '#jobs/audit-export.js';
import { goodTeam, testStack } from '#tests/helpers/stack.js';

const county = '450102';
const province: Caller = { scope: { kind: 'province' }, user: 'test' };

/** Everything on the audit table's stream so far, in Lambda's event shape. */
async function streamRecords(s: Awaited<ReturnType<typeof testStack>>): Promise<DynamoDBRecord[]> {
  const streams = new DynamoDBStreamsClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { Table } = await s.raw.send(new DescribeTableCommand({ TableName: s.store.auditTableName }));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription!.Shards ?? []) {
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: Table!.LatestStreamArn!, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const r of page.Records ?? []) {
        records.push({
          eventID: r.eventID,
          eventName: r.eventName as DynamoDBRecord['eventName'],
          eventSource: 'aws:dynamodb',
          dynamodb: {
            Keys: r.dynamodb!.Keys as never,
            NewImage: r.dynamodb!.NewImage as never,
            OldImage: r.dynamodb!.OldImage as never,
            SequenceNumber: r.dynamodb!.SequenceNumber,
            ApproximateCreationDateTime: r.dynamodb!.ApproximateCreationDateTime!.getTime() / 1000,
          },
        });
      }
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

const memorySink = () => {
  const objects = new Map<string, string>();
  const sink: AuditSink = {
    async put(key, body) {
      objects.set(key, body);
    },
  };
  return { objects, sink };
};

describe('the audit export (the Object Lock copy)', () => {
  let s: Awaited<ReturnType<typeof testStack>>;
  let records: DynamoDBRecord[];
  beforeAll(async () => {
    s = await testStack({ counties: [county], auditStream: true });
    const code = s.registries[0].communities[0][0];
    const first = await saveTeam(s.deps, province, code, goodTeam(), null);
    await saveTeam(s.deps, province, code, goodTeam({ name: '第二版' }), first.version);
    await s.store.recordReveal({
      communityCode: code,
      at: '2023-06-15T04:00:00.000Z',
      by: 'province/test',
      reason: '拨打 13800138000 电话核实',
    });
    records = await streamRecords(s);
  });

  it('every record appended to the audit table becomes one object holding the record whole', async () => {
    const { objects, sink } = memorySink();
    const out = await createAuditExportHandler(() => sink, { count: () => {} })({ Records: records });
    expect(out.batchItemFailures).toEqual([]);
    const { Items = [] } = await s.doc.send(new ScanCommand({ TableName: s.store.auditTableName }));
    expect(Items.map((i) => i.type).sort()).toEqual(['audit', 'audit', 'reveal']);
    // a phone typed into a reason is masked before it is locked away
    expect(Items.find((i) => i.type === 'reveal')!.reason).toBe('拨打 138****8000 电话核实');
    expect(objects.size).toBe(Items.length);
    for (const item of Items) {
      const copy = JSON.parse(objects.get(`audit/${item.pk}/${item.sk}.json`)!);
      expect({ ...copy, stream: undefined }).toEqual({ ...item, stream: undefined });
      expect(copy.stream.eventId).toBeTruthy();
    }
  });

  it("a replay copies every record again, keyed and holding what the stream's copy holds; --since copies the later ones", async () => {
    const streamed = memorySink();
    await createAuditExportHandler(() => streamed.sink, { count: () => {} })({ Records: records });
    const replayed = memorySink();
    expect(await replayAudit(s.doc, s.store.auditTableName, replayed.sink)).toBe(streamed.objects.size);
    expect([...replayed.objects.keys()].sort()).toEqual([...streamed.objects.keys()].sort());
    for (const [key, body] of replayed.objects)
      expect({ ...JSON.parse(body), stream: null }).toEqual({ ...JSON.parse(streamed.objects.get(key)!), stream: null });
    const later = memorySink();
    expect(await replayAudit(s.doc, s.store.auditTableName, later.sink, '2023-06-15T04:00:00.000Z')).toBeGreaterThan(0);
    expect(await replayAudit(s.doc, s.store.auditTableName, later.sink, '2099-01-01T00:00:00.000Z')).toBe(0);
  });

  it('a copy that fails is reported by its sequence number and counted; the rest are copied', async () => {
    const { objects, sink } = memorySink();
    const counted: Record<string, number[]> = {};
    let calls = 0;
    const flaky: AuditSink = {
      async put(key, body) {
        calls += 1;
        if (calls === 2) throw new Error('SlowDown');
        await sink.put(key, body);
      },
    };
    const out = await createAuditExportHandler(() => flaky, {
      count: (n, v) => {
        (counted[n] ??= []).push(v);
      },
    })({ Records: records });
    expect(calls).toBe(records.length);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: records[1].dynamodb!.SequenceNumber }]);
    expect(objects.size).toBe(records.length - 1);
    expect(counted[AUDIT_METRICS.failed]).toEqual([1]);
  });

  it("a record changed or removed behind the code's back reaches the copy as evidence (both images, under tamper/) and is counted for the alarm", async () => {
    const { Items = [] } = await s.doc.send(new ScanCommand({ TableName: s.store.auditTableName }));
    const victim = Items.find((i) => i.type === 'audit')!;
    // what no role is granted: an overwrite, then a delete, with the table's own client
    await s.doc.send(new PutCommand({ TableName: s.store.auditTableName, Item: { ...victim, by: 'someone-else' } }));
    await s.doc.send(new DeleteCommand({ TableName: s.store.auditTableName, Key: { pk: victim.pk, sk: victim.sk } }));
    const later = (await streamRecords(s)).slice(records.length);
    expect(later.map((r) => r.eventName)).toEqual(['MODIFY', 'REMOVE']);
    const { objects, sink } = memorySink();
    const counted: Record<string, number[]> = {};
    await createAuditExportHandler(() => sink, {
      count: (n, v) => {
        (counted[n] ??= []).push(v);
      },
    })({ Records: later });
    const evidence = [...objects].filter(([k]) => k.startsWith(`tamper/${victim.pk}/${victim.sk}/`)).map(([, b]) => JSON.parse(b));
    expect(evidence).toHaveLength(2);
    expect(evidence[0]).toMatchObject({ before: { by: victim.by }, after: { by: 'someone-else' }, stream: { event: 'MODIFY' } });
    expect(evidence[1]).toMatchObject({ before: { by: 'someone-else' }, after: null, stream: { event: 'REMOVE' } });
    expect(counted[AUDIT_METRICS.tampered]).toEqual([2]);
  });
});
