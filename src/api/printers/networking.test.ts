import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers } from './fixtures.testing.js';

const meta = { name: 'x', creationTimestamp: ago('20m') };

test('ingresses: class, hosts, address, ports', () => {
  assert.deepEqual(headers('networking.k8s.io', 'ingresses'), ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
  const ing = {
    metadata: meta,
    spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
    status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } },
  };
  assert.deepEqual(cells('networking.k8s.io', 'ingresses', ing), ['x', 'nginx', 'a.example.com,b.example.com', '192.0.2.10', '80, 443', '20m']);
  assert.deepEqual(cells('networking.k8s.io', 'ingresses', { metadata: meta, spec: { rules: [{}] } }), ['x', '<none>', '*', '', '80', '20m']);
  const many = { metadata: meta, spec: { rules: [{ host: 'a' }, {}, { host: 'b' }, { host: 'c' }, { host: 'd' }, {}] } };
  assert.equal(cells('networking.k8s.io', 'ingresses', many)[2], 'a,b,c + 3 more...');
});

test('ingress classes, network policies, service CIDRs', () => {
  const withParams = (parameters?: object) => cells('networking.k8s.io', 'ingressclasses', { metadata: meta, spec: { controller: 'k8s.io/ingress-nginx', parameters } });
  assert.deepEqual(withParams(), ['x', 'k8s.io/ingress-nginx', '<none>', '20m']);
  assert.equal(withParams({ apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' })[2], 'IngressParameters.k8s.example.com/p');
  assert.equal(withParams({ kind: 'ConfigMap', name: 'p' })[2], 'ConfigMap/p');
  assert.deepEqual(headers('networking.k8s.io', 'networkpolicies'), ['Name', 'Pod-Selector', 'Age']);
  assert.deepEqual(cells('networking.k8s.io', 'networkpolicies', { metadata: meta, spec: { podSelector: {} } }), ['x', '<none>', '20m']);
  assert.equal(cells('networking.k8s.io', 'networkpolicies', { metadata: meta, spec: { podSelector: { matchLabels: { role: 'db' } } } })[1], 'role=db');
  assert.deepEqual(cells('networking.k8s.io', 'servicecidrs', { metadata: meta, spec: { cidrs: ['10.96.0.0/16', 'fd00::/108'] } }), ['x', '10.96.0.0/16,fd00::/108', '20m']);
});

test('IP addresses: two columns and, as upstream, three cells', () => {
  assert.deepEqual(headers('networking.k8s.io', 'ipaddresses'), ['Name', 'ParentRef']);
  const ip = { metadata: { ...meta, name: '10.96.0.1' }, spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 'kubernetes' } } };
  assert.deepEqual(cells('networking.k8s.io', 'ipaddresses', ip), ['10.96.0.1', 'services/default/kubernetes', '20m']);
  const grouped = { metadata: meta, spec: { parentRef: { group: 'Gateway.networking.k8s.io', resource: 'Gateways', name: 'gw' } } };
  assert.equal(cells('networking.k8s.io', 'ipaddresses', grouped)[1], 'gateways.gateway.networking.k8s.io/gw');
  assert.equal(cells('networking.k8s.io', 'ipaddresses', { metadata: meta, spec: {} })[1], '<none>');
});

test('endpoint slices', () => {
  assert.deepEqual(headers('discovery.k8s.io', 'endpointslices'), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  const slice = {
    metadata: meta,
    addressType: 'IPv4',
    ports: [{ port: 53, name: 'dns' }, { name: 'metrics' }, {}, { port: 1 }],
    endpoints: [{ addresses: ['10.1.0.1'] }, { addresses: ['10.1.0.2', '10.1.0.3'] }],
  };
  assert.deepEqual(cells('discovery.k8s.io', 'endpointslices', slice), ['x', 'IPv4', '53,metrics,* + 1 more...', '10.1.0.1,10.1.0.2,10.1.0.3', '20m']);
  assert.deepEqual(cells('discovery.k8s.io', 'endpointslices', { metadata: meta, addressType: 'IPv6' }), ['x', 'IPv6', '<unset>', '<unset>', '20m']);
});
