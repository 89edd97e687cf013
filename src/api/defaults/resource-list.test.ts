import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillMissing, roundResourceList } from './resource-list.js';

test('quantities are rounded up to milli-units, others kept as written', () => {
  const owner = {
    limits: { cpu: '0.0001', memory: '1Gi', 'example.com/dev': 1, gpu: '1000n', tiny: '1u', fine: '1.5', bad: 'lots', big: '100m' },
  };
  roundResourceList(owner, 'limits');
  assert.deepEqual(owner.limits, {
    cpu: '1m', memory: '1Gi', 'example.com/dev': 1, gpu: '1m', tiny: '1m', fine: '1.5', bad: 'lots', big: '100m',
  });
});

test('absent and non-map lists are left alone', () => {
  const owner = { requests: 'x' } as Record<string, unknown>;
  roundResourceList(owner, 'limits');
  roundResourceList(owner, 'requests');
  roundResourceList(undefined, 'limits');
  assert.deepEqual(owner, { requests: 'x' });
});

test('fillMissing copies only what the target lacks', () => {
  const to = { cpu: '1' };
  fillMissing(to, { cpu: '2', memory: '1Gi' });
  assert.deepEqual(to, { cpu: '1', memory: '1Gi' });
});
