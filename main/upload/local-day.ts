/**
 * "Which local day is this?" for a technician's time zone. Only Intl knows the zone rules (DST,
 * historical offsets), so days are compared as formatted dates, never with computed offsets.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

export class TimeZoneError extends RangeError {
  override readonly name = 'TimeZoneError';
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    } catch {
      throw new TimeZoneError(`"${timeZone}" is not a time zone this system knows.`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a `TimeZoneError` when `timeZone` is not an IANA zone Intl knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The calendar date (`YYYY-MM-DD`) of a Unix time in `timeZone`. */
export function localDate(unixSeconds: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(unixSeconds * 1000));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Checks `YYYY-MM-DD` is a real calendar date. */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A UTC window that surely contains every instant of local day `date` in any zone (zones lie
 * within UTC-12…UTC+14, so a day either side is ample). Used only to narrow a query; the exact
 * test is `localDate(t, zone) === date`.
 */
export function utcWindowAround(date: string): { from: number; to: number } {
  const [y, m, d] = date.split('-').map(Number);
  const midnight = Date.UTC(y, m - 1, d) / 1000;
  return { from: midnight - 86_400, to: midnight + 2 * 86_400 };
}
