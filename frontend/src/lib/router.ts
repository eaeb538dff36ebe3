// A hash router: #/county/450102 → ['county', '450102']; #/?month=2022-06 → the query { month: '2022-06' }.
// Enough for a handful of pages.
import { useEffect, useState } from 'react';

const parse = () => location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean);
const parseQuery = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

function useHash<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const on = () => setValue(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [read]);
  return value;
}

export const useRoute = (): string[] => useHash(parse);
/** The page's query (`?month=…`): it stays in the address, so Back and a shared link keep it. */
export const useQuery = (): URLSearchParams => useHash(parseQuery);

/** The month a page shows (`?month=2022-06`, a past month's view), or null for today. */
export function useMonthQuery(): string | null {
  const m = useQuery().get('month');
  return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : null;
}

/** A path with its query, leaving out empty values: withQuery('/county/450102', { month: null }) → '/county/450102'. */
export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return q ? `${path}?${q}` : path;
}

export const href = (path: string) => `#${path}`;
export const go = (path: string) => {
  location.hash = path;
};
/** The same page with another query: replaces the entry, so Back leaves the page rather than stepping through its months. */
export const replaceQuery = (path: string) => {
  location.replace(href(path));
};
