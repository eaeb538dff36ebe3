import { useApi, pathOf } from '#web/lib/api.js';

export const useOutbox = () => useApi(pathOf('/api/dev/outbox'));

/** One email, rendered; `id` null waits. */
export const useOutboxMessage = (id: string | null) => useApi(id ? pathOf('/api/dev/outbox/{id}', { id }) : null);
