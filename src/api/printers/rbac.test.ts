import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers, narrow } from './fixtures.testing.js';
import { defaultPrinter, printerFor } from './table.js';

const meta = { name: 'admins', creationTimestamp: ago('7d') };
const subjects = [
  { kind: 'User', name: 'alice' },
  { kind: 'Group', name: 'system:masters' },
  { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
  { kind: 'User', name: 'bob' },
  { kind: 'Robot', name: 'r2' },
];

test('role bindings and cluster role bindings', () => {
  for (const resource of ['rolebindings', 'clusterrolebindings']) {
    assert.deepEqual(headers('rbac.authorization.k8s.io', resource, false), ['Name', 'Role', 'Age']);
    assert.deepEqual(headers('rbac.authorization.k8s.io', resource).slice(3), ['Users', 'Groups', 'ServiceAccounts']);
    const binding = { metadata: meta, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects };
    assert.deepEqual(cells('rbac.authorization.k8s.io', resource, binding), ['admins', 'ClusterRole/cluster-admin', '7d', 'alice, bob', 'system:masters', 'ci/builder']);
    assert.deepEqual(narrow('rbac.authorization.k8s.io', resource, { metadata: meta, roleRef: { kind: 'Role', name: 'r' } }), ['admins', 'Role/r', '7d']);
  }
});

test('roles and cluster roles print as upstream\'s default table', () => {
  for (const resource of ['roles', 'clusterroles']) {
    const printer = printerFor('rbac.authorization.k8s.io', resource);
    assert.equal(printer, defaultPrinter);
    assert.deepEqual(headers('rbac.authorization.k8s.io', resource), ['Name', 'Created At']);
    assert.deepEqual(cells('rbac.authorization.k8s.io', resource, { metadata: { name: 'view', creationTimestamp: '2026-02-20T08:30:00Z' } }), [
      'view', '2026-02-20T08:30:00Z',
    ]);
  }
});
