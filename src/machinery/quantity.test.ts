import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Quantity, QuantityParseError, type QuantityFormat } from './quantity.js';
import { parseQuantityString } from './quantity-string.js';

const q = (s: string): Quantity => Quantity.parse(s);
const dec = (value: bigint | number, exponent: number): Quantity => Quantity.fromScaled(value, exponent);
const MAX = 2n ** 63n - 1n;

test('parseQuantityString splits as upstream (TestParseQuantityString)', () => {
  assert.deepEqual(parseQuantityString('0.025Ti'), { positive: true, value: '0.025', num: '0', denom: '025', suffix: 'Ti' });
  assert.deepEqual(parseQuantityString('1.025Ti'), { positive: true, value: '1.025', num: '1', denom: '025', suffix: 'Ti' });
  assert.deepEqual(parseQuantityString('-1.025Ti'), { positive: false, value: '-1.025', num: '1', denom: '025', suffix: 'Ti' });
  assert.deepEqual(parseQuantityString('.'), { positive: true, value: '.', num: '0', denom: '', suffix: '' });
  assert.deepEqual(parseQuantityString('-.'), { positive: false, value: '-.', num: '0', denom: '', suffix: '' });
  assert.deepEqual(parseQuantityString('1E-3'), { positive: true, value: '1', num: '1', denom: '', suffix: 'E-3' });
});

