import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { controllerRevisionValidator } from './controller-revision.js';

const REVISION: ApiObject = {
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: { name: 'db-7f9c', namespace: 'default' },
  data: { spec: { template: {} } },
  revision: 1,
};

describe('ControllerRevision validation', () => {
  it('accepts a valid revision', () => {
    assert.deepEqual(createMessages(controllerRevisionValidator, REVISION), []);
  });

  it('requires data that is a JSON object and a non-negative revision', () => {
    assert.deepEqual(createMessages(controllerRevisionValidator, patched(REVISION, { data: null, revision: -1 })), [
      'revision: Invalid value: -1: must be greater than or equal to 0',
      'data: Required value: data is mandatory',
    ]);
    assert.deepEqual(createMessages(controllerRevisionValidator, patched(REVISION, { data: [1, 2] })), [
      'data: Required value: data must be a valid JSON object',
    ]);
  });

  it('keeps data immutable', () => {
    const old = stored(REVISION);
    assert.deepEqual(updateMessages(controllerRevisionValidator, patched(old, { revision: 2 }), old), []);
    assert.deepEqual(updateMessages(controllerRevisionValidator, patched(old, { data: { spec: { x: 1 } } }), old), [
      'data: Invalid value: {"spec":{"template":{},"x":1}}: field is immutable',
    ]);
  });
});
