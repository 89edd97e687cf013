import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOW, ago, cells, headers } from './fixtures.testing.js';
import { printerFor, type PrintableObject } from './table.js';

const meta = { name: 'web', creationTimestamp: ago('1h') };
const ref = { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' };

function hpa(metrics: object[] | undefined, currentMetrics: object[] | undefined, extra: object = {}): PrintableObject {
  return { metadata: meta, spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10, metrics, ...extra }, status: { currentReplicas: 3, currentMetrics } };
}

const cpu = (target: object) => ({ type: 'Resource', resource: { name: 'cpu', target } });

test('hpa columns and a CPU utilization target', () => {
  assert.deepEqual(headers('autoscaling', 'horizontalpodautoscalers'), ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
  const h = hpa([cpu({ type: 'Utilization', averageUtilization: 80 })], [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42 } } }]);
  assert.deepEqual(cells('autoscaling', 'horizontalpodautoscalers', h), ['web', 'Deployment/web', 'cpu: 42%/80%', '1', 10, 3, '60m']);
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa([cpu({ type: 'Utilization', averageUtilization: 80 })], undefined))[2], 'cpu: <unknown>/80%');
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa([cpu({ type: 'Utilization' })], undefined))[2], 'cpu: <unknown>/<auto>');
});

test('hpa value targets of every metric source, the first two shown', () => {
  const specs = [
    cpu({ type: 'AverageValue', averageValue: '500m' }),
    { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
    { type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'Value', value: '2k' } } },
  ];
  const statuses = [
    { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '250m' } } },
    { type: 'Pods', pods: { current: { averageValue: '1500m' } } },
  ];
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa(specs, statuses))[2], 'cpu: 250m/500m, 1500m/1k + 1 more...');
  const objects = [
    { type: 'Object', object: { target: { type: 'AverageValue', averageValue: '10' } } },
    { type: 'External', external: { target: { type: 'Value', value: '100' } } },
  ];
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa(objects, undefined))[2], '<unknown>/10 (avg), <unknown>/100');
  const observed = [{ type: 'Object', object: { current: { value: '7' } } }, { type: 'External', external: { current: { value: '90' } } }];
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa(objects, observed))[2], '<unknown>/10 (avg), 90/100');
  const containers = [{ type: 'ContainerResource', containerResource: { name: 'memory', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } }];
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa(containers, []))[2], 'memory: <unknown>/60%');
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa([{ type: 'Magic' }], []))[2], '<unknown type>');
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', hpa([], []))[2], '<none>');
});

test('the autoscaling/v1 shape: one CPU target; minReplicas unset', () => {
  const v1 = { metadata: meta, spec: { scaleTargetRef: ref, maxReplicas: 5, targetCPUUtilizationPercentage: 70 }, status: { currentReplicas: 2, currentCPUUtilizationPercentage: 35 } };
  assert.deepEqual(cells('autoscaling', 'horizontalpodautoscalers', v1), ['web', 'Deployment/web', 'cpu: 35%/70%', '<unset>', 5, 2, '60m']);
  const unobserved = { ...v1, status: {} };
  assert.equal(cells('autoscaling', 'horizontalpodautoscalers', unobserved)[2], 'cpu: <unknown>/70%');
});

test('the scale subresource prints its own table', () => {
  const printer = printerFor('apps', 'deployments', 'scale');
  assert.deepEqual(printer.columns.map((c) => [c.name, c.type, c.format]), [
    ['Name', 'string', ''], ['Desired', 'integer', ''], ['Available', 'integer', ''], ['Age', 'string', ''],
  ]);
  assert.deepEqual(printer.row({ metadata: meta, spec: { replicas: 4 }, status: { replicas: 3 } }, NOW), ['web', 4, 3, '60m']);
  assert.equal(printerFor('apps', 'deployments', 'status'), printerFor('apps', 'deployments'));
});
