import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as admission from './admissionregistration.js';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';

const RULE = { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] };
const WEBHOOK = {
  name: 'w.example.com',
  clientConfig: { service: { namespace: 'ns', name: 'svc' } },
  rules: [RULE],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
};
const DEFAULTED_WEBHOOK = {
  ...WEBHOOK,
  clientConfig: { service: { namespace: 'ns', name: 'svc', port: 443 } },
  rules: [{ ...RULE, scope: '*' }],
  failurePolicy: 'Fail',
  matchPolicy: 'Equivalent',
  namespaceSelector: {},
  objectSelector: {},
  timeoutSeconds: 10,
};

test('ValidatingWebhookConfiguration', () => {
  assert.deepEqual(defaulted(admission.defaultValidatingWebhookConfiguration, { webhooks: [WEBHOOK] }).webhooks, [DEFAULTED_WEBHOOK]);
});

test('MutatingWebhookConfiguration: also never reinvoked', () => {
  const url = { ...WEBHOOK, clientConfig: { url: 'https://hook.example.com' }, reinvocationPolicy: 'IfNeeded', timeoutSeconds: 3 };
  assert.deepEqual(defaulted(admission.defaultMutatingWebhookConfiguration, { webhooks: [WEBHOOK, url] }).webhooks, [
    { ...DEFAULTED_WEBHOOK, reinvocationPolicy: 'Never' },
    { ...DEFAULTED_WEBHOOK, clientConfig: { url: 'https://hook.example.com' }, reinvocationPolicy: 'IfNeeded', timeoutSeconds: 3 },
  ]);
});

test('admission policies and bindings: failure policy and match resources', () => {
  const match = { resourceRules: [RULE], excludeResourceRules: [{ ...RULE, scope: 'Namespaced' }] };
  const defaultedMatch = {
    resourceRules: [{ ...RULE, scope: '*' }],
    excludeResourceRules: [{ ...RULE, scope: 'Namespaced' }],
    matchPolicy: 'Equivalent',
    namespaceSelector: {},
    objectSelector: {},
  };
  const policy = defaulted(admission.defaultAdmissionPolicy, { spec: { matchConstraints: match, validations: [{ expression: 'true' }] } });
  assert.deepEqual(policy.spec, { matchConstraints: defaultedMatch, validations: [{ expression: 'true' }], failurePolicy: 'Fail' });
  const binding = defaulted(admission.defaultAdmissionPolicyBinding, { spec: { policyName: 'p', matchResources: match } });
  assert.deepEqual((binding.spec as JsonObject).matchResources, defaultedMatch);
  assert.deepEqual(defaulted(admission.defaultAdmissionPolicyBinding, { spec: { policyName: 'p' } }), { spec: { policyName: 'p' } });
});
