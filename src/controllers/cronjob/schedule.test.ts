import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Schedule, ScheduleParseError, UnknownTimeZoneError, formatInZone } from './schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

test('steps, ranges and lists', () => {
  assert.equal(iso(new Schedule('*/15 * * * *').next(at('2026-01-01T10:07:30Z'))), '2026-01-01T10:15:00.000Z');
  assert.equal(iso(new Schedule('0 9-17/4 * * *').next(at('2026-01-01T10:00:00Z'))), '2026-01-01T13:00:00.000Z');
  assert.equal(iso(new Schedule('5,10 * * * *').next(at('2026-01-01T10:05:00Z'))), '2026-01-01T10:10:00.000Z');
});

test('macros', () => {
  assert.equal(iso(new Schedule('@hourly').next(at('2026-01-01T10:00:00Z'))), '2026-01-01T11:00:00.000Z');
  assert.equal(iso(new Schedule('@daily').next(at('2026-01-01T10:00:00Z'))), '2026-01-02T00:00:00.000Z');
  assert.equal(iso(new Schedule('@monthly').next(at('2026-01-15T10:00:00Z'))), '2026-02-01T00:00:00.000Z');
  // 2026-01-01 is a Thursday; @weekly is Sunday midnight.
  assert.equal(iso(new Schedule('@weekly').next(at('2026-01-01T10:00:00Z'))), '2026-01-04T00:00:00.000Z');
});

test('names, Sunday as 7, and the day-of-month OR day-of-week rule', () => {
  assert.equal(iso(new Schedule('0 0 * JAN-MAR SUN').next(at('2026-03-30T00:00:00Z'))), '2027-01-03T00:00:00.000Z');
  assert.equal(iso(new Schedule('0 0 * * 7').next(at('2026-01-01T00:00:00Z'))), '2026-01-04T00:00:00.000Z');
  // Both restricted: the 15th or a Monday, whichever comes first (Monday 5 January).
  assert.equal(iso(new Schedule('0 0 15 * 1').next(at('2026-01-01T00:00:00Z'))), '2026-01-05T00:00:00.000Z');
});

test('timeZone shifts the schedule', () => {
  // 09:00 in New York in January is 14:00 UTC.
  assert.equal(iso(new Schedule('0 9 * * *', 'America/New_York').next(at('2026-01-01T00:00:00Z'))), '2026-01-01T14:00:00.000Z');
  assert.equal(formatInZone(at('2026-01-01T14:00:00Z'), 'America/New_York'), '2026-01-01T09:00:00-05:00');
  assert.equal(formatInZone(at('2026-01-01T14:00:00Z'), 'UTC'), '2026-01-01T14:00:00Z');
});

test('an impossible date has no next time; bad syntax and zones throw', () => {
  assert.equal(new Schedule('0 0 30 2 *').next(at('2026-01-01T00:00:00Z')), undefined);
  assert.throws(() => new Schedule('* * * *'), ScheduleParseError);
  assert.throws(() => new Schedule('61 * * * *'), ScheduleParseError);
  assert.throws(() => new Schedule('* * * * *', 'Mars/Olympus'), UnknownTimeZoneError);
});
