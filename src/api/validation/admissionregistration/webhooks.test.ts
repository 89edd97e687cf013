import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { mutatingWebhookConfigurationValidator, validatingWebhookConfigurationValidator as validator } from './webhooks.js';

const HOOK = {
  name: 'check.example.com',
  clientConfig: { service: { namespace: 'default', name: 'checker', path: '/validate' } },
  rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'deployments/scale'] }],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
  matchConditions: [{ name: 'not-system', expression: "!request.userInfo.username.startsWith('system:')" }],
};

const CONFIG: ApiObject = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name: 'checks' },
  webhooks: [HOOK],
};

function config(hook: Record<string, unknown>, resource = 'validatingwebhookconfigurations'): ApiObject {
  return defaulted('admissionregistration.k8s.io', resource, patched(CONFIG, { webhooks: [{ ...HOOK, ...hook }] }));
}

const check = (hook: Record<string, unknown>): string[] => createMessages(validator, config(hook));
const W = 'webhooks[0]';

describe('Webhook configuration validation', () => {
  it('accepts a valid configuration', () => {
    assert.deepEqual(check({}), []);
    assert.deepEqual(createMessages(mutatingWebhookConfigurationValidator, config({}, 'mutatingwebhookconfigurations')), []);
  });

  it('requires a fully qualified webhook name, unique in the configuration', () => {
    assert.deepEqual(check({ name: 'check' }), [`${W}.name: Invalid value: "check": should be a domain with at least three segments separated by dots`]);
    const twice = defaulted('admissionregistration.k8s.io', 'validatingwebhookconfigurations', patched(CONFIG, { webhooks: [HOOK, HOOK] }));
    assert.deepEqual(createMessages(validator, twice), ['webhooks[1].name: Duplicate value: "check.example.com"']);
  });

  it('requires exactly one of url and service, each well-formed', () => {
    assert.deepEqual(check({ clientConfig: {} }), [`${W}.clientConfig: Required value: exactly one of url or service is required`]);
    assert.deepEqual(check({ clientConfig: { url: 'http://user@hooks.example.com/x?y=1#z' } }), [
      `${W}.clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path]`,
      `${W}.clientConfig.url: Invalid value: "user": user information is not permitted in the URL`,
      `${W}.clientConfig.url: Invalid value: "z": fragments are not permitted in the URL`,
      `${W}.clientConfig.url: Invalid value: "y=1": query parameters are not permitted in the URL`,
    ]);
    assert.deepEqual(check({ clientConfig: { url: 'https:///x' } }), [
      `${W}.clientConfig.url: Invalid value: "": host must be specified; desired format: https://host[/path]`,
    ]);
    assert.deepEqual(check({ clientConfig: { service: { namespace: 'default', name: 'checker', path: 'v//Bad', port: 0 } } }), [
      `${W}.clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive`,
      `${W}.clientConfig.service.path: Invalid value: "v//Bad": must start with a '/'`,
      // Upstream drops the first character whatever it is, so the segments are "", "" and "Bad".
      `${W}.clientConfig.service.path: Invalid value: "v//Bad": segment[0] may not be empty`,
      `${W}.clientConfig.service.path: Invalid value: "v//Bad": segment[1] may not be empty`,
      `${W}.clientConfig.service.path: Invalid value: "v//Bad": segment[2]: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('reports a missing service name where upstream does', () => {
    assert.deepEqual(check({ clientConfig: { service: { namespace: 'default', name: '' } } }), [`${W}.clientConfig.service.namespace: Required value`]);
  });

  it('checks rules', () => {
    const rule = { operations: ['*', 'PATCH'], apiGroups: [], apiVersions: ['v1', ''], resources: ['*', 'pods', 'pods/*', 'pods/log'], scope: 'Galaxy' };
    assert.deepEqual(check({ rules: [rule] }), [
      `${W}.rules[0].operations: Invalid value: ["*","PATCH"]: if '*' is present, must not specify other operations`,
      `${W}.rules[0].operations[1]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"`,
      `${W}.rules[0].apiGroups: Required value`,
      `${W}.rules[0].apiVersions[1]: Required value`,
      `${W}.rules[0].resources[3]: Invalid value: "pods/log": if 'pods/*' is present, must not specify pods/log`,
      `${W}.rules[0].resources: Invalid value: ["*","pods","pods/*","pods/log"]: if '*' is present, must not specify other resources without subresources`,
      `${W}.rules[0].scope: Unsupported value: "Galaxy": supported values: "*", "Cluster", "Namespaced"`,
    ]);
  });

  it('requires side effects None or NoneOnDryRun, a timeout of 1-30s and known review versions', () => {
    assert.deepEqual(check({ sideEffects: undefined, timeoutSeconds: 31, admissionReviewVersions: ['v2', 'v2'] }), [
      `${W}.sideEffects: Required value: must specify one of None, NoneOnDryRun`,
      `${W}.timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds`,
      `${W}.admissionReviewVersions[1]: Invalid value: "v2": duplicate version`,
      `${W}.admissionReviewVersions: Invalid value: ["v2","v2"]: must include at least one of v1, v1beta1`,
    ]);
    assert.deepEqual(check({ sideEffects: 'Some' }), [`${W}.sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"`]);
    assert.deepEqual(check({ admissionReviewVersions: [] }), [`${W}.admissionReviewVersions: Required value: must specify one of v1, v1beta1`]);
  });

  it('checks failure and match policies and, for mutating webhooks, reinvocation', () => {
    assert.deepEqual(check({ failurePolicy: 'Retry', matchPolicy: 'Fuzzy' }), [
      `${W}.failurePolicy: Unsupported value: "Retry": supported values: "Fail", "Ignore"`,
      `${W}.matchPolicy: Unsupported value: "Fuzzy": supported values: "Equivalent", "Exact"`,
    ]);
    assert.deepEqual(createMessages(mutatingWebhookConfigurationValidator, config({ reinvocationPolicy: 'Always' }, 'mutatingwebhookconfigurations')), [
      `${W}.reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"`,
    ]);
  });

  it('checks match conditions', () => {
    const conditions = [{ name: 'a', expression: ' ' }, { name: 'a', expression: 'true' }, { name: 'b c', expression: 'true' }];
    assert.deepEqual(check({ matchConditions: conditions }), [
      `${W}.matchConditions[0].expression: Required value`,
      `${W}.matchConditions[1].name: Duplicate value: "a"`,
      `${W}.matchConditions[2].name: Invalid value: "b c": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });

  it('keeps accepting side effects a stored configuration already declares', () => {
    const old = stored(config({ sideEffects: 'Unknown' }));
    assert.deepEqual(updateMessages(validator, patched(old, { metadata: { labels: { a: 'b' } } }), old), []);
    const strict = stored(config({}));
    assert.deepEqual(updateMessages(validator, defaulted('admissionregistration.k8s.io', 'validatingwebhookconfigurations', patched(strict, { webhooks: [{ ...HOOK, sideEffects: 'Some' }] })), strict), [
      `${W}.sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"`,
    ]);
  });
});
