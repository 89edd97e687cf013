import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../client/index.js';
import { NodeHealth, STOPPED_POSTING_MESSAGE, unknownStatus } from './node-health.js';

const node = (heartbeat: string): Node => ({
  metadata: { name: 'n1' },
  status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: heartbeat }, { type: 'MemoryPressure', status: 'False' }] },
});

test('silence counts from the last changed status or lease renewal', () => {
  const health = new NodeHealth();
  assert.equal(health.observe(node('t1'), { spec: { renewTime: 'r1' } }, 1000), 0);
  assert.equal(health.observe(node('t1'), { spec: { renewTime: 'r1' } }, 4000), 3000);
  assert.equal(health.observe(node('t1'), { spec: { renewTime: 'r2' } }, 5000), 0, 'a renewed lease is a sign of life');
  assert.equal(health.observe(node('t2'), { spec: { renewTime: 'r2' } }, 7000), 0, 'a new heartbeat is a sign of life');
});

test('a status the controller wrote is not a sign of life', () => {
  const health = new NodeHealth();
  const n = node('t1');
  health.observe(n, undefined, 0);
  const written: Node = { ...n, status: unknownStatus(n, 10_000) };
  health.remember(written);
  assert.equal(health.observe(written, undefined, 11_000), 11_000);
});

test('a silent node has Ready and the pressure conditions Unknown', () => {
  const status = unknownStatus(node('t1'), Date.UTC(2026, 0, 1));
  const ready = status?.conditions?.find((c) => c.type === 'Ready');
  assert.deepEqual([ready?.status, ready?.['reason'], ready?.['message']], ['Unknown', 'NodeStatusUnknown', STOPPED_POSTING_MESSAGE]);
  assert.equal(status?.conditions?.find((c) => c.type === 'MemoryPressure')?.status, 'Unknown');
  assert.equal(status?.conditions?.find((c) => c.type === 'PIDPressure')?.['reason'], 'NodeStatusNeverUpdated');
  assert.equal(unknownStatus({ ...node('t1'), status }, 0), undefined, 'nothing left to change');
});

test('resetAll restarts every grace period', () => {
  const health = new NodeHealth();
  health.observe(node('t1'), undefined, 0);
  health.resetAll(5_000);
  assert.equal(health.observe(node('t1'), undefined, 6_000), 1_000);
});
