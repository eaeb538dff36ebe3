// The local outbox (a route of the local server only, outside the contract: mail goes through SES in AWS).
import { useApi } from '#web/lib/api.js';

export interface OutboxEntry {
  id: string;
  month: string;
  file: string;
  bytes: number;
  scope: string;
  scopeName: string;
  to: string;
  date: string | null;
}
export interface OutboxMessage {
  id: string;
  subject: string;
  from: string;
  to: string;
  date: string | null;
  html: string;
  text: string;
}

export const useOutbox = () => useApi<{ messages: OutboxEntry[] }>('/api/dev/outbox');

/** One email, rendered; `id` null waits. */
export const useOutboxMessage = (id: string | null) => useApi<OutboxMessage>(id ? `/api/dev/outbox/${encodeURIComponent(id)}` : null);
