// The one-kind groups: certificates, coordination, policy, scheduling, node.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers } from './fixtures.testing.js';

const meta = { name: 'x', creationTimestamp: ago('90s') };

test('certificate signing requests: age second, condition summary', () => {
  const group = 'certificates.k8s.io';
  assert.deepEqual(headers(group, 'certificatesigningrequests'), ['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  const csr = (status: object, spec: object = {}) => cells(group, 'certificatesigningrequests', {
    metadata: meta, spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'alice', ...spec }, status,
  });
  assert.deepEqual(csr({}), ['x', '90s', 'kubernetes.io/kube-apiserver-client', 'alice', '<none>', 'Pending']);
  assert.equal(csr({ conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' })[5], 'Approved,Issued');
  assert.equal(csr({ conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }] })[5], 'Denied,Failed');
  assert.equal(csr({}, { expirationSeconds: 86400 })[4], '24h');
  assert.equal(csr({}, { expirationSeconds: 600 })[4], '10m');
  assert.equal(cells(group, 'certificatesigningrequests', { metadata: meta })[2], '<none>');
});

test('leases, pod disruption budgets, priority classes, runtime classes', () => {
  assert.deepEqual(cells('coordination.k8s.io', 'leases', { metadata: meta, spec: { holderIdentity: 'kcm-1_abc' } }), ['x', 'kcm-1_abc', '90s']);
  assert.deepEqual(cells('coordination.k8s.io', 'leases', { metadata: meta, spec: {} }), ['x', '', '90s']);

  assert.deepEqual(headers('policy', 'poddisruptionbudgets'), ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
  assert.deepEqual(cells('policy', 'poddisruptionbudgets', { metadata: meta, spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } }), ['x', '50%', 'N/A', 1, '90s']);
  assert.deepEqual(cells('policy', 'poddisruptionbudgets', { metadata: meta, spec: { maxUnavailable: 1 } }), ['x', 'N/A', '1', 0, '90s']);

  assert.deepEqual(headers('scheduling.k8s.io', 'priorityclasses'), ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
  const pc = { metadata: { name: 'system-node-critical', creationTimestamp: ago('90s') }, value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' };
  assert.deepEqual(cells('scheduling.k8s.io', 'priorityclasses', pc), ['system-node-critical', 2000001000, false, '90s', 'PreemptLowerPriority']);
  assert.deepEqual(cells('scheduling.k8s.io', 'priorityclasses', { metadata: meta, value: 1, globalDefault: true }), ['x', 1, true, '90s', '']);

  assert.deepEqual(cells('node.k8s.io', 'runtimeclasses', { metadata: meta, handler: 'runc' }), ['x', 'runc', '90s']);
});
