// Hands out the counties an e2e file's tests write to, one test each, so that no test sees another's
// writes whatever the order: a county named by a test is reserved at the top of the file, and a test
// that only needs "a county such that…" takes the first free one.
import { expect } from 'vitest';

export function countyClaims() {
  const holders = new Map<string, string>();
  return {
    /** A county one test writes to, named at the top of the file; reserving it twice fails. */
    reserve(code: string, holder: string): string {
      const other = holders.get(code);
      if (other) throw new Error(`county ${code} is reserved for "${other}" already`);
      holders.set(code, holder);
      return code;
    },
    /** Whether no test holds the county. */
    free: (code: string) => !holders.has(code),
    /** The first of `candidates` that no test holds, for the current test alone. */
    first(candidates: Iterable<string>): string {
      for (const code of candidates) {
        if (holders.has(code)) continue;
        holders.set(code, expect.getState().currentTestName ?? '(setup)');
        return code;
      }
      throw new Error('every candidate county is held by another test');
    },
  };
}
