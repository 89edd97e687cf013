// The endpoints, endpointslice and disruption controllers end to end: a ReplicaSet's pods
// run on simulated nodes (placed by the scheduler), a Service lists them in its Endpoints
// and EndpointSlice, and a PodDisruptionBudget gates pods/eviction and `kubectl drain`.
// One server, one simulator, one set of controllers for the file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/machinery/meta.js';
import { APIError } from '../../src/machinery/errors.js';
import { Client, type Pod } from '../../src/client/index.js';
import { isPodReady } from '../../src/controllers/base/pods.js';
import { DisruptionController } from '../../src/controllers/disruption/disruption-controller.js';
import { PODDISRUPTIONBUDGETS, type PodDisruptionBudget } from '../../src/controllers/disruption/budget.js';
import { ENDPOINTS, EndpointsController, type Endpoints } from '../../src/controllers/endpoints/endpoints-controller.js';
import { ENDPOINT_SLICES, EndpointSliceController, MANAGED_BY, type EndpointSlice } from '../../src/controllers/endpointslice/endpointslice-controller.js';
import { ReplicaSetController } from '../../src/controllers/replicaset/replica-set-controller.js';
import { REPLICA_SETS, type ReplicaSet } from '../../src/controllers/replicaset/types.js';
import { eventuallyNamed, missingProgram, startControllerCluster, type ControllerCluster, type TestCluster } from './harness.js';

const skip = missingProgram('kubectl');
const SERVICES = { group: '', version: 'v1', resource: 'services' };

function replicaSet(name: string, replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] } },
    },
  };
}

function budget(name: string, minAvailable: number | string): PodDisruptionBudget {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable, selector: { matchLabels: { app: name } } } };
}

