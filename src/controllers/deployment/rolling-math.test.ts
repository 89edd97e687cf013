import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidIntOrPercentError, maxScaledDown, newReplicaSetReplicas, resolveFenceposts, scaledValue } from './rolling-math.js';

test('percentages scale against replicas: surge rounds up, unavailable down; defaults 25%', () => {
  assert.deepEqual(resolveFenceposts(undefined, undefined, 5), { surge: 2, unavailable: 1 });
  assert.deepEqual(resolveFenceposts('50%', 2, 3), { surge: 2, unavailable: 2 });
  assert.throws(() => scaledValue('ten', 3, true, 0), InvalidIntOrPercentError);
});

test('both zero would deadlock: maxUnavailable becomes 1', () => {
  assert.deepEqual(resolveFenceposts(0, '10%', 3), { surge: 0, unavailable: 1 });
});

test('the new ReplicaSet grows until desired + surge pods exist', () => {
  assert.equal(newReplicaSetReplicas(5, 2, 5, 0), 2);
  assert.equal(newReplicaSetReplicas(5, 2, 7, 2), 2);
  assert.equal(newReplicaSetReplicas(5, 2, 6, 2), 3);
  // Never beyond desired.
  assert.equal(newReplicaSetReplicas(3, 5, 3, 2), 3);
});

test('old pods may go only as far as availability allows', () => {
  // 7 pods, want 5, 1 may be unavailable, the new set has 2 unavailable: 7 - 4 - 2 = 1.
  assert.equal(maxScaledDown(7, 5, 1, 2, 0), 1);
  assert.equal(maxScaledDown(6, 5, 1, 2, 0), 0);
});
