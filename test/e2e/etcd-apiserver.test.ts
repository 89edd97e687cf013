// The API server on a real etcd instead of the embedded store: kubectl works the same,
// watches are served, and a second API server on the same etcd sees the first one's writes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EtcdCluster, skipWithoutEtcd } from '../../src/storage/etcd/testing/etcd-process.js';
import { missingProgram, startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

const skip = skipWithoutEtcd() || missingProgram('kubectl');

describe('kubets apiserver on etcd', { skip }, () => {
  let etcd: EtcdCluster;
  let first: TestCluster;
  let second: TestCluster;

  before(async () => {
    etcd = await EtcdCluster.start(1);
    first = await startTestCluster({ etcdServers: etcd.endpoints });
    second = await startTestCluster({ etcdServers: etcd.endpoints });
  });
  after(async () => {
    await second?.stop();
    await first?.stop();
    await etcd?.stop();
  });

  test('kubectl creates, lists and deletes through an etcd-backed server', async () => {
    const apply = await first.kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: on-etcd}\ndata: {a: "1"}\n');
    assert.equal(apply.code, 0, apply.stderr);
    const get = await first.kubectl(['get', 'cm', 'on-etcd', '-o', 'jsonpath={.data.a}']);
    assert.equal(get.stdout, '1');
    const ns = await first.kubectl(['get', 'ns', '-o', 'name']);
    assert.match(ns.stdout, /namespace\/kube-system/);
  });

  test('a second API server on the same etcd sees the writes and serves watches of them', async () => {
    const api1 = new RawClient(first.plane.kubeconfigPath);
    const api2 = new RawClient(second.plane.kubeconfigPath);
    try {
      const start = (await api2.request({ path: '/api/v1/namespaces/default/configmaps' })).json<{ metadata: { resourceVersion: string } }>();
      const created = await api1.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'shared' } } });
      assert.equal(created.status, 201, created.body);
      const read = await api2.request({ path: '/api/v1/namespaces/default/configmaps/shared' });
      assert.equal(read.status, 200, read.body);
      const events = await api2.watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${start.metadata.resourceVersion}`, (e) =>
        e.some((x) => x.object.metadata.name === 'shared'),
      );
      assert.ok(events.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'shared'));
    } finally {
      api1.close();
      api2.close();
    }
  });
});
