import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers, narrow } from './fixtures.testing.js';

test('persistent volume columns', () => {
  assert.deepEqual(headers('', 'persistentvolumes', false), [
    'Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age',
  ]);
  assert.deepEqual(headers('', 'persistentvolumes').at(-1), 'VolumeMode');
});

test('a bound persistent volume', () => {
  const pv = {
    metadata: { name: 'pv1', creationTimestamp: ago('9d') },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce', 'ReadWriteOncePod'],
      persistentVolumeReclaimPolicy: 'Retain',
      claimRef: { namespace: 'default', name: 'data' },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound' },
  };
  assert.deepEqual(cells('', 'persistentvolumes', pv), [
    'pv1', '10Gi', 'RWO,RWX,RWOP', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '9d', 'Filesystem',
  ]);
});

test('the beta class annotation wins; deletion shows Terminating', () => {
  const pv = {
    metadata: { name: 'pv2', deletionTimestamp: ago('1s'), annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } },
    spec: { storageClassName: 'new', volumeAttributesClassName: 'gold' },
    status: { phase: 'Released', reason: 'Gone' },
  };
  assert.deepEqual(cells('', 'persistentvolumes', pv).slice(1, 9), ['0', '', '', 'Terminating', '', 'old', 'gold', 'Gone']);
});

test('claims show capacity and modes only once bound', () => {
  const pending = { metadata: { name: 'data', creationTimestamp: ago('5m') }, spec: { storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } };
  assert.deepEqual(narrow('', 'persistentvolumeclaims', pending), ['data', 'Pending', '', '', '', 'fast', '<unset>', '5m']);
  const bound = {
    metadata: { name: 'data', creationTimestamp: ago('5m') },
    spec: { volumeName: 'pv1', volumeMode: 'Block' },
    status: { phase: 'Bound', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce'] },
  };
  assert.deepEqual(cells('', 'persistentvolumeclaims', bound), ['data', 'Bound', 'pv1', '1Gi', 'RWO', '', '<unset>', '5m', 'Block']);
});
