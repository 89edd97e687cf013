// The ReplicationController controller end to end: a real in-process kubets, simulated
// nodes and the scheduler running the pods, the controller built on its own informers, and
// the real kubectl scaling it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/machinery/meta.js';
import type { Client, Pod } from '../../src/client/index.js';
import { ReplicationControllerController } from '../../src/controllers/replicationcontroller/replication-controller-controller.js';
import { REPLICATION_CONTROLLERS, type ReplicationController } from '../../src/controllers/replicationcontroller/types.js';
import { eventuallyNamed, missingProgram, startControllerCluster, type ControllerCluster, type TestCluster } from './harness.js';

const NS = 'default';
const EVENTS = { group: '', version: 'v1', resource: 'events' };

/** An RC with no selector: the API server defaults it from the template labels. */
function replicationController(name: string, replicas: number): ReplicationController {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name, namespace: NS },
    spec: { replicas, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'web:1' }] } } },
  };
}

describe('replicationcontroller controller end to end', { skip: missingProgram('kubectl') }, () => {
  let env: ControllerCluster;
  let cluster: TestCluster;
  let client: Client;

  const rcs = () => client.resource<ReplicationController>(REPLICATION_CONTROLLERS).namespace(NS);
  const livePods = async (app: string) => (await client.pods(NS).list({ labelSelector: `app=${app}` })).items.filter((p) => p.metadata?.deletionTimestamp === undefined);
  const allRunning = (pods: Pod[], n: number) => pods.length === n && pods.every((p) => p.status?.phase === 'Running');

  before(async () => {
    env = await startControllerCluster({ nodes: { count: 2, namePrefix: 'rc-node-' }, controllers: (ctx) => [new ReplicationControllerController(ctx)] });
    ({ cluster, client } = env);
  });
  after(() => env?.stop());

  test('an RC of 3 runs 3 owned pods and counts them; kubectl scale to 1 removes 2', async () => {
    const created = await rcs().create(replicationController('web', 3));
    assert.deepEqual(created.spec?.selector, { app: 'web' });
    const pods = await eventuallyNamed('3 running pods', async () => {
      const p = await livePods('web');
      return allRunning(p, 3) ? p : undefined;
    });
    for (const pod of pods) {
      const ref = pod.metadata?.ownerReferences?.[0];
      assert.deepEqual(
        { apiVersion: ref?.apiVersion, kind: ref?.kind, name: ref?.name, uid: ref?.uid, controller: ref?.controller },
        { apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: created.metadata?.uid, controller: true },
      );
      assert.match(pod.metadata?.name ?? '', /^web-/);
    }
    const full = await eventuallyNamed('status 3 available', async () => {
      const rc = await rcs().get('web');
      return rc.status?.availableReplicas === 3 ? rc : undefined;
    });
    assert.deepEqual(full.status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: full.metadata?.generation });

    const scale = await cluster.kubectl(['-n', NS, 'scale', 'rc', 'web', '--replicas=1']);
    assert.equal(scale.code, 0, scale.stderr);
    const left = await eventuallyNamed('1 live pod', async () => {
      const p = await livePods('web');
      return p.length === 1 ? p : undefined;
    });
    assert.ok(pods.some((p) => p.metadata?.uid === left[0]?.metadata?.uid), 'the survivor is one of the original pods');
    const one = await eventuallyNamed('status 1 replica', async () => {
      const rc = await rcs().get('web');
      return rc.status?.replicas === 1 && rc.status.observedGeneration === rc.metadata?.generation ? rc : undefined;
    });
    assert.deepEqual(one.status, { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: one.metadata?.generation });
    // The deleted pods leave the node after their grace period; none is replaced.
    await eventuallyNamed('2 pods gone', async () => ((await client.pods(NS).list({ labelSelector: 'app=web' })).items.length === 1 ? true : undefined));

    const events = await eventuallyNamed('events', async () => {
      const list = await client.resource<KubeObject & { reason?: string; involvedObject?: { kind?: string; name?: string } }>(EVENTS).namespace(NS).list();
      const mine = list.items.filter((e) => e.involvedObject?.kind === 'ReplicationController' && e.involvedObject.name === 'web');
      const reasons = new Set(mine.map((e) => e.reason));
      return reasons.has('SuccessfulCreate') && reasons.has('SuccessfulDelete') ? mine : undefined;
    });
    assert.ok(events.length >= 2);
  });

  test('adopts a matching orphan instead of creating a pod, and releases a pod whose labels stop matching', async () => {
    await client.pods(NS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', namespace: NS, labels: { app: 'adopt' } }, spec: { containers: [{ name: 'c', image: 'web:1' }] } });
    const rc = await rcs().create(replicationController('adopt', 1));
    const adopted = await eventuallyNamed('adoption', async () => {
      const pod = await client.pods(NS).get('orphan');
      return pod.metadata?.ownerReferences?.[0]?.uid === rc.metadata?.uid ? pod : undefined;
    });
    assert.equal(adopted.metadata?.ownerReferences?.[0]?.kind, 'ReplicationController');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await livePods('adopt')).length, 1, 'no second pod was created');

    // Relabel: the RC lets it go and makes a replacement.
    const relabel = await cluster.kubectl(['-n', NS, 'label', 'pod', 'orphan', 'app=elsewhere', '--overwrite']);
    assert.equal(relabel.code, 0, relabel.stderr);
    await eventuallyNamed('release', async () => ((await client.pods(NS).get('orphan')).metadata?.ownerReferences ?? []).length === 0 || undefined);
    await eventuallyNamed('replacement', async () => {
      const p = await livePods('adopt');
      return p.length === 1 && p[0]?.metadata?.name !== 'orphan' ? true : undefined;
    });
  });

  test('minReadySeconds: a ready pod counts as available only after it, with no event to wake the controller', async () => {
    const base = replicationController('slow', 1);
    await rcs().create({ ...base, spec: { ...base.spec, minReadySeconds: 2 } });
    const ready = await eventuallyNamed('1 ready, 0 available', async () => {
      const rc = await rcs().get('slow');
      return rc.status?.readyReplicas === 1 ? rc : undefined;
    });
    assert.equal(ready.status?.availableReplicas, undefined, 'not yet available');
    const readyAt = Date.now();
    await eventuallyNamed('1 available', async () => ((await rcs().get('slow')).status?.availableReplicas === 1 ? true : undefined), 10_000);
    assert.ok(Date.now() - readyAt >= 1000, 'available only after minReadySeconds');
  });
});
