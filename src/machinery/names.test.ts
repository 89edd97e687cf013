import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateObjectName, MAX_GENERATED_NAME_BASE_LENGTH, NAME_SUFFIX_ALPHABET, randomNameSuffix } from './names.js';
import { isDNS1123Label } from './name-validation.js';

test('generated names are the base plus five characters of the upstream alphabet', () => {
  const name = generateObjectName('web-');
  assert.match(name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(NAME_SUFFIX_ALPHABET, 'bcdfghjklmnpqrstvwxz2456789');
});

test('a long base is cut to 58 characters so that the name fits a DNS label', () => {
  const name = generateObjectName('a'.repeat(100) + '-');
  assert.equal(MAX_GENERATED_NAME_BASE_LENGTH, 58);
  assert.equal(name.length, 63);
  assert.equal(name.slice(0, 58), 'a'.repeat(58));
  assert.deepEqual(isDNS1123Label(name), []);
});

test('the random source is injectable', () => {
  let i = 0;
  const seq = [0, 26, 1, 25, 2];
  assert.equal(generateObjectName('x-', () => seq[i++]!), 'x-b9c8d');
  assert.equal(randomNameSuffix(3, () => 0), 'bbb');
});

test('suffixes vary (no fixed seed)', () => {
  const names = new Set(Array.from({ length: 50 }, () => generateObjectName('p-')));
  assert.ok(names.size > 45);
});
