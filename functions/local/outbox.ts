// The local outbox: lists the .eml files the outbox mailer wrote and reads one back (real MIME,
// parsed with mailparser) for the frontend's index page.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { simpleParser } from 'mailparser';
import { NotFoundError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import { placeName } from '#app/registry.js';
import type { OutboxEntry, OutboxMessage } from '#contract/outbox.js';

/** The outbox mailer's file name: <scope with - for :>--<address>.eml. */
const FILE = /^(province|city-\d{4}|county-\d{6})--(.+)\.eml$/;

/** The Date and To headers, read from the file's first few KB (headers come first): the file name holds a sanitised address. */
function headersOf(file: string): { date: string | null; to: string | null } {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    const date = /^Date: (.+)$/m.exec(text);
    const t = date ? Date.parse(date[1]) : NaN;
    return { date: Number.isNaN(t) ? null : new Date(t).toISOString(), to: /^To: (.+)$/m.exec(text)?.[1].trim() ?? null };
  } finally {
    closeSync(fd);
  }
}

/** The outbox's messages, newest month first; `rootName` names the root office's area (the scope `province`). */
export function listOutbox(dir: string, rootName: string): OutboxEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((m) => /^(REMIND-)?\d{4}-\d{2}$/.test(m))
    .sort()
    .reverse()
    .flatMap((month) =>
      readdirSync(join(dir, month))
        .filter((f) => FILE.test(f))
        .sort()
        .map((file) => {
          const [, scopePart, fromName] = FILE.exec(file)!;
          const scope = scopePart.replace('-', ':');
          const path = join(dir, month, file);
          const { date, to } = headersOf(path);
          return {
            id: `${month}/${file}`,
            month,
            file,
            bytes: statSync(path).size,
            scope,
            scopeName: placeName(scope, rootName),
            to: to ?? fromName,
            date,
          };
        }),
    );
}

export async function readOutbox(dir: string, id: string): Promise<OutboxMessage> {
  const file = resolve(dir, id);
  if (!file.startsWith(resolve(dir) + sep) || !id.endsWith('.eml') || !existsSync(file))
    throw new NotFoundError(message('local.outbox.notFound'));
  const mail = await simpleParser(readFileSync(file));
  return {
    id,
    subject: mail.subject ?? '',
    from: mail.from?.text ?? '',
    to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''),
    date: mail.date?.toISOString() ?? null,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
  };
}
