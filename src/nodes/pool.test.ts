import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CAPACITY, parsePool, PoolConfigError, SANDBOX_IMAGE } from './pool.js';

test('a pool file overrides the defaults; capacity merges over the default capacity', () => {
  const pool = parsePool(`
count: 5
namePrefix: gpu-
capacity: { nvidia.com/gpu: 4, cpu: 16 }
labels: { pool: gpu }
taints: [{ key: gpu, effect: NoSchedule }]
zones: [eu-1a]
`);
  assert.equal(pool.count, 5);
  assert.equal(pool.namePrefix, 'gpu-');
  assert.deepEqual(pool.capacity, { ...DEFAULT_CAPACITY, cpu: '16', 'nvidia.com/gpu': '4' });
  assert.deepEqual(pool.taints, [{ key: 'gpu', effect: 'NoSchedule' }]);
  assert.deepEqual(pool.zones, ['eu-1a']);
  assert.equal(parsePool('').count, 3);
  assert.deepEqual(parsePool('').images, [SANDBOX_IMAGE]);
  assert.deepEqual(parsePool('images: [nginx:1.27, registry.k8s.io/pause:3.10]').images, ['nginx:1.27', 'registry.k8s.io/pause:3.10']);
});

test('a malformed pool is rejected with the reason', () => {
  assert.throws(() => parsePool('count: -1'), PoolConfigError);
  assert.throws(() => parsePool('cuont: 3'), /unknown field\(s\) cuont/);
  assert.throws(() => parsePool('taints: [{ key: a, effect: Sometimes }]'), /effect/);
  assert.throws(() => parsePool('namePrefix: Upper'), /DNS/);
  assert.throws(() => parsePool('images: nginx'), /images must be a list/);
  assert.throws(() => parsePool('images: [{ name: nginx }]'), /images must be a list/);
});
