import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { priorityClassValidator as validator } from './priority-class.js';

const CLASS: ApiObject = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };

const priorityClass = (patch: Record<string, unknown>): ApiObject => defaulted('scheduling.k8s.io', 'priorityclasses', patched(CLASS, patch));
const check = (patch: Record<string, unknown>): string[] => createMessages(validator, priorityClass(patch));

describe('PriorityClass validation', () => {
  it('accepts a valid class and the built-in system classes', () => {
    assert.deepEqual(check({}), []);
    assert.deepEqual(check({ metadata: { name: 'system-node-critical' }, value: 2000001000 }), []);
  });

  it('caps user-defined values at one billion', () => {
    assert.deepEqual(check({ value: 1000000001 }), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  });

  it('reserves the system- prefix', () => {
    assert.deepEqual(check({ metadata: { name: 'system-mine' } }), [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    assert.deepEqual(check({ metadata: { name: 'system-cluster-critical' }, value: 5 }), [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000",
    ]);
  });

  it('checks the preemption policy', () => {
    assert.deepEqual(check({ preemptionPolicy: 'Sometimes' }), [
      'preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"',
    ]);
  });

  it('keeps value and preemption policy immutable', () => {
    const old = stored(priorityClass({}));
    assert.deepEqual(updateMessages(validator, patched(old, { description: 'x', globalDefault: true }), old), []);
    assert.deepEqual(updateMessages(validator, patched(old, { value: 5, preemptionPolicy: 'Never' }), old), [
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "Never": field is immutable',
    ]);
  });
});
