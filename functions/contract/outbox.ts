// The local outbox's answers (npm start only: GET /api/dev/outbox and /api/dev/outbox/{id}, outside the
// deployed API and its OpenAPI document, where mail goes through SES): the local server writes them, the
// outbox page reads them.
import * as z from 'zod';
import { strict } from './common.js';

/** One monthly summary email the outbox mailer wrote. */
export const outboxEntry = strict({
  id: z.string(),
  month: z.string(),
  file: z.string(),
  bytes: z.number().int(),
  /** Whose summary: province, city:4501, county:450102; and its name (南宁市兴宁区). */
  scope: z.string(),
  scopeName: z.string(),
  to: z.string(),
  /** The message's Date header, as an ISO instant. */
  date: z.string().nullable(),
});
export type OutboxEntry = z.output<typeof outboxEntry>;

/** One email read back (real MIME, parsed). */
export const outboxMessage = strict({
  id: z.string(),
  subject: z.string(),
  from: z.string(),
  to: z.string(),
  date: z.string().nullable(),
  html: z.string(),
  text: z.string(),
});
export type OutboxMessage = z.output<typeof outboxMessage>;
