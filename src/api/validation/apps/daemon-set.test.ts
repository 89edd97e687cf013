import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, podTemplate, stored, updateMessages } from '../validation.testing.js';
import { daemonSetValidator } from './daemon-set.js';

const BASE: ApiObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: podTemplate({ app: 'agent' }) },
};

function daemonSet(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('apps', 'daemonsets', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(daemonSetValidator, daemonSet(patch));

describe('DaemonSet validation', () => {
  it('accepts a valid daemon set', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires the selector to select the template', () => {
    assert.deepEqual(check({ spec: { template: { metadata: { labels: { app: 'b' } } } } }), [
      'spec.template.metadata.labels: Invalid value: {"app":"b"}: `selector` does not match template `labels`',
    ]);
    assert.deepEqual(check({ spec: { selector: { matchLabels: null } } }), ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset']);
  });

  it('allows exactly one of maxSurge and maxUnavailable to be non-zero', () => {
    assert.deepEqual(check({ spec: { updateStrategy: { rollingUpdate: { maxSurge: '10%', maxUnavailable: 1 } } } }), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "10%": may not be set when maxUnavailable is non-zero',
    ]);
    assert.deepEqual(check({ spec: { updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } }), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
    assert.deepEqual(check({ spec: { updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '101%' } } } }), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "101%": must not be greater than 100%',
    ]);
  });

  it('refuses unknown strategies', () => {
    assert.deepEqual(check({ spec: { updateStrategy: { type: 'Surge' } } }), [
      'spec.updateStrategy: Unsupported value: {"Type":"Surge","RollingUpdate":null}: supported values: "RollingUpdate", "OnDelete"',
    ]);
  });

  it('checks minReadySeconds, revisionHistoryLimit and the pods', () => {
    assert.deepEqual(check({ spec: { minReadySeconds: -1, revisionHistoryLimit: -1, template: { spec: { restartPolicy: 'Never' } } } }), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('keeps the selector immutable', () => {
    const old = stored(daemonSet());
    assert.deepEqual(updateMessages(daemonSetValidator, patched(old, { spec: { minReadySeconds: 5 } }), old), []);
    const moved = patched(old, { spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } } });
    assert.deepEqual(updateMessages(daemonSetValidator, moved, old), ['spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: field is immutable']);
  });
});
