import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHorizontalPodAutoscaler } from './autoscaling.js';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';

const TARGET = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

function hpa(apiVersion: string, spec: JsonObject): JsonObject {
  return defaulted(defaultHorizontalPodAutoscaler, { apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: TARGET, maxReplicas: 5, ...spec } });
}

test('autoscaling/v2: one replica at least, 80% CPU when no metrics', () => {
  assert.deepEqual(hpa('autoscaling/v2', {}).spec, {
    scaleTargetRef: TARGET,
    maxReplicas: 5,
    minReplicas: 1,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
  });
  const memory = [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } }];
  assert.deepEqual((hpa('autoscaling/v2', { minReplicas: 2, metrics: memory }).spec as JsonObject).metrics, memory);
});

test('autoscaling/v2: a given behavior is completed with the default rules', () => {
  const spec = hpa('autoscaling/v2', { behavior: { scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } }).spec as JsonObject;
  assert.deepEqual(spec.behavior, {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: { selectPolicy: 'Max', stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
  });
  const empty = hpa('autoscaling/v2', { behavior: {} }).spec as JsonObject;
  assert.deepEqual((empty.behavior as JsonObject).scaleDown, { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  assert.equal((hpa('autoscaling/v2', {}).spec as JsonObject).behavior, undefined, 'no behavior is made up');
});

test('autoscaling/v1: one replica at least; the CPU target is left to conversion', () => {
  assert.deepEqual(hpa('autoscaling/v1', {}).spec, { scaleTargetRef: TARGET, maxReplicas: 5, minReplicas: 1 });
});
