// The local outbox: lists the .eml files the outbox mailer wrote and reads one back (real MIME,
// parsed with mailparser) for the frontend's index page.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { simpleParser } from 'mailparser';
import { NotFoundError } from '../core/errors.js';

export interface OutboxEntry {
  id: string;
  month: string;
  file: string;
  bytes: number;
}

export function listOutbox(dir: string): OutboxEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((m) => /^(REMIND-)?\d{4}-\d{2}$/.test(m)).sort().reverse().flatMap((month) =>
    readdirSync(join(dir, month)).filter((f) => f.endsWith('.eml')).sort().map((file) => ({
      id: `${month}/${file}`, month, file, bytes: statSync(join(dir, month, file)).size,
    })));
}

export async function readOutbox(dir: string, id: string) {
  const file = resolve(dir, id);
  if (!file.startsWith(resolve(dir) + sep) || !id.endsWith('.eml') || !existsSync(file)) throw new NotFoundError('没有这封邮件');
  const mail = await simpleParser(readFileSync(file));
  return {
    id,
    subject: mail.subject ?? '',
    from: mail.from?.text ?? '',
    to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to?.text ?? '',
    date: mail.date?.toISOString() ?? null,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
  };
}
