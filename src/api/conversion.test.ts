import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversionFor } from './conversion.js';
import { findResource } from './catalogue.js';
import type { ApiObject } from './strategy.js';

const info = (group: string, version: string, resource: string) => {
  const found = findResource(group, version, resource);
  assert.ok(found, `${group}/${version} ${resource}`);
  return found;
};

test('resources served as stored are not converted', () => {
  const pods = info('', 'v1', 'pods');
  const conversion = conversionFor(pods, pods);
  assert.equal(conversion.converts, false);
  const obj: ApiObject = { apiVersion: 'v1', kind: 'Pod', metadata: {} };
  assert.equal(conversion.toStorage(obj), obj);
});

test('events.k8s.io/v1 Events are stored as core Events under the old field names', () => {
  const conversion = conversionFor(info('events.k8s.io', 'v1', 'events'), info('', 'v1', 'events'));
  const served: ApiObject = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'e' },
    regarding: { kind: 'Pod', name: 'p' },
    note: 'pulled',
    reason: 'Pulled',
    reportingController: 'kubelet',
    deprecatedCount: 3,
    deprecatedSource: { component: 'kubelet' },
    deprecatedFirstTimestamp: '2026-01-01T00:00:00Z',
    deprecatedLastTimestamp: '2026-01-01T00:01:00Z',
  };
  const stored = conversion.toStorage(structuredClone(served));
  assert.deepEqual(stored, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e' },
    involvedObject: { kind: 'Pod', name: 'p' },
    message: 'pulled',
    reason: 'Pulled',
    reportingComponent: 'kubelet',
    count: 3,
    source: { component: 'kubelet' },
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:01:00Z',
  });
  assert.deepEqual(conversion.fromStorage(stored), served);
});

test('autoscaling/v1 HPAs become v2 metrics and back, keeping what v1 cannot say in annotations', () => {
  const conversion = conversionFor(info('autoscaling', 'v1', 'horizontalpodautoscalers'), info('autoscaling', 'v2', 'horizontalpodautoscalers'));
  const v1: ApiObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'h' },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
  };
  const v2 = conversion.toStorage(structuredClone(v1));
  assert.deepEqual(v2.spec, {
    scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  });
  assert.deepEqual(conversion.fromStorage(v2), v1);

  const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } } };
  const behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
  const richV2: ApiObject = { ...v2, spec: { ...(v2.spec as object), metrics: [memory], behavior }, status: { currentReplicas: 2, desiredReplicas: 2, conditions: [{ type: 'AbleToScale', status: 'True' }] } };
  const asV1 = conversion.fromStorage(richV2);
  assert.equal((asV1.spec as { targetCPUUtilizationPercentage?: number }).targetCPUUtilizationPercentage, undefined);
  assert.deepEqual(JSON.parse(asV1.metadata.annotations?.['autoscaling.alpha.kubernetes.io/metrics'] ?? ''), [memory]);
  assert.deepEqual(conversion.toStorage(asV1), richV2);
});
