import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMicroTime, formatTime, parseMicroTime, parseTime, TimeParseError } from './time.js';

const instant = Date.UTC(2026, 10, 25, 17, 14, 21, 987);

test('Time: RFC 3339, UTC, whole seconds (truncated)', () => {
  assert.equal(formatTime(instant), '2026-11-25T17:14:21Z');
  assert.equal(formatTime(Date.UTC(2000, 0, 1)), '2000-01-01T00:00:00Z');
});

test('MicroTime: six decimals', () => {
  assert.equal(formatMicroTime(instant * 1000 + 654), '2026-11-25T17:14:21.987654Z');
  assert.equal(formatMicroTime(Date.UTC(2026, 0, 1) * 1000 + 5), '2026-01-01T00:00:00.000005Z');
  assert.equal(formatMicroTime(-1), '1969-12-31T23:59:59.999999Z');
});

test('parseTime accepts offsets and fractions and normalises to UTC', () => {
  assert.equal(parseTime('2026-11-25T17:14:21Z'), Date.UTC(2026, 10, 25, 17, 14, 21));
  assert.equal(parseTime('2026-11-25T18:14:21+01:00'), Date.UTC(2026, 10, 25, 17, 14, 21));
  assert.equal(parseTime('2026-11-25T17:14:21.5Z'), Date.UTC(2026, 10, 25, 17, 14, 21, 500));
  assert.equal(formatTime(parseTime('2026-11-25T12:14:21-05:00')), '2026-11-25T17:14:21Z');
  for (const bad of ['2026-11-25 17:14:21Z', '2026-02-30T00:00:00Z', '2026-11-25T24:00:00Z', '2026-11-25T17:14:21', 'x', '2026-11-25t17:14:21z']) {
    assert.throws(() => parseTime(bad), TimeParseError, bad);
  }
});

test('parseMicroTime requires exactly six decimals', () => {
  assert.equal(parseMicroTime('2026-11-25T17:14:21.987654Z'), instant * 1000 + 654);
  assert.equal(formatMicroTime(parseMicroTime('2026-11-25T17:14:21.000001Z')), '2026-11-25T17:14:21.000001Z');
  assert.throws(() => parseMicroTime('2026-11-25T17:14:21Z'), TimeParseError);
  assert.throws(() => parseMicroTime('2026-11-25T17:14:21.1234567Z'), TimeParseError);
});
