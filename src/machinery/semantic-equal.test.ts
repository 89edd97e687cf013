import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticDeepEqual } from './semantic-equal.js';

test('absent, null, empty list and empty map are equal', () => {
  assert.ok(semanticDeepEqual(undefined, []));
  assert.ok(semanticDeepEqual(null, {}));
  assert.ok(semanticDeepEqual({ a: [] }, {}));
  assert.ok(semanticDeepEqual({ a: { b: undefined } }, { a: {} }));
});

test('scalars and structure must match', () => {
  assert.ok(semanticDeepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }));
  assert.ok(!semanticDeepEqual({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(!semanticDeepEqual({ replicas: 0 }, {}));
  assert.ok(!semanticDeepEqual({ name: '' }, {}));
  assert.ok(!semanticDeepEqual([1], { 0: 1 }));
  assert.ok(!semanticDeepEqual('1', 1));
});
