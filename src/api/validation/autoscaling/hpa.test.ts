import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { horizontalPodAutoscalerValidator as validator } from './hpa.js';

const CPU = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

const BASE: ApiObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [CPU] },
};

function hpa(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('autoscaling', 'horizontalpodautoscalers', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, hpa(patch));
const metric = (m: unknown): string[] => check({ spec: { metrics: [m] } });

describe('HorizontalPodAutoscaler validation', () => {
  it('accepts a valid autoscaler', () => {
    assert.deepEqual(check({}), []);
  });

  it('checks the replica bounds', () => {
    assert.deepEqual(check({ spec: { minReplicas: 0, maxReplicas: 0 } }), [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]);
    assert.deepEqual(check({ spec: { minReplicas: 5, maxReplicas: 3 } }), [
      'spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`',
    ]);
  });

  it('requires a scale target', () => {
    assert.deepEqual(check({ spec: { scaleTargetRef: { kind: '', name: 'a/b' } } }), [
      'spec.scaleTargetRef.kind: Required value',
      "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
    ]);
  });

  it('checks metric sources and targets', () => {
    assert.deepEqual(metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }), [
      'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    ]);
    assert.deepEqual(metric({ type: 'Pods', pods: { metric: { name: '' }, target: { type: 'Average', averageValue: '-1' } } }), [
      'spec.metrics[0].pods.metric.name: Required value: must specify a metric name',
      'spec.metrics[0].pods.target.type: Invalid value: "Average": must be either Utilization, Value, or AverageValue',
      'spec.metrics[0].pods.target.averageValue: Invalid value: "-1": must be positive',
    ]);
    assert.deepEqual(metric({ type: 'Object', resource: CPU.resource }), [
      'spec.metrics[0].object: Required value: must populate information for the given metric source',
    ]);
    const pods = { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } };
    assert.deepEqual(metric({ type: 'Resource', resource: CPU.resource, pods }), [
      'spec.metrics[0].pods: Forbidden: must populate the given metric source only',
    ]);
    assert.deepEqual(metric({ type: 'Magic' }), [
      'spec.metrics[0].type: Unsupported value: "Magic": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
      'spec.metrics[0].type: Unsupported value: "Magic": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    ]);
    const external = { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '10', averageValue: '1' } } };
    assert.deepEqual(metric(external), [
      'spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target',
    ]);
    const container = { type: 'ContainerResource', containerResource: { name: 'gpu', container: 'App', target: { type: 'Utilization', averageUtilization: 0 } } };
    assert.deepEqual(metric(container), [
      'spec.metrics[0].containerResource.name: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.metrics[0].containerResource.name: Invalid value: "gpu": must be a standard resource for containers',
      "spec.metrics[0].containerResource.container: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.metrics[0].containerResource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]);
  });

  it('checks the scaling behavior', () => {
    const scaleDown = { stabilizationWindowSeconds: 4000, selectPolicy: 'Random', policies: [{ type: 'Nodes', value: 0, periodSeconds: 1801 }] };
    assert.deepEqual(check({ spec: { behavior: { scaleDown, scaleUp: { policies: [] } } } }), [
      'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
      'spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
      'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Random": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleDown.policies[0].type: Unsupported value: "Nodes": supported values: "Percent", "Pods"',
      'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
    ]);
  });

  it('lets an autoscaler stored with minReplicas 0 keep it', () => {
    const queue = { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '5' } } };
    const old = stored(hpa({ spec: { minReplicas: 0, metrics: [queue] } }));
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { maxReplicas: 20 } }), old), []);
    const fresh = stored(hpa());
    assert.deepEqual(updateMessages(validator, patched(fresh, { spec: { minReplicas: 0, metrics: [queue] } }), fresh), [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    ]);
  });
});
