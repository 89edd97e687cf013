import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareGoStrings, goDuration, goFormatFloat, goFormatValue, goJSON, goLen, goQuote } from './go-format.js';

test('goQuote escapes as strconv.Quote', () => {
  assert.equal(goQuote('x'), '"x"');
  assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goQuote('tab\tnl\nbell\x07'), '"tab\\tnl\\nbell\\a"');
  assert.equal(goQuote('\x01\x7f'), '"\\x01\\x7f"');
  // Printable non-ASCII stays; an unprintable one (NBSP, category Zs) is escaped.
  assert.equal(goQuote('함수 é'), '"함수 é"');
  assert.equal(goQuote('a\u00a0b'), '"a\\u00a0b"');
  assert.equal(goQuote('\u{e0001}'), '"\\U000e0001"');
  assert.equal(goQuote('\ud800'), '"\ufffd"');
});

test('goFormatFloat follows %v: %e from exponent 6 and below -4', () => {
  assert.equal(goFormatFloat(0.5), '0.5');
  assert.equal(goFormatFloat(123456.5), '123456.5');
  assert.equal(goFormatFloat(1234567.5), '1.2345675e+06');
  assert.equal(goFormatFloat(0.0001), '0.0001');
  assert.equal(goFormatFloat(0.00001), '1e-05');
  assert.equal(goFormatFloat(1e21), '1e+21');
  assert.equal(goFormatFloat(Infinity), '+Inf');
});

test('goFormatValue prints numbers plainly, strings quoted, the rest as JSON', () => {
  assert.equal(goFormatValue(-42), '-42');
  assert.equal(goFormatValue(true), 'true');
  assert.equal(goFormatValue('the value'), '"the value"');
  assert.equal(goFormatValue(['one', 'two', 'three']), '["one","two","three"]');
  assert.equal(goFormatValue({ stringField: 'stringval', intField: 9376 }), '{"stringField":"stringval","intField":9376}');
  assert.equal(goFormatValue(null), 'null');
  assert.equal(goFormatValue(undefined), 'null');
});

test('goJSON escapes HTML characters as encoding/json does', () => {
  assert.equal(goJSON({ a: '<b>&' }), '{"a":"\\u003cb\\u003e\\u0026"}');
});

test('compareGoStrings orders by code point', () => {
  assert.ok(compareGoStrings('a', 'b') < 0);
  assert.ok(compareGoStrings('ab', 'a') > 0);
  assert.equal(compareGoStrings('x', 'x'), 0);
  // U+FF5E (one UTF-16 unit) sorts before U+1F600 in UTF-8, unlike JavaScript's '<'.
  assert.ok('\u{1f600}' < '\uff5e');
  assert.ok(compareGoStrings('\uff5e', '\u{1f600}') < 0);
});

test('goLen counts UTF-8 bytes', () => {
  assert.equal(goLen('abc'), 3);
  assert.equal(goLen('rā'), 3);
});

test('goDuration prints as time.Duration does', () => {
  assert.equal(goDuration(0), '0s');
  assert.equal(goDuration(250), '250ms');
  assert.equal(goDuration(1000), '1s');
  assert.equal(goDuration(1500), '1.5s');
  assert.equal(goDuration(15 * 60_000), '15m0s');
  assert.equal(goDuration(3_600_000 + 2_500), '1h0m2.5s');
});
