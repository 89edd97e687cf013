// The pod subresources that change part of a running pod, through the real kubectl:
// pods/ephemeralcontainers (`kubectl debug`), pods/resize (`kubectl patch --subresource
// resize`), and the rules each enforces.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, silentLogger } from '../../src/client/index.js';
import { makePool } from '../../src/nodes/pool.js';
import { runNodes, type NodeSimulator } from '../../src/nodes/simulator.js';
import { eventuallyNamed, missingProgram, startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

const skip = missingProgram('kubectl');

interface Pod {
  metadata: { labels?: Record<string, string>; generation?: number };
  spec: { containers: Array<{ image: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }>; ephemeralContainers?: Array<{ name: string; image: string; imagePullPolicy?: string; terminationMessagePath?: string }> };
}

describe('pod subresources', { skip }, () => {
  let cluster: TestCluster;
  let raw: RawClient;
  let client: Client;
  let nodes: NodeSimulator;

  before(async () => {
    cluster = await startTestCluster();
    raw = new RawClient(cluster.plane.kubeconfigPath);
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath);
    nodes = await runNodes({ client, logger: silentLogger, pool: makePool({ count: 1, namePrefix: 'resize-' }) });
  });
  after(async () => {
    await nodes?.stop();
    await client?.close();
    raw?.close();
    await cluster?.stop();
  });

  async function createPod(name: string): Promise<void> {
    const manifest = `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: x}}\nspec: {containers: [{name: app, image: nginx}]}\n`;
    const result = await cluster.kubectl(['apply', '-f', '-'], manifest);
    assert.equal(result.code, 0, result.stderr);
  }

  async function getPod(name: string): Promise<Pod> {
    return JSON.parse((await cluster.kubectl(['get', 'pod', name, '-o', 'json'])).stdout) as Pod;
  }

  test('kubectl debug adds an ephemeral container, defaulted', async () => {
    await createPod('dbg-target');
    const result = await cluster.kubectl(['debug', 'pod/dbg-target', '--image=busybox', '--container=dbg']);
    assert.equal(result.code, 0, result.stderr);
    const pod = await getPod('dbg-target');
    assert.deepEqual(pod.spec.ephemeralContainers?.map((c) => [c.name, c.image, c.imagePullPolicy, c.terminationMessagePath]), [
      ['dbg', 'busybox', 'Always', '/dev/termination-log'],
    ]);
    const second = await cluster.kubectl(['debug', 'pod/dbg-target', '--image=busybox:1.36', '--container=dbg2']);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual((await getPod('dbg-target')).spec.ephemeralContainers?.map((c) => c.name), ['dbg', 'dbg2']);
  });

  test('through ephemeralcontainers nothing else changes, and no container may go or change', async () => {
    await createPod('eph-rules');
    const path = '/api/v1/namespaces/default/pods/eph-rules/ephemeralcontainers';
    const merge = (body: unknown) => raw.request({ method: 'PATCH', path, body, contentType: 'application/strategic-merge-patch+json' });
    const added = await merge({
      metadata: { labels: { app: 'changed' } },
      spec: { containers: [{ name: 'app', image: 'nginx:2' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] },
    });
    assert.equal(added.status, 200, added.body);
    const pod = added.json<Pod>();
    assert.equal(pod.metadata.labels?.app, 'x');
    assert.equal(pod.spec.containers[0]?.image, 'nginx');
    assert.equal(pod.spec.ephemeralContainers?.[0]?.name, 'dbg');

    const changed = await merge({ spec: { ephemeralContainers: [{ name: 'dbg', image: 'alpine' }] } });
    assert.equal(changed.status, 422, changed.body);
    assert.match(changed.json<{ message: string }>().message, /^Pod "eph-rules" is invalid: spec\.ephemeralContainers\[dbg\]: Forbidden: existing ephemeral containers "dbg" may not be changed\n/);

    const removed = await raw.request({ method: 'PATCH', path, body: [{ op: 'remove', path: '/spec/ephemeralContainers/0' }], contentType: 'application/json-patch+json' });
    assert.equal(removed.status, 422, removed.body);
    assert.match(removed.json<{ message: string }>().message, /spec\.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be removed/);

    const got = await raw.request({ path });
    assert.equal(got.json<{ kind: string }>().kind, 'Pod');
  });

  test('the main resource cannot add ephemeral containers', async () => {
    await createPod('eph-main');
    const result = await cluster.kubectl(['patch', 'pod', 'eph-main', '-p', '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox"}]}}']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /pod updates may not change fields other than/);
  });

  test('kubectl patch --subresource resize changes container resources, and nothing else', async () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: resizable, labels: {app: x}}',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: nginx',
      '    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}',
      '',
    ].join('\n');
    assert.equal((await cluster.kubectl(['apply', '-f', '-'], manifest)).code, 0);
    const before = await getPod('resizable');
    const patch = '{"metadata":{"labels":{"app":"y"}},"spec":{"containers":[{"name":"app","image":"nginx:2","resources":{"requests":{"cpu":"200m"}}}]}}';
    const result = await cluster.kubectl(['patch', 'pod', 'resizable', '--subresource', 'resize', '-p', patch]);
    assert.equal(result.code, 0, result.stderr);
    const after = await getPod('resizable');
    assert.equal(after.spec.containers[0]?.resources?.requests?.cpu, '200m');
    assert.equal(after.spec.containers[0]?.image, 'nginx');
    assert.equal(after.metadata.labels?.app, 'x');
    assert.equal(after.metadata.generation, (before.metadata.generation ?? 0) + 1);

    const qos = await cluster.kubectl(['patch', 'pod', 'resizable', '--subresource', 'resize', '-p', '{"spec":{"containers":[{"name":"app","resources":{"requests":{"cpu":"500m","memory":"128Mi"}}}]}}']);
    assert.notEqual(qos.code, 0);
    assert.match(qos.stderr, /The Pod "resizable" is invalid: spec: Invalid value: "Burstable": Pod QOS Class may not change as a result of resizing/);
    const storage = await cluster.kubectl(['patch', 'pod', 'resizable', '--subresource', 'resize', '-p', '{"spec":{"containers":[{"name":"app","resources":{"limits":{"ephemeral-storage":"1Gi"}}}]}}']);
    assert.match(storage.stderr, /spec: Forbidden: only cpu and memory resources are mutable/);
    const removal = await cluster.kubectl(['patch', 'pod', 'resizable', '--subresource', 'resize', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/containers/0/resources/limits"}]']);
    assert.match(removal.stderr, /spec\.containers\[0\]\.resources\.limits: Forbidden: resource limits cannot be removed/);
    const main = await cluster.kubectl(['patch', 'pod', 'resizable', '-p', '{"spec":{"containers":[{"name":"app","resources":{"requests":{"cpu":"300m"}}}]}}']);
    assert.match(main.stderr, /pod updates may not change fields other than/);
  });

  test('a pod running on a simulated node is resized in place, and reports it', async () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: running}\nspec:\n  nodeName: resize-1\n  containers:\n  - {name: app, image: nginx, resources: {requests: {cpu: 100m}, limits: {cpu: 500m}}}\n';
    assert.equal((await cluster.kubectl(['apply', '-f', '-'], manifest)).code, 0);
    const cpuReported = (cpu: string) =>
      eventuallyNamed(`running with cpu ${cpu}`, async () => {
        const pod = await client.pods('default').get('running');
        const statuses = (pod.status as { containerStatuses?: Array<{ state?: { running?: unknown }; resources?: { requests?: { cpu?: string } } }> } | undefined)?.containerStatuses;
        const status = statuses?.[0];
        return status?.state?.running !== undefined && status.resources?.requests?.cpu === cpu ? pod : undefined;
      });
    await cpuReported('100m');
    const result = await cluster.kubectl(['patch', 'pod', 'running', '--subresource', 'resize', '-p', '{"spec":{"containers":[{"name":"app","resources":{"requests":{"cpu":"250m"}}}]}}']);
    assert.equal(result.code, 0, result.stderr);
    await cpuReported('250m');
  });
});
