// The local server's own surface: its static files stay inside the web folder, whatever the path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeys } from '#local/auth.js';
import { createLocalServer, isInside } from '#local/server.js';

const root = mkdtempSync(join(tmpdir(), 'static-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the local static server', () => {
  it('never serves a file beside its folder, however the path is encoded', async () => {
    const web = join(root, 'web');
    mkdirSync(web);
    mkdirSync(join(root, 'web-demo'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><p>app</p>');
    writeFileSync(join(root, 'web-demo', 's.txt'), 'SECRET beside the web root');
    writeFileSync(join(root, 'secret.txt'), 'SECRET above the web root');
    const server = createLocalServer({
      handlers: {
        read: async () => {
          throw new Error('no');
        },
        write: async () => {
          throw new Error('no');
        },
      },
      keys: await createKeys(),
      staticDir: web,
      programmes: ['45'],
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of [
        '/..%2fweb-demo%2fs.txt',
        `/..%2f..%2f${root.slice(1)}%2fsecret.txt`,
        '/%2e%2e/secret.txt',
        '/..%5csecret.txt',
        '/....//secret.txt',
      ]) {
        const res = await fetch(base + path);
        const text = await res.text();
        expect(text, path).not.toContain('SECRET');
      }
      expect(await (await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
      expect(await (await fetch(`${base}/`)).text()).toContain('app');
    } finally {
      server.close();
    }
  });

  it('compares folders with the separator: /web-demo is not inside /web', () => {
    expect(isInside('/srv/web', '/srv/web/index.html')).toBe(true);
    expect(isInside('/srv/web', '/srv/web')).toBe(true);
    expect(isInside('/srv/web', '/srv/web-demo/s.txt')).toBe(false);
    expect(isInside('/srv/web', '/srv/secret.txt')).toBe(false);
  });
});
