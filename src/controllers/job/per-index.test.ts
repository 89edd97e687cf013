import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import { failsIndex, failuresPerIndex } from './per-index.js';

const pod = (index: number, failures: number, phase: string): Pod => ({
  metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': String(index), 'batch.kubernetes.io/job-index-failure-count': String(failures) } },
  status: { phase },
});

test('an index has failed once more than its last failed pod carried', () => {
  const counts = failuresPerIndex([pod(0, 0, 'Failed'), pod(0, 1, 'Running'), pod(1, 2, 'Failed'), pod(2, 0, 'Succeeded')]);
  assert.deepEqual([...counts.entries()].sort(), [
    [0, 1],
    [1, 3],
    [2, 0],
  ]);
});

test('a failure beyond the limit, or a FailIndex rule, fails the index', () => {
  assert.equal(failsIndex(pod(0, 0, 'Failed'), 1, false), false);
  assert.equal(failsIndex(pod(0, 1, 'Failed'), 1, false), true);
  assert.equal(failsIndex(pod(0, 0, 'Failed'), 3, true), true);
});
