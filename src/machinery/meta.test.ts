import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyFormatError, namespacedKey, objectKey, splitNamespacedKey } from './meta.js';

test('keys are namespace/name, or name for cluster-scoped objects', () => {
  assert.equal(namespacedKey('default', 'web'), 'default/web');
  assert.equal(namespacedKey('', 'node-1'), 'node-1');
  assert.equal(namespacedKey(undefined, 'node-1'), 'node-1');
  assert.equal(objectKey({ metadata: { namespace: 'kube-system', name: 'dns' } }), 'kube-system/dns');
  assert.equal(objectKey({ metadata: { name: 'n' } }), 'n');
});

test('keys split back; more than one slash is an error', () => {
  assert.deepEqual(splitNamespacedKey('default/web'), { namespace: 'default', name: 'web' });
  assert.deepEqual(splitNamespacedKey('node-1'), { namespace: '', name: 'node-1' });
  assert.throws(() => splitNamespacedKey('a/b/c'), (e: unknown) => e instanceof KeyFormatError && e.message === 'unexpected key format: "a/b/c"');
});
