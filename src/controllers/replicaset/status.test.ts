import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../client/index.js';
import { formatTime } from '../../machinery/time.js';
import { calculateStatus, countPods } from './status.js';
import type { ReplicaSet } from './types.js';

const NOW = Date.parse('2026-01-01T00:01:00Z');

function pod(labels: Record<string, string>, readySinceMs?: number): Pod {
  const conditions = readySinceMs === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: formatTime(readySinceMs) }];
  return { metadata: { labels }, spec: { containers: [] }, status: { phase: 'Running', conditions } };
}

const rs = (minReadySeconds: number): ReplicaSet => ({ metadata: { generation: 3 }, spec: { minReadySeconds, template: { metadata: { labels: { app: 'a', tier: 't' } } } } });

test('counts pods, fully labelled, ready and available in one pass', () => {
  const pods = [pod({ app: 'a', tier: 't' }, NOW - 60_000), pod({ app: 'a' }, NOW - 60_000), pod({ app: 'a', tier: 't' })];
  const counts = countPods(rs(0), pods, NOW);
  assert.deepEqual(counts, { replicas: 3, fullyLabeled: 2, ready: 2, available: 2, nextAvailableAt: undefined });
  assert.deepEqual(calculateStatus(rs(0), counts, undefined, NOW), { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 });
});

test('minReadySeconds: a pod ready for less is not available, and says when it will be', () => {
  const pods = [pod({ app: 'a', tier: 't' }, NOW - 30_000), pod({ app: 'a', tier: 't' }, NOW - 5_000), pod({ app: 'a', tier: 't' }, NOW - 2_000)];
  const counts = countPods(rs(10), pods, NOW);
  assert.equal(counts.ready, 3);
  assert.equal(counts.available, 1);
  // The earliest of the two waiting: ready 5 s ago + 10 s.
  assert.equal(counts.nextAvailableAt, NOW + 5_000);
});
