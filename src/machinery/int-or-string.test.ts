import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getScaledValueFromIntOrPercent, intOrStringValue, IntOrStringError, isPercent, parseIntOrString } from './int-or-string.js';

test('getScaledValueFromIntOrPercent (upstream table)', () => {
  const cases: [number | string, number, boolean, number][] = [
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
    [10, 10, false, 10],
    ['10%', 10, false, 1],
    ['10%', 10, true, 1],
    ['33%', 100, true, 33],
    ['33%', 3, true, 1],
    ['33%', 3, false, 0],
    ['34%', 100, true, 34],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['0%', 10, true, 0],
    ['100%', 7, false, 7],
  ];
  for (const [value, total, roundUp, expected] of cases) {
    assert.equal(getScaledValueFromIntOrPercent(value, total, roundUp), expected, `${value} of ${total} (${roundUp})`);
  }
});

test('errors as upstream words them', () => {
  assert.throws(() => getScaledValueFromIntOrPercent('10#', 10, false), {
    name: 'IntOrStringError', message: 'invalid value for IntOrString: invalid type: string is not a percentage',
  });
  assert.throws(() => getScaledValueFromIntOrPercent('%', 10, false), {
    message: 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax',
  });
  assert.throws(() => getScaledValueFromIntOrPercent('abc%', 10, false), {
    message: 'invalid value for IntOrString: invalid value "abc%": strconv.Atoi: parsing "abc": invalid syntax',
  });
  assert.throws(() => getScaledValueFromIntOrPercent('99999999999999999999%', 10, false), /value out of range/);
  assert.throws(() => getScaledValueFromIntOrPercent(undefined, 10, false), IntOrStringError);
  for (const bad of ['90#', '#%', '90']) assert.throws(() => getScaledValueFromIntOrPercent(bad, 10, false), IntOrStringError, bad);
});

test('parse, value and percent helpers', () => {
  assert.equal(parseIntOrString('8080'), 8080);
  assert.equal(parseIntOrString('http'), 'http');
  assert.equal(parseIntOrString('2147483648'), '2147483648');
  assert.equal(intOrStringValue('42'), 42);
  assert.equal(intOrStringValue('x'), 0);
  assert.equal(intOrStringValue(7), 7);
  assert.ok(isPercent('25%'));
  assert.ok(!isPercent(25));
});
