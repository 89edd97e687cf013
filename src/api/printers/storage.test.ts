import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers } from './fixtures.testing.js';
import { printerFor } from './table.js';

const meta = { name: 'x', creationTimestamp: ago('30d') };

test('storage classes: the default marked, unset fields at their defaults', () => {
  assert.deepEqual(headers('storage.k8s.io', 'storageclasses'), ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  const standard = {
    metadata: { name: 'standard', creationTimestamp: ago('30d'), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  };
  assert.deepEqual(cells('storage.k8s.io', 'storageclasses', standard), ['standard (default)', 'rancher.io/local-path', 'Retain', 'WaitForFirstConsumer', true, '30d']);
  const beta = { metadata: { ...meta, annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }, provisioner: 'p' };
  assert.deepEqual(cells('storage.k8s.io', 'storageclasses', beta), ['x (default)', 'p', 'Delete', 'Immediate', false, '30d']);
  const notDefault = { metadata: { ...meta, annotations: { 'storageclass.kubernetes.io/is-default-class': 'yes' } }, provisioner: 'p' };
  assert.equal(cells('storage.k8s.io', 'storageclasses', notDefault)[0], 'x');
});

test('volume attributes classes and volume attachments', () => {
  const vac = { metadata: { ...meta, annotations: { 'volumeattributesclass.alpha.kubernetes.io/is-default-class': 'true' } }, driverName: 'csi.example.com' };
  assert.deepEqual(cells('storage.k8s.io', 'volumeattributesclasses', vac), ['x (default)', 'csi.example.com', '30d']);
  assert.equal(printerFor('storage.k8s.io', 'volumeattachments').columns[1]?.format, 'name');
  const va = { metadata: meta, spec: { attacher: 'csi.example.com', nodeName: 'n1', source: { persistentVolumeName: 'pv1' } }, status: { attached: true } };
  assert.deepEqual(cells('storage.k8s.io', 'volumeattachments', va), ['x', 'csi.example.com', 'pv1', 'n1', true, '30d']);
  assert.deepEqual(cells('storage.k8s.io', 'volumeattachments', { metadata: meta, spec: { source: {} } }), ['x', '', '', '', false, '30d']);
});

test('CSI nodes, drivers and storage capacities', () => {
  assert.deepEqual(cells('storage.k8s.io', 'csinodes', { metadata: meta, spec: { drivers: [{ name: 'a' }, { name: 'b' }] } }), ['x', 2, '30d']);
  assert.deepEqual(headers('storage.k8s.io', 'csidrivers'), [
    'Name', 'AttachRequired', 'PodInfoOnMount', 'StorageCapacity', 'TokenRequests', 'RequiresRepublish', 'Modes', 'Age',
  ]);
  assert.deepEqual(cells('storage.k8s.io', 'csidrivers', { metadata: meta, spec: {} }), ['x', true, false, false, '<unset>', false, '<none>', '30d']);
  const driver = {
    metadata: meta,
    spec: { attachRequired: false, podInfoOnMount: true, storageCapacity: true, requiresRepublish: true, tokenRequests: [{ audience: 'vault' }, { audience: 'gcp' }], volumeLifecycleModes: ['Persistent', 'Ephemeral'] },
  };
  assert.deepEqual(cells('storage.k8s.io', 'csidrivers', driver), ['x', false, true, true, 'vault,gcp', true, 'Persistent,Ephemeral', '30d']);
  assert.deepEqual(headers('storage.k8s.io', 'csistoragecapacities'), ['Name', 'StorageClassName', 'Capacity']);
  assert.deepEqual(cells('storage.k8s.io', 'csistoragecapacities', { metadata: meta, storageClassName: 'fast', capacity: '100Gi' }), ['x', 'fast', '100Gi']);
  assert.deepEqual(cells('storage.k8s.io', 'csistoragecapacities', { metadata: meta, storageClassName: 'fast' }), ['x', 'fast', '<unset>']);
});
