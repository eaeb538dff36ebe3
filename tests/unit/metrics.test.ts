import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfMetrics, METRICS_NAMESPACE } from '#runtime/deps.js';

describe('metrics as CloudWatch EMF lines', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("are written to stdout as one raw JSON line, not through console.log (which Lambda's JSON log format wraps, losing the metric)", () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const log = vi.spyOn(console, 'log');
    emfMetrics.count('DailyRunSucceeded', 1);
    write.mockRestore();
    expect(log).not.toHaveBeenCalled();
    expect(written).toHaveLength(1);
    expect(written[0].endsWith('\n')).toBe(true);
    const line = JSON.parse(written[0]);
    expect(line).toMatchObject({
      DailyRunSucceeded: 1,
      _aws: {
        CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: 'DailyRunSucceeded', Unit: 'Count' }] }],
      },
    });
    expect(typeof line._aws.Timestamp).toBe('number');
  });
});
