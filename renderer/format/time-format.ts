/**
 * Times as a technician reads them: local clock times ("14:05"), dates only when not today, and
 * ages ("3 h ago"). The contract carries ISO 8601 UTC; everything here formats in the OS locale
 * and time zone.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const dayYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
// Calendar days the core keeps as UTC midnights (colour-bar days): named in UTC, whatever the local zone.
const utcDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const utcDayYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const fullFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:05" today, "Tue 2 Dec, 14:05" this year, "2 Dec 2025, 14:05" before. */
export function formatTime(iso: string | null, now: number): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const today = new Date(now);
  if (sameLocalDay(date, today)) return clockFormat.format(date);
  if (date.getFullYear() === today.getFullYear()) return `${dayFormat.format(date)}, ${clockFormat.format(date)}`;
  return `${dayYearFormat.format(date)}, ${clockFormat.format(date)}`;
}

/**
 * The day of a colour-bar backfill, which only knows the day: the cache reads Cove's bar with its
 * newest cell as today in UTC and stores each day as its UTC midnight, so this names that UTC
 * calendar day. Read in local time it would be the day before anywhere west of UTC.
 */
export function formatDay(iso: string | null, now: number): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.getUTCFullYear() === new Date(now).getUTCFullYear() ? utcDayFormat.format(date) : utcDayYearFormat.format(date);
}

/** A calendar day as the core names it ("2026-12-03"), in formatDay's words: "Thu, Dec 3". */
export function formatCalendarDay(day: string, now: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  // Noon of that day on the local calendar: the weekday is the date's own whatever the zone.
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
  return date.getFullYear() === new Date(now).getFullYear() ? dayFormat.format(date) : dayYearFormat.format(date);
}

/** Full local date and time with the zone, for tooltips. */
export function formatFull(iso: string | null): string {
  if (!iso) return 'never';
  return fullFormat.format(new Date(iso));
}

/** "just now", "12 min ago", "5 h ago", "3 d ago". */
export function formatAge(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const ms = now - new Date(iso).getTime();
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h ago`;
  return `${Math.floor(ms / DAY)} d ago`;
}

/** "in 40 s", "in 4 min", "in 1 h 5 min", "now". */
export function formatIn(iso: string | null, now: number): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - now;
  if (ms < 5_000) return 'now';
  if (ms < 90_000) return `in ${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `in ${hours} h` : `in ${hours} h ${minutes % 60} min`;
}

/**
 * The day of cell `index` (0 = oldest) of a 28-day bar, as the cache reads the bar: the newest
 * cell is today in UTC. Returned as that day's UTC midnight, the same instant a backfilled run has.
 */
export function historyDay(index: number, days: number, now: number): Date {
  return new Date((Math.floor(now / DAY) - (days - 1 - index)) * DAY);
}

/** A bar cell's day in formatDay's words, so the tooltip and the run history name the same day. */
export function formatHistoryDay(date: Date): string {
  return utcDayFormat.format(date);
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

const numberFormat = new Intl.NumberFormat();

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