describe('endpoints, endpointslices and disruption budgets', { skip }, () => {
  let env: ControllerCluster;
  let cluster: TestCluster;
  let client: Client;
  /** No retries: a 429 must reach the test, not be waited out. */
  let evictor: Client;

  const ns = 'default';
  const rsApi = () => client.resource<ReplicaSet>(REPLICA_SETS).namespace(ns);
  const pdbApi = () => client.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS).namespace(ns);
  const podsOf = async (app: string): Promise<Pod[]> => (await client.pods(ns).list({ labelSelector: `app=${app}` })).items;
  const healthy = (pods: Pod[]) => pods.filter((p) => isPodReady(p) && p.metadata?.deletionTimestamp === undefined);
  const readyPods = (app: string, count: number) =>
    eventuallyNamed(`${count} ready ${app} pods`, async () => {
      const pods = await podsOf(app);
      const ready = healthy(pods);
      return ready.length === count && pods.length === count ? ready : undefined;
    });
  const evict = (pod: string) =>
    evictor.rest.request({
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/pods/${pod}/eviction`,
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: ns } },
    });
  const budgetWhere = (name: string, check: (pdb: PodDisruptionBudget) => boolean) =>
    eventuallyNamed(`budget ${name}`, async () => {
      const pdb = await pdbApi().get(name);
      return check(pdb) ? pdb : undefined;
    });

  before(async () => {
    env = await startControllerCluster({
      nodes: { count: 3, namePrefix: 'pdb-' },
      controllers: (ctx) => [new ReplicaSetController(ctx), new EndpointsController(ctx), new EndpointSliceController(ctx), new DisruptionController(ctx)],
    });
    ({ cluster, client } = env);
    evictor = Client.fromKubeconfig(cluster.plane.kubeconfigPath, { maxRetries: 0 });
  });
  after(async () => {
    await evictor?.close();
    await env?.stop();
  });

  test("a Service's Endpoints and EndpointSlice list its ready pods with the named target port resolved", async () => {
    await rsApi().create(replicaSet('web', 3));
    const svc = await client.resource(SERVICES).namespace(ns).create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labels: { tier: 'front' } },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    } as KubeObject);
    const pods = await readyPods('web', 3);
    const ips = pods.map((p) => p.status!.podIP!).sort();
    const ep = await eventuallyNamed('endpoints of web', async () => {
      const e = await client.resource<Endpoints>(ENDPOINTS).namespace(ns).get('web').catch(() => undefined);
      const listed = (e?.subsets?.[0]?.addresses ?? []).map((a) => a.ip);
      return JSON.stringify(listed) === JSON.stringify(ips) ? e : undefined;
    });
    assert.equal(ep.subsets?.length, 1);
    assert.deepEqual(ep.subsets?.[0]?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    assert.equal(ep.subsets?.[0]?.notReadyAddresses, undefined);
    assert.equal(ep.metadata?.labels?.tier, 'front');
    assert.match(ep.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'] ?? '', /^\d{4}-\d\d-\d\dT/);
    const first = ep.subsets![0]!.addresses![0]!;
    const owner = pods.find((p) => p.status?.podIP === first.ip)!;
    assert.equal(first.nodeName, owner.spec?.nodeName);
    assert.deepEqual(first.targetRef, { kind: 'Pod', namespace: ns, name: owner.metadata?.name, uid: owner.metadata?.uid });

    const slice = await eventuallyNamed('endpointslice of web', async () => {
      const list = await client.resource<EndpointSlice>(ENDPOINT_SLICES).namespace(ns).list({ labelSelector: 'kubernetes.io/service-name=web' });
      const s = list.items[0];
      const listed = (s?.endpoints ?? []).filter((e) => e.conditions.ready).map((e) => e.addresses[0]).sort();
      return list.items.length === 1 && JSON.stringify(listed) === JSON.stringify(ips) ? s : undefined;
    });
    assert.equal(slice.addressType, 'IPv4');
    assert.match(slice.metadata?.name ?? '', /^web-[a-z0-9]{5}$/);
    assert.equal(slice.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'], MANAGED_BY);
    assert.equal(slice.metadata?.ownerReferences?.[0]?.uid, svc.metadata?.uid);
    assert.equal(slice.metadata?.ownerReferences?.[0]?.controller, true);
    assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    for (const e of slice.endpoints ?? []) {
      assert.deepEqual(e.conditions, { ready: true, serving: true, terminating: false });
      assert.match(e.zone ?? '', /^zone-[abc]$/);
      assert.ok(e.nodeName?.startsWith('pdb-'));
    }
    // The API server's own Service is left to the API server.
    const kubernetesSlices = await client.resource<EndpointSlice>(ENDPOINT_SLICES).namespace(ns).list({ labelSelector: `kubernetes.io/service-name=kubernetes,endpointslice.kubernetes.io/managed-by=${MANAGED_BY}` });
    assert.deepEqual(kubernetesSlices.items.filter((s) => s.metadata?.generateName === 'kubernetes-'), []);
  });

  test('a deleted pod leaves the Endpoints and the EndpointSlice', async () => {
    const [victim] = await readyPods('web', 3);
    const uid = victim!.metadata!.uid!;
    await client.pods(ns).delete(victim!.metadata!.name!);
    await eventuallyNamed('the deleted pod gone from Endpoints and EndpointSlice', async () => {
      const ep = await client.resource<Endpoints>(ENDPOINTS).namespace(ns).get('web');
      const inEndpoints = (ep.subsets ?? []).some((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].some((a) => a.targetRef?.uid === uid));
      const slices = await client.resource<EndpointSlice>(ENDPOINT_SLICES).namespace(ns).list({ labelSelector: 'kubernetes.io/service-name=web' });
      const inSlices = slices.items.some((s) => (s.endpoints ?? []).some((e) => e.targetRef.uid === uid));
      return !inEndpoints && !inSlices ? true : undefined;
    });
    // The replacement takes its place.
    const pods = await readyPods('web', 3);
    await eventuallyNamed('the replacement in Endpoints', async () => {
      const ep = await client.resource<Endpoints>(ENDPOINTS).namespace(ns).get('web');
      return (ep.subsets?.[0]?.addresses ?? []).length === 3 && pods.every((p) => ep.subsets![0]!.addresses!.some((a) => a.targetRef?.uid === p.metadata?.uid)) ? true : undefined;
    });
  });

  test('a budget of minAvailable 2 over 3 ready pods allows one eviction, then refuses with 429 until the replacement is ready', async () => {
    await pdbApi().create(budget('web', 2));
    const pdb = await budgetWhere('web', (b) => b.status?.disruptionsAllowed === 1 && b.status.currentHealthy === 3);
    assert.equal(pdb.status?.desiredHealthy, 2);
    assert.equal(pdb.status?.expectedPods, 3);
    assert.equal(pdb.status?.observedGeneration, pdb.metadata?.generation);
    const condition = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    assert.equal(condition?.status, 'True');
    assert.equal(condition?.reason, 'SufficientPods');

    const [a, b] = await readyPods('web', 3);
    await evict(a!.metadata!.name!);
    await assert.rejects(evict(b!.metadata!.name!), (error: unknown) => error instanceof APIError && error.code === 429);
    const blocked = await budgetWhere('web', (x) => x.status?.conditions?.some((c) => c.reason === 'InsufficientPods') === true);
    assert.equal(blocked.status?.disruptionsAllowed, 0);

    await readyPods('web', 3);
    await budgetWhere('web', (x) => x.status?.disruptionsAllowed === 1);
    await evict(b!.metadata!.name!);
    await pdbApi().delete('web');
    await rsApi().delete('web');
    for (const pod of await podsOf('web')) await client.pods(ns).delete(pod.metadata!.name!, { gracePeriodSeconds: 0 });
  });

  test('a deleted Service takes its Endpoints and EndpointSlices with it', async () => {
    await client.resource(SERVICES).namespace(ns).delete('web');
    await eventuallyNamed('Endpoints and EndpointSlices of web gone', async () => {
      const endpoints = await client.resource<Endpoints>(ENDPOINTS).namespace(ns).list();
      const slices = await client.resource<EndpointSlice>(ENDPOINT_SLICES).namespace(ns).list({ labelSelector: 'kubernetes.io/service-name=web' });
      return !endpoints.items.some((e) => e.metadata?.name === 'web') && slices.items.length === 0 ? true : undefined;
    });
  });

  test('kubectl drain of a node respects the budget', async () => {
    // Two of three pods on one node: its drain must wait for a replacement between evictions.
    const k = async (...args: string[]) => {
      const result = await cluster.kubectl(args);
      assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    };
    await k('cordon', 'pdb-3');
    await rsApi().create(replicaSet('drain', 3));
    const placed = await readyPods('drain', 3);
    await k('uncordon', 'pdb-3');
    const perNode = new Map<string, number>();
    for (const p of placed) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    const target = [...perNode.entries()].sort((x, y) => y[1] - x[1])[0]![0];
    assert.equal(perNode.get(target), 2);
    await pdbApi().create(budget('drain', 2));
    await budgetWhere('drain', (b) => b.status?.disruptionsAllowed === 1);

    let lowest = Infinity;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        lowest = Math.min(lowest, healthy(await podsOf('drain')).length);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const drained = await cluster.kubectl(['drain', target, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=60s']);
    watching = false;
    await watch;
    assert.equal(drained.code, 0, drained.stderr);
    // The second eviction was refused at least once (kubectl reports it and retries).
    assert.match(drained.stderr + drained.stdout, /disruption budget/);
    assert.ok(lowest >= 2, `only ${lowest} healthy pods during the drain`);
    const after = await readyPods('drain', 3);
    assert.ok(after.every((p) => p.spec?.nodeName !== target));
    assert.equal((await client.nodes().get(target)).spec?.unschedulable, true);
  });
});
