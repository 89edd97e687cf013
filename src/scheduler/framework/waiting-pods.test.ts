import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../client/index.js';
import { makePod } from '../testing/fixtures.js';
import { CycleState } from './cycle-state.js';
import { Framework, type ProfilePlugins } from './framework.js';
import type { PermitPlugin } from './interfaces.js';
import { Status } from './status.js';
import { MAX_PERMIT_TIMEOUT_MS, WaitingPods } from './waiting-pods.js';

const pod = makePod('p');
const waits = new Map([
  ['Gang', 10_000],
  ['Quota', 2_000],
]);

test('a parked pod goes on once every waiting plugin allows it; a plugin allowing twice counts once', async () => {
  const clock = new FakeClock();
  const pods = new WaitingPods(clock);
  pods.park(pod, waits);
  const decision = pods.wait(pod);
  const waiting = pods.getWaitingPod('uid-p');
  assert.deepEqual(waiting?.pendingPlugins(), ['Gang', 'Quota']);
  waiting!.allow('Gang');
  waiting!.allow('Gang');
  assert.deepEqual(waiting!.pendingPlugins(), ['Quota']);
  waiting!.allow('Quota');
  assert.equal((await decision).code, 'Success');
  assert.equal(pods.getWaitingPod('uid-p'), undefined);
  assert.equal(clock.pendingTimers(), 0);
});

test('reject wins at once, in the rejecting plugin\'s name; later allows are ignored', async () => {
  const clock = new FakeClock();
  const pods = new WaitingPods(clock);
  pods.park(pod, waits);
  const decision = pods.wait(pod);
  let seen = 0;
  pods.iterateOverWaitingPods((w) => {
    seen++;
    w.reject('Quota', 'over quota');
  });
  pods.getWaitingPod('uid-p')?.allow('Gang');
  const status = await decision;
  assert.equal(seen, 1);
  assert.equal(status.code, 'Unschedulable');
  assert.equal(status.plugin, 'Quota');
  assert.equal(status.message(), 'over quota');
  assert.equal(clock.pendingTimers(), 0);
});

test('the shortest timeout rejects the pod with upstream\'s message', async () => {
  const clock = new FakeClock();
  const pods = new WaitingPods(clock);
  pods.park(pod, waits);
  const decision = pods.wait(pod);
  await clock.advance(1_999);
  assert.equal(pods.size, 1);
  await clock.advance(1);
  const status = await decision;
  assert.equal(status.plugin, 'Quota');
  assert.equal(status.message(), 'rejected due to timeout after waiting 2s at plugin Quota');
  assert.equal(pods.size, 0);
});

test('rejectWaitingPod: "removed", and false when the pod does not wait', async () => {
  const pods = new WaitingPods(new FakeClock());
  assert.equal(pods.rejectWaitingPod('uid-p'), false);
  pods.park(pod, waits);
  const decision = pods.wait(pod);
  assert.equal(pods.rejectWaitingPod('uid-p'), true);
  assert.equal((await decision).message(), 'removed');
  assert.equal((await pods.wait(pod)).code, 'Success');
});

test('runPermit: Wait with each waiting plugin\'s timeout, capped at 15 minutes; a rejection stops there', () => {
  const permit = (name: string, status: Status, timeoutMs?: number): PermitPlugin => ({ name, permit: () => ({ status, timeoutMs }) });
  const none = { preEnqueue: [], queueSort: undefined, preFilter: [], filter: [], postFilter: [], preScore: [], score: [], reserve: [], preBind: [], bind: [], postBind: [] };
  const framework = (...plugins: PermitPlugin[]) => new Framework('p', { ...none, permit: plugins } satisfies ProfilePlugins, undefined, false);
  const waiting = framework(permit('A', new Status('Wait'), 500), permit('B', Status.success()), permit('C', new Status('Wait'), 60 * 60_000)).runPermit(new CycleState(), pod, 'n');
  assert.equal(waiting.status.code, 'Wait');
  assert.equal(waiting.status.message(), 'one or more plugins asked to wait and no plugin rejected pod "p"');
  assert.deepEqual([...waiting.waits], [['A', 500], ['C', MAX_PERMIT_TIMEOUT_MS]]);
  const rejected = framework(permit('A', new Status('Wait'), 500), permit('B', Status.unschedulable('no'))).runPermit(new CycleState(), pod, 'n');
  assert.equal(rejected.status.code, 'Unschedulable');
  assert.equal(rejected.status.plugin, 'B');
});
