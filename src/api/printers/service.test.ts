import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers, narrow } from './fixtures.testing.js';
import type { PrintableObject } from './table.js';

function svc(spec: object, status: object = {}): PrintableObject {
  return { metadata: { name: 's', creationTimestamp: ago('2h') }, spec, status };
}

test('service columns', () => {
  assert.deepEqual(headers('', 'services'), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']);
});

test('ClusterIP and NodePort services', () => {
  const clusterIP = svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { app: 'dns' }, ports: [
    { port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' },
  ] });
  assert.deepEqual(cells('', 'services', clusterIP), ['s', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', '120m', 'app=dns']);
  const nodePort = svc({ type: 'NodePort', clusterIPs: ['10.96.3.3'], externalIPs: ['1.2.3.4'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] });
  assert.deepEqual(narrow('', 'services', nodePort), ['s', 'NodePort', '10.96.3.3', '1.2.3.4', '80:30080/TCP', '120m']);
});

test('LoadBalancer: <pending>, then the ingress addresses sorted, then external IPs after them', () => {
  const spec = { type: 'LoadBalancer', clusterIP: '10.96.1.1', ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] };
  assert.equal(cells('', 'services', svc(spec))[3], '<pending>');
  const status = { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example.com' }, { ip: '1.1.1.1' }, { ip: '5.6.7.8' }] } };
  assert.equal(cells('', 'services', svc(spec, status))[3], '1.1.1.1,5.6.7.8,lb.example.com');
  assert.equal(cells('', 'services', svc({ ...spec, externalIPs: ['9.9.9.9'] }, status))[3], '1.1.1.1,5.6.7.8,lb.example.com,9.9.9.9');
  assert.equal(cells('', 'services', svc({ ...spec, externalIPs: ['9.9.9.9'] }))[3], '9.9.9.9');
});

test('ExternalName, headless and port-less services', () => {
  const ext = svc({ type: 'ExternalName', externalName: 'db.example.com' });
  assert.deepEqual(cells('', 'services', ext), ['s', 'ExternalName', '<none>', 'db.example.com', '<none>', '120m', '<none>']);
  const headless = svc({ type: 'ClusterIP', clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] });
  assert.equal(cells('', 'services', headless)[2], 'None');
  assert.equal(cells('', 'services', svc({}))[3], '<unknown>');
});

test('endpoints: up to three ip:port pairs and how many more', () => {
  const ep = (subsets?: object[]) => ({ metadata: { name: 'e', creationTimestamp: ago('1d') }, subsets });
  assert.deepEqual(cells('', 'endpoints', ep()), ['e', '<none>', '24h']);
  const two = ep([{ addresses: [{ ip: '10.1.0.20' }, { ip: '10.1.0.21' }], ports: [{ port: 53 }, { port: 9153 }] }]);
  assert.equal(cells('', 'endpoints', two)[1], '10.1.0.20:53,10.1.0.21:53,10.1.0.20:9153 + 1 more...');
  const v6 = ep([{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }, { addresses: [{ ip: '10.0.0.1' }] }]);
  assert.equal(cells('', 'endpoints', v6)[1], '[fd00::5]:80,10.0.0.1');
  assert.equal(cells('', 'endpoints', ep([{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]))[1], '');
});
