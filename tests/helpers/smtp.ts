// A real SMTP server on loopback for the mail tests (the smtp-server library): STARTTLS with a
// test certificate, AUTH PLAIN/LOGIN with one user, every message kept with its envelope and the
// session's TLS state; and a DNS stand-in that publishes the test DKIM key.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const dir = join(import.meta.dirname, 'smtp');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

export async function startSmtp(options: { user: string; password: string; noTls?: boolean }) {
  const messages: { data: Buffer; envelopeTo: string[] }[] = [];
  const sessions: { secure: boolean; user: string | undefined }[] = [];
  const server = new SMTPServer({
    key: read('localhost-key.pem'),
    cert: read('localhost-cert.pem'),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    ...(options.noTls ? { disabledCommands: ['STARTTLS'], allowInsecureAuth: true } : {}),
    onAuth(auth, _session, done) {
      if (auth.username === options.user && auth.password === options.password) done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ data: Buffer.concat(chunks), envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
        sessions.push({ secure: session.secure, user: session.user as string | undefined });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const publicKey = read('dkim-public.pem').replace(/-----[^-]+-----|\s/g, '');
  return {
    port,
    messages,
    sessions,
    cert: read('localhost-cert.pem'),
    dkimPrivateKey: read('dkim-key.pem'),
    /** DNS as mailauth asks it: the selector's TXT record. */
    resolver: async (name: string, type: string) => {
      if (type === 'TXT' && name === 'gx2026._domainkey.tracker.example.cn') return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
      throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
