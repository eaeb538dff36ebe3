// axe-core in a page: its WCAG 2.1 A/AA findings, or the serious and critical ones with its best practices too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { settled } from './waits.js';

/** axe-core's WCAG 2.1 A/AA checks in the page: the violations, each with how many nodes. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export async function accessibility(page: Page): Promise<string[]> {
  await settled(page); // a page still loading is checked as it will be, not half-drawn
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes.length} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')})`,
    );
  });
}

/** axe-core with its best-practice rules too, keeping what is serious or critical. */
export async function seriousFindings(page: Page): Promise<string[]> {
  await settled(page);
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.nodes.length} (${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')})`,
      );
  });
}
