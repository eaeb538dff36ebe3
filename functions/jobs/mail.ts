// The mail transports: SES v2 (AWS global), SMTP through a relay (AWS China has no SES: a domestic
// relay, STARTTLS required, DKIM-signed), and an outbox folder of .eml files (local).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from '#app/mailer.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Date header (RFC 5322) in Beijing time, as the office reads it: "Sat, 01 Jul 2023 08:00:00 +0800" (China keeps no summer time). */
export function mailDate(instant: Date): string {
  const t = new Date(instant.getTime() + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[t.getUTCDay()]}, ${two(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} +0800`;
}

// Each transport loads its library on first use: a run needs one of SES and nodemailer, never both.
const nodemailer = async () => (await import('nodemailer')).default;

/** A real MIME message (multipart/alternative, UTF-8), built by nodemailer without sending it. */
export async function toEml(from: string, mail: OutgoingMail): Promise<Buffer> {
  const transport = (await nodemailer()).createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.date ? { date: mailDate(mail.date) } : {}),
    headers: { 'X-Tracker-Key': mail.key },
    messageId: `<${mail.key.replace(/[^A-Za-z0-9.-]/g, '.')}@tracker.local>`,
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
      writeFileSync(
        join(
          folder,
          `${rest
            .join('--')
            .replace(/[^A-Za-z0-9@._:-]/g, '_')
            .replace(/:/g, '-')}.eml`,
        ),
        await toEml(from, mail),
      );
    },
  };
}

let ses: Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }> | undefined;

/** `configurationSet`: the stack's, which requires TLS to the receiving server and tracks reputation. */
export function sesMailer(from: string, configurationSet?: string): Mailer {
  return {
    async send(mail) {
      ses ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({
        client: new SESv2Client({}),
        SendEmailCommand,
      }));
      const { client, SendEmailCommand } = await ses;
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
              Headers: [{ Name: 'X-Tracker-Key', Value: mail.key }],
            },
          },
        }),
      );
    },
  };
}

export interface SmtpSettings {
  /** smtp://user[:password]@host:port — the password may instead come from `secret`. */
  url: string;
  /** Extra CA certificates (PEM) to trust, for a relay with a private CA. */
  ca?: string;
  /** Looks up the password and the DKIM key (AWS: Secrets Manager), once, on the first message. */
  secret?: () => Promise<{ password?: string; dkimPrivateKey?: string }>;
  dkim?: { domainName: string; keySelector: string; privateKey?: string };
}

/**
 * SMTP through a relay: STARTTLS required (a relay that offers none is refused, never plain text),
 * AUTH with the configured user, each message DKIM-signed for the sender's domain when a key is set.
 * The same MIME message as the outbox writes (`toEml`'s headers), one connection pool per run.
 */
export function smtpMailer(from: string, settings: SmtpSettings): Mailer {
  let transport: Promise<Transporter> | undefined;
  const open = async () => {
    const url = new URL(settings.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP_URL must be smtp:// or smtps://');
    const secret = settings.secret ? await settings.secret() : {};
    const password = secret.password ?? decodeURIComponent(url.password);
    const dkimKey = secret.dkimPrivateKey ?? settings.dkim?.privateKey;
    return (await nodemailer()).createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      requireTLS: true,
      pool: true,
      maxConnections: 2,
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: password } } : {}),
      tls: { minVersion: 'TLSv1.2', ...(settings.ca ? { ca: settings.ca } : {}) },
      ...(settings.dkim && dkimKey
        ? { dkim: { domainName: settings.dkim.domainName, keySelector: settings.dkim.keySelector, privateKey: dkimKey } }
        : {}),
    });
  };
  return {
    async send(mail) {
      transport ??= open();
      const t = await transport;
      await t.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.date ? { date: mailDate(mail.date) } : {}),
        // The Message-ID is logged by relays: a hash of the key, not the address it holds.
        headers: { 'X-Tracker-Key': mail.key },
        messageId: `<${createHash('sha256').update(mail.key).digest('hex').slice(0, 32)}@${from.split('@')[1]?.replace(/>$/, '') ?? 'tracker.local'}>`,
      });
    },
    async close() {
      if (transport) (await transport).close();
    },
  };
}

/** The SMTP password and DKIM key from Secrets Manager: a JSON secret {"password", "dkimPrivateKey"}. */
function secretFrom(arn: string) {
  return async () => {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    const parsed = JSON.parse(SecretString ?? '{}') as { password?: unknown; dkimPrivateKey?: unknown };
    return {
      ...(typeof parsed.password === 'string' ? { password: parsed.password } : {}),
      // The stack creates the secret with an empty key: empty is none, and DKIM is left to the operator's value.
      ...(typeof parsed.dkimPrivateKey === 'string' && parsed.dkimPrivateKey.trim() ? { dkimPrivateKey: parsed.dkimPrivateKey } : {}),
    };
  };
}

/**
 * The transport the environment names: MAIL_TRANSPORT=ses (AWS global; SES_CONFIGURATION_SET), smtp (SMTP_URL; in AWS the
 * password and DKIM key in the secret SMTP_SECRET_ARN; DKIM_DOMAIN and DKIM_SELECTOR; SMTP_CA_FILE
 * to trust a private CA), or outbox (local, OUTBOX_DIR).
 */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  const from = env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set');
  if (env.MAIL_TRANSPORT === 'ses') return sesMailer(from, env.SES_CONFIGURATION_SET);
  if (env.MAIL_TRANSPORT === 'smtp') {
    if (!env.SMTP_URL) throw new Error('MAIL_TRANSPORT=smtp needs SMTP_URL (smtp://user@host:port)');
    return smtpMailer(from, {
      url: env.SMTP_URL,
      ...(env.SMTP_CA_FILE ? { ca: readFileSync(env.SMTP_CA_FILE, 'utf8') } : {}),
      ...(env.SMTP_SECRET_ARN ? { secret: secretFrom(env.SMTP_SECRET_ARN) } : {}),
      ...(env.DKIM_DOMAIN && env.DKIM_SELECTOR
        ? {
            dkim: {
              domainName: env.DKIM_DOMAIN,
              keySelector: env.DKIM_SELECTOR,
              ...(env.DKIM_PRIVATE_KEY_FILE ? { privateKey: readFileSync(env.DKIM_PRIVATE_KEY_FILE, 'utf8') } : {}),
            },
          }
        : {}),
    });
  }
  if (env.MAIL_TRANSPORT === 'outbox' && env.OUTBOX_DIR) return outboxMailer(env.OUTBOX_DIR, from);
  throw new Error('MAIL_TRANSPORT must be ses, smtp with SMTP_URL, or outbox with OUTBOX_DIR');
}
