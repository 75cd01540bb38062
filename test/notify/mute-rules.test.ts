import { describe, expect, it } from 'vitest';
import {
  applyAcknowledgements,
  holdChange,
  isQuietTime,
  muteReason,
  snoozeUntil,
} from '../../main/notify/mute-rules';
import type { Acknowledgement, DeviceEvent, HeldChange, QuietHours, Snooze } from '../../main/notify/notification-types';
import { type WallTime, utcOffsetSeconds, wallTime, wallTimeToSeconds } from '../../main/notify/zoned-time';

const utc = (iso: string) => Date.parse(iso) / 1000;
const HOUR = 3600;

describe('quiet hours', () => {
  const night: QuietHours = { enabled: true, start: '22:00', end: '07:00', timeZone: 'Europe/Amsterdam' };
  it.each<[string, string, boolean]>([
    ['just before the start (21:59 CET)', '2026-01-14T20:59:00Z', false],
    ['at the start (22:00 CET)', '2026-01-14T21:00:00Z', true],
    ['after midnight (03:00 CET)', '2026-01-15T02:00:00Z', true],
    ['the last minute (06:59 CET)', '2026-01-15T05:59:00Z', true],
    ['at the end (07:00 CET)', '2026-01-15T06:00:00Z', false],
    ['midday', '2026-01-15T11:00:00Z', false],
    ['summer time: 22:30 CEST', '2026-07-01T20:30:00Z', true],
    ['summer time: 07:30 CEST', '2026-07-02T05:30:00Z', false],
    ['spring-forward night, 01:30 CET', '2026-03-29T00:30:00Z', true],
    ['spring-forward night, 06:30 CEST', '2026-03-29T04:30:00Z', true],
    ['spring-forward morning, 07:30 CEST', '2026-03-29T05:30:00Z', false],
    ['fall-back night, 06:30 CET', '2026-10-25T05:30:00Z', true],
    ['fall-back morning, 07:00 CET', '2026-10-25T06:00:00Z', false],
  ])('%s → %s', (_name, iso, quiet) => {
    expect(isQuietTime(utc(iso), night)).toBe(quiet);
  });

  it('is off by default, and a window of zero length is never quiet', () => {
    expect(isQuietTime(utc('2026-01-15T02:00:00Z'), { ...night, enabled: false })).toBe(false);
    expect(isQuietTime(utc('2026-01-15T02:00:00Z'), { ...night, start: '07:00', end: '07:00' })).toBe(false);
  });

  it('a window within one day (12:00–13:00 New York)', () => {
    const lunch: QuietHours = { enabled: true, start: '12:00', end: '13:00', timeZone: 'America/New_York' };
    expect(isQuietTime(utc('2026-07-01T16:30:00Z'), lunch)).toBe(true); // 12:30 EDT
    expect(isQuietTime(utc('2026-01-15T16:30:00Z'), lunch)).toBe(false); // 11:30 EST
    expect(isQuietTime(utc('2026-01-15T17:30:00Z'), lunch)).toBe(true); // 12:30 EST
  });
});

