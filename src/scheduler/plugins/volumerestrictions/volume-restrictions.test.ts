import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodSpecView } from '../../framework/types.js';
import { defaultPreemption } from '../defaultpreemption/default-preemption.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { testHandle } from '../../testing/handle.js';
import { PVCS, type PersistentVolumeClaim, type PodVolume } from '../volumebinding/types.js';
import { DISK_CONFLICT, RWOP_CONFLICT, disksConflict, volumeRestrictions } from './volume-restrictions.js';
import { Snapshot } from '../../cache/snapshot.js';

function withVolumes(name: string, ...volumes: PodVolume[]): Pod {
  const pod = makePod(name);
  (pod.spec as Record<string, unknown>).volumes = volumes;
  return pod;
}

function verdicts(pod: Pod, nodes: NodeInfo[], claims: PersistentVolumeClaim[] = []): string[] {
  const handle = testHandle(Snapshot.of(nodes));
  handle.seed(PVCS, ...claims);
  const plugin = volumeRestrictions(handle, handle.informer<PersistentVolumeClaim>(PVCS).lister);
  const state = new CycleState();
  const pre = plugin.preFilter(state, pod, nodes).status;
  if (!pre.isSuccess()) return [pre.code === 'Skip' ? 'Skip' : `${pre.code}: ${pre.message()}`];
  return nodes.map((n) => {
    const s = plugin.filter(state, pod, n);
    return s.isSuccess() ? 'ok' : `${s.code}: ${s.message()}`;
  });
}

test('inline disks: GCE PD and iSCSI shared only read-only, EBS never, RBD by monitor, pool and image', () => {
  const gce = (readOnly: boolean): PodVolume => ({ name: 'd', gcePersistentDisk: { pdName: 'disk-1', readOnly } });
  assert.equal(disksConflict(gce(false), gce(true)), true);
  assert.equal(disksConflict(gce(true), gce(true)), false);
  assert.equal(disksConflict(gce(false), { name: 'd', gcePersistentDisk: { pdName: 'disk-2' } }), false);
  const ebs = (readOnly: boolean): PodVolume => ({ name: 'd', awsElasticBlockStore: { volumeID: 'vol-1', readOnly } });
  assert.equal(disksConflict(ebs(true), ebs(true)), true);
  const iscsi = (readOnly: boolean): PodVolume => ({ name: 'd', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0, readOnly } });
  assert.deepEqual([disksConflict(iscsi(false), iscsi(true)), disksConflict(iscsi(true), iscsi(true))], [true, false]);
  const rbd = (monitors: string[], image = 'img'): PodVolume => ({ name: 'd', rbd: { monitors, pool: 'rbd', image } });
  assert.deepEqual([disksConflict(rbd(['a', 'b']), rbd(['b', 'c'])), disksConflict(rbd(['a']), rbd(['c'])), disksConflict(rbd(['a']), rbd(['a'], 'other'))], [true, false, false]);
});

test('Filter: a node whose pods hold the same disk has no available disk; pods without such volumes are skipped', () => {
  const holder = withVolumes('holder', { name: 'd', gcePersistentDisk: { pdName: 'disk-1' } });
  const nodes = [nodeInfo(makeNode('a'), holder), nodeInfo(makeNode('b'))];
  assert.deepEqual(verdicts(withVolumes('new', { name: 'x', gcePersistentDisk: { pdName: 'disk-1' } }), nodes), [`Unschedulable: ${DISK_CONFLICT}`, 'ok']);
  assert.deepEqual(verdicts(makePod('plain'), nodes), ['Skip']);
});

test('a ReadWriteOncePod claim in use by another pod rejects every node; other claims do not', () => {
  const claim = (name: string, mode: string): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec: { accessModes: [mode], volumeName: `pv-${name}` } });
  const uses = (name: string, claimName: string): Pod => withVolumes(name, { name: 'v', persistentVolumeClaim: { claimName } });
  const claims = [claim('solo', 'ReadWriteOncePod'), claim('shared', 'ReadWriteOnce')];
  const nodes = [nodeInfo(makeNode('a'), uses('first', 'solo'), uses('other', 'shared')), nodeInfo(makeNode('b'))];
  assert.deepEqual(verdicts(uses('second', 'solo'), nodes, claims), [`Unschedulable: ${RWOP_CONFLICT}`, `Unschedulable: ${RWOP_CONFLICT}`]);
  assert.deepEqual(verdicts(uses('second', 'shared'), nodes, claims), ['Skip']);
  // The pod itself (already assumed somewhere) does not conflict with itself.
  assert.deepEqual(verdicts(uses('first', 'solo'), nodes, claims), ['Skip']);
  assert.deepEqual(verdicts(uses('lost', 'missing'), nodes, claims), ['UnschedulableAndUnresolvable: persistentvolumeclaim "missing" not found']);
});

