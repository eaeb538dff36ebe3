import { useCallback, useEffect, useState } from 'react';
import type { CountiesResponse } from '../../../../../functions/app/reads';
import { api } from '../../../lib/api';

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