// upstream TestQuantityParse: input, value, format.
const PARSE_TABLE: [string, Quantity, QuantityFormat][] = [
  ['0', dec(0, 0), 'DecimalSI'], ['0n', dec(0, 0), 'DecimalSI'], ['0u', dec(0, 0), 'DecimalSI'], ['0m', dec(0, 0), 'DecimalSI'],
  ['0Ki', dec(0, 0), 'BinarySI'], ['0k', dec(0, 0), 'DecimalSI'], ['0Mi', dec(0, 0), 'BinarySI'], ['0M', dec(0, 0), 'DecimalSI'],
  ['0Gi', dec(0, 0), 'BinarySI'], ['0G', dec(0, 0), 'DecimalSI'], ['0Ti', dec(0, 0), 'BinarySI'], ['0T', dec(0, 0), 'DecimalSI'],
  ['1', dec(1, 0), 'DecimalSI'],
  ['1Ki', dec(1024, 0), 'BinarySI'], ['8Ki', dec(8 * 1024, 0), 'BinarySI'], ['7Mi', dec(7 * 1024 ** 2, 0), 'BinarySI'],
  ['6Gi', dec(6 * 1024 ** 3, 0), 'BinarySI'], ['5Ti', dec(5 * 1024 ** 4, 0), 'BinarySI'], ['4Pi', dec(4n * 1024n ** 5n, 0), 'BinarySI'],
  ['3Ei', dec(3n * 1024n ** 6n, 0), 'BinarySI'], ['10Ti', dec(10 * 1024 ** 4, 0), 'BinarySI'], ['100Ti', dec(100 * 1024 ** 4, 0), 'BinarySI'],
  ['5n', dec(5, -9), 'DecimalSI'], ['4u', dec(4, -6), 'DecimalSI'], ['3m', dec(3, -3), 'DecimalSI'], ['9', dec(9, 0), 'DecimalSI'],
  ['8k', dec(8, 3), 'DecimalSI'], ['50k', dec(5, 4), 'DecimalSI'], ['7M', dec(7, 6), 'DecimalSI'], ['6G', dec(6, 9), 'DecimalSI'],
  ['5T', dec(5, 12), 'DecimalSI'], ['40T', dec(4, 13), 'DecimalSI'], ['300T', dec(3, 14), 'DecimalSI'], ['2P', dec(2, 15), 'DecimalSI'],
  ['1E', dec(1, 18), 'DecimalSI'],
  ['1E-3', dec(1, -3), 'DecimalExponent'], ['1e3', dec(1, 3), 'DecimalExponent'], ['1E6', dec(1, 6), 'DecimalExponent'],
  ['1e9', dec(1, 9), 'DecimalExponent'], ['1E12', dec(1, 12), 'DecimalExponent'], ['1e15', dec(1, 15), 'DecimalExponent'],
  ['1E18', dec(1, 18), 'DecimalExponent'], ['1e14', dec(1, 14), 'DecimalExponent'], ['1e13', dec(1, 13), 'DecimalExponent'],
  ['100.035k', dec(100035, 0), 'DecimalSI'],
  ['0.001', dec(1, -3), 'DecimalSI'], ['0.0005k', dec(5, -1), 'DecimalSI'], ['0.005', dec(5, -3), 'DecimalSI'], ['0.05', dec(5, -2), 'DecimalSI'],
  ['0.5', dec(5, -1), 'DecimalSI'], ['0.00050k', dec(5, -1), 'DecimalSI'], ['0.00500', dec(5, -3), 'DecimalSI'], ['0.05000', dec(5, -2), 'DecimalSI'],
  ['0.50000', dec(5, -1), 'DecimalSI'], ['0.5e0', dec(5, -1), 'DecimalExponent'], ['0.5e-1', dec(5, -2), 'DecimalExponent'],
  ['0.5e-2', dec(5, -3), 'DecimalExponent'], ['10.035M', dec(10035, 3), 'DecimalSI'],
  ['1.2e3', dec(12, 2), 'DecimalExponent'], ['1.3E+6', dec(13, 5), 'DecimalExponent'], ['1.40e9', dec(14, 8), 'DecimalExponent'],
  ['1.53E12', dec(153, 10), 'DecimalExponent'], ['1.6e15', dec(16, 14), 'DecimalExponent'], ['1.7E18', dec(17, 17), 'DecimalExponent'],
  ['9.01', dec(901, -2), 'DecimalSI'], ['8.1k', dec(81, 2), 'DecimalSI'], ['7.123456M', dec(7123456, 0), 'DecimalSI'],
  ['6.987654321G', dec(6987654321, 0), 'DecimalSI'], ['5.444T', dec(5444, 9), 'DecimalSI'], ['40.1T', dec(401, 11), 'DecimalSI'],
  ['300.2T', dec(3002, 11), 'DecimalSI'], ['2.5P', dec(25, 14), 'DecimalSI'], ['1.01E', dec(101, 16), 'DecimalSI'],
  ['3.001n', dec(4, -9), 'DecimalSI'], ['1.1E-9', dec(2, -9), 'DecimalExponent'], ['0.0000000001', dec(1, -9), 'DecimalSI'],
  ['0.0000000005', dec(1, -9), 'DecimalSI'], ['0.00000000050', dec(1, -9), 'DecimalSI'], ['0.5e-9', dec(1, -9), 'DecimalExponent'],
  ['0.9n', dec(1, -9), 'DecimalSI'], ['0.00000012345', dec(124, -9), 'DecimalSI'], ['0.00000012354', dec(124, -9), 'DecimalSI'],
  ['9Ei', Quantity.fromInt(MAX), 'BinarySI'], ['9223372036854775807Ki', Quantity.fromInt(MAX), 'BinarySI'], ['12E', dec(12, 18), 'DecimalSI'],
  ['100.035Ki', dec(10243584, -2), 'BinarySI'], ['0.5Mi', dec(0.5 * 1024 * 1024, 0), 'BinarySI'], ['0.05Gi', dec(536870912, -1), 'BinarySI'],
  ['0.025Ti', dec(274877906944, -1), 'BinarySI'],
  ['0.000000000001Ki', dec(2, -9), 'DecimalSI'], ['.001', dec(1, -3), 'DecimalSI'], ['.0001k', dec(100, -3), 'DecimalSI'],
  ['1.', dec(1, 0), 'DecimalSI'], ['1.G', dec(1, 9), 'DecimalSI'],
];

test('parse: values and formats of upstream\'s table, also with - and + signs', () => {
  for (const [input, value, format] of PARSE_TABLE) {
    const got = q(input);
    assert.equal(got.cmp(value), 0, `${input}: got ${got.toString()}, want ${value.toString()}`);
    assert.equal(got.format, format, input);
    const negative = q(`-${input}`);
    assert.equal(negative.cmp(value.neg()), 0, `-${input}`);
    assert.equal(negative.format, format, `-${input}`);
    assert.equal(q(`+${input}`).cmp(value), 0, `+${input}`);
  }
});