describe('PreFilter extensions (preemption\'s dry run, nominated pods)', () => {
  const rwop: PersistentVolumeClaim = { metadata: { name: 'solo', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv-solo' } };
  const uses = (name: string, claimName: string, extra: Partial<PodSpecView> = {}, namespace = 'default'): Pod => {
    const pod = withVolumes(name, { name: 'v', persistentVolumeClaim: { claimName } });
    Object.assign(pod.spec!, extra);
    pod.metadata = { ...pod.metadata, namespace };
    return pod;
  };
  const setup = (nodes: NodeInfo[]) => {
    const handle = testHandle(Snapshot.of(nodes));
    handle.seed(PVCS, rwop);
    return volumeRestrictions(handle, handle.informer<PersistentVolumeClaim>(PVCS).lister);
  };

  test('removing the holder of a ReadWriteOncePod claim from a clone frees it there only; adding it back, or pods of other claims, count right', () => {
    const holder = uses('holder', 'solo');
    const nodes = [nodeInfo(makeNode('a'), holder), nodeInfo(makeNode('b'))];
    const plugin = setup(nodes);
    const pod = uses('wants', 'solo');
    const state = new CycleState();
    assert.equal(plugin.preFilter(state, pod, nodes).status.isSuccess(), true);
    const verdict = (s: CycleState) => plugin.filter(s, pod, nodes[0]!).code;
    const whatIf = state.clone();
    assert.equal(plugin.extensions!.removePod(whatIf, pod, holder, nodes[0]!).isSuccess(), true);
    assert.deepEqual([verdict(whatIf), verdict(state)], ['Success', 'Unschedulable'], 'the original state is untouched');
    // A pod of another claim, or of a claim of the same name in another namespace, changes nothing.
    plugin.extensions!.addPod(whatIf, pod, uses('other', 'shared'), nodes[1]!);
    plugin.extensions!.addPod(whatIf, pod, uses('elsewhere', 'solo', {}, 'other-ns'), nodes[1]!);
    assert.equal(verdict(whatIf), 'Success');
    plugin.extensions!.addPod(whatIf, pod, holder, nodes[0]!);
    assert.equal(verdict(whatIf), 'Unschedulable');
  });

  test('DefaultPreemption evicts the lower-priority holder of the claim, which it cannot do without the extensions', () => {
    const holder = uses('holder', 'solo', { priority: 1 });
    const nodes = [nodeInfo(makeNode('a'), holder, uses('bystander', 'shared', { priority: 1 })), nodeInfo(makeNode('b'), makePod('idle', {}, { priority: 1 }))];
    const plugin = setup(nodes);
    const preemptor = uses('urgent', 'solo', { priority: 1000 });
    const run = (withExtensions: boolean) => {
      const evicted: string[] = [];
      const handle = testHandle(Snapshot.of(nodes), {
        runFilters: (s, p, n) => plugin.filter(s, p, n),
        evict: (victim) => evicted.push(victim.metadata!.name!),
        ...(withExtensions ? { preFilterExtensions: plugin.extensions } : {}),
      });
      const state = new CycleState();
      plugin.preFilter(state, preemptor, nodes);
      const statuses = new Map(nodes.map((n) => [n.name(), plugin.filter(state, preemptor, n)]));
      assert.deepEqual([...statuses.values()].map((s) => s.message()), [RWOP_CONFLICT, RWOP_CONFLICT]);
      return { nominated: defaultPreemption(handle).postFilter(state, preemptor, statuses).nominatedNodeName, evicted };
    };
    assert.deepEqual(run(true), { nominated: 'a', evicted: ['holder'] });
    assert.deepEqual(run(false), { nominated: undefined, evicted: [] });
  });
});