describe('snoozeUntil', () => {
  it.each<[string, string, '1h' | '4h' | 'tomorrow', string, string]>([
    ['1 h', '2026-01-15T10:17:00Z', '1h', 'Europe/Amsterdam', '2026-01-15T11:17:00Z'],
    ['4 h across midnight', '2026-01-15T22:00:00Z', '4h', 'Europe/Amsterdam', '2026-01-16T02:00:00Z'],
    ['tomorrow 08:00 CET', '2026-01-15T15:00:00Z', 'tomorrow', 'Europe/Amsterdam', '2026-01-16T07:00:00Z'],
    ['tomorrow 08:00 is summer time after tonight’s clock change', '2026-03-28T20:00:00Z', 'tomorrow', 'Europe/Amsterdam', '2026-03-29T06:00:00Z'],
    ['tomorrow 08:00 is winter time after tonight’s clock change', '2026-10-24T19:00:00Z', 'tomorrow', 'Europe/Amsterdam', '2026-10-25T07:00:00Z'],
    ['month end rolls over', '2026-03-31T21:30:00Z', 'tomorrow', 'Europe/Amsterdam', '2026-04-01T06:00:00Z'],
    ['year end, far east (23:00 NZDT on 31 Dec)', '2026-12-31T10:00:00Z', 'tomorrow', 'Pacific/Auckland', '2026-12-31T19:00:00Z'],
    ['New York evening', '2026-03-07T23:00:00Z', 'tomorrow', 'America/New_York', '2026-03-08T12:00:00Z'],
    ['after midnight, before 04:00: this morning', '2026-01-15T00:30:00Z', 'tomorrow', 'Europe/Amsterdam', '2026-01-15T07:00:00Z'],
    ['at 05:00 local: the next day', '2026-01-15T04:00:00Z', 'tomorrow', 'Europe/Amsterdam', '2026-01-16T07:00:00Z'],
  ])('%s', (_name, from, duration, timeZone, until) => {
    expect(new Date(snoozeUntil(duration, utc(from), timeZone) * 1000).toISOString()).toBe(new Date(until).toISOString());
  });
});

