import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../client/index.js';
import { prioritySort } from '../plugins/prioritysort/priority-sort.js';
import { schedulingGates } from '../plugins/schedulinggates/scheduling-gates.js';
import { makePod } from '../testing/fixtures.js';
import { SchedulingQueue } from './scheduling-queue.js';

function newQueue(clock: FakeClock): SchedulingQueue {
  const gates = schedulingGates();
  return new SchedulingQueue({ less: prioritySort().less, preEnqueue: (p) => gates.preEnqueue(p), clock });
}

test('activeQ pops by priority, then by time', async () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.add(makePod('first-low', {}, { priority: 0 }));
  await clock.advance(1);
  q.add(makePod('second-low', {}, { priority: 0 }));
  q.add(makePod('high', {}, { priority: 100 }));
  const order = [];
  for (let i = 0; i < 3; i++) order.push((await q.pop())!.pod.metadata!.name);
  assert.deepEqual(order, ['high', 'first-low', 'second-low']);
});

test('backoff doubles from 1 s and stops at 10 s', () => {
  const q = newQueue(new FakeClock());
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => q.backoffDuration(n)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
});

test('an unschedulable pod waits for a cluster event, then for its backoff', async () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.run();
  q.add(makePod('p'));
  const info = (await q.pop())!;
  const cycle = q.cycle();
  q.done(info.pod);
  q.addUnschedulable(info, cycle);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 });
  await clock.advance(5000);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 }, 'no event, no move');
  q.moveAllToActiveOrBackoff();
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0 }, 'backoff (1 s) already over');
  const again = (await q.pop())!;
  q.addUnschedulable(again, q.cycle());
  assert.equal(q.counts().unschedulable, 1);
  q.moveAllToActiveOrBackoff();
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 }, 'second attempt: 2 s backoff not over');
  await clock.advance(2000);
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0 });
  q.close();
});

test('a cluster event during the attempt sends the pod to backoffQ rather than the pool', async () => {
  const q = newQueue(new FakeClock());
  q.add(makePod('p'));
  const info = (await q.pop())!;
  const cycle = q.cycle();
  q.moveAllToActiveOrBackoff();
  q.addUnschedulable(info, cycle);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 });
});

test('pods left unschedulable for 5 minutes are retried without an event', async () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.run();
  q.add(makePod('p'));
  const info = (await q.pop())!;
  q.addUnschedulable(info, q.cycle());
  await clock.advance(4 * 60_000);
  assert.equal(q.counts().unschedulable, 1);
  await clock.advance(60_000 + 30_000);
  assert.equal(q.counts().active, 1);
  q.close();
});

test('gated pods ignore cluster events and enter activeQ when an update removes the gates', () => {
  const q = newQueue(new FakeClock());
  const gated = makePod('g', {}, { schedulingGates: [{ name: 'x' }] });
  q.add(gated);
  q.moveAllToActiveOrBackoff();
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 });
  q.update(gated, makePod('g'));
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0 });
});

test('a status-only update does not move an unschedulable pod', async () => {
  const q = newQueue(new FakeClock());
  const pod = makePod('p');
  q.add(pod);
  const info = (await q.pop())!;
  q.addUnschedulable(info, q.cycle());
  q.update(pod, { ...pod, status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } });
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 });
});

test('with queueing hints, a cluster event moves only the pods it may help', async () => {
  const clock = new FakeClock();
  const gates = schedulingGates();
  const q = new SchedulingQueue({
    less: prioritySort().less,
    preEnqueue: (p) => gates.preEnqueue(p),
    clock,
    interested: (info, event) => info.unschedulablePlugins?.has(event.resource === 'nodes' ? 'NodeAffinity' : 'VolumeBinding') ?? true,
  });
  const park = async (name: string, plugin: string) => {
    q.add(makePod(name));
    const info = (await q.pop())!;
    info.unschedulablePlugins = new Set([plugin]);
    const cycle = q.cycle();
    q.done(info.pod);
    q.addUnschedulable(info, cycle);
  };
  await park('wants-node', 'NodeAffinity');
  await park('wants-claim', 'VolumeBinding');
  await clock.advance(20_000);
  q.moveAllToActiveOrBackoff({ resource: 'persistentvolumeclaims', action: 'Add' });
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 1 });
  assert.equal((await q.pop())!.pod.metadata!.name, 'wants-claim');
  // A move without an event moves every pod.
  q.moveAllToActiveOrBackoff();
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0 });
});
