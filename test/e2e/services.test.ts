// Service cluster IPs and node ports: allocated from the configured ranges, explicit
// requests honoured or refused with upstream's messages, never handed out twice (also
// under 1,000 concurrent creates, and after a restart), released on delete; and the
// `kubernetes` Service that points at the API server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

interface Svc {
  metadata: { name: string };
  spec: { clusterIP?: string; clusterIPs?: string[]; ports: { port: number; nodePort?: number; targetPort?: number | string }[]; ipFamilies?: string[]; ipFamilyPolicy?: string };
}

const services = '/api/v1/namespaces/default/services';
const service = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
});

function inRange(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 && (b as number) >= 96 && (b as number) <= 111;
}

describe('services', () => {
  let cluster: TestCluster;
  let api: RawClient;
  const create = async (name: string, spec?: Record<string, unknown>) => api.request({ method: 'POST', path: services, body: service(name, spec) });

  before(async () => {
    cluster = await startTestCluster();
    api = new RawClient(cluster.plane.kubeconfigPath);
  });
  after(async () => {
    api?.close();
    await cluster?.stop();
  });

  test('the kubernetes Service has the first address and points at the API server', async () => {
    const svc = (await api.request({ path: `${services}/kubernetes` })).json<Svc>();
    assert.equal(svc.spec.clusterIP, '10.96.0.1');
    assert.equal(svc.spec.ports[0]?.port, 443);
    const port = cluster.plane.server.port;
    const endpoints = (await api.request({ path: '/api/v1/namespaces/default/endpoints/kubernetes' })).json<{ subsets: { addresses: { ip: string }[]; ports: { port: number }[] }[] }>();
    assert.deepEqual(endpoints.subsets[0]?.ports.map((p) => p.port), [port]);
    const slice = (await api.request({ path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes' })).json<{ ports: { port: number }[] }>();
    assert.equal(slice.ports[0]?.port, port);
  });

  test('a ClusterIP Service gets a free address of the range, single-stack IPv4, targetPort defaulted', async () => {
    const res = await create('plain');
    assert.equal(res.status, 201, res.body);
    const svc = res.json<Svc>();
    assert.ok(svc.spec.clusterIP && inRange(svc.spec.clusterIP), svc.spec.clusterIP);
    assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
    assert.deepEqual(svc.spec.ipFamilies, ['IPv4']);
    assert.equal(svc.spec.ipFamilyPolicy, 'SingleStack');
    assert.equal(svc.spec.ports[0]?.targetPort, 80);
    const address = await api.request({ path: `/apis/networking.k8s.io/v1/ipaddresses/${svc.spec.clusterIP}` });
    assert.equal(address.status, 200);
  });

  test('explicit addresses: honoured when free, refused when taken or out of range', async () => {
    const ok = await create('explicit', { clusterIP: '10.96.100.100' });
    assert.equal(ok.status, 201, ok.body);
    assert.equal(ok.json<Svc>().spec.clusterIP, '10.96.100.100');
    const taken = await create('taken', { clusterIP: '10.96.100.100' });
    assert.equal(taken.status, 422);
    assert.match(String(taken.json().message), /spec\.clusterIPs\[0\]: Invalid value: "10\.96\.100\.100": failed to allocate IP 10\.96\.100\.100: provided IP is already allocated/);
    const outside = await create('outside', { clusterIP: '192.168.1.1' });
    assert.equal(outside.status, 422);
    assert.match(String(outside.json().message), /the provided IP \(192\.168\.1\.1\) is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12/);
  });

  test('headless Services get no address; deleting a Service releases its address', async () => {
    const headless = await create('headless', { clusterIP: 'None' });
    assert.equal(headless.json<Svc>().spec.clusterIP, 'None');
    const svc = (await create('released', { clusterIP: '10.96.200.1' })).json<Svc>();
    assert.equal(svc.spec.clusterIP, '10.96.200.1');
    await api.request({ method: 'DELETE', path: `${services}/released` });
    assert.equal((await api.request({ path: '/apis/networking.k8s.io/v1/ipaddresses/10.96.200.1' })).status, 404);
    const again = await create('reuses', { clusterIP: '10.96.200.1' });
    assert.equal(again.status, 201, again.body);
  });

  test('NodePort Services get distinct node ports; explicit ones are checked', async () => {
    const a = (await create('np-a', { type: 'NodePort' })).json<Svc>();
    const port = a.spec.ports[0]?.nodePort as number;
    assert.ok(port >= 30000 && port <= 32767, String(port));
    const clash = await create('np-b', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] });
    assert.equal(clash.status, 422);
    assert.match(String(clash.json().message), /spec\.ports\[0\]\.nodePort: Invalid value: \d+: provided port is already allocated/);
    const kept = await api.request({ method: 'PATCH', path: `${services}/np-a`, contentType: 'application/merge-patch+json', body: { metadata: { labels: { x: 'y' } } } });
    assert.equal(kept.json<Svc>().spec.ports[0]?.nodePort, port);
  });

  test('1,000 concurrent creates get 1,000 distinct addresses, kept across a restart', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `many-${i}`);
    const results = await Promise.all(names.map((n) => create(n)));
    for (const r of results) assert.equal(r.status, 201, r.body);
    const ips = results.map((r) => r.json<Svc>().spec.clusterIP as string);
    assert.equal(new Set(ips).size, 1000);
    const { dataDir, server } = cluster.plane;
    const port = server.port;
    api.close();
    await cluster.plane.stop();
    const restarted = await startTestCluster({ dataDir, port });
    try {
      const api2 = new RawClient(restarted.plane.kubeconfigPath);
      const list = (await api2.request({ path: `${services}?limit=2000` })).json<{ items: Svc[] }>();
      const byName = new Map(list.items.map((s) => [s.metadata.name, s.spec.clusterIP]));
      names.forEach((n, i) => assert.equal(byName.get(n), ips[i]));
      const taken = await api2.request({ method: 'POST', path: services, body: service('after-restart', { clusterIP: ips[0] }) });
      assert.equal(taken.status, 422);
      api2.close();
    } finally {
      await restarted.stop();
    }
  });
});
