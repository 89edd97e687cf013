import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { leaseValidator as validator } from './lease.js';

const LEASE: ApiObject = {
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'node-1', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' },
};

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, patched(LEASE, patch));

describe('Lease validation', () => {
  it('accepts a valid lease', () => {
    assert.deepEqual(check({}), []);
  });

  it('checks duration and transitions', () => {
    assert.deepEqual(check({ spec: { leaseDurationSeconds: 0, leaseTransitions: -1 } }), [
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('checks the coordinated election strategy', () => {
    assert.deepEqual(check({ spec: { strategy: 'NewestVersion' } }), [
      'spec.strategy.strategy: Unsupported value: "NewestVersion": supported values: "OldestEmulationVersion"',
    ]);
    assert.deepEqual(check({ spec: { strategy: 'example.com/mine' } }), []);
    assert.deepEqual(check({ spec: { preferredHolder: 'node-2' } }), ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']);
  });

  it('does not restrict finalizer names (apimachinery metadata rules)', () => {
    assert.deepEqual(check({ metadata: { finalizers: ['custom'] } }), []);
  });

  it('validates updates', () => {
    const old = stored(LEASE);
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { holderIdentity: 'node-2' } }), old), []);
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { leaseDurationSeconds: -5 } }), old), [
      'spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0',
    ]);
  });
});
