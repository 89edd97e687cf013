// @kubernetes/client-node against a real kubets: typed CRUD with upstream's errors, and an
// informer that lists, watches, and resumes when the server ends its watch.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from './harness.js';

describe('@kubernetes/client-node against kubets', () => {
  let cluster: TestCluster;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;

  before(async () => {
    // Watches end after 1–2 s, so that the informer test sees the server close them.
    cluster = await startTestCluster({ minRequestTimeoutSeconds: 1 });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.plane.kubeconfigPath);
    core = kc.makeApiClient(k8s.CoreV1Api);
    apps = kc.makeApiClient(k8s.AppsV1Api);
  });
  after(async () => {
    await cluster?.stop();
  });

  test('typed create, read, list, replace, patch and delete', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'typed', labels: { app: 'x' } }, data: { a: '1' } },
    });
    assert.equal(created.metadata?.name, 'typed');
    assert.ok(created.metadata?.uid);
    assert.ok(created.metadata?.creationTimestamp instanceof Date);

    const read = await core.readNamespacedConfigMap({ name: 'typed', namespace: 'default' });
    assert.deepEqual(read.data, { a: '1' });

    const list = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'app=x' });
    assert.deepEqual(list.items.map((i) => i.metadata?.name), ['typed']);

    read.data = { a: '2' };
    const replaced = await core.replaceNamespacedConfigMap({ name: 'typed', namespace: 'default', body: read });
    assert.equal(replaced.data?.a, '2');
    assert.notEqual(replaced.metadata?.resourceVersion, read.metadata?.resourceVersion);

    const patched = await core.patchNamespacedConfigMap(
      { name: 'typed', namespace: 'default', body: { data: { b: '3' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.deepEqual(patched.data, { a: '2', b: '3' });

    await core.deleteNamespacedConfigMap({ name: 'typed', namespace: 'default' });
    await assert.rejects(
      core.readNamespacedConfigMap({ name: 'typed', namespace: 'default' }),
      (error: unknown) => error instanceof k8s.ApiException && error.code === 404,
    );
  });

  test('a stale update is refused with 409', async () => {
    const dep = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'stale' },
        spec: {
          selector: { matchLabels: { app: 'stale' } },
          template: { metadata: { labels: { app: 'stale' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        },
      },
    });
    const fresh = await apps.readNamespacedDeployment({ name: 'stale', namespace: 'default' });
    fresh.spec!.replicas = 5;
    await apps.replaceNamespacedDeployment({ name: 'stale', namespace: 'default', body: fresh });
    dep.spec!.replicas = 7;
    await assert.rejects(
      apps.replaceNamespacedDeployment({ name: 'stale', namespace: 'default', body: dep }),
      (error: unknown) => error instanceof k8s.ApiException && error.code === 409,
    );
  });

  test('an informer lists, watches, and keeps going when the server ends its watch', async () => {
    await core.createNamespace({ body: { metadata: { name: 'informed' } } });
    await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: 'before' } } });
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/informed/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'informed' }),
    );
    const seen = new Map<string, string>();
    const waiters: (() => void)[] = [];
    const record = (obj: k8s.V1ConfigMap) => {
      seen.set(obj.metadata!.name!, obj.data?.v ?? '');
      for (const w of waiters.splice(0)) w();
    };
    informer.on('add', record);
    informer.on('update', record);
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`informer did not catch up: ${JSON.stringify([...seen])}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    };
    await informer.start();
    try {
      await until(() => seen.has('before'));
      // Writes spread over several server-side watch lifetimes (1–2 s each).
      for (let i = 0; i < 6; i++) {
        await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: `cm-${i}` }, data: { v: String(i) } } });
        await new Promise((r) => setTimeout(r, 700));
      }
      await until(() => Array.from({ length: 6 }, (_, i) => seen.get(`cm-${i}`) === String(i)).every(Boolean));
    } finally {
      await informer.stop();
    }
  });
});
