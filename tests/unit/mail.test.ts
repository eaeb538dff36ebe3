import { describe, expect, it } from 'vitest';
import { mailDate } from '../../functions/jobs/mail.js';

describe('the Date header of the summaries', () => {
  it('is Beijing time with +0800, across the day, month and year boundary', () => {
    expect(mailDate(new Date('2023-07-01T00:00:00Z'))).toBe('Sat, 01 Jul 2023 08:00:00 +0800');
    expect(mailDate(new Date('2023-12-31T15:59:59Z'))).toBe('Sun, 31 Dec 2023 23:59:59 +0800');
    expect(mailDate(new Date('2023-12-31T16:00:00Z'))).toBe('Mon, 01 Jan 2024 00:00:00 +0800');
    // the same instant as the UTC form a mail client parses
    expect(Date.parse(mailDate(new Date('2024-02-29T17:05:09Z')))).toBe(Date.parse('2024-02-29T17:05:09Z'));
  });
});