describe('zoned time', () => {
  it('reads the local wall time and offset', () => {
    expect(wallTime(utc('2026-07-01T20:30:00Z'), 'Europe/Amsterdam')).toEqual({ year: 2026, month: 7, day: 1, hour: 22, minute: 30, second: 0 });
    expect(wallTime(utc('2026-01-01T00:00:00Z'), 'UTC').hour).toBe(0); // never "24"
    expect(utcOffsetSeconds(utc('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
  });

  it.each<[string, WallTime, string, string]>([
    ['an ordinary time', { year: 2026, month: 1, day: 15, hour: 8, minute: 0, second: 0 }, 'Europe/Amsterdam', '2026-01-15T07:00:00Z'],
    ['skipped by spring-forward: lands after the jump', { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Amsterdam', '2026-03-29T01:30:00Z'],
    ['skipped in New York: lands after the jump', { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, 'America/New_York', '2026-03-08T07:30:00Z'],
    ['just after the jump', { year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 }, 'Europe/Amsterdam', '2026-03-29T01:30:00Z'],
  ])('%s', (_name, wall, timeZone, iso) => {
    expect(wallTimeToSeconds(wall, timeZone)).toBe(utc(iso));
  });
});

describe('muteReason', () => {
  const NOW = utc('2026-01-15T12:00:00Z');
  const quietOff: QuietHours = { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' };
  const device = { deviceId: 1, customerId: 10 };
  const snooze = (scope: Snooze['scope'], until = NOW + HOUR): Snooze => ({ scope, until, createdAt: NOW - HOUR });
  it.each<[string, Snooze[], QuietHours, typeof device | 'connection', string | null]>([
    ['nothing', [], quietOff, device, null],
    ['device snoozed', [snooze({ kind: 'device', deviceId: 1 })], quietOff, device, 'snooze-device'],
    ['another device snoozed', [snooze({ kind: 'device', deviceId: 2 })], quietOff, device, null],
    ['its customer snoozed', [snooze({ kind: 'customer', customerId: 10 })], quietOff, device, 'snooze-customer'],
    ['everything snoozed', [snooze({ kind: 'all' })], quietOff, device, 'snooze-all'],
    ['an expired snooze', [snooze({ kind: 'all' }, NOW)], quietOff, device, null],
    ['quiet hours', [], { enabled: true, start: '11:00', end: '13:00', timeZone: 'UTC' }, device, 'quiet-hours'],
    ['the connection ignores device snoozes', [snooze({ kind: 'device', deviceId: 1 }), snooze({ kind: 'customer', customerId: 10 })], quietOff, 'connection', null],
    ['the connection obeys "everything"', [snooze({ kind: 'all' })], quietOff, 'connection', 'snooze-all'],
  ])('%s', (_name, snoozes, quiet, subject, reason) => {
    expect(muteReason(subject, snoozes, quiet, NOW)).toBe(reason);
  });
});

describe('holdChange', () => {
  const held = (category: HeldChange['category'], announced = false): HeldChange => ({ subject: 'device:1', deviceId: 1, customerId: 10, name: 'FS01', category, at: 0, announced });
  it.each<[string, HeldChange | undefined, HeldChange, HeldChange | null]>([
    ['first change is held', undefined, held('failed'), held('failed')],
    ['a later problem replaces an earlier one', held('failed'), held('escalated'), held('escalated')],
    ['a break nobody saw that ended leaves nothing', held('failed'), held('recovered', true), null],
    ['a shown break that ended is news', held('escalated', true), held('recovered', true), held('recovered', true)],
    ['recovered, then failed again', held('recovered', true), held('failed'), held('failed', true)],
  ])('%s', (_name, existing, incoming, expected) => {
    expect(holdChange(existing, incoming)).toEqual(expected);
  });
});

describe('applyAcknowledgements', () => {
  const NOW = 1_780_000_000;
  const devices = new Map([
    [1, { id: 1, name: 'FS01', customerId: 10, customerName: 'Acme' }],
    [2, { id: 2, name: 'FS02', customerId: 10, customerName: 'Acme' }],
  ]);
  const ack = (deviceId: number, at: number, expiresAt: number): Acknowledgement => ({ deviceId, by: 'sam', reason: 'disk replaced tonight', at, expiresAt });
  const event = (deviceId: number, category: DeviceEvent['category'], since: number): DeviceEvent => ({
    category,
    deviceId,
    deviceName: `FS0${deviceId}`,
    customerId: 10,
    customerName: 'Acme',
    sources: [],
    since,
    hadProblem: true,
  });

  it('hides the escalation of a failure that was already acknowledged', () => {
    const out = applyAcknowledgements({ events: [event(1, 'escalated', NOW - 5 * HOUR)], acknowledgements: new Map([[1, ack(1, NOW - HOUR, NOW + HOUR)]]), devices, problemDevices: new Set([1]), now: NOW });
    expect(out).toEqual({ events: [], cleared: [] });
  });

  it('shows a failure that began after the acknowledgement', () => {
    const out = applyAcknowledgements({ events: [event(1, 'failed', NOW)], acknowledgements: new Map([[1, ack(1, NOW - HOUR, NOW + HOUR)]]), devices, problemDevices: new Set([1]), now: NOW });
    expect(out.events.map((e) => e.category)).toEqual(['failed']);
  });

  it('clears itself on recovery, and the recovery is shown', () => {
    const out = applyAcknowledgements({ events: [event(1, 'recovered', NOW)], acknowledgements: new Map([[1, ack(1, NOW - HOUR, NOW + HOUR)]]), devices, problemDevices: new Set(), now: NOW });
    expect(out).toMatchObject({ events: [{ category: 'recovered' }], cleared: [1] });
  });

  it('expiring while still failing: one reminder naming who and why', () => {
    const out = applyAcknowledgements({ events: [], acknowledgements: new Map([[1, ack(1, NOW - 24 * HOUR, NOW)]]), devices, problemDevices: new Set([1]), now: NOW });
    expect(out.cleared).toEqual([1]);
    expect(out.events).toEqual([{ ...event(1, 'reminder', NOW - 24 * HOUR), acknowledgement: { by: 'sam', reason: 'disk replaced tonight' } }]);
  });

  it('expiring on a healthy device, or one that left Cove, just clears', () => {
    const out = applyAcknowledgements({
      events: [],
      acknowledgements: new Map([[2, ack(2, NOW - 24 * HOUR, NOW)], [3, ack(3, NOW - HOUR, NOW + HOUR)]]),
      devices,
      problemDevices: new Set(),
      now: NOW,
    });
    expect(out).toEqual({ events: [], cleared: [2, 3] });
  });
});
