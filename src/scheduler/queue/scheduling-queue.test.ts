import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../client/index.js';
import { prioritySort } from '../plugins/prioritysort/priority-sort.js';
import { schedulingGates } from '../plugins/schedulinggates/scheduling-gates.js';
import type { Node } from '../../client/index.js';
import { podPriority } from '../framework/types.js';
import { makeNode, makePod } from '../testing/fixtures.js';
import type { InFlightLog } from './in-flight.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import { SchedulingQueue, type QueueOptions } from './scheduling-queue.js';

function newQueue(clock: FakeClock, interested?: QueueOptions['interested']): SchedulingQueue {
  const gates = schedulingGates();
  return new SchedulingQueue({ less: prioritySort().less, preEnqueue: (p) => gates.preEnqueue(p), clock, ...(interested ? { interested } : {}) });
}

/** Pops the next pod and reports it rejected by `plugin`. */
async function failNext(q: SchedulingQueue, plugin = 'NodeAffinity'): Promise<QueuedPodInfo> {
  const info = (await q.pop())!;
  info.unschedulablePlugins = new Set([plugin]);
  q.addUnschedulable(info);
  return info;
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
  await failNext(q);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 });
  await clock.advance(5000);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 }, 'no event, no move');
  q.moveAllToActiveOrBackoff();
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0 }, 'backoff (1 s) already over');
  await failNext(q);
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
  q.moveAllToActiveOrBackoff({ resource: 'nodes', action: 'Add' });
  info.unschedulablePlugins = new Set(['NodeAffinity']);
  q.addUnschedulable(info);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 });
});

test('pods left unschedulable for 5 minutes are retried without an event', async () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.run();
  q.add(makePod('p'));
  await failNext(q);
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
  await failNext(q);
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
    await failNext(q, plugin);
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

// In-flight events (upstream's inFlightEvents): what arrived while the pod was being
// scheduled decides, through the rejecting plugins' hints, between backoffQ and the pool.
const onlyNodesWithZone: QueueOptions['interested'] = (info, event, _old, node) =>
  event.resource === 'nodes' && info.unschedulablePlugins!.has('NodeAffinity') && (node as Node | undefined)?.metadata?.labels?.zone === 'a';

test('in flight: an event the rejecting plugin\'s hint accepts sends the failed pod to backoffQ', async () => {
  const q = newQueue(new FakeClock(), onlyNodesWithZone);
  q.add(makePod('p'));
  const info = (await q.pop())!;
  q.moveAllToActiveOrBackoff({ resource: 'nodes', action: 'Add' }, undefined, makeNode('n1', undefined, { labels: { zone: 'b' } }));
  q.moveAllToActiveOrBackoff({ resource: 'nodes', action: 'Add' }, undefined, makeNode('n2', undefined, { labels: { zone: 'a' } }));
  info.unschedulablePlugins = new Set(['NodeAffinity']);
  q.addUnschedulable(info);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 });
});

test('in flight: events no rejecting plugin\'s hint accepts leave the failed pod in the pool', async () => {
  const q = newQueue(new FakeClock(), onlyNodesWithZone);
  q.add(makePod('p'));
  const info = (await q.pop())!;
  q.moveAllToActiveOrBackoff({ resource: 'nodes', action: 'Add' }, undefined, makeNode('n1', undefined, { labels: { zone: 'b' } }));
  q.moveAllToActiveOrBackoff({ resource: 'persistentvolumeclaims', action: 'Add' }, undefined, {});
  info.unschedulablePlugins = new Set(['NodeAffinity']);
  q.addUnschedulable(info);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 });
});

test('in flight: only events after the pod was popped count, and the log empties as pods finish', async () => {
  const q = newQueue(new FakeClock(), onlyNodesWithZone);
  const log = (q as unknown as { inFlight: InFlightLog }).inFlight;
  q.add(makePod('early'));
  q.add(makePod('late'));
  const early = (await q.pop())!;
  q.moveAllToActiveOrBackoff({ resource: 'nodes', action: 'Add' }, undefined, makeNode('helps', undefined, { labels: { zone: 'a' } }));
  const late = (await q.pop())!;
  q.moveAllToActiveOrBackoff({ resource: 'nodes', action: 'Add' }, undefined, makeNode('no-help', undefined, { labels: { zone: 'b' } }));
  assert.equal(log.length, 4, 'two pod markers, two events');
  late.unschedulablePlugins = new Set(['NodeAffinity']);
  q.addUnschedulable(late);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1 }, 'the helpful node came before "late" was popped');
  q.done(early.pod);
  assert.equal(log.length, 0, 'nothing in flight: no event kept');
  q.moveAllToActiveOrBackoff({ resource: 'persistentvolumeclaims', action: 'Add' }, undefined, {});
  assert.equal(log.length, 0, 'events are not recorded while no pod is in flight');
});

test('in flight: a failure no plugin is named for goes to backoffQ without any event', async () => {
  const q = newQueue(new FakeClock(), onlyNodesWithZone);
  q.add(makePod('p'));
  const info = (await q.pop())!;
  q.addUnschedulable(info);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 });
});

test('in flight: a spec change of the pod itself sends it to backoffQ', async () => {
  const q = newQueue(new FakeClock(), onlyNodesWithZone);
  const pod = makePod('p');
  q.add(pod);
  const info = (await q.pop())!;
  q.update(pod, { ...pod, metadata: { ...pod.metadata, labels: { new: 'label' } } });
  info.unschedulablePlugins = new Set(['NodeAffinity']);
  q.addUnschedulable(info);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 });
});

test('in flight: a move of every pod (no event named) during the attempt counts', async () => {
  const q = newQueue(new FakeClock(), onlyNodesWithZone);
  q.add(makePod('p'));
  const info = (await q.pop())!;
  q.moveAllToActiveOrBackoff();
  info.unschedulablePlugins = new Set(['NodeAffinity']);
  q.addUnschedulable(info);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0 });
});

test('a move narrowed to some pods (upstream\'s preCheck) leaves the others in the pool', async () => {
  const q = newQueue(new FakeClock());
  for (const [name, priority] of [['low', 1], ['high', 100]] as const) {
    q.add(makePod(name, {}, { priority }));
    await failNext(q);
  }
  q.moveAllToActiveOrBackoff({ resource: 'pods', action: 'Delete' }, undefined, undefined, (info) => podPriority(info.pod) <= 50);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 1 });
});
