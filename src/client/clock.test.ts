import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, realClock } from './clock.js';

test('FakeClock runs timers in due order, at their due time, only when advanced', async () => {
  const clock = new FakeClock(1000);
  const seen: string[] = [];
  clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
  clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
  const cleared = clock.setTimeout(() => seen.push('never'), 5);
  clock.clearTimeout(cleared);
  assert.deepEqual(seen, []);
  await clock.advance(15);
  assert.deepEqual(seen, ['a@1010']);
  assert.equal(clock.now(), 1015);
  await clock.advance(100);
  assert.deepEqual(seen, ['a@1010', 'b@1020']);
  assert.equal(clock.now(), 1115);
  assert.equal(clock.pendingTimers(), 0);
});

test('FakeClock lets async chains of sleeps proceed within one advance', async () => {
  const clock = new FakeClock(0);
  const times: number[] = [];
  const loop = (async () => {
    for (let i = 0; i < 3; i++) {
      await clock.sleep(100);
      times.push(clock.now());
    }
  })();
  await clock.advance(1000);
  await loop;
  assert.deepEqual(times, [100, 200, 300]);
});

test('sleep resolves false on abort and leaves no timer', async () => {
  const clock = new FakeClock(0);
  const controller = new AbortController();
  const slept = clock.sleep(1000, controller.signal);
  assert.equal(clock.pendingTimers(), 1);
  controller.abort();
  assert.equal(await slept, false);
  assert.equal(clock.pendingTimers(), 0);
  assert.equal(await clock.sleep(10, controller.signal), false);
});

test('realClock sleeps for real', async () => {
  const start = Date.now();
  assert.equal(await realClock.sleep(20), true);
  assert.ok(Date.now() - start >= 15);
});
