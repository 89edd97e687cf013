import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../clock.js';
import { DelayingQueue } from './delaying-queue.js';

test('addAfter queues the key once its delay has passed', async () => {
  const clock = new FakeClock(0);
  const q = new DelayingQueue<string>(clock);
  q.addAfter('late', 50);
  q.addAfter('early', 10);
  q.addAfter('now', 0);
  assert.equal(q.len(), 1);
  await clock.advance(9);
  assert.equal(q.len(), 1);
  await clock.advance(1);
  assert.equal(q.len(), 2);
  await clock.advance(40);
  assert.deepEqual([await q.get(), await q.get(), await q.get()], ['now', 'early', 'late']);
  assert.equal(clock.pendingTimers(), 0);
});

test('a key waiting twice keeps the earlier time', async () => {
  const clock = new FakeClock(0);
  const q = new DelayingQueue<string>(clock);
  q.addAfter('a', 100);
  q.addAfter('a', 10);
  q.addAfter('a', 500);
  assert.equal(q.waitingCount(), 1);
  await clock.advance(10);
  assert.equal(q.len(), 1);
  await clock.advance(1000);
  assert.equal(q.len(), 1, 'added once');
});

test('many delayed keys come out in time order', async () => {
  const clock = new FakeClock(0);
  const q = new DelayingQueue<number>(clock);
  const delays = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 500) + 1);
  delays.forEach((d) => q.addAfter(d, d));
  await clock.advance(1000);
  const out: number[] = [];
  while (q.len() > 0) out.push((await q.get())!);
  assert.deepEqual(out, [...delays].sort((a, b) => a - b));
});

test('shutDown drops waiting keys and clears the timer', async () => {
  const clock = new FakeClock(0);
  const q = new DelayingQueue<string>(clock);
  q.addAfter('a', 100);
  q.shutDown();
  assert.equal(clock.pendingTimers(), 0);
  q.addAfter('b', 10);
  await clock.advance(1000);
  assert.equal(q.len(), 0);
});
