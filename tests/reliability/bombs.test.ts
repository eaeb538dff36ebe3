// Spreadsheet bombs sent as a county's dry run to a server in its own process: each is answered with
// a 4xx, the server's own peak memory stays within 256 MB of where it started, and it stays up.
// (Before the bounded reader, the 4 GB sheet took the server to 4 GB and killed it in about 25 s.)
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../helpers/api-process-client.js';
import { allBombs } from '../helpers/bombs.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let api: ApiProcess;

beforeAll(async () => {
  api = await startApiProcess({ DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `bombs-${Date.now()}` });
});
afterAll(() => api?.stop());

describe('a county sends a spreadsheet bomb', () => {
  it.each(allBombs().map((b) => [b.name, b] as const))('%s: 400, at most 256 MB more memory, the server stays up', async (_name, bomb) => {
    const r = await api.measure('/api/counties/450102/imports?dryRun=true', { method: 'POST', body: new Uint8Array(bomb.bytes), headers: { 'content-type': XLSX } }, 60_000);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.peakAboveMB).toBeLessThan(256);
    expect(r.alive).toBe(true);
  });

  it('a 4.9 MB CSV of line breaks, and one of a single 4 MB cell, get a 400 too', async () => {
    for (const body of [Buffer.alloc(4.9 * 1024 * 1024, '\n'), Buffer.concat([Buffer.from('社区代码,队伍名称\r\n450102001003,'), Buffer.alloc(4 * 1024 * 1024, 'x')])]) {
      const r = await api.measure('/api/counties/450102/imports?dryRun=true', { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'text/csv' } });
      expect(r.status).toBe(400);
      expect(r.peakAboveMB).toBeLessThan(256);
      expect(r.alive).toBe(true);
    }
  });
});
