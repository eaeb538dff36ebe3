// Each runtime type-checks against its own world: the Lambda code sees no DOM, the browser no Node. A
// library whose types pull in another runtime's (as @types/papaparse pulls in Node's) breaks this
// silently, so the files each project loads are read from tsc itself.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const filesOf = (project: string) =>
  execFileSync(resolve(root, 'node_modules/.bin/tsc'), ['-p', project, '--listFilesOnly'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

describe('the TypeScript projects', () => {
  it('the browser project loads the DOM and none of Node’s types', () => {
    const files = filesOf('frontend/tsconfig.json');
    expect(files.some((f) => f.endsWith('/lib.dom.d.ts'))).toBe(true);
    expect(files.filter((f) => f.includes('/@types/node/'))).toEqual([]);
  });

  it('the functions project loads Node’s types and not the DOM', () => {
    const files = filesOf('functions/tsconfig.json');
    expect(files.some((f) => f.includes('/@types/node/'))).toBe(true);
    expect(files.filter((f) => f.endsWith('/lib.dom.d.ts'))).toEqual([]);
  });
});
