// Defaults of the admissionregistration.k8s.io group: webhooks of both configuration
// kinds, and the match constraints of admission policies and their bindings.

import { child, defaultUnset, items, withChild, type JsonObject } from './json.js';

export function defaultValidatingWebhookConfiguration(configuration: JsonObject): void {
  for (const webhook of items(configuration, 'webhooks')) defaultWebhook(webhook);
}

export function defaultMutatingWebhookConfiguration(configuration: JsonObject): void {
  for (const webhook of items(configuration, 'webhooks')) {
    defaultWebhook(webhook);
    defaultUnset(webhook, 'reinvocationPolicy', () => 'Never');
  }
}

function defaultWebhook(webhook: JsonObject): void {
  defaultUnset(webhook, 'failurePolicy', () => 'Fail');
  defaultUnset(webhook, 'matchPolicy', () => 'Equivalent');
  defaultUnset(webhook, 'namespaceSelector', () => ({}));
  defaultUnset(webhook, 'objectSelector', () => ({}));
  defaultUnset(webhook, 'timeoutSeconds', () => 10);
  withChild(child(webhook, 'clientConfig'), 'service', (service) => defaultUnset(service, 'port', () => 443));
  for (const rule of items(webhook, 'rules')) defaultRuleScope(rule);
}

function defaultRuleScope(rule: JsonObject): void {
  defaultUnset(rule, 'scope', () => '*');
}

/** ValidatingAdmissionPolicy and MutatingAdmissionPolicy. */
export function defaultAdmissionPolicy(policy: JsonObject): void {
  withChild(policy, 'spec', (spec) => {
    defaultUnset(spec, 'failurePolicy', () => 'Fail');
    withChild(spec, 'matchConstraints', defaultMatchResources);
  });
}

/** ValidatingAdmissionPolicyBinding and MutatingAdmissionPolicyBinding. */
export function defaultAdmissionPolicyBinding(binding: JsonObject): void {
  withChild(child(binding, 'spec'), 'matchResources', defaultMatchResources);
}

function defaultMatchResources(match: JsonObject): void {
  defaultUnset(match, 'matchPolicy', () => 'Equivalent');
  defaultUnset(match, 'namespaceSelector', () => ({}));
  defaultUnset(match, 'objectSelector', () => ({}));
  for (const key of ['resourceRules', 'excludeResourceRules']) {
    for (const rule of items(match, key)) defaultRuleScope(rule);
  }
}
