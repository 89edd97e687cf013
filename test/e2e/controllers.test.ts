// The controller manager against a real in-process kubets: every behaviour observed through
// the API, as a user would (no node runs pods yet, so nothing here needs Running pods).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConflict, isNotFound } from '../../src/machinery/errors.js';
import type { KubeObject } from '../../src/machinery/meta.js';
import { Client, loadKubeconfig, silentLogger, type ConfigMap, type Namespace, type ResourceClient } from '../../src/client/index.js';
import { runControllerManager, type StopFunc } from '../../src/controllers/controller-manager.js';
import { DEPLOYMENTS, type Deployment } from '../../src/controllers/deployment/types.js';
import { REPLICA_SETS, type ReplicaSet } from '../../src/controllers/replicaset/types.js';
import { eventually, startTestCluster, type TestCluster } from './harness.js';

const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' };

/** Read-modify-write, again on a conflict (the controllers write the same objects). */
async function modify<T extends KubeObject>(api: ResourceClient<T>, name: string, change: (obj: T) => T): Promise<T> {
  for (;;) {
    try {
      return await api.update(change(await api.get(name)));
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

async function gone(get: () => Promise<unknown>): Promise<boolean | undefined> {
  try {
    await get();
    return undefined;
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}

describe('controller manager', () => {
  let cluster: TestCluster;
  let client: Client;
  let stop: StopFunc;

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { qps: 200, burst: 400 });
    const ca = loadKubeconfig(cluster.plane.kubeconfigPath).certificateAuthorityPem;
    stop = runControllerManager({ client, controllers: ['*'], rootCaPem: ca, logger: silentLogger });
  });
  after(async () => {
    await stop?.();
    await client?.close();
    await cluster?.stop();
  });

  const createNamespace = (name: string) => client.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const configMap = (ns: string, name: string, meta: Partial<NonNullable<KubeObject['metadata']>> = {}): Promise<ConfigMap> =>
    client.configMaps(ns).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...meta }, data: { k: 'v' } });
  const ownedBy = (owner: KubeObject, blockOwnerDeletion = false) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    ...(blockOwnerDeletion ? { blockOwnerDeletion } : {}),
  });
  const dropFinalizers = async (ns: string, name: string) => {
    const live = await client.configMaps(ns).get(name);
    await client.configMaps(ns).update({ ...live, metadata: { ...live.metadata, finalizers: [] } });
  };

  describe('serviceaccount and root-ca-certificate-publisher', () => {
    test('every namespace gets a default ServiceAccount and kube-root-ca.crt', async () => {
      await createNamespace('fresh');
      const ca = loadKubeconfig(cluster.plane.kubeconfigPath).certificateAuthorityPem;
      for (const ns of ['default', 'kube-system', 'fresh']) {
        await eventually(() => client.resource(SERVICE_ACCOUNTS).namespace(ns).get('default'));
        const cm = await eventually(() => client.configMaps(ns).get('kube-root-ca.crt'));
        assert.equal(cm.data?.['ca.crt'], ca);
      }
    });

    test('a deleted default ServiceAccount or CA ConfigMap comes back; an edited one is repaired', async () => {
      await eventually(() => client.resource(SERVICE_ACCOUNTS).namespace('fresh').get('default'));
      const before = await client.resource(SERVICE_ACCOUNTS).namespace('fresh').get('default');
      await client.resource(SERVICE_ACCOUNTS).namespace('fresh').delete('default');
      await eventually(async () => {
        const again = await client.resource(SERVICE_ACCOUNTS).namespace('fresh').get('default');
        return again.metadata?.uid !== before.metadata?.uid ? again : undefined;
      });
      const cm = await eventually(() => client.configMaps('fresh').get('kube-root-ca.crt'));
      await client.configMaps('fresh').update({ ...cm, data: { 'ca.crt': 'tampered' } });
      await eventually(async () => ((await client.configMaps('fresh').get('kube-root-ca.crt')).data?.['ca.crt'] !== 'tampered' ? true : undefined));
    });
  });

  describe('namespace-controller', () => {
    test('a deleted namespace disappears with everything in it', async () => {
      await createNamespace('doomed');
      await configMap('doomed', 'cm');
      await client.pods('doomed').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      await client.resource({ group: 'apps', version: 'v1', resource: 'deployments' }).namespace('doomed').create(deployment('web'));
      await client.namespaces().delete('doomed');
      await eventually(() => gone(() => client.namespaces().get('doomed')), 20_000);
      // Recreated empty: nothing of the old content survived in storage.
      await createNamespace('doomed');
      assert.deepEqual((await client.configMaps('doomed').list()).items.filter((c) => c.metadata?.name === 'cm'), []);
      assert.deepEqual((await client.pods('doomed').list()).items, []);
    });

    test('content held by a finalizer keeps the namespace, with conditions saying why', async () => {
      await createNamespace('held');
      await configMap('held', 'pinned', { finalizers: ['example.com/hold'] });
      await client.namespaces().delete('held');
      const ns = await eventually(async () => {
        const live = (await client.namespaces().get('held')) as Namespace & { status?: { conditions?: { type: string; status: string; reason: string; message: string }[] } };
        const c = live.status?.conditions?.find((x) => x.type === 'NamespaceFinalizersRemaining');
        return c?.status === 'True' ? live : undefined;
      });
      const byType = new Map((ns.status?.conditions ?? []).map((c) => [c.type, c]));
      assert.equal(byType.get('NamespaceFinalizersRemaining')?.reason, 'SomeFinalizersRemain');
      assert.match(byType.get('NamespaceFinalizersRemaining')?.message ?? '', /example\.com\/hold in 1 resource instances|example\.com\/hold has 1 resource instances/);
      assert.equal(byType.get('NamespaceContentRemaining')?.reason, 'SomeResourcesRemain');
      assert.equal(byType.get('NamespaceDeletionDiscoveryFailure')?.status, 'False');
      assert.equal(ns.spec?.finalizers?.includes('kubernetes'), true);
      await dropFinalizers('held', 'pinned');
      await eventually(() => gone(() => client.namespaces().get('held')), 20_000);
    });
  });

  describe('garbage-collector-controller', () => {
    test('background: deleting an owner removes its dependents', async () => {
      const owner = await configMap('default', 'bg-owner');
      await configMap('default', 'bg-dep-1', { ownerReferences: [ownedBy(owner)] });
      await configMap('default', 'bg-dep-2', { ownerReferences: [ownedBy(owner)] });
      await client.configMaps('default').delete('bg-owner');
      await eventually(() => gone(() => client.configMaps('default').get('bg-dep-1')));
      await eventually(() => gone(() => client.configMaps('default').get('bg-dep-2')));
    });

    test('a dependent is never deleted while an owner exists; a dangling reference is dropped', async () => {
      const owner = await configMap('default', 'live-owner');
      const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000001' };
      await configMap('default', 'two-owners', { ownerReferences: [ownedBy(owner), ghost] });
      await configMap('default', 'ghost-only', { ownerReferences: [ghost] });
      await eventually(() => gone(() => client.configMaps('default').get('ghost-only')));
      const kept = await eventually(async () => {
        const cm = await client.configMaps('default').get('two-owners');
        return cm.metadata?.ownerReferences?.length === 1 ? cm : undefined;
      });
      assert.equal(kept.metadata?.ownerReferences?.[0]?.uid, owner.metadata?.uid);
    });

    test('foreground: the owner waits for blocking dependents, which are deleted first', async () => {
      const owner = await configMap('default', 'fg-owner');
      await configMap('default', 'fg-dep', { ownerReferences: [ownedBy(owner, true)], finalizers: ['example.com/hold'] });
      await client.configMaps('default').delete('fg-owner', { propagationPolicy: 'Foreground' });
      const dep = await eventually(async () => {
        const cm = await client.configMaps('default').get('fg-dep');
        return cm.metadata?.deletionTimestamp !== undefined ? cm : undefined;
      });
      assert.ok(dep);
      const waiting = await client.configMaps('default').get('fg-owner');
      assert.ok(waiting.metadata?.deletionTimestamp);
      assert.deepEqual(waiting.metadata?.finalizers, ['foregroundDeletion']);
      await dropFinalizers('default', 'fg-dep');
      await eventually(() => gone(() => client.configMaps('default').get('fg-owner')));
    });

    test('orphan: dependents stay, without the reference to the deleted owner', async () => {
      const owner = await configMap('default', 'or-owner');
      await configMap('default', 'or-dep', { ownerReferences: [ownedBy(owner, true)] });
      await client.configMaps('default').delete('or-owner', { propagationPolicy: 'Orphan' });
      await eventually(() => gone(() => client.configMaps('default').get('or-owner')));
      const dep = await client.configMaps('default').get('or-dep');
      assert.equal(dep.metadata?.ownerReferences, undefined);
      assert.equal(dep.metadata?.deletionTimestamp, undefined);
    });
  });

  describe('replicaset-controller', () => {
    const replicaSets = () => client.resource<ReplicaSet>(REPLICA_SETS).namespace('default');
    const podsOf = async (rs: ReplicaSet) =>
      (await client.pods('default').list()).items.filter((p) => p.metadata?.deletionTimestamp === undefined && p.metadata?.ownerReferences?.some((r) => r.uid === rs.metadata?.uid));

    test('creates pods to match, scales down deleting the surplus, and counts them in status', async () => {
      const rs = await replicaSets().create(replicaSet('web', 3));
      const pods = await eventually(async () => {
        const list = await podsOf(rs);
        return list.length === 3 ? list : undefined;
      });
      for (const pod of pods) {
        const ref = pod.metadata?.ownerReferences?.[0];
        assert.deepEqual(ref, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true });
        assert.match(pod.metadata?.name ?? '', /^web-/);
        assert.equal(pod.metadata?.labels?.app, 'web');
      }
      const status = await eventually(async () => {
        const live = await replicaSets().get('web');
        return live.status?.replicas === 3 && live.status.observedGeneration === 1 ? live.status : undefined;
      });
      // Zero counts are left out, as upstream's omitempty fields.
      assert.deepEqual(status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });

      const live = await replicaSets().get('web');
      await replicaSets().update({ ...live, spec: { ...live.spec, replicas: 1 } });
      await eventually(async () => ((await podsOf(rs)).length === 1 ? true : undefined));
      const scaled = await eventually(async () => {
        const s = (await replicaSets().get('web')).status;
        return s?.replicas === 1 && s.observedGeneration === 2 ? s : undefined;
      });
      assert.equal(scaled.fullyLabeledReplicas, 1);
      // Only the pods it deleted went: no replacement churn.
      const remaining = await podsOf(rs);
      assert.ok(pods.some((p) => p.metadata?.uid === remaining[0]?.metadata?.uid));
    });

    test('adopts a matching orphan and releases a pod whose labels no longer match', async () => {
      await client.pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'adopt' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      const rs = await replicaSets().create(replicaSet('adopt', 2));
      const pods = await eventually(async () => {
        const list = await podsOf(rs);
        return list.length === 2 ? list : undefined;
      });
      assert.ok(pods.some((p) => p.metadata?.name === 'stray'), 'the orphan was adopted instead of a second pod created');
      const stray = await client.pods('default').get('stray');
      await client.pods('default').update({ ...stray, metadata: { ...stray.metadata, labels: { app: 'elsewhere' } } });
      const released = await eventually(async () => {
        const p = await client.pods('default').get('stray');
        return (p.metadata?.ownerReferences ?? []).length === 0 ? p : undefined;
      });
      assert.ok(released);
      // Replaced, so that it has two pods again.
      await eventually(async () => {
        const list = await podsOf(rs);
        return list.length === 2 && !list.some((p) => p.metadata?.name === 'stray') ? true : undefined;
      });
    });

    test('deleting a ReplicaSet removes its pods (garbage collector)', async () => {
      const rs = await replicaSets().create(replicaSet('short', 2));
      await eventually(async () => ((await podsOf(rs)).length === 2 ? true : undefined));
      await replicaSets().delete('short');
      await eventually(async () => ((await podsOf(rs)).length === 0 ? true : undefined));
    });
  });
  describe('deployment-controller', () => {
    const ns = 'deploy';
    const deployments = () => client.resource<Deployment>(DEPLOYMENTS).namespace(ns);
    const replicaSetsOf = async (d: Deployment) =>
      (await client.resource<ReplicaSet>(REPLICA_SETS).namespace(ns).list()).items.filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata?.uid));
    /** What a kubelet would do: mark every pod of the namespace Running and Ready. */
    const markPodsReady = async () => {
      for (const pod of (await client.pods(ns).list()).items) {
        if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') || pod.metadata?.deletionTimestamp !== undefined) continue;
        const ready = { type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
        await client.pods(ns).patch(pod.metadata!.name!, 'merge', { status: { phase: 'Running', conditions: [ready] } }, { subresource: 'status' });
      }
    };

    before(() => createNamespace(ns));

    test('a Deployment gets a ReplicaSet per template hash, its pods, revision 1 and status', async () => {
      const d = await deployments().create(deploymentOf('web', 3, 'nginx:1'));
      const [rs] = await eventually(async () => {
        const sets = await replicaSetsOf(d);
        return sets.length === 1 && sets[0]!.status?.replicas === 3 ? sets : undefined;
      });
      const hash = rs!.metadata?.labels?.['pod-template-hash'] ?? '';
      assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
      assert.equal(rs!.metadata?.name, `web-${hash}`);
      assert.equal(rs!.spec?.selector?.matchLabels?.['pod-template-hash'], hash);
      assert.equal(rs!.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
      assert.equal(rs!.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
      assert.equal(rs!.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
      assert.equal(rs!.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
      const live = await eventually(async () => {
        const x = await deployments().get('web');
        return x.status?.replicas === 3 && x.status.updatedReplicas === 3 ? x : undefined;
      });
      assert.equal(live.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
      assert.equal(live.status?.unavailableReplicas, 3);
      const available = live.status?.conditions?.find((c) => c.type === 'Available');
      assert.deepEqual([available?.status, available?.reason], ['False', 'MinimumReplicasUnavailable']);
    });

    test('once pods are ready the rollout completes; an image change rolls to revision 2 and completes', async () => {
      const ready = setInterval(() => void markPodsReady().catch(() => {}), 150);
      try {
        const complete = (image: string) =>
          eventually(async () => {
            const x = await deployments().get('web');
            const progressing = x.status?.conditions?.find((c) => c.type === 'Progressing');
            const current = x.spec?.template?.spec?.containers[0]?.image === image;
            const observed = x.status?.observedGeneration === x.metadata?.generation;
            return current && observed && x.status?.availableReplicas === 3 && x.status.updatedReplicas === 3 && x.status.replicas === 3 && progressing?.reason === 'NewReplicaSetAvailable' ? x : undefined;
          }, 30_000);
        const done = await complete('nginx:1');
        assert.equal(done.status?.conditions?.find((c) => c.type === 'Available')?.status, 'True');
        await modify(deployments(), 'web', (d) => ({ ...d, spec: { ...d.spec, template: { ...d.spec!.template, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }));
        const rolled = await complete('nginx:2');
        assert.equal(rolled.metadata?.annotations?.['deployment.kubernetes.io/revision'], '2');
        const sets = await replicaSetsOf(rolled);
        const byRevision = new Map(sets.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs]));
        assert.equal(byRevision.get('2')?.spec?.replicas, 3);
        assert.equal(byRevision.get('1')?.spec?.replicas, 0, 'the old ReplicaSet is kept, scaled to 0');
        const status = await cluster.kubectl(['-n', ns, 'rollout', 'status', 'deployment/web', '--timeout=20s']);
        assert.equal(status.code, 0, status.stderr);
        assert.match(status.stdout, /successfully rolled out/);
        const images = (await client.pods(ns).list()).items.filter((p) => p.metadata?.deletionTimestamp === undefined).map((p) => p.spec?.containers[0]?.image);
        assert.deepEqual(images, ['nginx:2', 'nginx:2', 'nginx:2']);
      } finally {
        clearInterval(ready);
      }
    });

    test('kubectl rollout undo brings the previous template back as revision 3', async () => {
      const ready = setInterval(() => void markPodsReady().catch(() => {}), 150);
      try {
        const undo = await cluster.kubectl(['-n', ns, 'rollout', 'undo', 'deployment/web']);
        assert.equal(undo.code, 0, undo.stderr);
        const back = await eventually(async () => {
          const x = await deployments().get('web');
          const progressing = x.status?.conditions?.find((c) => c.type === 'Progressing');
          return x.spec?.template?.spec?.containers[0]?.image === 'nginx:1' && x.status?.observedGeneration === x.metadata?.generation && progressing?.reason === 'NewReplicaSetAvailable' && x.status?.updatedReplicas === 3 ? x : undefined;
        }, 30_000);
        assert.equal(back.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
        const sets = await replicaSetsOf(back);
        assert.equal(sets.length, 2, 'the first ReplicaSet was reused, not a third created');
        const reused = sets.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1');
        assert.equal(reused?.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
        assert.equal(reused?.spec?.replicas, 3);
      } finally {
        clearInterval(ready);
      }
    });

    test('Recreate: the old ReplicaSet goes to 0 and its pods go before the new one starts', async () => {
      const d = await deployments().create({ ...deploymentOf('batch', 2, 'busybox:1'), spec: { ...deploymentOf('batch', 2, 'busybox:1').spec, strategy: { type: 'Recreate' } } });
      await eventually(async () => ((await replicaSetsOf(d)).some((rs) => rs.status?.replicas === 2) ? true : undefined));
      await modify(deployments(), 'batch', (x) => ({ ...x, spec: { ...x.spec, template: { ...x.spec!.template, spec: { containers: [{ name: 'c', image: 'busybox:2' }] } } } }));
      const sets = await eventually(async () => {
        const list = await replicaSetsOf(d);
        return list.length === 2 && list.every((rs) => rs.status?.replicas === rs.spec?.replicas) ? list : undefined;
      });
      const byImage = new Map(sets.map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, rs.spec?.replicas]));
      assert.deepEqual([byImage.get('busybox:1'), byImage.get('busybox:2')], [0, 2]);
      const images = (await client.pods(ns).list({ labelSelector: 'app=batch' })).items.map((p) => p.spec?.containers[0]?.image);
      assert.deepEqual(images, ['busybox:2', 'busybox:2']);
    });

    test('a rollout that makes no progress within progressDeadlineSeconds is marked ProgressDeadlineExceeded', async () => {
      await deployments().create({ ...deploymentOf('stuck', 1, 'nginx'), spec: { ...deploymentOf('stuck', 1, 'nginx').spec, progressDeadlineSeconds: 1 } });
      const condition = await eventually(async () => {
        const x = await deployments().get('stuck');
        const c = x.status?.conditions?.find((y) => y.type === 'Progressing');
        return c?.reason === 'ProgressDeadlineExceeded' ? c : undefined;
      });
      assert.equal(condition.status, 'False');
      assert.match(condition.message ?? '', /^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/);
      const status = await cluster.kubectl(['-n', ns, 'rollout', 'status', 'deployment/stuck', '--timeout=10s']);
      assert.notEqual(status.code, 0);
      assert.match(status.stderr, /exceeded its progress deadline/);
      await deployments().delete('stuck');
    });

    test('revisionHistoryLimit: old ReplicaSets without pods beyond the limit are deleted', async () => {
      const d = await modify(deployments(), 'web', (x) => ({ ...x, spec: { ...x.spec, revisionHistoryLimit: 0 } }));
      await eventually(async () => ((await replicaSetsOf(d)).length === 1 ? true : undefined));
    });

    test('scaling a paused rollout 10 -> 20 grows both ReplicaSets in proportion', async () => {
      const base = deploymentOf('split', 10, 'nginx:1');
      const strategy = { type: 'RollingUpdate' as const, rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      const d = await deployments().create({ ...base, spec: { ...base.spec, strategy } });
      await eventually(async () => ((await replicaSetsOf(d)).some((rs) => rs.status?.replicas === 10) ? true : undefined));
      // No pod becomes ready here, so the rollout stops at new 5 + old 8 (13 = 10 + maxSurge 3).
      await modify(deployments(), 'split', (x) => ({ ...x, spec: { ...x.spec, template: { ...x.spec!.template, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }));
      const byImage = async () => new Map((await replicaSetsOf(d)).map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, rs]));
      const sized = (oldReplicas: number, newReplicas: number) =>
        eventually(async () => {
          const sets = await byImage();
          return sets.get('nginx:1')?.spec?.replicas === oldReplicas && sets.get('nginx:2')?.spec?.replicas === newReplicas ? sets : undefined;
        });
      await sized(8, 5);
      await modify(deployments(), 'split', (x) => ({ ...x, spec: { ...x.spec, paused: true } }));
      await modify(deployments(), 'split', (x) => ({ ...x, spec: { ...x.spec, replicas: 20 } }));
      // 25 = 20 + maxSurge 5, shared 8:5 as the 13 they were sized for: old 8 -> 15, new 5 -> 10.
      const scaled = await sized(15, 10);
      for (const rs of scaled.values()) {
        assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '20');
        assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '25');
      }
      await deployments().delete('split');
    });

    test('scaling the Deployment scales its ReplicaSet; deleting it removes ReplicaSets and pods', async () => {
      const d = await modify(deployments(), 'web', (x) => ({ ...x, spec: { ...x.spec, replicas: 5 } }));
      await eventually(async () => ((await replicaSetsOf(d)).some((rs) => rs.spec?.replicas === 5) ? true : undefined));
      await deployments().delete('web');
      await deployments().delete('batch');
      await eventually(async () => ((await client.resource(REPLICA_SETS).namespace(ns).list()).items.length === 0 ? true : undefined));
      await eventually(async () => ((await client.pods(ns).list()).items.length === 0 ? true : undefined));
    });
  });
});

function replicaSet(name: string, replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

function deploymentOf(name: string, replicas: number, image: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } } },
  };
}

function deployment(name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  } as KubeObject;
}

