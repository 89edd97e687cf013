import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedIndexesOutcome, successCriteria } from './outcome.js';
import type { Job } from './types.js';

test('success: completions reached, or the first success of a work queue once nothing runs', () => {
  assert.equal(successCriteria({ spec: { completions: 2 } }, {}, 2, 0)?.reason, 'CompletionsReached');
  assert.equal(successCriteria({ spec: { completions: 2 } }, {}, 1, 1), undefined);
  assert.equal(successCriteria({ spec: {} }, {}, 1, 1), undefined);
  assert.equal(successCriteria({ spec: {} }, {}, 1, 0)?.reason, 'CompletionsReached');
});

test('success policy: succeededIndexes alone needs them all; succeededCount needs that many of them', () => {
  const job = (rules: { succeededIndexes?: string; succeededCount?: number }[]): Job => ({ spec: { completions: 5, completionMode: 'Indexed', successPolicy: { rules } } });
  assert.equal(successCriteria(job([{ succeededIndexes: '0-2' }]), { completedIndexes: '0,2' }, 2, 0), undefined);
  assert.deepEqual(successCriteria(job([{ succeededIndexes: '0-1' }, { succeededIndexes: '0-2', succeededCount: 2 }]), { completedIndexes: '0,2' }, 2, 0), {
    reason: 'SuccessPolicy',
    message: 'Matched rules at index 1',
  });
  assert.equal(successCriteria(job([{ succeededCount: 3 }]), { completedIndexes: '1,3-4' }, 3, 0)?.message, 'Matched rules at index 0');
});

test('failed indexes: over maxFailedIndexes at once, otherwise when every index has finished', () => {
  const job = (max?: number): Job => ({ spec: { completions: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1, maxFailedIndexes: max } });
  assert.equal(failedIndexesOutcome(job(0), { failedIndexes: '1' })?.reason, 'MaxFailedIndexesExceeded');
  assert.equal(failedIndexesOutcome(job(), { failedIndexes: '1' }), undefined);
  assert.equal(failedIndexesOutcome(job(), { failedIndexes: '1', completedIndexes: '0,2' })?.reason, 'FailedIndexes');
});
