import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimNamesOfPod, defaultClassOf, type StorageClass } from './types.js';

test('the newest of several default classes is the default', () => {
  const sc = (name: string, created: string, isDefault: boolean): StorageClass => ({
    metadata: { name, creationTimestamp: created, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
    provisioner: 'p',
  });
  assert.equal(defaultClassOf([sc('old', '2024-01-01T00:00:00Z', true), sc('new', '2025-01-01T00:00:00Z', true), sc('newest', '2026-01-01T00:00:00Z', false)])?.metadata?.name, 'new');
  assert.equal(defaultClassOf([sc('plain', '2024-01-01T00:00:00Z', false)]), undefined);
});

test('the claims a pod uses: its PVC volumes and its ephemeral volumes (<pod>-<volume>)', () => {
  const pod = { metadata: { name: 'web' }, spec: { volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'data' } }, { name: 'scratch', ephemeral: {} }, { name: 'c', emptyDir: {} }] } };
  assert.deepEqual(claimNamesOfPod(pod), ['data', 'web-scratch']);
});
