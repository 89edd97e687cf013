import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeYAMLStrict, YAMLSyntaxError } from './decode-strict-yaml.js';

test('duplicate keys are reported as go-yaml words them, nested ones before the outer one', () => {
  const text = [
    'apiVersion: v1', //          1
    'kind: Pod', //               2
    'metadata:', //               3
    '  name: a', //               4
    '  labels:', //               5
    '    app: one', //            6
    '    app: two', //            7
    '  name: b', //               8
    'spec:', //                   9
    '  containers:', //           10
    '  - name: c', //             11
    '    name: d', //             12
    '  - {name: e, name: f}', //  13
    '  foo:', //                  14
    '    bar: 1', //              15
    '    bar: 2', //              16
    '  foo: 3', //                17
  ].join('\n');
  const { value, yamlDuplicates } = decodeYAMLStrict(text);
  assert.deepEqual(yamlDuplicates, [
    'line 7: key "app" already set in map',
    'line 8: key "name" already set in map',
    'line 12: key "name" already set in map',
    'line 13: key "name" already set in map',
    'line 16: key "bar" already set in map',
    'line 17: key "foo" already set in map',
  ]);
  assert.deepEqual(value, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'b', labels: { app: 'two' } },
    spec: { containers: [{ name: 'd' }, { name: 'f' }], foo: 3 },
  });
});

test('the line is that of the value: a block value starts on the next line', () => {
  const { yamlDuplicates } = decodeYAMLStrict('a: 1\na:\n  b: 2\n');
  assert.deepEqual(yamlDuplicates, ['line 3: key "a" already set in map']);
});

test('keys compare as go-yaml values: `yes` is the boolean true, 1 and "1" differ', () => {
  const { yamlDuplicates } = decodeYAMLStrict('true: a\nyes: b\n1: c\n"1": d\n1: e\n~: f\nnull: g\n');
  assert.deepEqual(yamlDuplicates, [
    'line 2: key true already set in map',
    'line 5: key 1 already set in map',
    'line 7: key <nil> already set in map',
  ]);
});

test('values resolve as YAML 1.1 in go-yaml v2: yes/on are booleans, 0777 octal, timestamps and 1:20 stay strings', () => {
  const { value } = decodeYAMLStrict('a: yes\nb: on\nc: 0777\nd: 2001-12-14\ne: 1:20\nf: "yes"\ng: 0x1F\n');
  assert.deepEqual(value, { a: true, b: true, c: 511, d: '2001-12-14', e: '1:20', f: 'yes', g: 31 });
});

test('only the first document counts; empty input is null; malformed input throws', () => {
  assert.deepEqual(decodeYAMLStrict('a: 1\n---\nb: 2\n').value, { a: 1 });
  assert.deepEqual(decodeYAMLStrict(''), { value: null, yamlDuplicates: [] });
  assert.throws(() => decodeYAMLStrict('a: [1\n'), YAMLSyntaxError);
});
