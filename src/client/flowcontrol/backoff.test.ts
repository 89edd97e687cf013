import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../clock.js';
import { Backoff } from './backoff.js';

test('delays double up to the cap; jitter adds up to the given share', () => {
  const clock = new FakeClock(0);
  const noJitter = new Backoff({ initialMs: 100, maxMs: 500, jitter: 1 }, clock, () => 0);
  assert.deepEqual([1, 2, 3, 4, 5].map(() => noJitter.next()), [100, 200, 400, 500, 500]);
  const fullJitter = new Backoff({ initialMs: 100, maxMs: 500, jitter: 1 }, clock, () => 0.5);
  assert.equal(fullJitter.next(), 150);
  assert.equal(fullJitter.next(), 300);
});

test('a quiet period and reset() start again from the initial delay', async () => {
  const clock = new FakeClock(0);
  const backoff = new Backoff({ initialMs: 100, maxMs: 10_000, jitter: 0, resetAfterMs: 1000 }, clock);
  backoff.next();
  assert.equal(backoff.next(), 200);
  await clock.advance(1001);
  assert.equal(backoff.next(), 100);
  assert.equal(backoff.next(), 200);
  backoff.reset();
  assert.equal(backoff.next(), 100);
});
