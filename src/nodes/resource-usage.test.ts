import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../client/index.js';
import { containerUsage, DEFAULT_CPU_MILLIS, DEFAULT_MEMORY_BYTES } from './resource-usage.js';

const app: Container = { name: 'app', resources: { requests: { cpu: '500m', memory: '256Mi' } } };
const sidecar: Container = { name: 'sidecar', resources: { limits: { cpu: '1', memory: '1Gi' } } };
const bare: Container = { name: 'bare' };
const pod = (annotations?: Record<string, string>): Pod => ({ metadata: { name: 'p', annotations }, spec: { containers: [app, sidecar, bare] } });

test('without annotations a container uses half its request, else half its limit, else a little', () => {
  assert.deepEqual(containerUsage(pod(), app), { cpuMillis: 250, memoryBytes: 128 * 2 ** 20 });
  assert.deepEqual(containerUsage(pod(), sidecar), { cpuMillis: 500, memoryBytes: 512 * 2 ** 20 });
  assert.deepEqual(containerUsage(pod(), bare), { cpuMillis: DEFAULT_CPU_MILLIS, memoryBytes: DEFAULT_MEMORY_BYTES });
});

test('one quantity sets every container; name=quantity items set one; the rest take the unnamed item', () => {
  const all = pod({ 'kubets.io/cpu-usage': '1500m', 'kubets.io/memory-usage': '64Mi' });
  assert.deepEqual(containerUsage(all, app), { cpuMillis: 1500, memoryBytes: 64 * 2 ** 20 });
  assert.deepEqual(containerUsage(all, bare), { cpuMillis: 1500, memoryBytes: 64 * 2 ** 20 });
  const each = pod({ 'kubets.io/cpu-usage': 'sidecar=20m, 2', 'kubets.io/memory-usage': 'app=1Gi' });
  assert.deepEqual(containerUsage(each, sidecar), { cpuMillis: 20, memoryBytes: 512 * 2 ** 20 });
  assert.deepEqual(containerUsage(each, app), { cpuMillis: 2000, memoryBytes: 2 ** 30 });
  assert.equal(containerUsage(each, bare).memoryBytes, DEFAULT_MEMORY_BYTES, 'named for another container: the default');
});

test('values that do not parse are ignored', () => {
  const bad = pod({ 'kubets.io/cpu-usage': 'lots', 'kubets.io/memory-usage': 'app=-5Mi' });
  assert.deepEqual(containerUsage(bad, app), { cpuMillis: 250, memoryBytes: 128 * 2 ** 20 });
});
