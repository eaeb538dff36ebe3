// Files as a county clerk's LibreOffice saves them: `soffice --headless --convert-to`, in a profile
// folder of its own (so tests never share or touch a user's LibreOffice settings).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WAIT } from './waits.js';

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/**
 * Converts `input` (its bytes, named with extension `from`) with LibreOffice's filter `to`, e.g.
 * 'xlsx', 'ods', or 'csv:"Text - txt - csv (StarCalc)":44,34,76' (76 = UTF-8). Returns the output.
 */
export function convert(input: Buffer, from: string, to: string, outExt = to.split(':')[0]): Buffer {
  if (!existsSync(SOFFICE))
    throw new Error(`LibreOffice not found at ${SOFFICE}: apt-get install -y libreoffice-calc-nogui (or set SOFFICE_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    writeFileSync(join(dir, `in.${from}`), input);
    execFileSync(
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
      { stdio: 'pipe', timeout: WAIT.convert },
    );
    return readFileSync(join(dir, 'out', `in.${outExt}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
