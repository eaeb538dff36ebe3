import { useCallback, useEffect, useState } from 'react';
import type { CountiesResponse } from '#app/reads.js';
import { api } from '#web/lib/api.js';

export type { CountiesResponse };
export type CountyRow = CountiesResponse['counties'][number];

export function useCounties() {
  const [data, setData] = useState<CountiesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    api<CountiesResponse>('/api/counties').then(setData, (e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);
  return { data, error, reload: load };
}
