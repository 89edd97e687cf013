import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod } from '../testing/fixtures.js';
import { CacheStateError, SchedulerCache } from './cache.js';
import { Snapshot } from './snapshot.js';

const bound = (name: string, node: string, cpu: string) => {
  const p = makePod(name, { cpu });
  return { ...p, spec: { ...p.spec!, nodeName: node } };
};

test('an assumed pod counts on its node until forgotten; the add event confirms it', () => {
  const cache = new SchedulerCache();
  const snapshot = new Snapshot();
  cache.addNode(makeNode('n'));
  cache.assumePod(bound('p', 'n', '1'), 'n');
  cache.updateSnapshot(snapshot);
  assert.equal(snapshot.get('n')!.requested.get('cpu'), 1000);
  assert.equal(cache.isAssumed(bound('p', 'n', '1')), true);
  cache.addPod(bound('p', 'n', '1'));
  assert.equal(cache.isAssumed(bound('p', 'n', '1')), false);
  cache.updateSnapshot(snapshot);
  assert.equal(snapshot.get('n')!.requested.get('cpu'), 1000, 'confirmed, not counted twice');
  assert.throws(() => cache.forgetPod(bound('p', 'n', '1')), CacheStateError);
  cache.assumePod(bound('q', 'n', '500m'), 'n');
  cache.forgetPod(bound('q', 'n', '500m'));
  cache.removePod(bound('p', 'n', '1'));
  cache.updateSnapshot(snapshot);
  assert.equal(snapshot.get('n')!.requested.get('cpu'), 0);
});

test('the snapshot copies only changed nodes and is not changed by later cache updates', () => {
  const cache = new SchedulerCache();
  const snapshot = new Snapshot();
  cache.addNode(makeNode('a'));
  cache.addNode(makeNode('b'));
  cache.updateSnapshot(snapshot);
  const b = snapshot.get('b');
  cache.addPod(bound('p', 'a', '1'));
  assert.equal(snapshot.get('a')!.pods.size, 0, 'a snapshot is immutable');
  cache.updateSnapshot(snapshot);
  assert.equal(snapshot.get('a')!.pods.size, 1);
  assert.equal(snapshot.get('b'), b, 'unchanged node not copied again');
  cache.removeNode(makeNode('b'));
  cache.updateSnapshot(snapshot);
  assert.deepEqual(snapshot.nodes().map((n) => n.name()), ['a']);
});

test('the snapshot follows every change in order: updates, a node that goes with pods left and comes back', () => {
  const cache = new SchedulerCache();
  const snapshot = new Snapshot();
  for (const name of ['a', 'b', 'c']) cache.addNode(makeNode(name));
  cache.updateSnapshot(snapshot);
  cache.addPod(bound('p', 'b', '1'));
  cache.addPod(bound('q', 'a', '1'));
  cache.addNode({ ...makeNode('c'), metadata: { name: 'c', labels: { zone: 'z' } } });
  cache.updateSnapshot(snapshot);
  assert.deepEqual(snapshot.nodes().map((n) => [n.name(), n.pods.size]), [['a', 1], ['b', 1], ['c', 0]], 'order of first appearance kept');
  assert.equal(snapshot.get('c')!.node!.metadata!.labels!['zone'], 'z');
  assert.equal(snapshot.nodes()[2], snapshot.get('c'), 'list and lookup agree');
  cache.removeNode(makeNode('b'));
  cache.updateSnapshot(snapshot);
  assert.deepEqual(snapshot.nodes().map((n) => n.name()), ['a', 'c']);
  assert.equal(cache.nodeCount(), 2);
  cache.addNode(makeNode('b'));
  cache.removePod(bound('q', 'a', '1'));
  cache.updateSnapshot(snapshot);
  assert.equal(cache.nodeCount(), 3);
  assert.deepEqual(snapshot.nodes().map((n) => [n.name(), n.pods.size]), [['a', 0], ['c', 0], ['b', 1]], 'b kept its pod while its Node was away');
});
