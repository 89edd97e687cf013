import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';
import { defaultEndpointSlice, defaultIngressClass, defaultNetworkPolicy } from './networking.js';

test('NetworkPolicy: policy types from the rules, TCP ports', () => {
  const ingressOnly = defaulted(defaultNetworkPolicy, { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] } });
  assert.deepEqual(ingressOnly.spec, {
    podSelector: {},
    ingress: [{ ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }],
    policyTypes: ['Ingress'],
  });
  const withEgress = defaulted(defaultNetworkPolicy, { spec: { podSelector: {}, egress: [{ ports: [{ port: 443 }] }] } });
  assert.deepEqual(withEgress.spec, { podSelector: {}, egress: [{ ports: [{ port: 443, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
  const given = defaulted(defaultNetworkPolicy, { spec: { podSelector: {}, policyTypes: ['Egress'] } });
  assert.deepEqual((given.spec as JsonObject).policyTypes, ['Egress']);
});

test('IngressClass: parameters are cluster-scoped unless said otherwise', () => {
  const out = defaulted(defaultIngressClass, { spec: { controller: 'example.com/ingress', parameters: { kind: 'Params', name: 'p' } } });
  assert.deepEqual(out.spec, { controller: 'example.com/ingress', parameters: { kind: 'Params', name: 'p', scope: 'Cluster' } });
  assert.deepEqual(defaulted(defaultIngressClass, { spec: { controller: 'c' } }), { spec: { controller: 'c' } });
});

test('EndpointSlice: ports get an empty name and TCP', () => {
  const out = defaulted(defaultEndpointSlice, { addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] });
  assert.deepEqual(out.ports, [{ port: 80, name: '', protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]);
});
