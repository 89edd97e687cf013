// PatchError renders as the Status upstream's API server answers with.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PatchError } from './errors.js';
import { applyJsonPatch } from './json-patch.js';

describe('PatchError.toAPIError', () => {
  it('is 400 BadRequest with the message for a malformed patch', () => {
    const status = new PatchError('BadRequest', 'invalid patch format of retainKeys').toAPIError().toStatus();
    assert.deepEqual(status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'invalid patch format of retainKeys',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('is 422 Invalid with the generic message for a failed JSON patch operation', () => {
    let caught: unknown;
    try {
      applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof PatchError);
    assert.deepEqual(caught.toAPIError().toStatus(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  });

  it('is 413 for too many operations', () => {
    const error = new PatchError('RequestEntityTooLarge', 'The allowed maximum operations in a JSON patch is 10000, got 10001').toAPIError();
    assert.equal(error.code, 413);
    assert.equal(error.reason, 'RequestEntityTooLarge');
    assert.equal(error.message, 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });

  it('is 500 without a reason for the failures upstream passes through as plain errors', () => {
    const status = new PatchError('Unclassified', 'map: map[image:x] does not contain declared merge key: name').toAPIError().toStatus();
    assert.deepEqual(status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'map: map[image:x] does not contain declared merge key: name',
      code: 500,
    });
  });
});
