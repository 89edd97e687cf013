// The StatefulSet controller end to end: a real in-process kubets, simulated nodes, the
// scheduler, the controller built directly on its own informers (as the manager would),
// the garbage collector for retention and the persistentvolume binder (the scheduler waits
// for each pod's claims to be bound). Everything is observed through the API.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConflict } from '../../src/machinery/errors.js';
import { deletedObject, type Client, type InformerFactory, type Pod } from '../../src/client/index.js';
import { GarbageCollector } from '../../src/controllers/garbagecollector/garbage-collector.js';
import { CONTROLLER_REVISIONS, type ControllerRevision } from '../../src/controllers/base/controller-history.js';
import { isPodReady } from '../../src/controllers/base/pods.js';
import { StatefulSetController } from '../../src/controllers/statefulset/statefulset-controller.js';
import { PersistentVolumeBinderController } from '../../src/controllers/persistentvolume/persistent-volume-binder-controller.js';
import { PVCS, STATEFUL_SETS, type PersistentVolumeClaim, type StatefulSet } from '../../src/controllers/statefulset/types.js';
import { eventuallyNamed, missingProgram, startControllerCluster, type ControllerCluster, type TestCluster } from './harness.js';

const NS = 'default';

function statefulSet(name: string, spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: NS },
    spec: {
      replicas: 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
      ...spec,
    },
  };
}

