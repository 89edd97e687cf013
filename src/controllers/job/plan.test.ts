import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import { planIndexed, planNonIndexed } from './plan.js';
import type { Job } from './types.js';

const running = (name: string, index?: number): Pod => ({
  metadata: { name, annotations: index === undefined ? {} : { 'batch.kubernetes.io/job-completion-index': String(index) } },
  status: { phase: 'Running' },
});

test('NonIndexed: up to parallelism, never beyond what is left to complete', () => {
  const job: Job = { spec: { completions: 5, parallelism: 3 } };
  assert.equal(planNonIndexed(job, { succeeded: 0 }, []).create.length, 3);
  assert.equal(planNonIndexed(job, { succeeded: 3 }, [running('a')]).create.length, 1);
  assert.deepEqual(planNonIndexed(job, { succeeded: 4 }, [running('a'), running('b')]).remove.length, 1);
  // A work queue (no completions) stops creating after the first success.
  assert.equal(planNonIndexed({ spec: { parallelism: 2 } }, { succeeded: 1 }, []).create.length, 0);
});

test('Indexed: the lowest open indexes, skipping completed, failed and running ones; duplicates go', () => {
  const job: Job = { spec: { completions: 6, parallelism: 3, completionMode: 'Indexed' } };
  const plan = planIndexed(job, { completedIndexes: '0', failedIndexes: '2' }, [running('a', 1), running('b', 1)]);
  assert.deepEqual(plan.create, [3, 4]);
  assert.deepEqual(plan.remove.map((p) => p.metadata?.name), ['b']);
});
