// Spreadsheet bombs sent as a county's dry run to a server in its own process: each is answered with
// a 4xx, the server's own peak memory stays within 256 MB of where it started, and it stays up.
// (Before the bounded reader, the 4 GB sheet took the server to 4 GB and killed it in about 25 s.)
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '#tests/helpers/api-process-client.js';
import { allBombs, longHeadersBomb } from '#tests/helpers/bombs.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let api: ApiProcess;

beforeAll(async () => {
  api = await startApiProcess({ DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `bombs-${Date.now()}` });
});
afterAll(() => api?.stop());

describe('a county sends a spreadsheet bomb', () => {
  it.each(allBombs().map((b) => [b.name, b] as const))('%s: 400, at most 256 MB more memory, the server stays up', async (_name, bomb) => {
    const r = await api.measure(
      '/api/counties/450102/imports?dryRun=true',
      { method: 'POST', body: new Uint8Array(bomb.bytes), headers: { 'content-type': XLSX } },
      60_000,
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.peakAboveMB).toBeLessThan(256);
    expect(r.alive).toBe(true);
  });

  it('CSV bombs get a 400 too: line breaks, one 4 MB cell, 160,000 "(" in a header cell, millions of columns', async () => {
    const header = '社区代码,队伍名称\r\n';
    for (const body of [
      Buffer.alloc(4.9 * 1024 * 1024, '\n'),
      Buffer.concat([Buffer.from(`${header}450102001003,`), Buffer.alloc(4 * 1024 * 1024, 'x')]),
      Buffer.concat([Buffer.alloc(160_000, '('), Buffer.from(`,${header}`)]),
      Buffer.concat([Buffer.from('社区代码'), Buffer.alloc(4.9 * 1024 * 1024, ','), Buffer.from('\r\n450102001001\r\n')]),
      Buffer.concat([
        ...Array.from({ length: 9 }, () => Buffer.concat([Buffer.alloc(540_000, ','), Buffer.from('\r\n')])),
        Buffer.from(header),
      ]),
    ]) {
      const r = await api.measure('/api/counties/450102/imports?dryRun=true', {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { 'content-type': 'text/csv' },
      });
      expect(r.status).toBe(400);
      expect(r.peakAboveMB).toBeLessThan(256);
      expect(r.alive).toBe(true);
    }
  });

  it('a multipart form cut off in the middle of its file gets a 400, and the server stays up', async () => {
    const cut = Buffer.from('--X\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc');
    const r = await api.measure('/api/counties/450102/imports?dryRun=true', {
      method: 'POST',
      body: new Uint8Array(cut),
      headers: { 'content-type': 'multipart/form-data; boundary=X' },
    });
    expect(r.status).toBe(400);
    expect(r.alive).toBe(true);
  });

  it('a report never repeats long header cells or a long sheet name whole', async () => {
    const bomb = longHeadersBomb();
    const r = await api.measure('/api/counties/450102/imports?dryRun=true', {
      method: 'POST',
      body: new Uint8Array(bomb.bytes),
      headers: { 'content-type': XLSX },
    });
    expect(r.status).toBe(200);
    const report = JSON.parse(r.body);
    expect(report.ignoredColumns).toHaveLength(21);
    expect(report.ignoredColumns[20]).toBe('… +450');
    expect(report.ignoredColumns[0].length).toBeLessThan(60);
    expect(report.sheetName).toHaveLength(31);
    expect(r.body.length).toBeLessThan(64 * 1024);
    expect(r.alive).toBe(true);
  });
});
