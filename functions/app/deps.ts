// The narrow interfaces use cases receive, so tests swap them without module mocks.
import { shanghaiDate, type IsoDate } from '../core/dates.js';
import type { Programme } from '../core/programme.js';
import type { Store } from '../store/store.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Milliseconds on the real clock, for durations and leases only (never for dates a figure rests
 * on): a test's frozen clock must not freeze a lease.
 */
export const realNow = (): number => Date.now();

export interface Deps {
  store: Store;
  programme: Programme;
  clock: Clock;
}

export const today = (clock: Clock): IsoDate => shanghaiDate(clock.now());
