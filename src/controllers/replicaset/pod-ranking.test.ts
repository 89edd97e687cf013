import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from '../../machinery/time.js';
import type { Pod } from '../../client/index.js';
import { DELETION_COST_ANNOTATION, podsToDelete } from './pod-ranking.js';

const NOW = Date.UTC(2026, 0, 1);

function pod(name: string, opts: { node?: string; phase?: string; ready?: boolean; cost?: number; createdAgoMs?: number; restarts?: number } = {}): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      creationTimestamp: formatTime(NOW - (opts.createdAgoMs ?? 3_600_000)),
      annotations: opts.cost === undefined ? undefined : { [DELETION_COST_ANNOTATION]: String(opts.cost) },
    },
    spec: { nodeName: opts.node, containers: [] },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: opts.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: formatTime(NOW - 3_600_000) }] : [],
      containerStatuses: [{ restartCount: opts.restarts ?? 0 }],
    },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata?.name);

test('unscheduled before scheduled, pending before running, not ready before ready', () => {
  const pods = [pod('ready', { node: 'n1', ready: true }), pod('running', { node: 'n1' }), pod('pending', { node: 'n1', phase: 'Pending' }), pod('unscheduled', { phase: 'Pending' })];
  assert.deepEqual(names(podsToDelete(pods, pods, 3, NOW)), ['unscheduled', 'pending', 'running']);
});

test('lower deletion cost goes first, then pods doubled up on a node', () => {
  const pods = [pod('cheap', { node: 'n1', ready: true, cost: -5 }), pod('alone', { node: 'n2', ready: true }), pod('crowded', { node: 'n3', ready: true }), pod('crowded2', { node: 'n3', ready: true, cost: 10 })];
  assert.deepEqual(names(podsToDelete(pods, pods, 2, NOW)), ['cheap', 'crowded']);
});

test('more restarts, then newer pods go first; old pods of similar age tie', () => {
  const pods = [pod('old', { node: 'n1', createdAgoMs: 86_400_000 }), pod('new', { node: 'n2', createdAgoMs: 1000 }), pod('restarty', { node: 'n3', restarts: 4 })];
  assert.deepEqual(names(podsToDelete(pods, pods, 2, NOW)), ['restarty', 'new']);
});
