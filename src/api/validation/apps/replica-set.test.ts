import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, podTemplate, stored, updateMessages } from '../validation.testing.js';
import { replicaSetValidator } from './replica-set.js';

const BASE: ApiObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-5d9c', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) },
};

function replicaSet(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('apps', 'replicasets', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(replicaSetValidator, replicaSet(patch));

describe('ReplicaSet validation', () => {
  it('accepts a valid replica set', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires the selector to match the template labels', () => {
    assert.deepEqual(check({ spec: { template: { metadata: { labels: { app: 'b' } } } } }), [
      'spec.template.metadata.labels: Invalid value: {"app":"b"}: `selector` does not match template `labels`',
    ]);
  });

  it('refuses an empty selector with upstream\'s wording', () => {
    assert.deepEqual(check({ spec: { selector: { matchLabels: null } } }), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });

  it('requires non-negative replicas and minReadySeconds', () => {
    assert.deepEqual(check({ spec: { replicas: -1, minReadySeconds: -1 } }), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('requires long-running pods', () => {
    assert.deepEqual(check({ spec: { template: { spec: { restartPolicy: 'OnFailure' } } } }), [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });

  it('keeps the selector immutable and validates the update as a create too', () => {
    const old = stored(replicaSet());
    assert.deepEqual(updateMessages(replicaSetValidator, patched(old, { spec: { replicas: 3 } }), old), []);
    const moved = patched(old, { spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } } } } });
    assert.deepEqual(updateMessages(replicaSetValidator, moved, old), ['spec.selector: Invalid value: {"matchLabels":{"app":"api"}}: field is immutable']);
  });
});
