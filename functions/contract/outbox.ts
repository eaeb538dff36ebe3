// The local outbox's answers (npm start only: GET /api/dev/outbox and /api/dev/outbox/{id}, outside the
// deployed API and its OpenAPI document, where mail goes through SES): the local server writes them, the
// outbox page reads them.

/** One monthly summary email the outbox mailer wrote. */
export interface OutboxEntry {
  id: string;
  month: string;
  file: string;
  bytes: number;
  /** Whose summary: province, city:4501, county:450102; and its name (南宁市兴宁区). */
  scope: string;
  scopeName: string;
  to: string;
  /** The message's Date header, as an ISO instant. */
  date: string | null;
}

/** One email read back (real MIME, parsed). */
export interface OutboxMessage {
  id: string;
  subject: string;
  from: string;
  to: string;
  date: string | null;
  html: string;
  text: string;
}
