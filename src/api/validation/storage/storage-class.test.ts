import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { storageClassValidator as validator } from './storage-class.js';

const CLASS: ApiObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'fast' },
  provisioner: 'ebs.csi.aws.com',
  parameters: { type: 'gp3' },
};

const storageClass = (patch: Record<string, unknown>): ApiObject => defaulted('storage.k8s.io', 'storageclasses', patched(CLASS, patch));
const check = (patch: Record<string, unknown>): string[] => createMessages(validator, storageClass(patch));

describe('StorageClass validation', () => {
  it('accepts a valid class', () => {
    assert.deepEqual(check({}), []);
  });

  it('checks the provisioner', () => {
    assert.deepEqual(check({ provisioner: '' }), ['provisioner: Required value']);
    assert.deepEqual(check({ provisioner: 'Example.com/My Driver' }), [
      "provisioner: Invalid value: \"example.com/my driver\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('checks reclaim policy and binding mode', () => {
    assert.deepEqual(check({ reclaimPolicy: 'Recycle', volumeBindingMode: 'Later' }), [
      'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    ]);
  });

  it('checks parameters', () => {
    assert.deepEqual(check({ parameters: { '': 'x' } }), ['parameters: Invalid value: "": field can not be empty.']);
    assert.deepEqual(check({ parameters: { big: 'x'.repeat(256 * 1024) } }), ['parameters: Too long: may not be more than 262144 bytes']);
  });

  it('checks allowed topologies', () => {
    const term = { matchLabelExpressions: [{ key: 'zone', values: ['a', 'a'] }, { key: 'zone', values: [] }] };
    assert.deepEqual(check({ allowedTopologies: [term] }), [
      'allowedTopologies[0].matchLabelExpressions[0].values[1]: Duplicate value: "a"',
      'allowedTopologies[0].matchLabelExpressions[1].values: Required value',
      'allowedTopologies[0].matchLabelExpressions[1].key: Duplicate value: "zone"',
    ]);
    const zone = { matchLabelExpressions: [{ key: 'zone', values: ['a'] }] };
    assert.deepEqual(check({ allowedTopologies: [zone, zone] }), ['allowedTopologies[1].matchLabelExpressions: Duplicate value: ""']);
  });

  it('forbids changing provisioner, parameters, reclaim policy and binding mode', () => {
    const old = stored(storageClass({}));
    assert.deepEqual(updateMessages(validator, patched(old, { allowVolumeExpansion: true, mountOptions: ['ro'] }), old), []);
    const changed = patched(old, { provisioner: 'other.example.com', parameters: { type: 'io2' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
    assert.deepEqual(updateMessages(validator, changed, old), [
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });
});
