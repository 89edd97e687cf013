// The scheduler's volume plugins against a real in-process kubets with the
// persistentvolume-binder controller: a missing claim keeps a pod pending until it exists;
// a WaitForFirstConsumer claim is provisioned for the node the scheduler chose (the
// selected-node annotation) and bound before the pod; a local volume's node affinity
// decides the node; a ReadWriteOncePod claim and an inline disk are not shared, and a
// higher-priority pod preempts the holder of a ReadWriteOncePod claim it needs. A second
// server without the binder shows PreBind's static binding step by step.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, InformerFactory, silentLogger, type Event, type Node, type Pod } from '../../src/client/index.js';
import type { ControllerContext } from '../../src/controllers/base/context.js';
import { PersistentVolumeBinderController } from '../../src/controllers/persistentvolume/persistent-volume-binder-controller.js';
import { PVCS, PVS, STORAGE_CLASSES, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../src/controllers/persistentvolume/types.js';
import { runScheduler } from '../../src/scheduler/index.js';
import { eventuallyNamed, startTestCluster, type TestCluster } from './harness.js';

const NS = 'default';

function node(name: string, zone: string): Node {
  const capacity = { cpu: '4', memory: '8Gi', pods: '110' };
  const labels = { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {}, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } };
}

function podWithClaim(name: string, claimName: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } as Pod['spec'],
  };
}

function claimBody(name: string, className: string, accessModes = ['ReadWriteOnce']): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes, resources: { requests: { storage: '1Gi' } }, storageClassName: className } };
}

describe('scheduler volume plugins end to end', () => {
  let cluster: TestCluster;
  let client: Client;
  let stopScheduler: () => Promise<void>;
  let informers: InformerFactory;
  const stop = new AbortController();
  let binder: Promise<void> | undefined;

  const claims = () => client.resource<PersistentVolumeClaim>(PVCS).namespace(NS);
  const nodeOf = (name: string): Promise<string> =>
    eventuallyNamed(`${name} to be bound`, async () => {
      const p = await client.pods(NS).get(name);
      return p.spec?.nodeName === undefined || p.spec.nodeName === '' ? undefined : p.spec.nodeName;
    });
  const failure = (name: string): Promise<Event> =>
    eventuallyNamed(`FailedScheduling of ${name}`, async () => (await client.events(NS).list()).items.find((e) => e.involvedObject.name === name && e.reason === 'FailedScheduling'));

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 200, burst: 400 });
    for (const [name, zone] of [['n1', 'zone-a'], ['n2', 'zone-b'], ['n3', 'zone-c']] as const) await client.nodes().create(node(name, zone));
    const classes = client.resource<StorageClass>(STORAGE_CLASSES);
    await classes.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'late' }, provisioner: 'kubets.io/simulated', volumeBindingMode: 'WaitForFirstConsumer' });
    await classes.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
    await classes.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'zoned' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' });
    stopScheduler = await runScheduler({ client, logger: silentLogger });
    informers = new InformerFactory(client, { logger: silentLogger });
    const ctx: ControllerContext = { client, informers, logger: silentLogger };
    const controller = new PersistentVolumeBinderController(ctx);
    informers.start();
    binder = controller.run(stop.signal);
  });
  afterEach(async () => {
    await client.pods(NS).deleteCollection({}, { gracePeriodSeconds: 0 });
  });
  after(async () => {
    stop.abort();
    await binder;
    await informers?.shutdown();
    await stopScheduler?.();
    await client?.close();
    await cluster?.stop();
  });

  test('a pod whose claim is missing waits with upstream message; the claim appears, is provisioned for the chosen node and bound first', async () => {
    await client.pods(NS).create(podWithClaim('waits', 'later'));
    const failed = await failure('waits');
    assert.equal(failed.message, '0/3 nodes are available: persistentvolumeclaim "later" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    await claims().create(claimBody('later', 'late'));
    const chosen = await nodeOf('waits');
    const claim = await claims().get('later');
    assert.equal(claim.metadata?.annotations?.['volume.kubernetes.io/selected-node'], chosen);
    assert.equal(claim.status?.phase, 'Bound');
  });

  test('a local volume with node affinity takes the pod to its node', async () => {
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-n2' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
        persistentVolumeReclaimPolicy: 'Retain',
        local: { path: '/mnt/disk' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] }] }] } },
      },
    };
    await client.resource<PersistentVolume>(PVS).create(pv);
    await eventuallyNamed('local-n2 Available', async () => ((await client.resource<PersistentVolume>(PVS).get('local-n2')).status?.phase === 'Available' ? true : undefined));
    await claims().create(claimBody('local-data', 'local'));
    await client.pods(NS).create(podWithClaim('local-user', 'local-data'));
    assert.equal(await nodeOf('local-user'), 'n2');
    const claim = await claims().get('local-data');
    assert.equal(claim.spec?.volumeName, 'local-n2');
  });

  test('a bound volume labelled with a zone takes the pod to that zone; one in no node\'s zone: upstream reason', async () => {
    const zonedVolume = (name: string, zone: string): PersistentVolume => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'zoned', persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: `/mnt/${name}` } },
    });
    await client.resource<PersistentVolume>(PVS).create(zonedVolume('in-zone-c', 'zone-c'));
    await claims().create(claimBody('zoned-data', 'zoned'));
    await eventuallyNamed('zoned-data bound', async () => ((await claims().get('zoned-data')).spec?.volumeName === 'in-zone-c' ? true : undefined));
    await client.pods(NS).create(podWithClaim('zoned-user', 'zoned-data'));
    assert.equal(await nodeOf('zoned-user'), 'n3');

    await client.resource<PersistentVolume>(PVS).create(zonedVolume('in-zone-x', 'zone-x'));
    await claims().create(claimBody('far-data', 'zoned'));
    await eventuallyNamed('far-data bound', async () => ((await claims().get('far-data')).spec?.volumeName === 'in-zone-x' ? true : undefined));
    await client.pods(NS).create(podWithClaim('far-user', 'far-data'));
    const failed = await failure('far-user');
    assert.equal(failed.message, '0/3 nodes are available: 3 node(s) had no available volume zone. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  test('no node has a volume for an unprovisionable claim: upstream reason per node', async () => {
    await claims().create(claimBody('nowhere', 'local'));
    await client.pods(NS).create(podWithClaim('stuck', 'nowhere'));
    const failed = await failure('stuck');
    assert.equal(failed.message, "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });

  test('a ReadWriteOncePod claim serves one pod: a second pod using it is unschedulable', async () => {
    await claims().create(claimBody('solo', 'late', ['ReadWriteOncePod']));
    await client.pods(NS).create(podWithClaim('solo-1', 'solo'));
    await nodeOf('solo-1');
    await client.pods(NS).create(podWithClaim('solo-2', 'solo'));
    const failed = await failure('solo-2');
    assert.match(failed.message ?? '', /^0\/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode\. preemption: /);
  });

  test('a higher-priority pod whose ReadWriteOncePod claim a lower-priority pod holds preempts that pod, and gets the claim', async () => {
    await claims().create(claimBody('exclusive', 'late', ['ReadWriteOncePod']));
    await client.pods(NS).create({ ...podWithClaim('holder', 'exclusive'), spec: { ...podWithClaim('holder', 'exclusive').spec!, priority: 10 } });
    const held = await nodeOf('holder');
    await client.pods(NS).create({ ...podWithClaim('urgent', 'exclusive'), spec: { ...podWithClaim('urgent', 'exclusive').spec!, priority: 1000 } });
    const nominated = await eventuallyNamed('urgent nominated', async () => (await client.pods(NS).get('urgent')).status?.nominatedNodeName as string | undefined);
    assert.equal(nominated, held, 'the node where the claim is freed');
    const holder = await client.pods(NS).get('holder');
    assert.notEqual(holder.metadata?.deletionTimestamp, undefined, 'the holder is evicted');
    assert.equal(holder.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.reason, 'PreemptionByScheduler');
    // No kubelet: finish the holder's termination as one would.
    await client.pods(NS).delete('holder', { gracePeriodSeconds: 0 });
    await nodeOf('urgent');
  });

  test('a GCE persistent disk in read-write use on a node keeps a pod that wants it elsewhere', async () => {
    const withDisk = (name: string, nodeName?: string): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: NS },
      spec: { ...(nodeName === undefined ? {} : { nodeName }), containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'disk', gcePersistentDisk: { pdName: 'shared-disk' } }] } as Pod['spec'],
    });
    await client.pods(NS).create(withDisk('disk-n1', 'n1'));
    await client.pods(NS).create(withDisk('disk-n2', 'n2'));
    await client.pods(NS).create(withDisk('disk-new'));
    assert.equal(await nodeOf('disk-new'), 'n3');
  });
});

