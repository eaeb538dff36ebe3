// Files as a county clerk's LibreOffice saves them: `soffice --headless --convert-to`, in a profile
// folder of its own (so tests never share or touch a user's LibreOffice settings).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WAIT } from './waits.js';

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/**
 * Converts `input` (its bytes, named with extension `from`) with LibreOffice's filter `to`, e.g.
 * 'xlsx', 'ods', or 'csv:"Text - txt - csv (StarCalc)":44,34,76' (76 = UTF-8). Returns the output.
 *
 * Asynchronous on purpose: the tests' server shares this process, and a conversion that blocked the
 * event loop for longer than the server's keep-alive (5 s, under load) let the next request go out on a
 * socket the server was closing in the same tick (ECONNRESET, a chance failure seen once).
 */
export async function convert(input: Buffer, from: string, to: string, outExt = to.split(':')[0]): Promise<Buffer> {
  if (!existsSync(SOFFICE))
    throw new Error(`LibreOffice not found at ${SOFFICE}: apt-get install -y libreoffice-calc-nogui (or set SOFFICE_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    writeFileSync(join(dir, `in.${from}`), input);
    await promisify(execFile)(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        to,
        '--outdir',
        join(dir, 'out'),
        join(dir, `in.${from}`),
      ],
      { timeout: WAIT.convert },
    );
    return readFileSync(join(dir, 'out', `in.${outExt}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
