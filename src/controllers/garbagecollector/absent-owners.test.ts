import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbsentOwners } from './absent-owners.js';

test('remembers absent owners by namespace and uid, the least recently used leaving first', () => {
  const absent = new AbsentOwners(2);
  absent.add('ns', 'a');
  absent.add('', 'b');
  assert.equal(absent.has('ns', 'a'), true);
  assert.equal(absent.has('other', 'a'), false, 'another namespace is another owner');
  // 'a' was just used: adding 'c' drops 'b'.
  absent.add('ns', 'c');
  assert.equal(absent.has('', 'b'), false);
  assert.equal(absent.has('ns', 'a'), true);
  assert.equal(absent.has('ns', 'c'), true);
});
