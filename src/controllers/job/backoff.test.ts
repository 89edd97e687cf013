import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS, remainingBackoff } from './backoff.js';

const upstream = { baseMs: DEFAULT_BACKOFF_BASE_MS, maxMs: DEFAULT_BACKOFF_MAX_MS };

test('10 s after the first failure, doubling with each further one', () => {
  assert.equal(remainingBackoff(upstream, 1, 1000, 1000), 10_000);
  assert.equal(remainingBackoff(upstream, 2, 1000, 1000), 20_000);
  assert.equal(remainingBackoff(upstream, 3, 1000, 6000), 35_000);
});

test('capped at six minutes; nothing to wait without failures or once the delay passed', () => {
  assert.equal(remainingBackoff(upstream, 20, 0, 0), 360_000);
  assert.equal(remainingBackoff(upstream, 0, 0, 0), 0);
  assert.equal(remainingBackoff(upstream, 1, 0, 10_000), 0);
});
