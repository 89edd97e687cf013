import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { csiDriverValidator as validator } from './csi-driver.js';

const DRIVER: ApiObject = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'ebs.csi.aws.com' }, spec: {} };

const driver = (patch: Record<string, unknown>): ApiObject => defaulted('storage.k8s.io', 'csidrivers', patched(DRIVER, patch));
const check = (patch: Record<string, unknown>): string[] => createMessages(validator, driver(patch));

describe('CSIDriver validation', () => {
  it('accepts a valid (defaulted) driver', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires the fields defaulting fills', () => {
    assert.deepEqual(createMessages(validator, DRIVER), [
      'spec.attachedRequired: Required value',
      'spec.podInfoOnMount: Required value',
      'spec.storageCapacity: Required value',
      'spec.seLinuxMount: Required value',
    ]);
  });

  it('checks policies, token requests, modes and the update period', () => {
    const spec = {
      fsGroupPolicy: 'Always',
      tokenRequests: [{ audience: 'a', expirationSeconds: 60 }, { audience: 'a' }, { audience: 'b', expirationSeconds: 2 ** 33 }],
      volumeLifecycleModes: ['Persistent', 'Transient'],
      nodeAllocatableUpdatePeriodSeconds: 5,
    };
    assert.deepEqual(check({ spec }), [
      'spec.fsGroupPolicy: Unsupported value: "Always": supported values: "File", "None", "ReadWriteOnceWithFSType"',
      'spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
      'spec.tokenRequests[1].audience: Duplicate value: "a"',
      'spec.tokenRequests[2].expirationSeconds: Invalid value: 8589934592: may not specify a duration larger than 2^32 seconds',
      'spec.volumeLifecycleModes: Unsupported value: "Transient": supported values: "Persistent", "Ephemeral"',
      'spec.nodeAllocatableUpdatePeriodSeconds: Invalid value: 5: must be greater than or equal to 10 seconds',
    ]);
  });

  it('keeps attachRequired and volumeLifecycleModes immutable', () => {
    const old = stored(driver({}));
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { podInfoOnMount: true, fsGroupPolicy: 'File' } }), old), []);
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { attachRequired: false, volumeLifecycleModes: ['Ephemeral'] } }), old), [
      'spec.attachedRequired: Invalid value: false: field is immutable',
      'spec.volumeLifecycleModes: Invalid value: ["Ephemeral"]: field is immutable',
    ]);
  });
});
