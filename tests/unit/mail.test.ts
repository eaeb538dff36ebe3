import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailDate, outboxMailer } from '#jobs/mail.js';
import { listOutbox } from '#local/outbox.js';

describe('the Date header of the summaries', () => {
  it('is Beijing time with +0800, across the day, month and year boundary', () => {
    expect(mailDate(new Date('2023-07-01T00:00:00Z'))).toBe('Sat, 01 Jul 2023 08:00:00 +0800');
    expect(mailDate(new Date('2023-12-31T15:59:59Z'))).toBe('Sun, 31 Dec 2023 23:59:59 +0800');
    expect(mailDate(new Date('2023-12-31T16:00:00Z'))).toBe('Mon, 01 Jan 2024 00:00:00 +0800');
    // the same instant as the UTC form a mail client parses
    expect(Date.parse(mailDate(new Date('2024-02-29T17:05:09Z')))).toBe(Date.parse('2024-02-29T17:05:09Z'));
  });
});

describe('the local outbox', () => {
  it("lists each message with its real recipient, read from the To header, not the file name's sanitised one", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    try {
      await outboxMailer(dir, 'summary@tracker.local').send({
        to: 'yjj+zhb@nanning.example.cn',
        subject: '月报',
        text: '正文',
        html: '<p>正文</p>',
        key: '2026-11/county:450102/yjj+zhb@nanning.example.cn',
        date: new Date('2026-12-01T00:00:00Z'),
      });
      const [entry] = listOutbox(dir, '广西壮族自治区');
      expect(entry.file).toBe('county-450102--yjj_zhb@nanning.example.cn.eml');
      expect(entry).toMatchObject({ scope: 'county:450102', to: 'yjj+zhb@nanning.example.cn', date: '2026-12-01T00:00:00.000Z' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
