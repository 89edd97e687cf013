// What the server itself does for pods and namespaces: status on create, binding once,
// graceful deletion of bound pods, eviction under PodDisruptionBudgets, field selectors,
// and namespace termination through namespaces/finalize.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

interface Pod {
  metadata: { name: string; deletionTimestamp?: string; deletionGracePeriodSeconds?: number; generation?: number };
  spec: { nodeName?: string };
  status: { phase?: string; qosClass?: string; conditions?: { type: string; status: string }[] };
}

describe('pods and namespaces', () => {
  let cluster: TestCluster;
  let api: RawClient;
  const pods = '/api/v1/namespaces/default/pods';
  const pod = (name: string, labels: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
    status: { phase: 'Running' },
  });
  const create = async (name: string, labels?: Record<string, string>) => {
    const res = await api.request({ method: 'POST', path: pods, body: pod(name, labels) });
    assert.equal(res.status, 201, res.body);
    return res.json<Pod>();
  };
  const bind = (name: string, node: string) =>
    api.request({ method: 'POST', path: `${pods}/${name}/binding`, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } } });
  const setPhase = (name: string, phase: string) =>
    api.request({ method: 'PATCH', path: `${pods}/${name}/status`, contentType: 'application/merge-patch+json', body: { status: { phase } } });

  before(async () => {
    cluster = await startTestCluster();
    api = new RawClient(cluster.plane.kubeconfigPath);
  });
  after(async () => {
    api?.close();
    await cluster?.stop();
  });

  test('a new pod is Pending with its QoS class, whatever status it was sent with', async () => {
    const created = await create('fresh');
    assert.equal(created.status.phase, 'Pending');
    assert.equal(created.status.qosClass, 'Burstable');
  });

  test('binding assigns the node once and marks the pod scheduled', async () => {
    await create('bound');
    const first = await bind('bound', 'node-a');
    assert.equal(first.status, 201, first.body);
    const read = (await api.request({ path: `${pods}/bound` })).json<Pod>();
    assert.equal(read.spec.nodeName, 'node-a');
    assert.deepEqual(read.status.conditions?.map((c) => [c.type, c.status]), [['PodScheduled', 'True']]);
    const second = await bind('bound', 'node-b');
    assert.equal(second.status, 409);
    assert.match(String(second.json().message), /pod bound is already assigned to node "node-a"/);
    const viaCollection = await create('bound2');
    assert.ok(viaCollection);
    const res = await api.request({ method: 'POST', path: '/api/v1/namespaces/default/bindings', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound2' }, target: { name: 'node-c' } } });
    assert.equal(res.status, 201, res.body);
    assert.equal((await api.request({ path: `${pods}/bound2` })).json<Pod>().spec.nodeName, 'node-c');
  });

  test('an unbound pod is deleted at once; a bound one stays, marked, until deleted with grace 0', async () => {
    await create('unbound');
    assert.equal((await api.request({ method: 'DELETE', path: `${pods}/unbound` })).status, 200);
    assert.equal((await api.request({ path: `${pods}/unbound` })).status, 404);

    await create('graceful');
    await bind('graceful', 'node-a');
    await setPhase('graceful', 'Running');
    const deleted = await api.request({ method: 'DELETE', path: `${pods}/graceful` });
    assert.equal(deleted.status, 200);
    const marked = (await api.request({ path: `${pods}/graceful` })).json<Pod>();
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 30);
    const inThirty = Date.parse(marked.metadata.deletionTimestamp ?? '') - Date.now();
    assert.ok(inThirty > 25_000 && inThirty <= 31_000, `deletionTimestamp ${marked.metadata.deletionTimestamp} is the end of the grace period`);
    const shorter = await api.request({ method: 'DELETE', path: `${pods}/graceful`, body: { gracePeriodSeconds: 5 } });
    assert.equal(shorter.status, 200);
    assert.equal((await api.request({ path: `${pods}/graceful` })).json<Pod>().metadata.deletionGracePeriodSeconds, 5);
    assert.equal((await api.request({ method: 'DELETE', path: `${pods}/graceful`, body: { gracePeriodSeconds: 0 } })).status, 200);
    assert.equal((await api.request({ path: `${pods}/graceful` })).status, 404);
  });

  test('a finished pod is deleted at once even when bound', async () => {
    await create('done');
    await bind('done', 'node-a');
    await setPhase('done', 'Succeeded');
    await api.request({ method: 'DELETE', path: `${pods}/done` });
    assert.equal((await api.request({ path: `${pods}/done` })).status, 404);
  });

  test('pods can be selected by node and phase', async () => {
    await create('sel-1');
    await bind('sel-1', 'node-sel');
    const onNode = (await api.request({ path: `${pods}?fieldSelector=spec.nodeName%3Dnode-sel` })).json<{ items: Pod[] }>();
    assert.deepEqual(onNode.items.map((p) => p.metadata.name), ['sel-1']);
    const bad = await api.request({ path: `${pods}?fieldSelector=spec.colour%3Dred` });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().message, 'field label not supported: spec.colour');
  });

  test('eviction deletes a pod unless its PodDisruptionBudget allows no disruption', async () => {
    await create('evict-free');
    await bind('evict-free', 'node-a');
    await setPhase('evict-free', 'Running');
    const free = await api.request({ method: 'POST', path: `${pods}/evict-free/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evict-free' } } });
    assert.equal(free.status, 201, free.body);

    const pdb = await api.request({
      method: 'POST',
      path: '/apis/policy/v1/namespaces/default/poddisruptionbudgets',
      body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'guard' }, spec: { minAvailable: 1, selector: { matchLabels: { guarded: 'yes' } } } },
    });
    assert.equal(pdb.status, 201, pdb.body);
    await create('guarded', { guarded: 'yes' });
    await bind('guarded', 'node-a');
    await setPhase('guarded', 'Running');
    const refused = await api.request({ method: 'POST', path: `${pods}/guarded/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded' } } });
    assert.equal(refused.status, 429, refused.body);
    assert.equal(refused.json().message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.equal((await api.request({ path: `${pods}/guarded` })).status, 200);
  });

  test('a deleted namespace is Terminating, refuses new content, and goes when finalized', async () => {
    await api.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'doomed' } } });
    const del = await api.request({ method: 'DELETE', path: '/api/v1/namespaces/doomed' });
    assert.equal(del.status, 200);
    const ns = (await api.request({ path: '/api/v1/namespaces/doomed' })).json<{ status: { phase: string }; spec: { finalizers: string[] }; metadata: Record<string, unknown> }>();
    assert.equal(ns.status.phase, 'Terminating');
    assert.ok(ns.metadata.deletionTimestamp);
    const refused = await api.request({ method: 'POST', path: '/api/v1/namespaces/doomed/configmaps', body: { metadata: { name: 'late' } } });
    assert.equal(refused.status, 403);
    assert.equal(refused.json().message, 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');
    const finalize = await api.request({ method: 'PUT', path: '/api/v1/namespaces/doomed/finalize', body: { ...ns, spec: { finalizers: [] } } });
    assert.equal(finalize.status, 200, finalize.body);
    assert.equal((await api.request({ path: '/api/v1/namespaces/doomed' })).status, 404);
  });
});