describe('statefulset controller end to end', () => {
  let env: ControllerCluster;
  let cluster: TestCluster;
  let client: Client;
  let informers: InformerFactory;
  /** Pod names in the order the test saw them appear, and web-(n-1)'s readiness when web-n did. */
  const appeared: { name: string; previousReady: boolean | undefined }[] = [];

  const sets = () => client.resource<StatefulSet>(STATEFUL_SETS).namespace(NS);
  const podsOf = async (app: string) => (await client.pods(NS).list({ labelSelector: `app=${app}` })).items;
  const livePodNames = async (app: string) =>
    (await podsOf(app))
      .filter((p) => p.metadata?.deletionTimestamp === undefined)
      .map((p) => p.metadata?.name ?? '')
      .sort();
  const modify = async (name: string, change: (set: StatefulSet) => void) => {
    for (;;) {
      const set = await sets().get(name);
      change(set);
      try {
        return await sets().update(set);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  };

  before(async () => {
    env = await startControllerCluster({
      nodes: { count: 2, namePrefix: 'sts-node-' },
      controllers: (ctx) => {
        const podWatch = ctx.informers.pods();
        podWatch.addEventHandler({
          onAdd: (pod: Pod) => {
            const name = pod.metadata?.name ?? '';
            const match = /^(.*)-(\d+)$/.exec(name);
            const previous = match === null || match[2] === '0' ? undefined : podWatch.lister.namespace(NS).get(`${match[1]}-${Number(match[2]) - 1}`);
            appeared.push({ name, previousReady: previous === undefined ? undefined : isPodReady(previous) });
          },
        });
        return [new StatefulSetController(ctx), new GarbageCollector(ctx), new PersistentVolumeBinderController(ctx)];
      },
    });
    ({ cluster, client, informers } = env);
  });
  after(() => env?.stop());

  test('three replicas come up in order, each with its claim, identity and status', async () => {
    await sets().create(
      statefulSet('web', {
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      }),
    );
    await eventuallyNamed('3 ready replicas', async () => {
      const set = await sets().get('web');
      return set.status?.readyReplicas === 3 ? set : undefined;
    });
    const order = appeared.filter((a) => /^web-\d$/.test(a.name));
    assert.deepEqual(order.map((a) => a.name), ['web-0', 'web-1', 'web-2']);
    // Each pod appeared only once its predecessor was Ready (OrderedReady).
    assert.deepEqual(order.slice(1).map((a) => a.previousReady), [true, true]);

    const pod = await client.pods(NS).get('web-1');
    assert.equal(pod.spec?.hostname, 'web-1');
    assert.equal(pod.spec?.subdomain, 'web');
    assert.equal(pod.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], 'web-1');
    assert.equal(pod.metadata?.labels?.['apps.kubernetes.io/pod-index'], '1');
    assert.deepEqual(pod.spec?.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }]);
    assert.ok(pod.spec?.nodeName?.startsWith('sts-node-'), 'scheduled on a simulated node (no volume binding in the scheduler yet)');

    const claims = (await client.resource<PersistentVolumeClaim>(PVCS).namespace(NS).list()).items.map((c) => c.metadata?.name).sort();
    assert.deepEqual(claims, ['data-web-0', 'data-web-1', 'data-web-2']);

    const set = await sets().get('web');
    const revisions = (await client.resource<ControllerRevision>(CONTROLLER_REVISIONS).namespace(NS).list()).items.filter((r) => r.metadata?.name?.startsWith('web-'));
    assert.equal(revisions.length, 1);
    assert.equal(set.status?.currentRevision, revisions[0]!.metadata?.name);
    assert.equal(set.status?.updateRevision, revisions[0]!.metadata?.name);
    assert.equal(pod.metadata?.labels?.['controller-revision-hash'], revisions[0]!.metadata?.name);
    assert.equal(set.status?.replicas, 3);
    assert.equal(set.status?.currentReplicas, 3);
    assert.equal(set.status?.updatedReplicas, 3);
    assert.equal(set.status?.availableReplicas, 3);
    assert.equal(set.status?.observedGeneration, set.metadata?.generation);
  });

  test('a rolling update replaces pods from the highest ordinal down', async () => {
    const before = await sets().get('web');
    const deletions: string[] = [];
    const seen = new Set<string>();
    const watchDeletes = informers.pods().addEventHandler({
      onUpdate: (_old, pod) => {
        const name = pod.metadata?.name ?? '';
        if (pod.metadata?.deletionTimestamp !== undefined && name.startsWith('web-') && !seen.has(pod.metadata.uid ?? '')) {
          seen.add(pod.metadata.uid ?? '');
          deletions.push(name);
        }
      },
    });
    await modify('web', (set) => {
      set.spec!.template!.spec!.containers[0]!.image = 'nginx:2';
    });
    const done = await eventuallyNamed('the update to complete', async () => {
      const set = await sets().get('web');
      const s = set.status;
      return s?.updatedReplicas === 3 && s.readyReplicas === 3 && s.currentRevision === s.updateRevision && s.updateRevision !== before.status?.updateRevision ? set : undefined;
    });
    watchDeletes.remove();
    assert.deepEqual(deletions, ['web-2', 'web-1', 'web-0']);
    for (const pod of await podsOf('web')) {
      assert.equal(pod.spec?.containers[0]?.image, 'nginx:2');
      assert.equal(pod.metadata?.labels?.['controller-revision-hash'], done.status?.updateRevision);
    }
  });

  test('a partition keeps the pods below it at the current revision', async () => {
    await modify('web', (set) => {
      set.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
      set.spec!.template!.spec!.containers[0]!.image = 'nginx:3';
    });
    await eventuallyNamed('web-2 updated', async () => {
      const pod = (await podsOf('web')).find((p) => p.metadata?.name === 'web-2');
      return pod?.spec?.containers[0]?.image === 'nginx:3' && isPodReady(pod) ? pod : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const images = Object.fromEntries((await podsOf('web')).map((p) => [p.metadata?.name, p.spec?.containers[0]?.image]));
    assert.deepEqual(images, { 'web-0': 'nginx:2', 'web-1': 'nginx:2', 'web-2': 'nginx:3' });
    const set = await sets().get('web');
    assert.equal(set.status?.updatedReplicas, 1);
    assert.equal(set.status?.currentReplicas, 2);
    assert.notEqual(set.status?.currentRevision, set.status?.updateRevision);
  });

  test('scaling down removes the highest ordinal first and keeps claims by default', async () => {
    const deleted: string[] = [];
    const watch = informers.pods().addEventHandler({ onDelete: (obj) => deleted.push(deletedObject(obj).metadata?.name ?? '') });
    await modify('web', (set) => {
      set.spec!.replicas = 1;
    });
    await eventuallyNamed('one pod left', async () => ((await podsOf('web')).length === 1 ? true : undefined));
    watch.remove();
    assert.deepEqual(deleted.filter((n) => n.startsWith('web-')), ['web-2', 'web-1']);
    assert.deepEqual(await livePodNames('web'), ['web-0']);
    const claims = (await client.resource<PersistentVolumeClaim>(PVCS).namespace(NS).list()).items.map((c) => c.metadata?.name).sort();
    assert.deepEqual(claims, ['data-web-0', 'data-web-1', 'data-web-2']);
  });

  test('Parallel creates every pod at once; whenScaled=Delete removes the claims of scaled-down pods', async () => {
    await sets().create(
      statefulSet('par', {
        replicas: 3,
        podManagementPolicy: 'Parallel',
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
        volumeClaimTemplates: [{ metadata: { name: 'vol' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      }),
    );
    // All three exist before any is Ready: Parallel does not wait.
    await eventuallyNamed('three par pods', async () => ((await podsOf('par')).length === 3 ? true : undefined));
    // OrderedReady would have shown every successor only after its predecessor was Ready.
    const successors = appeared.filter((a) => /^par-[12]$/.test(a.name));
    assert.ok(successors.some((a) => a.previousReady !== true), JSON.stringify(successors));
    await eventuallyNamed('par ready', async () => ((await sets().get('par')).status?.readyReplicas === 3 ? true : undefined));
    await modify('par', (set) => {
      set.spec!.replicas = 1;
    });
    const claims = await eventuallyNamed('claims of par-1 and par-2 gone', async () => {
      const names = (await client.resource<PersistentVolumeClaim>(PVCS).namespace(NS).list()).items.map((c) => c.metadata?.name ?? '').filter((n) => n.startsWith('vol-par-'));
      return names.length === 1 ? names : undefined;
    });
    assert.deepEqual(claims, ['vol-par-0']);
  });

  test('OnDelete leaves running pods alone until they are deleted', async () => {
    await sets().create(statefulSet('ond', { replicas: 2, updateStrategy: { type: 'OnDelete' } }));
    await eventuallyNamed('ond ready', async () => ((await sets().get('ond')).status?.readyReplicas === 2 ? true : undefined));
    await modify('ond', (set) => {
      set.spec!.template!.spec!.containers[0]!.image = 'nginx:9';
    });
    await eventuallyNamed('new update revision', async () => {
      const s = (await sets().get('ond')).status;
      return s?.updateRevision !== s?.currentRevision ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.deepEqual((await podsOf('ond')).map((p) => p.spec?.containers[0]?.image), ['nginx:1', 'nginx:1']);
    await client.pods(NS).delete('ond-1');
    await eventuallyNamed('ond-1 recreated at the new revision', async () => {
      const pod = (await podsOf('ond')).find((p) => p.metadata?.name === 'ond-1' && p.metadata.deletionTimestamp === undefined);
      return pod?.spec?.containers[0]?.image === 'nginx:9' ? pod : undefined;
    });
    const web0 = (await podsOf('ond')).find((p) => p.metadata?.name === 'ond-0');
    assert.equal(web0?.spec?.containers[0]?.image, 'nginx:1');
  });

  test('whenDeleted=Delete: deleting the set removes its claims', async () => {
    await sets().create(
      statefulSet('gone', {
        replicas: 2,
        podManagementPolicy: 'Parallel',
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
        volumeClaimTemplates: [{ metadata: { name: 'd' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      }),
    );
    const claimNames = async () => (await client.resource<PersistentVolumeClaim>(PVCS).namespace(NS).list()).items.map((c) => c.metadata?.name ?? '').filter((n) => n.startsWith('d-gone-')).sort();
    await eventuallyNamed('two claims', async () => ((await claimNames()).length === 2 ? true : undefined));
    await sets().delete('gone');
    await eventuallyNamed('claims gone', async () => ((await claimNames()).length === 0 ? true : undefined));
  });

  test('kubectl rollout status follows a StatefulSet update', { skip: missingProgram('kubectl') }, async () => {
    await modify('ond', (set) => {
      set.spec!.updateStrategy = { type: 'RollingUpdate' };
      set.spec!.template!.spec!.containers[0]!.image = 'nginx:10';
    });
    const result = await cluster.kubectl(['rollout', 'status', 'statefulset/ond', '-n', NS, '--timeout=30s']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /partitioned roll out complete|rolling update complete/);
  });
});
