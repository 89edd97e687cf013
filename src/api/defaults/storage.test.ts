import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import { defaultCSIDriver, defaultStorageClass, defaultVolumeAttachment } from './storage.js';

test('StorageClass: Delete, Immediate', () => {
  assert.deepEqual(defaulted(defaultStorageClass, { provisioner: 'example.com/disk' }), {
    provisioner: 'example.com/disk',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  });
  const given = defaulted(defaultStorageClass, { provisioner: 'p', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
  assert.deepEqual([given.reclaimPolicy, given.volumeBindingMode], ['Retain', 'WaitForFirstConsumer']);
});

test('CSIDriver', () => {
  assert.deepEqual(defaulted(defaultCSIDriver, { metadata: { name: 'd' }, spec: {} }).spec, {
    attachRequired: true,
    podInfoOnMount: false,
    storageCapacity: false,
    fsGroupPolicy: 'ReadWriteOnceWithFSType',
    volumeLifecycleModes: ['Persistent'],
    requiresRepublish: false,
    seLinuxMount: false,
  });
  const given = defaulted(defaultCSIDriver, { spec: { attachRequired: false, volumeLifecycleModes: ['Ephemeral'] } }).spec as Record<string, unknown>;
  assert.deepEqual([given.attachRequired, given.volumeLifecycleModes], [false, ['Ephemeral']]);
});

test('VolumeAttachment: the inline volume spec gets volume source defaults', () => {
  const out = defaulted(defaultVolumeAttachment, { spec: { attacher: 'a', nodeName: 'n', source: { inlineVolumeSpec: { hostPath: { path: '/x' } } } } });
  assert.deepEqual(out.spec, { attacher: 'a', nodeName: 'n', source: { inlineVolumeSpec: { hostPath: { path: '/x', type: '' } } } });
});
