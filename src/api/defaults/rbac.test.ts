import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import { defaultBinding } from './rbac.js';

test('bindings: role reference and subject API groups', () => {
  const out = defaulted(defaultBinding, {
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [
      { kind: 'User', name: 'alice' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'ci' },
      { kind: 'User', name: 'bob', apiGroup: 'example.com' },
    ],
  });
  assert.deepEqual(out, {
    roleRef: { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' },
    subjects: [
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'ci', apiGroup: '' },
      { kind: 'User', name: 'bob', apiGroup: 'example.com' },
    ],
  });
});
