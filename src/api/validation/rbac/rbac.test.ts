import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { clusterRoleBindingValidator, roleBindingValidator } from './bindings.js';
import { clusterRoleValidator, roleValidator } from './roles.js';

const ROLE: ApiObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'pod-reader', namespace: 'default' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
};

const BINDING: ApiObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'read-pods', namespace: 'default' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
  subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default' }],
};

const binding = (patch: Record<string, unknown>): ApiObject => defaulted('rbac.authorization.k8s.io', 'rolebindings', patched(BINDING, patch));

describe('Role and ClusterRole validation', () => {
  it('accepts valid roles', () => {
    assert.deepEqual(createMessages(roleValidator, ROLE), []);
    const clusterRole = patched(ROLE, { kind: 'ClusterRole', metadata: { namespace: null }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] });
    assert.deepEqual(createMessages(clusterRoleValidator, clusterRole), []);
  });

  it('checks rules', () => {
    assert.deepEqual(createMessages(roleValidator, patched(ROLE, { rules: [{}] })), [
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
    assert.deepEqual(createMessages(roleValidator, patched(ROLE, { rules: [{ verbs: ['get'], nonResourceURLs: ['/x'], resources: ['pods'] }] })), [
      'rules[0].nonResourceURLs: Invalid value: ["/x"]: namespaced rules cannot apply to non-resource URLs',
      'rules[0].nonResourceURLs: Invalid value: ["/x"]: rules cannot apply to both regular resources and non-resource URLs',
    ]);
  });

  it('accepts any path segment as a name', () => {
    assert.deepEqual(createMessages(roleValidator, patched(ROLE, { metadata: { name: 'system:Reader' } })), []);
    assert.deepEqual(createMessages(roleValidator, patched(ROLE, { metadata: { name: 'a%b' } })), ["metadata.name: Invalid value: \"a%b\": may not contain '%'"]);
  });

  it('checks aggregation rules', () => {
    const clusterRole = patched(ROLE, { kind: 'ClusterRole', metadata: { namespace: null }, rules: null, aggregationRule: { clusterRoleSelectors: [] } });
    assert.deepEqual(createMessages(clusterRoleValidator, clusterRole), [
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]);
  });
});

describe('RoleBinding and ClusterRoleBinding validation', () => {
  it('accepts a valid binding (subjects defaulted)', () => {
    assert.deepEqual(createMessages(roleBindingValidator, binding({})), []);
  });

  it('checks the role reference', () => {
    assert.deepEqual(createMessages(roleBindingValidator, binding({ roleRef: { apiGroup: 'rbac', kind: 'Group', name: '' } })), [
      'roleRef.apiGroup: Unsupported value: "rbac": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Group": supported values: "Role", "ClusterRole"',
      'roleRef.name: Required value',
    ]);
    const clusterBinding = patched(binding({}), { kind: 'ClusterRoleBinding', metadata: { namespace: null }, subjects: null });
    assert.deepEqual(createMessages(clusterRoleBindingValidator, clusterBinding), [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    ]);
  });

  it('checks subjects', () => {
    const subjects = [{ kind: 'ServiceAccount', name: 'Bad', apiGroup: 'x' }, { kind: 'Robot', name: '' }, { kind: 'Group', name: 'g', apiGroup: 'other' }];
    assert.deepEqual(createMessages(roleBindingValidator, binding({ subjects })), [
      "subjects[0].name: Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'subjects[0].apiGroup: Unsupported value: "x": supported values: ""',
      'subjects[1].name: Required value',
      'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      'subjects[2].apiGroup: Unsupported value: "other": supported values: "rbac.authorization.k8s.io"',
    ]);
    const clusterBinding = patched(binding({}), {
      kind: 'ClusterRoleBinding', metadata: { namespace: null }, roleRef: { kind: 'ClusterRole' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }],
    });
    assert.deepEqual(createMessages(clusterRoleBindingValidator, clusterBinding), ['subjects[0].namespace: Required value']);
  });

  it('keeps the role reference immutable', () => {
    const old = stored(binding({}));
    assert.deepEqual(updateMessages(roleBindingValidator, patched(old, { subjects: [{ kind: 'User', name: 'joe', apiGroup: 'rbac.authorization.k8s.io' }] }), old), []);
    assert.deepEqual(updateMessages(roleBindingValidator, patched(old, { roleRef: { kind: 'ClusterRole', name: 'admin' } }), old), [
      'roleRef: Invalid value: {"APIGroup":"rbac.authorization.k8s.io","Kind":"ClusterRole","Name":"admin"}: cannot change roleRef',
    ]);
  });
});
