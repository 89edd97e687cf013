// `kubets controller-manager` as a command (in-process, stopped through its signal option):
// leader election on the Lease kube-system/kube-controller-manager, the controllers running
// while it leads, the lease released on stop, and bad flags refused.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../src/client/index.js';
import { controllerManagerCommand } from '../../src/controllers/cli.js';
import { eventually, startTestCluster, type TestCluster } from './harness.js';

describe('kubets controller-manager', () => {
  let cluster: TestCluster;
  let client: Client;

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath);
  });
  after(async () => {
    await client?.close();
    await cluster?.stop();
  });

  test('with --leader-elect it takes the lease, runs the selected controllers, and releases on stop', async () => {
    const stop = new AbortController();
    const exit = controllerManagerCommand(
      ['--kubeconfig', cluster.plane.kubeconfigPath, '--controllers', 'serviceaccount', '--leader-elect', '--leader-elect-retry-period', '1s', '--leader-elect-renew-deadline', '2s', '--leader-elect-lease-duration', '4s'],
      { signal: stop.signal },
    );
    const lease = await eventually(async () => {
      const l = await client.leases('kube-system').get('kube-controller-manager');
      return (l.spec?.holderIdentity ?? '') !== '' ? l : undefined;
    });
    assert.match(lease.spec?.holderIdentity ?? '', /_[0-9a-f-]{36}$/);
    await client.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elected' } });
    await eventually(() => client.resource({ group: '', version: 'v1', resource: 'serviceaccounts' }).namespace('elected').get('default'));
    // Only the selected controller runs: no CA ConfigMap appears.
    await assert.rejects(client.configMaps('elected').get('kube-root-ca.crt'));
    // (A stop during an in-flight renewal can leave the elector with a stale resourceVersion, so
    // that its release conflicts: see the report. A 1 s retry period keeps this test clear of it.)
    stop.abort();
    assert.equal(await exit, 0);
    const released = await client.leases('kube-system').get('kube-controller-manager');
    assert.equal(released.spec?.holderIdentity ?? '', '');
  });

  test('an unknown controller, no --kubeconfig or an unreadable one is refused with exit code 2', async () => {
    assert.equal(await controllerManagerCommand(['--kubeconfig', cluster.plane.kubeconfigPath, '--controllers', '*,-bogus']), 2);
    assert.equal(await controllerManagerCommand([]), 2);
    assert.equal(await controllerManagerCommand(['--kubeconfig', '/nonexistent/kubeconfig']), 2);
  });
});
