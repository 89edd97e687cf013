import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../clock.js';
import { BucketRateLimiter, defaultControllerRateLimiter, ItemExponentialFailureRateLimiter } from './rate-limiters.js';
import { RateLimitingQueue } from './rate-limiting-queue.js';

test('per-item exponential back-off doubles from base to max, per key, until forgotten', () => {
  const limiter = new ItemExponentialFailureRateLimiter<string>(5, 1_000_000);
  assert.deepEqual([0, 1, 2, 3].map(() => limiter.when('a')), [5, 10, 20, 40]);
  assert.equal(limiter.when('b'), 5);
  assert.equal(limiter.numRequeues('a'), 4);
  for (let i = 0; i < 40; i++) limiter.when('a');
  assert.equal(limiter.when('a'), 1_000_000);
  limiter.forget('a');
  assert.equal(limiter.numRequeues('a'), 0);
  assert.equal(limiter.when('a'), 5);
});

test('the overall bucket allows 100 at once, then 10 per second', () => {
  const limiter = new BucketRateLimiter<string>(10, 100, new FakeClock(0));
  for (let i = 0; i < 100; i++) assert.equal(limiter.when(), 0);
  assert.equal(limiter.when(), 100);
  assert.equal(limiter.when(), 200);
});

test('the default controller limiter takes the longer of the two', () => {
  const limiter = defaultControllerRateLimiter<string>(new FakeClock(0));
  // 100 different keys use up the burst at 5 ms each.
  for (let i = 0; i < 100; i++) assert.equal(limiter.when(`k${i}`), 5);
  assert.equal(limiter.when('fresh'), 100, 'bucket delay exceeds the 5 ms item delay');
  for (let i = 0; i < 20; i++) limiter.when('x');
  assert.equal(limiter.numRequeues('x'), 20);
  assert.equal(limiter.when('x'), 1_000_000, 'capped at 1000 s');
});

test('RateLimitingQueue retries a key after its back-off; forget resets it', async () => {
  const clock = new FakeClock(0);
  const q = new RateLimitingQueue<string>({ clock, rateLimiter: new ItemExponentialFailureRateLimiter(100, 10_000) });
  q.addRateLimited('a');
  q.addRateLimited('a');
  assert.equal(q.numRequeues('a'), 2);
  await clock.advance(99);
  assert.equal(q.len(), 0);
  await clock.advance(1);
  assert.equal(q.len(), 1, 'the earlier of the two waits wins');
  q.forget('a');
  assert.equal(q.numRequeues('a'), 0);
  q.shutDown();
});
