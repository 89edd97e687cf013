import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numFeasibleNodesToFind } from './num-feasible-nodes.js';

test('adaptive percentage: 50 − n/125 %, at least 5 %, never fewer than 100 nodes, all under 100', () => {
  assert.equal(numFeasibleNodesToFind(99, undefined), 99);
  assert.equal(numFeasibleNodesToFind(150, undefined), 100); // 49 % of 150 = 73 → 100
  assert.equal(numFeasibleNodesToFind(1000, undefined), 420); // 50 − 8 = 42 %
  assert.equal(numFeasibleNodesToFind(5000, undefined), 500); // 50 − 40 = 10 %
  assert.equal(numFeasibleNodesToFind(10_000, undefined), 500); // floored at 5 %
  assert.equal(numFeasibleNodesToFind(1000, 30), 300);
  assert.equal(numFeasibleNodesToFind(1000, 100), 1000);
  assert.equal(numFeasibleNodesToFind(1000, 1), 100);
});
