// A programme's area is data (data/programmes, the registry): no province, city or county code is written
// into the product's code, as a string or inside a regular expression. Comments may cite one as an example.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
/** The provinces' codes (GB/T 2260): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65. */
const PROVINCE = '(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])';
/** A quoted administrative code (a province, city, county, township or community), whole. */
const QUOTED = new RegExp(`(['"\`])${PROVINCE}(?:\\d{2}|\\d{4}|\\d{7}|\\d{10})?\\1`);
/** A code in a regular expression: at its head (/^45…/, /^(45|…)/) or before a digit class (45\\d{4}). */
const IN_PATTERN = new RegExp(`(?:\\^\\(?(?:\\?:)?${PROVINCE}(?:\\d{2}|\\d{4}|\\d{7}|\\d{10})?(?!\\d)|${PROVINCE}\\\\d)`);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The code of a file without its comments (a block, a line's tail after //, a JSX comment). */
const withoutComments = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"`\\])\/\/.*$/, '$1'))
    .join('\n');

describe('areas are data', () => {
  it('no code of an area stands in functions/ or frontend/src, as a string or in a pattern', () => {
    const found = [join(root, 'functions'), join(root, 'frontend/src')].flatMap(files).flatMap((path) =>
      withoutComments(readFileSync(path, 'utf8'))
        .split('\n')
        .flatMap((line, i) => (QUOTED.test(line) || IN_PATTERN.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('finds one when one is planted', () => {
    for (const planted of [
      "const p = '45';",
      'if (/^45\\d{4}$/.test(c)) x();',
      "x === '450102'",
      'const r = /^(45|45\\d{2})$/;',
      'const c = /^450102/;',
    ])
      expect(QUOTED.test(withoutComments(planted)) || IN_PATTERN.test(withoutComments(planted)), planted).toBe(true);
    expect(QUOTED.test(withoutComments("// e.g. '450102'")), 'a comment').toBe(false);
    expect(IN_PATTERN.test('/^(127\\.0\\.0\\.1|localhost)$/'), 'an address').toBe(false);
  });
});
