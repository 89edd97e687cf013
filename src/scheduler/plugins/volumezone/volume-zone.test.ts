import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { testHandle } from '../../testing/handle.js';
import { PVCS, PVS, STORAGE_CLASSES, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../volumebinding/types.js';
import { ZONE_CONFLICT, volumeZone } from './volume-zone.js';

const node = (name: string, labels: Record<string, string>) => nodeInfo(makeNode(name, undefined, { labels }));
const zoneA = node('a', { 'topology.kubernetes.io/zone': 'zone-a', 'topology.kubernetes.io/region': 'r1' });
const zoneB = node('b', { 'topology.kubernetes.io/zone': 'zone-b', 'topology.kubernetes.io/region': 'r1' });
const betaB = node('beta-b', { 'failure-domain.beta.kubernetes.io/zone': 'zone-b' });
const unlabelled = node('plain', {});

function withClaims(...claims: string[]): Pod {
  const pod = makePod('p');
  (pod.spec as Record<string, unknown>).volumes = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } }));
  return pod;
}
const claim = (name: string, volumeName?: string, className = 'standard'): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, volumeName },
});
const pv = (name: string, labels: Record<string, string>): PersistentVolume => ({ metadata: { name, labels }, spec: { capacity: { storage: '1Gi' } } });

function plugin() {
  const handle = testHandle();
  handle.seed(STORAGE_CLASSES, { metadata: { name: 'standard' }, provisioner: 'x', volumeBindingMode: 'Immediate' }, { metadata: { name: 'late' }, provisioner: 'x', volumeBindingMode: 'WaitForFirstConsumer' });
  handle.seed(PVS, pv('in-a', { 'topology.kubernetes.io/zone': 'zone-a' }), pv('in-a-or-b', { 'topology.kubernetes.io/zone': 'zone-a__zone-b' }), pv('beta-in-b', { 'failure-domain.beta.kubernetes.io/zone': 'zone-b' }), pv('anywhere', {}));
  handle.seed(PVCS, claim('a', 'in-a'), claim('ab', 'in-a-or-b'), claim('beta', 'beta-in-b'), claim('free', 'anywhere'), claim('unbound-late', undefined, 'late'), claim('unbound-now'));
  return volumeZone({
    claims: handle.informer<PersistentVolumeClaim>(PVCS).lister,
    volumes: handle.informer<PersistentVolume>(PVS).lister,
    classes: handle.informer<StorageClass>(STORAGE_CLASSES).lister,
  });
}

/** The Filter verdict per node, after PreFilter (undefined: PreFilter skipped the plugin). */
function verdicts(pod: Pod, ...infos: ReturnType<typeof node>[]): Record<string, string> | string {
  const p = plugin();
  const state = new CycleState();
  const pre = p.preFilter(state, pod, infos);
  if (!pre.status.isSuccess()) return `${pre.status.code}: ${pre.status.message()}`;
  return Object.fromEntries(infos.map((i) => {
    const s = p.filter(state, pod, i);
    return [i.name(), s.isSuccess() ? 'ok' : `${s.code}: ${s.message()}`];
  }));
}

test('a volume in one zone keeps the pod in that zone; nodes with no topology labels pass', () => {
  assert.deepEqual(verdicts(withClaims('a'), zoneA, zoneB, unlabelled), { a: 'ok', b: `UnschedulableAndUnresolvable: ${ZONE_CONFLICT}`, plain: 'ok' });
});

test('a volume in several zones (`__`) admits each; a beta label matches the GA label and back', () => {
  assert.deepEqual(verdicts(withClaims('ab'), zoneA, zoneB), { a: 'ok', b: 'ok' });
  assert.deepEqual(verdicts(withClaims('beta'), zoneA, zoneB, betaB), { a: `UnschedulableAndUnresolvable: ${ZONE_CONFLICT}`, b: 'ok', 'beta-b': 'ok' });
});

test('no zoned volume, no claims, or an unbound WaitForFirstConsumer claim: Skip', () => {
  assert.equal(verdicts(withClaims('free', 'unbound-late'), zoneA), 'Skip: ');
  assert.equal(verdicts(makePod('none'), zoneA), 'Skip: ');
});

test('a missing claim, or an unbound claim of an Immediate class, stops the pod with upstream messages', () => {
  assert.equal(verdicts(withClaims('gone'), zoneA), 'UnschedulableAndUnresolvable: persistentvolumeclaim "gone" not found');
  assert.equal(verdicts(withClaims('unbound-now'), zoneA), 'UnschedulableAndUnresolvable: PersistentVolume had no name');
});
