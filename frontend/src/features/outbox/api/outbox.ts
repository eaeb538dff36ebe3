// The local outbox (a route of the local server only, outside the contract: mail goes through SES in AWS).
import type { OutboxEntry, OutboxMessage } from '#contract/outbox.js';
import { useApi, pathOf } from '#web/lib/api.js';

export const useOutbox = () => useApi<{ messages: OutboxEntry[] }>(pathOf('/api/dev/outbox'));

/** One email, rendered; `id` null waits. */
export const useOutboxMessage = (id: string | null) => useApi<OutboxMessage>(id ? pathOf('/api/dev/outbox/{id}', { id }) : null);
