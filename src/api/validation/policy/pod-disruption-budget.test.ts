import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { podDisruptionBudgetValidator as validator } from './pod-disruption-budget.js';

const BASE: ApiObject = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
};

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, patched(BASE, patch));

describe('PodDisruptionBudget validation', () => {
  it('accepts a valid budget', () => {
    assert.deepEqual(check({}), []);
  });

  it('refuses minAvailable together with maxUnavailable', () => {
    assert.deepEqual(check({ spec: { maxUnavailable: 1 } }), [
      'spec: Invalid value: {"MinAvailable":"50%","Selector":{"matchLabels":{"app":"web"}},"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set',
    ]);
  });

  it('checks counts and percentages', () => {
    assert.deepEqual(check({ spec: { minAvailable: '120%' } }), ['spec.minAvailable: Invalid value: "120%": must not be greater than 100%']);
    assert.deepEqual(check({ spec: { minAvailable: null, maxUnavailable: -1 } }), [
      'spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('checks the selector and the eviction policy', () => {
    assert.deepEqual(check({ spec: { selector: { matchLabels: { 'a b': 'x' } }, unhealthyPodEvictionPolicy: 'Never' } }), [
      "spec.selector.matchLabels: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
  });

  it('checks metadata the generic way once the spec is valid', () => {
    assert.deepEqual(check({ metadata: { name: 'a/b' } }), ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
    assert.deepEqual(check({ metadata: { name: 'a/b' }, spec: { minAvailable: -1 } }), [
      'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('allows spec updates', () => {
    const old = stored(BASE);
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { minAvailable: 2 } }), old), []);
  });
});
