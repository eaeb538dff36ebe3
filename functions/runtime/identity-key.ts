// The deployment's identity key (the secret that keys persons' identities, core/roster.ts identityOf):
// in AWS a Secrets Manager secret (IDENTITY_SECRET_ARN), read once per container; locally a file made at
// first start (IDENTITY_KEY_FILE, under .local/keys). The key never leaves the functions: no answer, log
// or record holds it. Changing it would make every person a new one: it is not rotated.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;

/** The key of a local file, made (32 random bytes, hex, readable by the owner only) when the file is missing. */
export function localIdentityKey(file: string): Uint8Array {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(KEY_BYTES).toString('hex'), { mode: 0o600 });
  }
  return Uint8Array.from(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
}

/** The key the environment names, loaded on first use; undefined where none is configured (rosters are refused there). */
export function identityKeyFromEnv(env: NodeJS.ProcessEnv = process.env): (() => Promise<Uint8Array>) | undefined {
  if (env.IDENTITY_KEY_FILE) {
    const file = env.IDENTITY_KEY_FILE;
    return async () => localIdentityKey(file);
  }
  const arn = env.IDENTITY_SECRET_ARN;
  if (!arn) return undefined;
  const load = async () => {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString || SecretString.length < KEY_BYTES) throw new Error('the identity secret is missing or shorter than 32 characters');
    return new TextEncoder().encode(SecretString);
  };
  // Read once per container; a failed read (Secrets Manager briefly unreachable) is tried again by the next call.
  let loaded: Promise<Uint8Array> | undefined;
  return () =>
    (loaded ??= load().catch((e: unknown) => {
      loaded = undefined;
      throw e;
    }));
}
