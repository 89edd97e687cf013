import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNode, makePod } from '../testing/fixtures.js';
import { NodeInfo, podEntry } from './node-info.js';

test('a derived value is worked out once per node state and again after the node changes', () => {
  const info = new NodeInfo(makeNode('n1'));
  let computed = 0;
  const podCount = () => info.derived('pods', () => (computed++, info.pods.size));
  assert.equal(podCount(), 0);
  assert.equal(podCount(), 0);
  assert.equal(computed, 1);

  info.addPod(podEntry(makePod('a')));
  assert.equal(podCount(), 1);
  assert.equal(computed, 2);
  info.removePod('default/a');
  assert.equal(podCount(), 0);
  assert.equal(computed, 3);
});

test('a clone starts without the derived values of the node it copies', () => {
  const info = new NodeInfo(makeNode('n1'));
  info.derived('k', () => 7);
  assert.equal(info.clone().derived('k', () => 8), 8);
  assert.equal(info.derived('k', () => 9), 7);
});
