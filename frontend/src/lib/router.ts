// A hash router: #/county/450102 → ['county', '450102']. Enough for a handful of pages.
import { useEffect, useState } from 'react';

const parse = () => location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean);

export function useRoute(): string[] {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const href = (path: string) => `#${path}`;
export const go = (path: string) => {
  location.hash = path;
};
