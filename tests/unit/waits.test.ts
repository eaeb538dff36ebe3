// The end-to-end and integration tests wait for the thing itself, for a time named in tests/helpers/waits.ts:
// no expect.poll with vitest's one-second default, no sleep, no literal timeout.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unnamedWaits } from '#tests/helpers/waits.js';

const root = resolve(import.meta.dirname, '..');
const files = ['e2e', 'integration', 'helpers']
  .flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(root, dir, f)),
  )
  .filter((f) => !f.endsWith(join('helpers', 'waits.ts')));

describe('waits in the e2e and integration tests', () => {
  it('every one is named: no expect.poll, sleep or literal timeout outside tests/helpers/waits.ts', () => {
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) =>
      unnamedWaits(readFileSync(f, 'utf8')).map((w) => `${relative(root, f)}:${w.line} ${w.why}: ${w.text}`),
    );
    expect(found).toEqual([]);
  });

  it('the check finds each kind of unnamed wait it names', () => {
    const planted = [
      "await expect.poll(() => page.innerText('h2')).toBe('x');",
      'await page.waitForTimeout(300);',
      'await new Promise((r) => setTimeout(r, 200));',
      "await page.waitForSelector('h2', { timeout: 20_000 });",
      "await eventually(() => page.innerText('h2')).toBe('x');",
      'await new Promise<void>((resolve) => { setTimeout(resolve, 50); });',
      "import { setTimeout as sleep } from 'node:timers/promises';",
      'await vi.waitFor(() => expect(x).toBe(1));',
      'page.setDefaultTimeout(5000);',
      'await expect',
      '  .poll(() => x).toBe(1);',
    ].join('\n');
    expect(unnamedWaits(planted).map((w) => w.line)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 11]);
  });
});
