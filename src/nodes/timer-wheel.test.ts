import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, silentLogger, type Clock } from '../client/index.js';
import { TimerWheel } from './timer-wheel.js';

/** A wheel of 10 slots over 10 s that records [member, ms since start] for each job. */
function wheelOf(clock: FakeClock, served: [string, number][]) {
  const start = clock.now();
  return new TimerWheel<string>(clock, 10_000, 10, async (m) => void served.push([m, clock.now() - start]), silentLogger);
}

test('every member is served once per period, on one timer for all of them', async () => {
  const clock = new FakeClock();
  const served: [string, number][] = [];
  const wheel = wheelOf(clock, served);
  for (let i = 0; i < 25; i++) wheel.add(`n${i}`);
  assert.equal(clock.pendingTimers(), 1);
  await clock.advance(10_000);
  assert.equal(served.length, 25);
  assert.equal(new Set(served.map(([m]) => m)).size, 25);
  // Spread over the period: no tick serves more than its share.
  const perTick = new Map<number, number>();
  for (const [, at] of served) perTick.set(at, (perTick.get(at) ?? 0) + 1);
  assert.ok(Math.max(...perTick.values()) <= 3);
  await clock.advance(10_000);
  assert.equal(served.length, 50);
  await wheel.stop();
  assert.equal(clock.pendingTimers(), 0);
});

test('a removed member is not served; an empty wheel leaves no timer', async () => {
  const clock = new FakeClock();
  const served: [string, number][] = [];
  const wheel = wheelOf(clock, served);
  wheel.add('a');
  wheel.add('b');
  wheel.remove('b');
  await clock.advance(20_000);
  assert.deepEqual(served.map(([m]) => m), ['a', 'a']);
  wheel.remove('a');
  await clock.advance(10_000);
  assert.equal(clock.pendingTimers(), 0);
  wheel.add('a');
  await clock.advance(10_000);
  assert.equal(served.length, 3);
  await wheel.stop();
});

test('a job still running is not started again; a failing job does not stop the wheel', async () => {
  const clock = new FakeClock();
  let calls = 0;
  let release: () => void = () => {};
  const wheel = new TimerWheel<string>(
    clock,
    1000,
    1,
    (m) => {
      calls++;
      if (m === 'slow') return new Promise<void>((resolve) => (release = resolve));
      return Promise.reject(new Error('boom'));
    },
    silentLogger,
  );
  wheel.add('slow');
  wheel.add('failing');
  await clock.advance(3000);
  assert.equal(calls, 1 + 3, 'slow ran once, failing every period');
  release();
  await clock.advance(1000);
  assert.equal(calls, 2 + 4);
  release();
  await wheel.stop();
});

test('the time a tick takes is not added to the period: members are served on schedule', async () => {
  const fake = new FakeClock();
  const start = fake.now();
  // Each job takes 100 ms of this clock's time, as starting hundreds of requests does.
  let busy = 0;
  const clock: Clock = { now: () => fake.now() + busy, setTimeout: (cb, ms) => fake.setTimeout(cb, ms), clearTimeout: (t) => fake.clearTimeout(t), sleep: (ms, signal) => fake.sleep(ms, signal) };
  const served: number[] = [];
  const wheel = new TimerWheel<string>(
    clock,
    1000,
    1,
    async () => {
      served.push(clock.now() - start);
      busy += 100;
    },
    silentLogger,
  );
  wheel.add('n');
  await fake.advance(5_000);
  assert.deepEqual(served, [1000, 2000, 3000, 4000, 5000]);
  await wheel.stop();
});
