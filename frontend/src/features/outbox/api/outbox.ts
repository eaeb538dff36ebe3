// The local outbox (a route of the local server only, outside the contract: mail goes through SES in AWS).
import type { OutboxEntry, OutboxMessage } from '#contract/outbox.js';
import { useApi } from '#web/lib/api.js';

export const useOutbox = () => useApi<{ messages: OutboxEntry[] }>('/api/dev/outbox');

/** One email, rendered; `id` null waits. */
export const useOutboxMessage = (id: string | null) => useApi<OutboxMessage>(id ? `/api/dev/outbox/${encodeURIComponent(id)}` : null);
