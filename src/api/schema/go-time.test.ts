import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoTimeParseError, isStoredForm, parseGoTime, RFC3339, RFC3339_MICRO } from './go-time.js';

test('accepts what Go accepts, offsets and fractions included', () => {
  assert.deepEqual(parseGoTime(RFC3339, '2008-01-01T01:01:01Z'), { seconds: Date.UTC(2008, 0, 1, 1, 1, 1) / 1000, nanos: 0 });
  assert.deepEqual(parseGoTime(RFC3339, '2008-01-01T03:01:01.123456789999+02:00'), {
    seconds: Date.UTC(2008, 0, 1, 1, 1, 1) / 1000,
    nanos: 123456789,
  });
  // A one-digit hour: Go's layout element 15 takes one or two digits.
  assert.equal(parseGoTime(RFC3339, '2020-01-01T1:00:00Z').seconds, Date.UTC(2020, 0, 1, 1) / 1000);
  assert.deepEqual(parseGoTime(RFC3339_MICRO, '2020-02-29T00:00:00.000007-01:30'), {
    seconds: Date.UTC(2020, 1, 29, 1, 30) / 1000,
    nanos: 7000,
  });
  assert.equal(parseGoTime(RFC3339, '0000-01-01T00:00:00Z').seconds, -62167219200);
});

test('refuses with Go’s messages', () => {
  const cases: [string, string, string][] = [
    [RFC3339, 'x', 'parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"'],
    [RFC3339, '', 'parsing time "" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "2006"'],
    [RFC3339, '2020-01-01', 'parsing time "2020-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    [RFC3339, '2020-01-01 00:00:00Z', 'parsing time "2020-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"'],
    [RFC3339, '2020-1-01T00:00:00Z', 'parsing time "2020-1-01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-01T00:00:00Z" as "01"'],
    [RFC3339, '2020-13-01T00:00:00Z', 'parsing time "2020-13-01T00:00:00Z": month out of range'],
    [RFC3339, '2021-02-29T00:00:00Z', 'parsing time "2021-02-29T00:00:00Z": day out of range'],
    [RFC3339, '2020-01-01T24:00:00Z', 'parsing time "2020-01-01T24:00:00Z": hour out of range'],
    [RFC3339, '2020-01-01T00:60:00Z', 'parsing time "2020-01-01T00:60:00Z": minute out of range'],
    [RFC3339, '2020-01-01T00:00:60Z', 'parsing time "2020-01-01T00:00:60Z": second out of range'],
    [RFC3339, '2020-01-01T00:00:00+25:00', 'parsing time "2020-01-01T00:00:00+25:00": time zone offset hour out of range'],
    [RFC3339, '2020-01-01T00:00:00', 'parsing time "2020-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    [RFC3339, '2020-01-01T00:00:00Zjunk', 'parsing time "2020-01-01T00:00:00Zjunk": extra text: "junk"'],
    [RFC3339, 'é', 'parsing time "\\xc3\\xa9" as "2006-01-02T15:04:05Z07:00": cannot parse "\\xc3\\xa9" as "2006"'],
    [RFC3339_MICRO, '2020-01-01T00:00:00Z', 'parsing time "2020-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"'],
    [RFC3339_MICRO, '2020-01-01T00:00:00.1234567Z', 'parsing time "2020-01-01T00:00:00.1234567Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "7Z" as "Z07:00"'],
  ];
  for (const [layout, value, message] of cases) {
    assert.throws(() => parseGoTime(layout as typeof RFC3339, value), (e: unknown) => e instanceof GoTimeParseError && e.message === message, value);
  }
});

test('isStoredForm: exactly the strings Go prints back unchanged', () => {
  assert.ok(isStoredForm(RFC3339, '2008-01-01T01:01:01Z'));
  assert.ok(isStoredForm(RFC3339_MICRO, '2008-01-01T01:01:01.000100Z'));
  for (const s of ['2008-01-01T01:01:01.5Z', '2008-01-01T01:01:01+00:00', '2008-02-30T01:01:01Z', '2008-01-01T24:00:00Z', '2008-01-01t01:01:01Z']) {
    assert.ok(!isStoredForm(RFC3339, s), s);
  }
  assert.ok(!isStoredForm(RFC3339_MICRO, '2008-01-01T01:01:01Z'));
});
