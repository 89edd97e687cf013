import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffAfter, crashLoopState } from './crash-loop.js';

test('back-off doubles from 10 s and stops at 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(backoffAfter), [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
});

test('a failing container runs, waits out its back-off, and is restarted', () => {
  const run = 2_000;
  assert.deepEqual(crashLoopState(0, run, 1_000), { restartCount: 0, running: true, runStartedAt: 0, lastRun: undefined, backoffMs: 10_000, nextChangeAt: 2_000 });
  const waiting = crashLoopState(0, run, 5_000);
  assert.equal(waiting.running, false);
  assert.equal(waiting.restartCount, 0);
  assert.deepEqual(waiting.lastRun, { startedAt: 0, finishedAt: 2_000 });
  assert.equal(waiting.nextChangeAt, 12_000);
  const second = crashLoopState(0, run, 12_500);
  assert.equal(second.running, true);
  assert.equal(second.restartCount, 1);
  assert.equal(second.runStartedAt, 12_000);
  const secondWait = crashLoopState(0, run, 15_000);
  assert.equal(secondWait.backoffMs, 20_000);
  assert.equal(secondWait.nextChangeAt, 34_000);
});

test('after an hour the state is found without walking every restart', () => {
  const state = crashLoopState(0, 1_000, 3_600_000);
  assert.ok(state.restartCount >= 10 && state.restartCount < 20, String(state.restartCount));
  assert.ok(state.nextChangeAt > 3_600_000);
});
