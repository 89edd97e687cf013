import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexListParseError, formatIndexes, parseIndexes } from './indexes.js';

test('runs of consecutive indexes are written as ranges, in order', () => {
  assert.equal(formatIndexes([2, 0, 1]), '0-2');
  assert.equal(formatIndexes([7, 1, 3, 4, 5]), '1,3-5,7');
  assert.equal(formatIndexes([0, 1]), '0-1');
  assert.equal(formatIndexes([]), '');
});

test('parsing inverts formatting and rejects malformed lists', () => {
  assert.deepEqual([...parseIndexes('1,3-5,7')].sort(), [1, 3, 4, 5, 7]);
  assert.equal(parseIndexes(undefined).size, 0);
  assert.throws(() => parseIndexes('3-1'), IndexListParseError);
  assert.throws(() => parseIndexes('a'), IndexListParseError);
});