test('parse rejects what upstream rejects, with its messages', () => {
  for (const bad of ['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '', 'Non-Numeric']) {
    assert.throws(() => q(bad), QuantityParseError, bad);
  }
  assert.throws(() => q('1.1.M'), { message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" });
  assert.throws(() => q('0.1mi'), { message: "unable to parse quantity's suffix" });
});

// upstream TestQuantityString: value, format, canonical string, an alternate spelling of it.
const STRING_TABLE: [Quantity, QuantityFormat, string, string][] = [
  [dec(1024 * 1024 * 1024, 0), 'BinarySI', '1Gi', '1024Mi'], [dec(300 * 1024 * 1024, 0), 'BinarySI', '300Mi', '307200Ki'],
  [dec(6 * 1024, 0), 'BinarySI', '6Ki', ''], [dec(1001 * 1024 * 1024 * 1024, 0), 'BinarySI', '1001Gi', '1025024Mi'],
  [dec(1024 ** 4, 0), 'BinarySI', '1Ti', '1024Gi'], [dec(5, 0), 'BinarySI', '5', '5000m'], [dec(500, -3), 'BinarySI', '500m', '0.5'],
  [dec(1, 9), 'DecimalSI', '1G', '1000M'], [dec(1000, 6), 'DecimalSI', '1G', '0.001T'], [dec(1000000, 3), 'DecimalSI', '1G', ''],
  [dec(1000000000, 0), 'DecimalSI', '1G', ''], [dec(1, -3), 'DecimalSI', '1m', '1000u'], [dec(80, -3), 'DecimalSI', '80m', ''],
  [dec(1080, -3), 'DecimalSI', '1080m', '1.08'], [dec(108, -2), 'DecimalSI', '1080m', '1080000000n'],
  [dec(10800, -4), 'DecimalSI', '1080m', ''], [dec(300, 6), 'DecimalSI', '300M', ''], [dec(1, 12), 'DecimalSI', '1T', ''],
  [dec(1234567, 6), 'DecimalSI', '1234567M', ''], [dec(1234567, -3), 'BinarySI', '1234567m', ''], [dec(3, 3), 'DecimalSI', '3k', ''],
  [dec(1025, 0), 'BinarySI', '1025', ''], [dec(0, 0), 'DecimalSI', '0', ''], [dec(0, 0), 'BinarySI', '0', ''],
  [dec(1, 9), 'DecimalExponent', '1e9', '.001e12'], [dec(1, -3), 'DecimalExponent', '1e-3', '0.001e0'],
  [dec(1, -9), 'DecimalExponent', '1e-9', '1000e-12'], [dec(80, -3), 'DecimalExponent', '80e-3', ''],
  [dec(300, 6), 'DecimalExponent', '300e6', ''], [dec(1, 12), 'DecimalExponent', '1e12', ''], [dec(1, 3), 'DecimalExponent', '1e3', ''],
  [dec(3, 3), 'DecimalExponent', '3e3', ''], [dec(0, 0), 'DecimalExponent', '0', '00'],
  [dec(1, -9), 'DecimalSI', '1n', ''], [dec(80, -9), 'DecimalSI', '80n', ''], [dec(1080, -9), 'DecimalSI', '1080n', ''],
  [dec(108, -8), 'DecimalSI', '1080n', ''], [dec(10800, -10), 'DecimalSI', '1080n', ''], [dec(1, -6), 'DecimalSI', '1u', ''],
  [dec(80, -6), 'DecimalSI', '80u', ''], [dec(1080, -6), 'DecimalSI', '1080u', ''],
];

test('canonical strings (upstream TestQuantityString): kept on parse, reached from alternates, negated', () => {
  for (const [value, format, expect, alternate] of STRING_TABLE) {
    const quantity = value.withFormat(format);
    assert.equal(quantity.toString(), expect);
    if (!quantity.isZero()) assert.equal(quantity.neg().toString(), `-${expect}`);
    assert.equal(q(expect).toString(), expect);
    if (alternate !== '') assert.equal(q(alternate).toString(), expect, alternate);
  }
});

test('parse then print (upstream TestQuantityParseEmit) and common spellings', () => {
  const cases: [string, string][] = [
    ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['.001Ki', '1024m'], ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'],
    ['100m', '100m'], ['1000m', '1'], ['1536Mi', '1536Mi'], ['1.5Gi', '1536Mi'], ['0.5', '500m'], ['1e3', '1e3'], ['2k', '2k'],
    ['1500m', '1500m'], ['0.1', '100m'], ['1.5', '1500m'], ['250m', '250m'], ['128974848', '128974848'], ['129e6', '129e6'], ['123Mi', '123Mi'],
    // Upstream keeps some non-canonical spellings as typed; kubets prints them back the same way.
    ['100.035k', '100.035k'], ['01', '01'], ['+1', '+1'], ['12E', '12E'],
    ['9Ei', '9223372036854775807'], ['1000E', '1'],
  ];
  for (const [input, expect] of cases) {
    assert.equal(q(input).toString(), expect, input);
    if (!q(input).isZero() && !input.startsWith('+')) assert.equal(q(`-${input}`).toString(), `-${expect}`, `-${input}`);
  }
  assert.equal(JSON.stringify({ cpu: q('1000m') }), '{"cpu":"1"}');
});

test('compare (upstream TestQuantityCmp)', () => {
  assert.equal(q('0').cmp(q('0')), 0);
  assert.equal(q('100m').cmp(q('50m')), 1);
  assert.equal(q('50m').cmp(q('100m')), -1);
  assert.equal(q('10000T').cmp(q('100Gi')), 1);
  assert.ok(q('1Gi').equals(q('1024Mi')));
  assert.ok(q('1').equals(q('1000m')));
});

test('add and sub keep exact values; a zero left side takes the other format', () => {
  assert.equal(q('100m').add(q('0')).toString(), '100m');
  assert.equal(q('0').add(q('100m')).toString(), '100m');
  assert.equal(q('0').add(q('1Gi')).toString(), '1Gi');
  assert.equal(q('1Gi').sub(q('0')).toString(), '1Gi');
  assert.equal(q('0').sub(q('1Gi')).toString(), '-1Gi');
  assert.equal(q('1').add(q('500m')).toString(), '1500m');
  assert.equal(q('1Gi').add(q('512Mi')).toString(), '1536Mi');
  assert.equal(q('5').sub(q('2')).toString(), '3'); // upstream TestSub
  assert.equal(q('1').sub(q('1')).toString(), '0');
  assert.equal(q('10').neg().toString(), '-10');
});

test('values in units and thousandths round up (upstream TestScaledValue and friends)', () => {
  const scales = [-9, -6, -3, 0];
  const expected = [[1, 1, 1, 1], [1000, 1, 1, 1], [1000000, 1000, 1, 1], [1000000000, 1000000, 1000, 1]];
  scales.forEach((from, i) => scales.forEach((to, j) => assert.equal(dec(1, from).scaledValue(to), expected[i]![j])));
  assert.equal(dec(1, 2).scaledValue(-2), 10000);
  assert.equal(q('100m').milliValue(), 100);
  assert.equal(q('1.5').value(), 2);
  assert.equal(q('-1.5').value(), -2);
  assert.equal(q('1Gi').value(), 1073741824);
  assert.equal(q('2').milliValue(), 2000);
  assert.equal(q('1n').milliValue(), 1);
  assert.equal(q('9Ei').scaledBigInt(0), MAX);
});

test('constructors print as upstream (TestNewSet, TestMilliNewSet, TestNewScaledSet)', () => {
  assert.equal(Quantity.fromInt(1000).toString(), '1k');
  assert.equal(Quantity.fromInt(1234000).toString(), '1234k');
  assert.equal(Quantity.fromInt(1024, 'BinarySI').toString(), '1Ki');
  assert.equal(Quantity.fromInt(1024 * 1024, 'BinarySI').toString(), '1Mi');
  assert.equal(Quantity.fromInt(1000000, 'DecimalExponent').toString(), '1e6');
  assert.equal(Quantity.fromMilli(1).toString(), '1m');
  assert.equal(Quantity.fromMilli(1000).toString(), '1');
  assert.equal(Quantity.fromMilli(1024, 'BinarySI').toString(), '1024m');
  assert.equal(Quantity.fromMilli(1024 * 1024, 'BinarySI').toString(), '1048576m');
  assert.equal(Quantity.fromMilli(1000000, 'DecimalExponent').toString(), '1e3');
  assert.equal(Quantity.fromScaled(1000, -9).toString(), '1u');
  assert.equal(Quantity.fromScaled(1000, -3).toString(), '1');
  assert.equal(Quantity.fromScaled(0, -9).toString(), '0');
});

test('fromJSON trims spaces and accepts numbers (upstream TestJSONWhitespace)', () => {
  for (const [input, expect] of [[' 1', '1'], ['1 ', '1'], [1, '1'], [10, '10'], [-1, '-1']] as const) {
    assert.equal(Quantity.fromJSON(input).toString(), expect);
  }
  assert.throws(() => Quantity.fromJSON(true), QuantityParseError);
  assert.equal(q('1.5').asApproximateFloat64(), 1.5);
  assert.equal(q('1Ki').asApproximateFloat64(), 1024);
});