describe('VolumeBinding PreBind on its own (no binder controller running)', () => {
  let cluster: TestCluster;
  let client: Client;
  let stopScheduler: () => Promise<void>;

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 200, burst: 400 });
    for (const name of ['n1', 'n2']) await client.nodes().create(node(name, 'zone-a'));
    await client.resource<StorageClass>(STORAGE_CLASSES).create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
    stopScheduler = await runScheduler({ client, logger: silentLogger });
  });
  after(async () => {
    await stopScheduler?.();
    await client?.close();
    await cluster?.stop();
  });

  test('a static volume chosen for a WaitForFirstConsumer claim gets its claimRef, and the pod is bound only once the claim is', async () => {
    const volumes = client.resource<PersistentVolume>(PVS);
    const created = await volumes.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-n2' },
      spec: {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
        local: { path: '/mnt/n2' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] }] }] } },
      },
    });
    // What the binder would do for a new volume.
    await volumes.updateStatus({ ...created, status: { phase: 'Available' } });
    const claims = client.resource<PersistentVolumeClaim>(PVCS).namespace(NS);
    await claims.create(claimBody('data', 'local'));
    await client.pods(NS).create(podWithClaim('user', 'data'));
    const pv = await eventuallyNamed('the claimRef on pv-n2', async () => {
      const v = await volumes.get('pv-n2');
      return v.spec?.claimRef?.name === 'data' ? v : undefined;
    });
    assert.equal(pv.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.equal((await client.pods(NS).get('user')).spec?.nodeName, undefined, 'PreBind waits for the claim');
    // Now finish the binding as the binder would.
    const claim = await claims.get('data');
    const updated = await claims.update({ ...claim, metadata: { ...claim.metadata, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { ...claim.spec, volumeName: 'pv-n2' } });
    await claims.updateStatus({ ...updated, status: { phase: 'Bound' } });
    const bound = await eventuallyNamed('user bound', async () => {
      const p = await client.pods(NS).get('user');
      return p.spec?.nodeName === undefined || p.spec.nodeName === '' ? undefined : p.spec.nodeName;
    });
    assert.equal(bound, 'n2');
  });
});
