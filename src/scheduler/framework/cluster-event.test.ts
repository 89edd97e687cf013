import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../client/index.js';
import { SchedulerCache } from '../cache/cache.js';
import { Snapshot } from '../cache/snapshot.js';
import { nodeUpdateEvents } from '../cluster-events.js';
import { buildFramework } from '../config/profile.js';
import { NodeCursor, schedulePod } from '../schedule-one.js';
import { makeNode, makePod } from '../testing/fixtures.js';
import { testHandle } from '../testing/handle.js';
import { covers, type ClusterEvent } from './cluster-event.js';

const ev = (resource: string, action: ClusterEvent['action']): ClusterEvent => ({ resource, action });

test('a registration covers its resource and action; Update covers the finer node updates; All and * cover more', () => {
  assert.equal(covers(ev('nodes', 'Add'), ev('nodes', 'Add')), true);
  assert.equal(covers(ev('nodes', 'Add'), ev('pods', 'Add')), false);
  assert.equal(covers(ev('nodes', 'UpdateNodeLabel'), ev('nodes', 'UpdateNodeTaint')), false);
  assert.equal(covers(ev('nodes', 'Update'), ev('nodes', 'UpdateNodeTaint')), true);
  assert.equal(covers(ev('*', 'All'), ev('persistentvolumes', 'Delete')), true);
});

test('the default profile: an event helps a pod only if a plugin that rejected it registered for it', () => {
  const fw = buildFramework({ schedulerName: 'default-scheduler' }, testHandle(), undefined);
  const by = (...plugins: string[]) => new Set(plugins);
  assert.equal(fw.interested(by('NodeResourcesFit'), ev('nodes', 'Add')), true);
  assert.equal(fw.interested(by('NodeResourcesFit'), ev('pods', 'Delete')), true);
  assert.equal(fw.interested(by('NodeResourcesFit'), ev('nodes', 'UpdateNodeAllocatable')), true);
  assert.equal(fw.interested(by('NodeResourcesFit'), ev('nodes', 'UpdateNodeLabel')), false);
  assert.equal(fw.interested(by('NodeResourcesFit'), ev('persistentvolumeclaims', 'Add')), false);
  assert.equal(fw.interested(by('NodeResourcesFit', 'NodeAffinity'), ev('nodes', 'UpdateNodeLabel')), true);
  assert.equal(fw.interested(by('VolumeBinding'), ev('persistentvolumeclaims', 'Add')), true);
  assert.equal(fw.interested(by('InterPodAffinity'), ev('pods', 'Add')), true);
  // Nothing named (no nodes, an error): any event may help.
  assert.equal(fw.interested(by(), ev('storageclasses', 'Update')), true);
});

test('an unschedulable cycle names the plugins that rejected the pod', () => {
  const cache = new SchedulerCache();
  const snapshot = new Snapshot();
  cache.addNode(makeNode('small', { cpu: '1', memory: '8Gi', pods: '110' }));
  cache.addNode(makeNode('tainted', undefined, { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }));
  cache.updateSnapshot(snapshot);
  const fw = buildFramework({ schedulerName: 'default-scheduler', plugins: { postFilter: { disabled: [{ name: '*' }] } } }, testHandle(snapshot), undefined);
  const result = schedulePod(fw, fw.newCycleState(), makePod('p', { cpu: '2' }), snapshot, new NodeCursor());
  assert.equal(result.kind, 'unschedulable');
  assert.deepEqual(result.kind === 'unschedulable' && [...(result.plugins ?? [])].sort(), ['NodeResourcesFit', 'TaintToleration']);
});

test('a node update is the events for what changed, and none when only other status changed', () => {
  const base = makeNode('n', { cpu: '4', memory: '8Gi', pods: '110' }, { labels: { zone: 'a' } });
  const edit = (change: (n: Node) => void): Node => {
    const n = structuredClone(base);
    change(n);
    return n;
  };
  const actions = (n: Node) => nodeUpdateEvents(base, n).map((e) => e.action);
  assert.deepEqual(actions(edit((n) => (n.metadata!.labels = { zone: 'b' }))), ['UpdateNodeLabel']);
  assert.deepEqual(actions(edit((n) => (n.spec = { ...n.spec, unschedulable: true }))), ['UpdateNodeTaint']);
  assert.deepEqual(actions(edit((n) => (n.status = { ...n.status, allocatable: { cpu: '8', memory: '8Gi', pods: '110' } }))), ['UpdateNodeAllocatable']);
  assert.deepEqual(actions(edit((n) => ((n.status as Record<string, unknown>).conditions = [{ type: 'Ready', status: 'False' }]))), ['UpdateNodeCondition']);
  assert.deepEqual(actions(edit((n) => (n.metadata!.resourceVersion = '42'))), []);
});
