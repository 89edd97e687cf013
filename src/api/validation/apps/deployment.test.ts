import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, podTemplate, stored, updateMessages } from '../validation.testing.js';
import { deploymentValidator } from './deployment.js';

const BASE: ApiObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) },
};

/** A defaulted Deployment, changed by a merge patch before defaulting. */
function deployment(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('apps', 'deployments', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(deploymentValidator, deployment(patch));

const SELECTOR_MISMATCH = 'spec.template.metadata.labels: Invalid value: {"app":"b"}: `selector` does not match template `labels`';

describe('Deployment validation', () => {
  it('accepts a valid deployment', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires the selector to match the template labels', () => {
    assert.deepEqual(check({ spec: { template: { metadata: { labels: { app: 'b' } } } } }), [SELECTOR_MISMATCH]);
  });

  it('requires a selector, which then matches nothing', () => {
    assert.deepEqual(check({ spec: { selector: null } }), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('refuses an empty selector', () => {
    assert.deepEqual(check({ spec: { selector: { matchLabels: null } } }), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });

  it('validates the selector itself', () => {
    assert.deepEqual(check({ spec: { selector: { matchLabels: null, matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } } }), [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"In"}]}: invalid label selector',
    ]);
  });

  it('requires non-negative counts', () => {
    assert.deepEqual(check({ spec: { replicas: -1, minReadySeconds: -2, revisionHistoryLimit: -3 } }), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0',
    ]);
  });

  it('requires progressDeadlineSeconds above minReadySeconds', () => {
    assert.deepEqual(check({ spec: { minReadySeconds: 10, progressDeadlineSeconds: 10 } }), [
      'spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds',
    ]);
  });

  it('refuses maxSurge and maxUnavailable both 0', () => {
    assert.deepEqual(check({ spec: { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } } }), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('checks percentages', () => {
    assert.deepEqual(check({ spec: { strategy: { rollingUpdate: { maxSurge: 'abc', maxUnavailable: '110%' } } } }), [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
    ]);
    assert.deepEqual(check({ spec: { strategy: { rollingUpdate: { maxSurge: -1 } } } }), [
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('forbids rollingUpdate with Recreate and refuses unknown strategies', () => {
    assert.deepEqual(check({ spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } }), [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    assert.deepEqual(check({ spec: { strategy: { type: 'BlueGreen' } } }), [
      'spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('requires long-running pods', () => {
    assert.deepEqual(check({ spec: { template: { spec: { restartPolicy: 'Never', activeDeadlineSeconds: 5 } } } }), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('validates the pod template through the core validation', () => {
    const errs = check({ spec: { template: { spec: { containers: [{ name: 'app', image: '' }] } } } });
    assert.ok(errs.some((m) => m.startsWith('spec.template.spec.containers[0].image: Required value')), errs.join('\n'));
  });

  it('checks the name', () => {
    assert.deepEqual(check({ metadata: { name: 'Web' } }), [
      "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('accepts updates of replicas and the template', () => {
    const old = stored(deployment());
    const update = patched(old, { spec: { replicas: 5, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } } } });
    assert.deepEqual(updateMessages(deploymentValidator, defaulted('apps', 'deployments', update), old), []);
  });

  it('keeps the selector immutable', () => {
    const old = stored(deployment());
    const update = patched(old, { spec: { selector: { matchLabels: { tier: 'x' } }, template: { metadata: { labels: { tier: 'x' } } } } });
    assert.deepEqual(updateMessages(deploymentValidator, update, old), [
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    ]);
  });
});
