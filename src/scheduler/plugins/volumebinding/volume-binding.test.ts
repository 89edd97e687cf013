import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { testHandle, type TestHandle } from '../../testing/handle.js';
import { BindTimeoutError, BindWaiter } from './bind-waiter.js';
import { PVCS, PVS, STORAGE_CLASSES, isClaimBound, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './types.js';
import { BIND_CONFLICT, NODE_CONFLICT, UNBOUND_IMMEDIATE, volumeBinding } from './volume-binding.js';

const nodeA = nodeInfo(makeNode('a', undefined, { labels: { 'kubernetes.io/hostname': 'a' } }));
const nodeB = nodeInfo(makeNode('b', undefined, { labels: { 'kubernetes.io/hostname': 'b' } }));

function withClaims(name: string, ...claims: string[]): Pod {
  const pod = makePod(name);
  (pod.spec as Record<string, unknown>).volumes = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } }));
  return pod;
}

const sc = (name: string, mode: 'Immediate' | 'WaitForFirstConsumer', provisioner = 'kubernetes.io/no-provisioner'): StorageClass => ({ metadata: { name }, provisioner, volumeBindingMode: mode });
const claim = (name: string, className: string, extra: Partial<PersistentVolumeClaim['spec']> = {}, meta: Record<string, unknown> = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: className, ...extra },
});
const onHost = (host: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: [host] }] }] } });
const pv = (name: string, className: string, host: string, extra: Partial<PersistentVolume['spec']> = {}): PersistentVolume => ({
  metadata: { name },
  spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: className, nodeAffinity: onHost(host), ...extra },
  status: { phase: 'Available' },
});

function setup(): { handle: TestHandle; plugin: ReturnType<typeof volumeBinding> } {
  const handle = testHandle();
  handle.seed(STORAGE_CLASSES, sc('fast', 'Immediate'), sc('local', 'WaitForFirstConsumer'), sc('dynamic', 'WaitForFirstConsumer', 'kubets.io/simulated'));
  const claims = handle.informer<PersistentVolumeClaim>(PVCS);
  const plugin = volumeBinding({
    claims: claims.lister,
    volumes: handle.informer<PersistentVolume>(PVS).lister,
    classes: handle.informer<StorageClass>(STORAGE_CLASSES).lister,
    onClaimChange: () => {},
    client: handle.client,
    clock: handle.clock,
    bindTimeoutMs: 1000,
  });
  return { handle, plugin };
}

function verdicts(plugin: ReturnType<typeof volumeBinding>, pod: Pod, nodes: NodeInfo[], state = new CycleState()): string[] {
  const pre = plugin.preFilter(state, pod, nodes).status;
  if (!pre.isSuccess()) return [`${pre.code}: ${pre.message()}`];
  return nodes.map((n) => {
    const s = plugin.filter(state, pod, n);
    return s.isSuccess() ? 'ok' : `${s.code}: ${s.message()}`;
  });
}

test('PreFilter: no claims skips; a missing or deleting claim and an unbound Immediate claim reject the pod everywhere', () => {
  const { handle, plugin } = setup();
  assert.equal(plugin.preFilter(new CycleState(), makePod('plain'), []).status.code, 'Skip');
  assert.deepEqual(verdicts(plugin, withClaims('p', 'data'), [nodeA]), ['UnschedulableAndUnresolvable: persistentvolumeclaim "data" not found']);
  handle.seed(PVCS, claim('going', 'fast', {}, { deletionTimestamp: '2026-01-01T00:00:00Z' }), claim('waiting', 'fast'));
  assert.deepEqual(verdicts(plugin, withClaims('p', 'going'), [nodeA]), ['UnschedulableAndUnresolvable: persistentvolumeclaim "going" is being deleted']);
  assert.deepEqual(verdicts(plugin, withClaims('p', 'waiting'), [nodeA]), [`UnschedulableAndUnresolvable: ${UNBOUND_IMMEDIATE}`]);
});

test('Filter: a bound claim keeps the pod on the nodes its volume node affinity admits', () => {
  const { handle, plugin } = setup();
  const boundPv = pv('pv-a', 'fast', 'a');
  boundPv.status = { phase: 'Bound' };
  handle.seed(PVS, boundPv);
  handle.seed(PVCS, claim('data', 'fast', { volumeName: 'pv-a' }));
  assert.deepEqual(verdicts(plugin, withClaims('p', 'data'), [nodeA, nodeB]), ['ok', `UnschedulableAndUnresolvable: ${NODE_CONFLICT}`]);
});

test('Filter: an unbound WaitForFirstConsumer claim needs a fitting Available volume on the node, or a provisioner', () => {
  const { handle, plugin } = setup();
  handle.seed(PVS, pv('pv-a', 'local', 'a'), pv('small-b', 'local', 'b', { capacity: { storage: '500Mi' } }), pv('rox-b', 'local', 'b', { accessModes: ['ReadOnlyMany'] }));
  handle.seed(PVCS, claim('data', 'local'), claim('dyn', 'dynamic'));
  assert.deepEqual(verdicts(plugin, withClaims('p', 'data'), [nodeA, nodeB]), ['ok', `UnschedulableAndUnresolvable: ${BIND_CONFLICT}`]);
  assert.deepEqual(verdicts(plugin, withClaims('p', 'dyn'), [nodeA, nodeB]), ['ok', 'ok']);
  // Two claims of the pod cannot share the one volume on node a.
  handle.seed(PVCS, claim('data2', 'local'));
  assert.deepEqual(verdicts(plugin, withClaims('p', 'data', 'data2'), [nodeA]), [`UnschedulableAndUnresolvable: ${BIND_CONFLICT}`]);
});

test('Reserve assumes the chosen volume for the pod until Unreserve', () => {
  const { handle, plugin } = setup();
  handle.seed(PVS, pv('pv-a', 'local', 'a'));
  handle.seed(PVCS, claim('one', 'local'), claim('two', 'local'));
  const state = new CycleState();
  const first = withClaims('first', 'one');
  assert.deepEqual(verdicts(plugin, first, [nodeA], state), ['ok']);
  plugin.reserve(state, first, 'a');
  assert.deepEqual(verdicts(plugin, withClaims('second', 'two'), [nodeA]), [`UnschedulableAndUnresolvable: ${BIND_CONFLICT}`]);
  plugin.unreserve(state, first, 'a');
  assert.deepEqual(verdicts(plugin, withClaims('second', 'two'), [nodeA]), ['ok']);
});

test('BindWaiter resolves when every claim is bound and fails after the timeout', async () => {
  const handle = testHandle();
  const waiter = new BindWaiter(handle.clock, isClaimBound);
  const bound = (c: PersistentVolumeClaim): PersistentVolumeClaim => ({ ...c, spec: { ...c.spec, volumeName: 'v' }, status: { phase: 'Bound' } });
  const a = claim('a', 'local');
  const b = claim('b', 'local');
  let resolved = false;
  const both = waiter.wait([a, bound(b)], 5000).then(() => (resolved = true));
  waiter.notify(claim('a', 'local'));
  await handle.clock.advance(1);
  assert.equal(resolved, false);
  waiter.notify(bound(a));
  await both;
  const late = assert.rejects(waiter.wait([a], 5000), BindTimeoutError);
  await handle.clock.advance(5000);
  await late;
});
