// Time as people here read it: every instant shown in Asia/Shanghai, by one formatter; "today"
// taken from the server's clock (which a test or TRACKER_NOW may set), not the browser's.
import { shanghaiDate, type IsoDate } from '#core/dates.js';
import { api, pathOf } from './api.js';

let offsetMs = 0;

/** Learns the server's clock from /api/health (once, before the app and its query cache start); the browser's own is used if that fails. */
export async function syncClock(): Promise<void> {
  try {
    const sent = Date.now();
    const { now } = await api(pathOf('/api/health'), { cache: 'no-store' });
    offsetMs = Date.parse(now) - (sent + Date.now()) / 2;
  } catch {
    /* the browser's clock, then */
  }
}

export const serverNow = (): Date => new Date(Date.now() + offsetMs);
export const todayShanghai = (): IsoDate => shanghaiDate(serverNow());

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant as "2026-12-01 00:40" in Asia/Shanghai (or just the date). */
export function formatInstant(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return withTime ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : `${p.year}-${p.month}-${p.day}`;
}

/** The year whose summary (分年度总结) is being written: this year from 1 December, else the year before. */
export function annualYear(): number {
  const today = todayShanghai();
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) === 12 ? year : year - 1;
}
