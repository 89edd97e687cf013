import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers } from './fixtures.testing.js';

const group = 'admissionregistration.k8s.io';
const meta = { name: 'x', creationTimestamp: ago('1d') };

test('webhook configurations count their webhooks', () => {
  for (const resource of ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations']) {
    assert.deepEqual(headers(group, resource), ['Name', 'Webhooks', 'Age']);
    assert.deepEqual(cells(group, resource, { metadata: meta, webhooks: [{ name: 'a' }, { name: 'b' }] }), ['x', 2, '24h']);
    assert.deepEqual(cells(group, resource, { metadata: meta }), ['x', 0, '24h']);
  }
});

test('admission policies: rules and parameter kind', () => {
  assert.deepEqual(headers(group, 'validatingadmissionpolicies'), ['Name', 'Validations', 'ParamKind', 'Age']);
  assert.deepEqual(headers(group, 'mutatingadmissionpolicies'), ['Name', 'Mutations', 'ParamKind', 'Age']);
  const vap = { metadata: meta, spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }] } };
  assert.deepEqual(cells(group, 'validatingadmissionpolicies', vap), ['x', 1, 'v1/ConfigMap', '24h']);
  const map = { metadata: meta, spec: { mutations: [{}, {}] } };
  assert.deepEqual(cells(group, 'mutatingadmissionpolicies', map), ['x', 2, '<unset>', '24h']);
});

test('policy bindings: the parameter as namespace/name, */name, or the selector as Go prints it', () => {
  const binding = (paramRef?: object) => cells(group, 'validatingadmissionpolicybindings', { metadata: meta, spec: { policyName: 'p', paramRef } });
  assert.deepEqual(headers(group, 'mutatingadmissionpolicybindings'), ['Name', 'PolicyName', 'ParamRef', 'Age']);
  assert.deepEqual(binding(), ['x', 'p', '<unset>', '24h']);
  assert.equal(binding({ name: 'limits', namespace: 'team-a' })[2], 'team-a/limits');
  assert.equal(binding({ name: 'limits' })[2], '*/limits');
  assert.equal(binding({})[2], '<unset>');
  const selector = { matchLabels: { tier: 'gold', app: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }] };
  assert.equal(
    binding({ selector })[2],
    '&LabelSelector{MatchLabels:map[string]string{app: x,tier: gold,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[prod qa],},},}',
  );
  assert.equal(cells(group, 'mutatingadmissionpolicybindings', { metadata: meta, spec: { policyName: 'm', paramRef: { selector: {} } } })[2],
    '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}');
});
