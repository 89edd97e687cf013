import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJSONStrict, JSONSyntaxError } from './decode-strict.js';

const TESTDATA = join(import.meta.dirname, '../../../../shared/k8s/testdata');

test('values equal JSON.parse for every testdata object and for tricky scalars', () => {
  const files = readdirSync(TESTDATA).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 100);
  for (const file of files) {
    const text = readFileSync(`${TESTDATA}/${file}`, 'utf8');
    assert.deepEqual(decodeJSONStrict(text).value, JSON.parse(text), file);
  }
  const tricky = [
    '{"s":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/\\b\\f\\r","lone":"\\ud800"}',
    '[0,-0,1.5,-2.5e-3,1E+2,12345678901234567890,1e400,-1e-400]',
    '{"a":true,"b":false,"c":null,"d":[],"e":{},"f":[[[]]]}',
    ' \t\r\n "x" \n',
    '{"__proto__":{"polluted":1},"constructor":2}',
  ];
  for (const text of tricky) assert.deepEqual(decodeJSONStrict(text).value, JSON.parse(text), text);
  const proto = decodeJSONStrict('{"__proto__":{"x":1}}').value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.ok(Object.hasOwn(proto, '__proto__'));
});

test('duplicate keys at several depths: paths as upstream names them, in document order, each once', () => {
  const text = JSON.stringify({ kind: 'Pod' }).slice(0, -1) +
    ',"metadata":{"labels":{"app":"a","app":"b"}},"spec":{"containers":[{"name":"x"},{"name":"y","image":"i","name":"z"}]}' +
    ',"kind":"Pod","kind":"Pod"}';
  const { value, duplicates } = decodeJSONStrict(text);
  assert.deepEqual(duplicates, ['metadata.labels.app', 'spec.containers[1].name', 'kind']);
  assert.deepEqual(value, JSON.parse(text));
});

test('a duplicated key keeps its first place and its last value, as in JSON.parse', () => {
  const { value, literals } = decodeJSONStrict('{"a":1.0,"b":2,"a":3}');
  assert.deepEqual(Object.keys(value as object), ['a', 'b']);
  assert.equal((value as Record<string, number>).a, 3);
  // The literal of the replaced value is forgotten.
  assert.equal(literals?.get(value as object)?.get('a'), undefined);
});

test('no duplicates, no literals: nothing reported', () => {
  const r = decodeJSONStrict('{"a":{"b":[1,2,{"c":-3}]},"d":"e"}');
  assert.deepEqual(r.duplicates, []);
  assert.equal(r.literals, undefined);
});

test('literals are kept for numbers whose value hides how they were written', () => {
  const { value, literals } = decodeJSONStrict('{"a":1.0,"b":1e3,"c":-0,"d":12345678901234567890,"e":1.5,"f":7,"g":[2.50]}');
  const obj = value as Record<string, unknown>;
  const keys = literals?.get(obj);
  assert.deepEqual(keys && Object.fromEntries(keys), { a: '1.0', b: '1e3', c: '-0', d: '12345678901234567890' });
  assert.equal(literals?.get(obj.g as object)?.get('0'), '2.50');
});

test('syntax errors carry encoding/json messages', () => {
  const cases: [string, string][] = [
    ['', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', 'invalid character \'"\' after object key:value pair'],
    ['[1 2]', "invalid character '2' after array element"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{,}', "invalid character ',' looking for beginning of object key string"],
    ['tx', "invalid character 'x' in literal true (expecting 'r')"],
    ['-a', "invalid character 'a' in numeric literal"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['{} {}', "invalid character '{' after top-level value"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
    ['é', "invalid character 'Ã' looking for beginning of value"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => decodeJSONStrict(text), (e: unknown) => e instanceof JSONSyntaxError && e.message === message, text);
  }
});

test('nesting up to Go’s limit of 10000 parses without exhausting the stack; one more is refused', () => {
  const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
  assert.ok(Array.isArray(decodeJSONStrict(deep(10000)).value));
  assert.throws(() => decodeJSONStrict(deep(10001)), { message: "invalid character '[' exceeded max depth" });
});
