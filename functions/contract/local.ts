// The local server's own routes (npm start only, never deployed, so not in the contract): the demo's
// sign-in token and the mail outbox the root office reads.
import * as z from 'zod';
import { strict } from './common.js';
import { outboxEntry, outboxMessage } from './outbox.js';

export const LOCAL_PATHS = ['/api/dev/token', '/api/dev/outbox', '/api/dev/outbox/{id}'] as const;
export type LocalPath = (typeof LOCAL_PATHS)[number];

/** What each local route answers: the frontend's types, and the schemas a test holds the local server's answers to. */
export const LOCAL_ANSWERS = {
  'POST /api/dev/token': strict({ token: z.string() }),
  'GET /api/dev/outbox': strict({ messages: z.array(outboxEntry) }),
  'GET /api/dev/outbox/{id}': outboxMessage,
} as const satisfies Partial<Record<`${'GET' | 'POST'} ${LocalPath}`, z.ZodType>>;
export type LocalAnswers = { [K in keyof typeof LOCAL_ANSWERS]: z.output<(typeof LOCAL_ANSWERS)[K]> };
