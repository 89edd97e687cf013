import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import { defaultPriorityClass } from './scheduling.js';

test('PriorityClass: preempts lower priorities unless it says Never', () => {
  assert.equal(defaulted(defaultPriorityClass, { value: 1000 }).preemptionPolicy, 'PreemptLowerPriority');
  assert.equal(defaulted(defaultPriorityClass, { value: 1000, preemptionPolicy: 'Never' }).preemptionPolicy, 'Never');
});
