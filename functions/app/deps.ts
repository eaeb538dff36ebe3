// The narrow interfaces use cases receive, so tests swap them without module mocks — and the one
// clock of the tracker: nothing else in functions/ or scripts/ reads the time (a test checks).
import { isIsoDate, shanghaiDate, type IsoDate } from '#core/dates.js';
import { historyStart, mergeBook, programmeDocOn, programmeOn, rootAreaOf, type Programme, type ProgrammeBook } from '#core/programme.js';
import { bookFor, checkProgrammeAreas } from '#core/tenancy.js';
import type { Store } from '#store/store.js';
import { realNow } from './clock.js';

export interface Clock {
  now(): Date;
}

export { realNow };

export const systemClock: Clock = { now: () => new Date(realNow()) };

/** A clock that starts at `start` and runs on with real time from the moment it is made. */
export function clockFrom(start: Date): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** A clock that always answers `instant` (a job run "as of" a day, a test). */
export const clockFixedAt = (instant: Date): Clock => ({ now: () => instant });

/**
 * The clock the environment names: TRACKER_NOW=2026-11-30T16:30:00Z starts the tracker at that
 * instant and lets it run on (npm start, the jobs, the scripts), so a person or a test can run the
 * whole tracker at any moment. Deployed functions (AWS_LAMBDA_FUNCTION_NAME set) ignore it.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const raw = env.TRACKER_NOW;
  if (!raw || env.AWS_LAMBDA_FUNCTION_NAME) return systemClock;
  // One clock per process: the server, the seeding and the jobs of `npm start` all read this one.
  if (envClock?.raw === raw) return envClock.clock;
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.exec(raw);
  // A day that does not exist (2026-11-31) would roll over into the next month: refused, not read.
  if (!m || !isIsoDate(m[1])) throw new Error(`TRACKER_NOW must be an ISO instant with its offset, e.g. 2026-11-30T16:30:00Z; got ${raw}`);
  envClock = { raw, clock: clockFrom(new Date(raw)) };
  return envClock.clock;
}
let envClock: { raw: string; clock: Clock } | undefined;

export interface Metrics {
  /** A count worth an alarm or a dashboard (CloudWatch EMF in AWS; a log line locally). */
  count(name: string, value: number, dimensions?: Record<string, string>): void;
}

export const silentMetrics: Metrics = { count: () => {} };

/** The metrics the alarms watch (infra/lib/constructs/monitoring.ts names the same; a test compares them). */
export const METRICS = {
  /** Ended months found without stored figures by the daily job (it stores them, as of each month's end). */
  monthFiguresMissing: 'MonthFiguresMissing',
  /** 1 each time the daily job (months, standard, lapse) finishes: its heartbeat. */
  dailyRun: 'DailyRunSucceeded',
  /** 1 each time a month's summary went to everyone. */
  summarySent: 'MonthlySummarySent',
  /** The watchdog's answer at 10:00 on the 1st: 1 when last month's summary had not finished. */
  summaryMissing: 'MonthlySummaryMissing',
  /** 1 when a caller's phone reveals reach the hour's limit (core/personal.ts REVEALS_PER_HOUR): a sweep, or an office that needs more. */
  phoneRevealLimitReached: 'PhoneRevealLimitReached',
} as const;

/**
 * What the office's work looks like, for the dashboard (each also by its one low-cardinality
 * dimension where it has one: Source form/import/lapse, ScopeKind province/city/county).
 */
export const BUSINESS_METRICS = {
  teamWrites: 'TeamWrites',
  importRowsAccepted: 'ImportRowsAccepted',
  importRowsRejected: 'ImportRowsRejected',
  mailSent: 'MailSent',
  mailFailed: 'MailFailed',
  teamsLapsed: 'TeamsLapsed',
  driftFound: 'DriftFound',
  driftCorrected: 'DriftCorrected',
  conflicts: 'Conflicts',
  retryLater: 'RetryLater',
} as const;

export interface Deps {
  store: Store;
  /** Every programme and standard version, and which is in force when (see `inForce`, `programmeAt`). */
  book: ProgrammeBook;
  clock: Clock;
  metrics?: Metrics;
  /** Re-reads the versions the province published into the table (at most once a minute unless forced). */
  refreshBook?: (force?: boolean) => Promise<void>;
  /** The deployment's secret that keys persons' identities (core/roster.ts identityOf); absent where rosters are not kept. */
  identityKey?: () => Promise<Uint8Array>;
}

export const today = (clock: Clock): IsoDate => shanghaiDate(clock.now());

/** Deps over a fixed book (a test, a benchmark): nothing published into the table is read. */
export function depsWith(parts: { store: Store; book: ProgrammeBook; clock: Clock; metrics?: Metrics }): Deps {
  return { ...parts };
}

