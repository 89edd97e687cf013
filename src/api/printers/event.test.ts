import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers, narrow } from './fixtures.testing.js';

test('event columns: name last, among the wide ones', () => {
  assert.deepEqual(headers('', 'events', false), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
  assert.deepEqual(headers('', 'events'), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
  assert.deepEqual(headers('events.k8s.io', 'events'), headers('', 'events'));
});

test('a core/v1 event', () => {
  const event = {
    metadata: { name: 'p.17f', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{a}' },
    reason: 'BackOff',
    message: '  Back-off restarting failed container\n',
    type: 'Warning',
    source: { component: 'kubelet', host: 'n1' },
    firstTimestamp: ago('1h'),
    lastTimestamp: ago('30s'),
    count: 7,
  };
  assert.deepEqual(cells('', 'events', event), [
    '30s', 'Warning', 'BackOff', 'pod/p', 'spec.containers{a}', 'kubelet, n1', 'Back-off restarting failed container', '60m', 7, 'p.17f',
  ]);
});

test('an events.k8s.io/v1 event: eventTime, series, reporting controller', () => {
  const event = {
    metadata: { name: 'd.1' },
    regarding: { kind: 'Deployment', name: 'web' },
    reason: 'ScalingReplicaSet',
    note: 'Scaled up replica set web-1 to 3',
    type: 'Normal',
    eventTime: '2026-03-01T11:50:00.000000Z',
    reportingController: 'deployment-controller',
    reportingInstance: 'kcm-1',
    series: { count: 4, lastObservedTime: '2026-03-01T11:59:00.000000Z' },
  };
  assert.deepEqual(cells('events.k8s.io', 'events', event), [
    '60s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller, kcm-1', 'Scaled up replica set web-1 to 3', '10m', 4, 'd.1',
  ]);
});

test('a singleton event counts 1, shows its first time as last, and an object without name', () => {
  const event = { metadata: { name: 'x' }, involvedObject: { kind: 'Node' }, firstTimestamp: ago('5m'), reportingComponent: 'c' };
  assert.deepEqual(narrow('', 'events', event), ['5m', '', '', 'node', '']);
  assert.deepEqual(cells('', 'events', event).slice(5, 9), ['c', '', '5m', 1]);
  assert.deepEqual(cells('', 'events', { metadata: { name: 'y' } }).slice(0, 1), ['<unknown>']);
});
