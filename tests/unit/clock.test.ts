// One clock: nothing in the shipped code or the scripts reads the time except functions/app/clock.ts (a
// lint rule, lint/one-clock.grit, proven in boundaries.test.ts), and TRACKER_NOW starts that clock at an
// instant and lets it run on.
import { describe, expect, it } from 'vitest';
import { clockFromEnv, systemClock } from '#app/deps.js';

describe('the one clock', () => {
  it('TRACKER_NOW starts the clock at that instant and it runs on', async () => {
    const clock = clockFromEnv({ TRACKER_NOW: '2026-11-30T16:30:00Z' });
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-11-30T16:30:00Z'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it('deployed functions ignore it; a malformed one, or a day that does not exist, is refused', () => {
    expect(clockFromEnv({ TRACKER_NOW: '2026-11-30T16:30:00Z', AWS_LAMBDA_FUNCTION_NAME: 'read' })).toBe(systemClock);
    expect(clockFromEnv({})).toBe(systemClock);
    for (const bad of [
      '2026-11-30',
      'yesterday',
      '2026-11-30T16:30:00',
      '2026-11-31T16:30:00Z',
      '2026-02-29T00:00:00Z',
      '2026-12-01T24:00:00Z',
      '2026-13-01T00:00:00Z',
    ]) {
      expect(() => clockFromEnv({ TRACKER_NOW: bad }), bad).toThrow(/TRACKER_NOW/);
    }
  });

  it('one clock a process: every part of npm start that asks gets the same clock, started once', () => {
    const a = clockFromEnv({ TRACKER_NOW: '2026-12-31T15:59:00Z' });
    expect(clockFromEnv({ TRACKER_NOW: '2026-12-31T15:59:00Z' })).toBe(a);
  });
});