/** How long a process trusts the book it read before reading the table's again. */
export const BOOK_TTL_MS = 60_000;

/**
 * Deps whose book is the shipped one merged with what the province published into the table,
 * re-read at most once a minute (and at once after a publish here): `await ready(deps)` before use.
 */
export function liveDeps(parts: {
  store: Store;
  shipped: ProgrammeBook;
  clock: Clock;
  metrics?: Metrics;
  identityKey?: () => Promise<Uint8Array>;
}): Deps {
  let book = parts.shipped;
  let readAt = -Infinity;
  return {
    store: parts.store,
    clock: parts.clock,
    metrics: parts.metrics,
    identityKey: parts.identityKey,
    get book() {
      return book;
    },
    async refreshBook(force = false) {
      if (!force && realNow() - readAt < BOOK_TTL_MS) return;
      const published = await parts.store.readBook();
      book = mergeBook(parts.shipped, { standards: published.standards.map((p) => p.standard), programmes: published.programmes });
      readAt = realNow();
    },
  };
}

/**
 * Every programme of a deployment: their areas (none inside another: core/tenancy.ts) and each one's
 * deps, its store keyed to its area and its book its own programme's versions. A request is served from
 * the deps of its caller's programme; a job runs once per programme.
 */
export interface Tenancy {
  areas: readonly string[];
  clock: Clock;
  /** One programme's deps, its book up to date. */
  of(area: string): Promise<Deps>;
}

/** A tenancy over deps made beforehand (a test, the local stack): each serves its book's root area. */
export function tenancyOf(...all: Deps[]): Tenancy {
  const byArea = new Map(all.map((d) => [rootArea(d).code, d]));
  const areas = checkProgrammeAreas([...byArea.keys()]);
  return {
    areas,
    clock: all[0].clock,
    async of(area) {
      const d = byArea.get(area);
      if (!d) throw new Error(`no programme ${area} in this deployment`);
      return ready(d);
    },
  };
}

/**
 * The deployment's programmes, each with a live book (the shipped versions of its area merged with what
 * its root office published, refreshed each minute) and a store of its own keys, made on first use.
 */
export function liveTenancy(parts: {
  areas: readonly string[];
  store: (area: string) => Store;
  shipped: ProgrammeBook;
  clock: Clock;
  metrics?: Metrics;
  identityKey?: () => Promise<Uint8Array>;
}): Tenancy {
  const areas = checkProgrammeAreas(parts.areas);
  const made = new Map<string, Deps>();
  return {
    areas,
    clock: parts.clock,
    async of(area) {
      if (!areas.includes(area)) throw new Error(`no programme ${area} in this deployment`);
      let d = made.get(area);
      if (!d) {
        d = liveDeps({
          store: parts.store(area),
          shipped: bookFor(parts.shipped, area),
          clock: parts.clock,
          metrics: parts.metrics,
          identityKey: parts.identityKey,
        });
        made.set(area, d);
      }
      return ready(d);
    },
  };
}

/**
 * Runs a job once per programme, one after another, and answers each one's report by its area. One
 * programme's failure does not stop the others: after all have run, it is thrown (all of them, if several).
 */
export async function eachProgramme<T>(tenancy: Tenancy, job: (deps: Deps, area: string) => Promise<T>): Promise<Record<string, T>> {
  const reports: Record<string, T> = {};
  const failed: unknown[] = [];
  for (const area of tenancy.areas) {
    try {
      reports[area] = await job(await tenancy.of(area), area);
    } catch (e) {
      failed.push(e);
    }
  }
  if (failed.length === 1) throw failed[0];
  if (failed.length) throw new AggregateError(failed, `${failed.length} programmes failed`);
  return reports;
}

/** The deps with their book up to date. */
export async function ready(deps: Deps): Promise<Deps> {
  await deps.refreshBook?.();
  return deps;
}

/** The programme (and standard) in force on a day: a month's record is judged by what was in force at its end. */
export const programmeAt = (deps: Pick<Deps, 'book'>, date: IsoDate): Programme => programmeOn(deps.book, date);

/** The programme, with its standard, in force on the clock's today: what a save, an import or a form is judged by. */
export const inForce = (deps: Pick<Deps, 'book' | 'clock'>): Programme => programmeOn(deps.book, today(deps.clock));

/** The programme's root area (its code, name and words): what a county or community code must lie in. Every request asks, so the standard in force is not resolved for it. */
export const rootArea = (deps: Pick<Deps, 'book' | 'clock'>) => rootAreaOf(programmeDocOn(deps.book, today(deps.clock)));

/** The first day of the tracker's history (the first programme's start). */
export const firstDay = (deps: Pick<Deps, 'book'>): IsoDate => historyStart(deps.book);
