import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../../client/index.js';
import { missingNodes, terminatedOverThreshold, terminatingOutOfService, unscheduledTerminating } from './plan.js';

const pod = (name: string, fields: { phase?: string; created?: string; nodeName?: string; deleting?: boolean } = {}): Pod => ({
  metadata: { name, namespace: 'ns', creationTimestamp: fields.created ?? '2026-01-01T00:00:00Z', ...(fields.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { containers: [], ...(fields.nodeName !== undefined ? { nodeName: fields.nodeName } : {}) },
  status: { phase: fields.phase ?? 'Running' },
});

test('terminated pods over the threshold go, oldest first', () => {
  const pods = [
    pod('new', { phase: 'Succeeded', created: '2026-01-03T00:00:00Z' }),
    pod('old', { phase: 'Failed', created: '2026-01-01T00:00:00Z' }),
    pod('mid', { phase: 'Succeeded', created: '2026-01-02T00:00:00Z' }),
    pod('running', { created: '2025-01-01T00:00:00Z' }),
  ];
  assert.deepEqual(terminatedOverThreshold(pods, 1).map((p) => p.metadata?.name), ['old', 'mid']);
  assert.deepEqual(terminatedOverThreshold(pods, 3), []);
  assert.deepEqual(terminatedOverThreshold(pods, 0), [], 'threshold 0 disables');
});

test('nodes pods are bound to that do not exist', () => {
  const pods = [pod('a', { nodeName: 'gone' }), pod('b', { nodeName: 'here' }), pod('c')];
  assert.deepEqual([...missingNodes(pods, (n) => n === 'here')], ['gone']);
});

test('terminating pods without a node, or on an out-of-service node', () => {
  const pods = [pod('a', { deleting: true }), pod('b', { deleting: true, nodeName: 'n' }), pod('c')];
  assert.deepEqual(unscheduledTerminating(pods).map((p) => p.metadata?.name), ['a']);
  const down: Node = { metadata: { name: 'n' }, spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
  assert.deepEqual(terminatingOutOfService(pods, () => down).map((p) => p.metadata?.name), ['b']);
  assert.deepEqual(terminatingOutOfService(pods, () => ({ ...down, status: { conditions: [{ type: 'Ready', status: 'True' }] } })), []);
});
