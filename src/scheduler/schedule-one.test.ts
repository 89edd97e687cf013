import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { buildFramework } from './config/profile.js';
import type { Framework } from './framework/framework.js';
import { testHandle } from './testing/handle.js';
import { makeNode, makePod } from './testing/fixtures.js';
import { NodeCursor, schedulePod } from './schedule-one.js';
import type { Pod } from '../client/index.js';

function setup(nodes: ReturnType<typeof makeNode>[], pods: Pod[] = [], percentage?: number) {
  const cache = new SchedulerCache();
  const snapshot = new Snapshot();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  cache.updateSnapshot(snapshot);
  const ref: { fw?: Framework } = {};
  const evicted: string[] = [];
  const handle = testHandle(snapshot, {
    runFilters: (s, p, n) => ref.fw!.runFilters(s, p, n),
    evict: (victim, _preemptor, node) => void evicted.push(`${victim.metadata!.name!}@${node}`),
  });
  const fw = (ref.fw = buildFramework({ schedulerName: 'default-scheduler', ...(percentage === undefined ? {} : { percentageOfNodesToScore: percentage }) }, handle, undefined));
  return { fw, snapshot, cursor: new NodeCursor(), cache, evicted };
}

const on = (pod: Pod, node: string): Pod => ({ ...pod, spec: { ...pod.spec!, nodeName: node } });

test('the least allocated node wins; ties are broken by the random source', () => {
  const { fw, snapshot, cursor } = setup([makeNode('busy'), makeNode('idle')], [on(makePod('x', { cpu: '3', memory: '6Gi' }), 'busy')]);
  const result = schedulePod(fw, fw.newCycleState(), makePod('p', { cpu: '100m' }), snapshot, cursor);
  assert.deepEqual(result.kind === 'scheduled' && result.node, 'idle');
  const even = setup([makeNode('a'), makeNode('b'), makeNode('c')]);
  const picks = [0.0, 0.99].map((r) => {
    const out = schedulePod(even.fw, even.fw.newCycleState(), makePod('p', { cpu: '100m' }), even.snapshot, new NodeCursor(), () => r);
    return out.kind === 'scheduled' ? out.node : '';
  });
  assert.notEqual(picks[0], picks[1]);
});

test('with many nodes only enough feasible ones are evaluated, starting where the last cycle stopped', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => makeNode(`n${i}`));
  const { fw, snapshot, cursor } = setup(nodes, [], 50);
  const first = schedulePod(fw, fw.newCycleState(), makePod('p', { cpu: '100m' }), snapshot, cursor);
  assert.equal(first.kind === 'scheduled' && first.evaluated, 150);
  assert.equal(cursor.next, 150);
  schedulePod(fw, fw.newCycleState(), makePod('q', { cpu: '100m' }), snapshot, cursor);
  assert.equal(cursor.next, 0);
});

test('preemption part of the message: nodes with lower-priority pods that would not help report the filter reason', () => {
  const { fw, snapshot, cursor } = setup(
    [makeNode('empty-small', { cpu: '1', memory: '8Gi', pods: '110' }), makeNode('low-prio', { cpu: '2', memory: '8Gi', pods: '110' }), makeNode('tainted', undefined, { taints: [{ key: 'k', effect: 'NoSchedule' }] })],
    [on(makePod('victim', { cpu: '1500m' }, { priority: -1 }), 'low-prio')],
  );
  const result = schedulePod(fw, fw.newCycleState(), makePod('p', { cpu: '3' }), snapshot, cursor);
  assert.equal(result.kind, 'unschedulable');
  assert.equal(
    result.kind === 'unschedulable' && result.message,
    '0/3 nodes are available: 1 node(s) had untolerated taint {k: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
  );
  const never = schedulePod(fw, fw.newCycleState(), makePod('n', { cpu: '3' }, { preemptionPolicy: 'Never' }), snapshot, cursor);
  assert.match(never.kind === 'unschedulable' ? never.message : '', /\. preemption: not eligible due to preemptionPolicy=Never\.$/);
});

test('no nodes at all', () => {
  const { fw, snapshot, cursor } = setup([]);
  const result = schedulePod(fw, fw.newCycleState(), makePod('p'), snapshot, cursor);
  assert.deepEqual(result.kind === 'unschedulable' && result.message, 'no nodes available to schedule pods');
});

test('preemption evicts the fewest, least important pods on the node whose most important victim matters least', () => {
  const two = { cpu: '2', memory: '8Gi', pods: '110' };
  const { fw, snapshot, cursor, evicted } = setup(
    [makeNode('a', two), makeNode('b', two)],
    [
      on(makePod('a-prio-1', { cpu: '1' }, { priority: 1 }), 'a'),
      on(makePod('a-prio-5', { cpu: '1' }, { priority: 5 }), 'a'),
      on(makePod('b-prio-10', { cpu: '1' }, { priority: 10 }), 'b'),
      on(makePod('b-prio-2', { cpu: '1' }, { priority: 2 }), 'b'),
    ],
  );
  const result = schedulePod(fw, fw.newCycleState(), makePod('urgent', { cpu: '1' }, { priority: 20 }), snapshot, cursor);
  assert.equal(result.kind, 'unschedulable');
  assert.equal(result.kind === 'unschedulable' && result.nominatedNodeName, 'a');
  assert.equal(result.kind === 'unschedulable' && result.message, '0/2 nodes are available: 2 Insufficient cpu.');
  assert.deepEqual(evicted, ['a-prio-1@a']);
});

test('pods nominated to a node keep its room from lower-priority pods, not from higher ones', () => {
  const { fw, snapshot, cursor } = setup([makeNode('a', { cpu: '2', memory: '8Gi', pods: '110' })]);
  const nominated = [makePod('preemptor', { cpu: '2' }, { priority: 100 })];
  const low = schedulePod(fw, fw.newCycleState(), makePod('low', { cpu: '1' }, { priority: 1 }), snapshot, cursor, Math.random, () => nominated);
  assert.equal(low.kind === 'unschedulable' && low.message.startsWith('0/1 nodes are available: 1 Insufficient cpu.'), true);
  const high = schedulePod(fw, fw.newCycleState(), makePod('high', { cpu: '1' }, { priority: 1000 }), snapshot, cursor, Math.random, () => nominated);
  assert.equal(high.kind, 'scheduled');
});

test('a plugin that throws fails the cycle with an error naming it, not the scheduler', () => {
  const { fw, snapshot, cursor } = setup([makeNode('a')]);
  fw.plugins.filter.push({
    name: 'Broken',
    filter: () => {
      throw new Error('boom');
    },
  });
  const result = schedulePod(fw, fw.newCycleState(), makePod('p'), snapshot, cursor);
  assert.deepEqual(result, { kind: 'error', message: 'running "Broken" plugin: boom' });
});
