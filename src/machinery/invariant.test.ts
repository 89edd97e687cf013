import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from './errors.js';
import { invariant, InvariantError } from './invariant.js';

test('invariant throws an InvariantError, distinct from API errors', () => {
  assert.doesNotThrow(() => invariant(true, 'fine'));
  assert.throws(() => invariant(0, 'queue is empty'), (e: unknown) =>
    e instanceof InvariantError && !(e instanceof APIError) && e.message === 'invariant violated: queue is empty');
});
