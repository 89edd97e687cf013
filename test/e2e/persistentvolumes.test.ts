// The persistentvolume-binder, pvc-protection and pv-protection controllers end to end: a
// real in-process kubets, the built-in simulated provisioner, and pods on simulated nodes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENTS, FakeClock, type Client, type Event } from '../../src/client/index.js';
import { PersistentVolumeBinderController } from '../../src/controllers/persistentvolume/persistent-volume-binder-controller.js';
import { PVCS, PVS, STORAGE_CLASSES, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../src/controllers/persistentvolume/types.js';
import { PvcProtectionController } from '../../src/controllers/pvcprotection/pvc-protection-controller.js';
import { PvProtectionController } from '../../src/controllers/pvprotection/pv-protection-controller.js';
import { isNotFound } from '../../src/machinery/errors.js';
import { eventually, startControllerCluster, type ControllerCluster, type TestCluster } from './harness.js';

async function gone(get: () => Promise<unknown>): Promise<true | undefined> {
  try {
    await get();
    return undefined;
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}

function claimBody(name: string, size: string, spec: Record<string, unknown> = {}): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...spec } };
}

describe('persistent volume binder and protection controllers', () => {
  let env: ControllerCluster;
  let cluster: TestCluster;
  let client: Client;
  /** Drives only the binder's periodic resync. */
  const resyncClock = new FakeClock(Date.now());

  before(async () => {
    env = await startControllerCluster({
      nodes: { count: 1 },
      controllers: (ctx) => [new PersistentVolumeBinderController(ctx, { clock: resyncClock }), new PvcProtectionController(ctx), new PvProtectionController(ctx)],
    });
    ({ cluster, client } = env);
  });
  after(() => env?.stop());

  const claims = () => client.resource<PersistentVolumeClaim>(PVCS).namespace('default');
  const volumes = () => client.resource<PersistentVolume>(PVS);
  const bound = (name: string) => eventually(async () => {
    const c = await claims().get(name);
    return c.status?.phase === 'Bound' ? c : undefined;
  });

  test('the default class is created; a claim without a class gets it and a provisioned volume, both Bound', async () => {
    const sc = await eventually(() => client.resource<StorageClass>(STORAGE_CLASSES).get('standard'));
    assert.equal(sc.provisioner, 'kubets.io/simulated');
    assert.equal(sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
    const created = await claims().create(claimBody('data', '1Gi'));
    const claim = await bound('data');
    const uid = created.metadata?.uid ?? '';
    assert.equal(claim.spec?.storageClassName, 'standard');
    assert.equal(claim.spec?.volumeName, `pvc-${uid}`);
    assert.equal(claim.metadata?.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
    assert.equal(claim.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.deepEqual(claim.status?.capacity, { storage: '1Gi' });
    assert.ok(claim.metadata?.finalizers?.includes('kubernetes.io/pvc-protection'));
    const pv = await eventually(async () => {
      const v = await volumes().get(`pvc-${uid}`);
      return v.status?.phase === 'Bound' && v.metadata?.finalizers?.includes('kubernetes.io/pv-protection') ? v : undefined;
    });
    assert.equal(pv.spec?.claimRef?.uid, uid);
    assert.deepEqual(pv.spec?.capacity, { storage: '1Gi' });
    assert.deepEqual(pv.spec?.accessModes, ['ReadWriteOnce']);
    assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'], 'kubets.io/simulated');
    const shown = await cluster.kubectl(['get', 'pvc', 'data']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`data\\s+Bound\\s+pvc-${uid}\\s+1Gi\\s+RWO\\s+standard`));
    const events = await eventually(async () => {
      const list = await client.resource<Event>(EVENTS).namespace('default').list();
      const mine = list.items.filter((e) => e.involvedObject.name === 'data' && e.reason === 'ProvisioningSucceeded');
      return mine.length > 0 ? mine : undefined;
    });
    assert.equal(events[0]?.message, `Successfully provisioned volume pvc-${uid} using kubets.io/simulated`);
  });

  test('a claim matching a pre-made Available volume binds to it, not to a new one', async () => {
    await volumes().create({
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'manual-pv', labels: { tier: 'db' } },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/tmp/manual' } },
    });
    await eventually(async () => ((await volumes().get('manual-pv')).status?.phase === 'Available' ? true : undefined));
    await claims().create(claimBody('manual', '2Gi', { storageClassName: 'manual', selector: { matchLabels: { tier: 'db' } } }));
    const claim = await bound('manual');
    assert.equal(claim.spec?.volumeName, 'manual-pv');
    assert.deepEqual(claim.status?.capacity, { storage: '5Gi' });
    const pv = await eventually(async () => {
      const v = await volumes().get('manual-pv');
      return v.status?.phase === 'Bound' ? v : undefined;
    });
    assert.equal(pv.spec?.claimRef?.name, 'manual');
    assert.equal(pv.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    // Retain: deleting the claim leaves the volume Released.
    await claims().delete('manual');
    await eventually(async () => ((await volumes().get('manual-pv')).status?.phase === 'Released' ? true : undefined));
  });

  test('deleting a claim deletes its provisioned volume (reclaim policy Delete)', async () => {
    const created = await claims().create(claimBody('scratch', '100Mi'));
    await bound('scratch');
    const pvName = `pvc-${created.metadata?.uid ?? ''}`;
    await eventually(async () => ((await volumes().get(pvName)).status?.phase === 'Bound' ? true : undefined));
    await claims().delete('scratch');
    await eventually(() => gone(() => claims().get('scratch')));
    await eventually(() => gone(() => volumes().get(pvName)));
  });

  test('a WaitForFirstConsumer class provisions only once the claim has a selected node', async () => {
    await client.resource<StorageClass>(STORAGE_CLASSES).create({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'late' },
      provisioner: 'kubets.io/simulated', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
    });
    const created = await claims().create(claimBody('late', '1Gi', { storageClassName: 'late' }));
    const pvName = `pvc-${created.metadata?.uid ?? ''}`;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await claims().get('late')).status?.phase, 'Pending');
    assert.equal(await gone(() => volumes().get(pvName)), true);
    const waiting = await cluster.kubectl(['describe', 'pvc', 'late']);
    assert.match(waiting.stdout, /WaitForFirstConsumer\s+.*waiting for first consumer to be created before binding/);
    // What the scheduler's VolumeBinding plugin does upstream.
    await claims().patch('late', 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'any' } } });
    const claim = await bound('late');
    assert.equal(claim.spec?.volumeName, pvName);
  });

  test('a WaitForFirstConsumer claim does not take a matching Available volume by itself: the scheduler pre-binds one', async () => {
    await client.resource<StorageClass>(STORAGE_CLASSES).create({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-wait' },
      provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer',
    });
    await volumes().create({
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'local-pv' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'local-wait', hostPath: { path: '/tmp/local' } },
    });
    await eventually(async () => ((await volumes().get('local-pv')).status?.phase === 'Available' ? true : undefined));
    const created = await claims().create(claimBody('local-claim', '1Gi', { storageClassName: 'local-wait' }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await claims().get('local-claim')).status?.phase, 'Pending');
    assert.equal((await volumes().get('local-pv')).status?.phase, 'Available');
    // What the scheduler's VolumeBinding plugin writes in PreBind for the volume it chose.
    const pv = await volumes().get('local-pv');
    pv.spec = { ...pv.spec, claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'local-claim', uid: created.metadata?.uid } };
    await volumes().update(pv);
    const claim = await bound('local-claim');
    assert.equal(claim.spec?.volumeName, 'local-pv');
  });

  test('the 15 s resync binds a claim whose class appeared later, which no event maps to the claim', async () => {
    await claims().create(claimBody('patient', '1Gi', { storageClassName: 'later' }));
    await eventually(async () => {
      const list = await client.resource<Event>(EVENTS).namespace('default').list();
      return list.items.some((e) => e.involvedObject.name === 'patient' && e.reason === 'ProvisioningFailed') ? true : undefined;
    });
    await client.resource<StorageClass>(STORAGE_CLASSES).create({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'later' }, provisioner: 'kubets.io/simulated', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await claims().get('patient')).status?.phase, 'Pending', 'no event brings the claim back before the resync');
    await resyncClock.advance(14_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await claims().get('patient')).status?.phase, 'Pending', 'not before the period');
    await resyncClock.advance(1_000);
    const claim = await bound('patient');
    assert.equal(claim.spec?.volumeName, `pvc-${claim.metadata?.uid ?? ''}`);
  });

  test('a claim used by a running pod keeps its finalizer until the pod is gone', async () => {
    await claims().create(claimBody('used', '1Gi'));
    await bound('used');
    await client.pods('default').create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user' },
      spec: { containers: [{ name: 'main', image: 'busybox' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'used' } }] },
    });
    await eventually(async () => ((await client.pods('default').get('user')).status?.phase === 'Running' ? true : undefined));
    await claims().delete('used');
    const deleting = await claims().get('used');
    assert.ok(deleting.metadata?.deletionTimestamp !== undefined);
    // Well past a sync: the finalizer stays while the pod runs.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const held = await claims().get('used');
    assert.deepEqual(held.metadata?.finalizers, ['kubernetes.io/pvc-protection']);
    await client.pods('default').delete('user');
    await eventually(() => gone(() => client.pods('default').get('user')));
    await eventually(() => gone(() => claims().get('used')));
  });
});
