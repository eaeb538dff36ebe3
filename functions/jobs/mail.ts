// The two mail transports: SES v2 (AWS) and an outbox folder of .eml files (local).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMail } from '../app/mailer.js';

/** A real MIME message (multipart/alternative, UTF-8), built by nodemailer without sending it. */
export async function toEml(from: string, mail: OutgoingMail): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({
    from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.date ? { date: mail.date } : {}),
    headers: { 'X-Tracker-Key': mail.key }, messageId: `<${mail.key.replace(/[^A-Za-z0-9.-]/g, '.')}@tracker.local>`,
  });
  return info.message as Buffer;
}

/** Local transport: one .eml per (month, scope, recipient); writing it twice leaves one file. */
export function outboxMailer(dir: string, from: string): Mailer {
  return {
    async send(mail) {
      const [month, ...rest] = mail.key.split('/');
      const folder = join(dir, month.replace(/[^A-Za-z0-9-]/g, '-')); // REMIND#2026-12 → REMIND-2026-12
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${rest.join('--').replace(/[^A-Za-z0-9@._:-]/g, '_').replace(/:/g, '-')}.eml`), await toEml(from, mail));
    },
  };
}

let ses: SESv2Client | undefined;

export function sesMailer(from: string): Mailer {
  ses ??= new SESv2Client({});
  return {
    async send(mail) {
      await ses!.send(new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
            Headers: [{ Name: 'X-Tracker-Key', Value: mail.key }],
          },
        },
      }));
    },
  };
}

/** The transport the environment names: MAIL_TRANSPORT=ses (AWS) or outbox (local, OUTBOX_DIR). */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  const from = env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set');
  if (env.MAIL_TRANSPORT === 'ses') return sesMailer(from);
  if (env.MAIL_TRANSPORT === 'outbox' && env.OUTBOX_DIR) return outboxMailer(env.OUTBOX_DIR, from);
  throw new Error('MAIL_TRANSPORT must be ses, or outbox with OUTBOX_DIR');
}
