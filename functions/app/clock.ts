// The real clock, read here and nowhere else (a test checks): a module of its own, so that a function
// needing only a timestamp (the audit exporter's metrics) does not bundle the rest of deps.ts.

/** Milliseconds on the real clock, for durations, leases and timeouts only, never for a date a figure rests on. */
export const realNow = (): number => Date.now();
