import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../clock.js';
import { TokenBucket } from './token-bucket.js';

test('a full bucket admits a burst, then refills at qps', async () => {
  const clock = new FakeClock(0);
  const bucket = new TokenBucket(5, 10, clock);
  for (let i = 0; i < 10; i++) assert.equal(bucket.tryAccept(), true);
  assert.equal(bucket.tryAccept(), false);
  await clock.advance(199);
  assert.equal(bucket.tryAccept(), false);
  await clock.advance(1);
  assert.equal(bucket.tryAccept(), true);
  assert.equal(bucket.tryAccept(), false);
});

test('reservations go into debt and report the wait', () => {
  const clock = new FakeClock(0);
  const bucket = new TokenBucket(10, 2, clock);
  assert.equal(bucket.reserve(), 0);
  assert.equal(bucket.reserve(), 0);
  assert.equal(bucket.reserve(), 100);
  assert.equal(bucket.reserve(), 200);
});

test('wait delays by the debt; an aborted wait gives its token back', async () => {
  const clock = new FakeClock(0);
  const bucket = new TokenBucket(1, 1, clock);
  assert.equal(await bucket.wait(), true);
  let done = false;
  const waiting = bucket.wait().then((ok) => (done = ok));
  await clock.advance(999);
  assert.equal(done, false);
  await clock.advance(1);
  await waiting;
  assert.equal(done, true);

  const controller = new AbortController();
  const aborted = bucket.wait(controller.signal);
  controller.abort();
  assert.equal(await aborted, false);
  await clock.advance(1000);
  assert.equal(bucket.tryAccept(), true, 'the token of the aborted wait came back');
});

test('an infinite rate admits everything', () => {
  const bucket = new TokenBucket(Infinity, 1, new FakeClock(0));
  for (let i = 0; i < 1000; i++) assert.equal(bucket.reserve(), 0);
});
