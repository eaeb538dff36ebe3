// How long the end-to-end and integration tests wait, named once, and the only ways they wait: for an
// API answer, then for what the page renders from it. Sized for the whole suite on a loaded 2-core
// machine, where the tracker under test, its DynamoDB Local and Chromium share the cores.
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';

export const WAIT = {
  /** A page's reaction to an action: the API call behind it answered, then the rendered state. */
  ui: 30_000,
  /** `npm start` (or `startTracker`) to "Tracker ready": DynamoDB Local, then the whole province seeded. */
  start: 240_000,
  /** A test file's setup that starts a tracker and a browser side by side. */
  setup: 300_000,
  /** `npm run bench -- --smoke`: every benchmark step once, over three counties (about a minute on an idle machine). */
  benchSmoke: 360_000,
  /** One LibreOffice conversion (`soffice --headless --convert-to`), its first start included. */
  convert: 120_000,
} as const;

/** Polls `read` until the assertion after it holds, for up to `WAIT.ui`: never vitest's one-second default. */
export function eventually<T>(read: () => T | Promise<T>, message?: string): ReturnType<typeof expect.poll<T>> {
  return expect.poll(read, { timeout: WAIT.ui, interval: 100, message });
}

/**
 * Does `action` and waits for the API call it makes (the method and a path matching `path`, query
 * included), and returns that call's answer: the test then waits for the page's rendering of it.
 */
export async function answerTo(page: Page, method: string, path: RegExp, action: () => Promise<unknown>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname + new URL(r.url()).search), {
      timeout: WAIT.ui,
    }),
    action(),
  ]);
  return response;
}

/** Waits until no part of the page is still loading (after a hash change there is no load event to wait for). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: WAIT.ui });
}

/** Every test file's page waits at most `WAIT.ui` for a selector, a click or a navigation (Playwright's own default, named here). */
export function withWaits(page: Page): Page {
  page.setDefaultTimeout(WAIT.ui);
  page.setDefaultNavigationTimeout(WAIT.ui);
  return page;
}

/**
 * The lines of a test file that wait without saying for how long or for what: `expect.poll` (use
 * `eventually`), a sleep (`waitForTimeout`, a bare `setTimeout` promise) or a literal timeout
 * (use `WAIT`). Checked over tests/e2e and tests/integration by tests/unit/waits.test.ts.
 */
export function unnamedWaits(source: string): { line: number; text: string; why: string }[] {
  const rules: [RegExp, string][] = [
    [/\bexpect\s*\.\s*poll\b|\.poll\(/, 'expect.poll: use eventually() (WAIT.ui)'],
    [/\bvi\.wait(For|Until)\(/, 'vi.waitFor/waitUntil (one second by default): use eventually() (WAIT.ui)'],
    [/\.waitForTimeout\(/, 'a sleep: wait for the thing itself (answerTo, a selector, eventually)'],
    [/new Promise\b[^;]*=>\s*\{?\s*setTimeout\(/, 'a sleep: wait for the thing itself'],
    [/['"](node:)?timers\/promises['"]/, 'a sleep (timers/promises): wait for the thing itself'],
    [/\btimeout:\s*\d/, 'a literal timeout: use WAIT'],
    [/setDefault(Navigation)?Timeout\(\s*\d/, 'a literal default timeout: use withWaits() (WAIT.ui)'],
  ];
  return source
    .split('\n')
    .flatMap((text, i) => rules.filter(([re]) => re.test(text)).map(([, why]) => ({ line: i + 1, text: text.trim(), why })));
}
