import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalBase64, goBase64Error } from './go-base64.js';

test('accepts padded standard base64, with line breaks anywhere', () => {
  for (const s of ['', 'YQ==', 'YWI=', 'YWJj', 'YW\nJj\r\n', 'YQ=\n=', 'YQ==\n']) assert.equal(goBase64Error(s), undefined, JSON.stringify(s));
});

test('reports the byte offset Go reports', () => {
  const cases: [string, number][] = [
    ['YQ', 0], // a group cut short: the offset of its first symbol
    ['YWJjZ', 4],
    ['YQ=', 3], // "==" expected, input ends
    ['Y===', 1], // padding too early
    ['YQ=x', 2], // the second "=" missing
    ['YQ==YQ==', 4], // data after the padding
    ['YW-j', 2], // URL alphabet is not standard
    ['YWJj ', 4],
    ['éé==', 0],
  ];
  for (const [s, offset] of cases) assert.equal(goBase64Error(s), `illegal base64 data at input byte ${offset}`, JSON.stringify(s));
});

test('canonical form drops line breaks', () => {
  assert.equal(canonicalBase64('YW\nJj\r\n'), 'YWJj');
});
