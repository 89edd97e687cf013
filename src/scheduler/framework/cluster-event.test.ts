import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../../client/index.js';
import { SchedulerCache } from '../cache/cache.js';
import { Snapshot } from '../cache/snapshot.js';
import { ASSIGNED_POD_LABEL_UPDATE, nodeUpdateEvents, podLabelsChanged } from '../cluster-events.js';
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
  const pod = makePod('p', { cpu: '1' });
  const big = makeNode('big');
  assert.equal(fw.interested(pod, by('NodeResourcesFit'), ev('nodes', 'Add'), undefined, big), true);
  assert.equal(fw.interested(pod, by('NodeResourcesFit'), ev('pods', 'Delete'), makePod('gone'), undefined), true);
  assert.equal(fw.interested(pod, by('NodeResourcesFit'), ev('nodes', 'UpdateNodeAllocatable'), big, big), true);
  assert.equal(fw.interested(pod, by('NodeResourcesFit'), ev('nodes', 'UpdateNodeLabel'), big, big), false);
  assert.equal(fw.interested(pod, by('NodeResourcesFit'), ev('persistentvolumeclaims', 'Add'), undefined, {}), false);
  assert.equal(fw.interested(pod, by('NodeResourcesFit', 'TaintToleration'), ev('nodes', 'UpdateNodeTaint'), big, big), true);
  assert.equal(fw.interested(pod, by('InterPodAffinity'), ev('pods', 'Add'), undefined, makePod('new')), true);
  // Nothing named (no nodes, an error): any event may help.
  assert.equal(fw.interested(pod, by(), ev('storageclasses', 'Update'), {}, {}), true);
});

test('hints: a node or claim event helps only if the object could serve the pod', () => {
  const fw = buildFramework({ schedulerName: 'default-scheduler' }, testHandle(), undefined);
  const by = (...plugins: string[]) => new Set(plugins);
  const ssd = makePod('ssd', {}, { nodeSelector: { disk: 'ssd' } });
  assert.equal(fw.interested(ssd, by('NodeAffinity'), ev('nodes', 'Add'), undefined, makeNode('hdd', undefined, { labels: { disk: 'hdd' } })), false);
  assert.equal(fw.interested(ssd, by('NodeAffinity'), ev('nodes', 'UpdateNodeLabel'), makeNode('n'), makeNode('n', undefined, { labels: { disk: 'ssd' } })), true);
  const large = makePod('large', { cpu: '16' });
  assert.equal(fw.interested(large, by('NodeResourcesFit'), ev('nodes', 'Add'), undefined, makeNode('small')), false);
  assert.equal(fw.interested(large, by('NodeResourcesFit'), ev('nodes', 'Add'), undefined, makeNode('huge', { cpu: '32', memory: '64Gi', pods: '110' })), true);
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' as const };
  assert.equal(fw.interested(makePod('p'), by('TaintToleration'), ev('nodes', 'Add'), undefined, makeNode('t', undefined, { taints: [taint] })), false);
  assert.equal(fw.interested(makePod('p'), by('NodeUnschedulable'), ev('nodes', 'UpdateNodeTaint'), undefined, makeNode('c', undefined, { unschedulable: true })), false);
  const user = makePod('user');
  (user.spec as Record<string, unknown>).volumes = [{ name: 'v', persistentVolumeClaim: { claimName: 'mine' } }];
  const claim = (name: string, namespace = 'default') => ({ metadata: { name, namespace } });
  assert.equal(fw.interested(user, by('VolumeBinding'), ev('persistentvolumeclaims', 'Update'), claim('mine'), claim('mine')), true);
  assert.equal(fw.interested(user, by('VolumeBinding'), ev('persistentvolumeclaims', 'Add'), undefined, claim('other')), false);
  assert.equal(fw.interested(user, by('VolumeRestrictions'), ev('persistentvolumeclaims', 'Add'), undefined, claim('mine', 'elsewhere')), false);
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

test('an assigned pod\'s update is an event only when its labels changed', () => {
  const pod = (labels?: Record<string, string>): Pod => ({ ...makePod('p'), metadata: { name: 'p', namespace: 'default', ...(labels ? { labels } : {}) } });
  assert.equal(podLabelsChanged(pod({ app: 'a' }), pod({ app: 'a' })), false);
  assert.equal(podLabelsChanged(pod(), pod({})), false);
  assert.equal(podLabelsChanged(pod({ app: 'a' }), pod({ app: 'b' })), true);
  assert.equal(podLabelsChanged(pod({ app: 'a' }), pod({ app: 'a', tier: 'web' })), true);
  assert.equal(podLabelsChanged(pod({ app: 'a', tier: 'web' }), pod({ app: 'a', role: 'web' })), true);
});

test('hints for a running pod\'s label change: InterPodAffinity and PodTopologySpread move only the pods whose terms it touches', () => {
  const fw = buildFramework({ schedulerName: 'default-scheduler' }, testHandle(), undefined);
  const by = (...plugins: string[]) => new Set(plugins);
  const running = (labels: Record<string, string>, namespace = 'default'): Pod => ({ ...makePod('r', {}, { nodeName: 'n1' }), metadata: { name: 'r', namespace, labels } });
  const term = (app: string) => [{ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' }];
  const wantsDb = makePod('wants-db', {}, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term('db') } } });
  const helps = (pod: Pod, plugin: string, from: Pod, to: Pod) => fw.interested(pod, by(plugin), ASSIGNED_POD_LABEL_UPDATE, from, to);
  assert.equal(helps(wantsDb, 'InterPodAffinity', running({ app: 'web' }), running({ app: 'db' })), true, 'the partner appears');
  assert.equal(helps(wantsDb, 'InterPodAffinity', running({ app: 'db' }), running({ app: 'db', v: '2' })), false, 'it matched already');
  assert.equal(helps(wantsDb, 'InterPodAffinity', running({ app: 'web' }), running({ app: 'db' }, 'other')), false, 'another namespace');
  const avoidsWeb = makePod('avoids-web', {}, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term('web') } } });
  assert.equal(helps(avoidsWeb, 'InterPodAffinity', running({ app: 'web' }), running({ app: 'api' })), true, 'the repelling pod is gone from the term');
  assert.equal(helps(avoidsWeb, 'InterPodAffinity', running({ app: 'api' }), running({ app: 'web' })), false);
  const spread = makePod('spread', {}, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }] });
  assert.equal(helps(spread, 'PodTopologySpread', running({ app: 'db' }), running({ app: 'old-db' })), true, 'one pod fewer in its domain');
  assert.equal(helps(spread, 'PodTopologySpread', running({ app: 'web' }), running({ app: 'api' })), false);
  assert.equal(helps(spread, 'PodTopologySpread', running({ app: 'db' }), running({ app: 'x' }, 'other')), false, 'another namespace');
  // Plugins that did not register the event are not moved by it.
  assert.equal(helps(makePod('big', { cpu: '16' }), 'NodeResourcesFit', running({ app: 'a' }), running({ app: 'b' })), false);
});
