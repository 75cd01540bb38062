/**
 * Wall-clock time in an IANA time zone with nothing but Intl (Node ships full ICU). Enough for
 * quiet hours and "until tomorrow 08:00": local time of day, and the instant of a local time.
 * Times are Unix seconds.
 */

export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23: some ICU versions print midnight as "24" with hour12: false.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function wallTime(seconds: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(seconds * 1000))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Local minus UTC, in seconds, at that instant. */
export function utcOffsetSeconds(seconds: number, timeZone: string): number {
  const w = wallTime(seconds, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000;
  return asUtc - Math.floor(seconds);
}

/**
 * The instant a local wall time happens. A time skipped by a DST jump (02:30 on spring-forward)
 * lands just after the jump; a repeated one (fall-back) resolves to one of its two instants.
 */
export function wallTimeToSeconds(w: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000;
  // Two guesses cover both offsets around a transition; one of them shows the wanted wall time.
  const first = asUtc - utcOffsetSeconds(asUtc, timeZone);
  const second = asUtc - utcOffsetSeconds(first, timeZone);
  const matches = (s: number) => {
    const got = wallTime(s, timeZone);
    return got.year === w.year && got.month === w.month && got.day === w.day && got.hour === w.hour && got.minute === w.minute;
  };
  if (matches(second)) return second;
  if (matches(first)) return first;
  return Math.max(first, second); // in a DST gap: the later guess is the wall time pushed past the jump
}

/** Local calendar date `days` after the one containing `seconds` (month and year roll over). */
export function addLocalDays(seconds: number, days: number, timeZone: string): Pick<WallTime, 'year' | 'month' | 'day'> {
  const w = wallTime(seconds, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `HH:MM` → minutes after midnight; throws on anything else. */
export function parseClockTime(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a time of day (HH:MM, 24 h).`);
  return Number(match[1]) * 60 + Number(match[2]);
}
