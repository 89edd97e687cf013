import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from './core.js';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';

const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const CONTAINER_DEFAULTS = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };

test('Namespace: the name label and the Active phase', () => {
  assert.deepEqual(defaulted(core.defaultNamespace, { metadata: { name: 'team-a', labels: { env: 'dev' } } }), {
    metadata: { name: 'team-a', labels: { env: 'dev', 'kubernetes.io/metadata.name': 'team-a' } },
    status: { phase: 'Active' },
  });
  assert.deepEqual(defaulted(core.defaultNamespace, { metadata: { generateName: 'ns-' } }), {
    metadata: { generateName: 'ns-' },
    status: { phase: 'Active' },
  });
});

test('Secret: Opaque unless typed', () => {
  assert.equal(defaulted(core.defaultSecret, { metadata: { name: 's' } }).type, 'Opaque');
  assert.equal(defaulted(core.defaultSecret, { metadata: { name: 's' }, type: 'kubernetes.io/tls' }).type, 'kubernetes.io/tls');
});

test('Endpoints: ports are TCP unless said otherwise', () => {
  const out = defaulted(core.defaultEndpoints, { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] });
  assert.deepEqual(out.subsets, [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }]);
});

test('Node: allocatable defaults to capacity', () => {
  const out = defaulted(core.defaultNode, { metadata: { name: 'n' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
  assert.deepEqual(out.status, { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' } });
  assert.deepEqual(defaulted(core.defaultNode, { metadata: { name: 'n' } }), { metadata: { name: 'n' } });
});

test('PersistentVolume: Retain, Filesystem, Pending', () => {
  const out = defaulted(core.defaultPersistentVolume, {
    metadata: { name: 'pv' },
    spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
  });
  assert.deepEqual(out, {
    metadata: { name: 'pv' },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      hostPath: { path: '/data', type: '' },
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  });
});

test('PersistentVolumeClaim: Filesystem, Pending', () => {
  const out = defaulted(core.defaultPersistentVolumeClaim, {
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  assert.deepEqual(out, {
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
    status: { phase: 'Pending' },
  });
  const block = defaulted(core.defaultPersistentVolumeClaim, { spec: { volumeMode: 'Block' } });
  assert.equal((block.spec as JsonObject).volumeMode, 'Block');
});

test('LimitRange: container defaults from max, default requests from default then min', () => {
  const out = defaulted(core.defaultLimitRange, {
    spec: {
      limits: [
        { type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' }, default: { memory: '512Mi' } },
        { type: 'Pod', max: { cpu: '4' } },
        { type: 'Container' },
      ],
    },
  });
  assert.deepEqual((out.spec as JsonObject).limits, [
    {
      type: 'Container',
      max: { cpu: '2', memory: '1Gi' },
      min: { cpu: '100m', 'ephemeral-storage': '1Gi' },
      default: { memory: '512Mi', cpu: '2' },
      defaultRequest: { memory: '512Mi', cpu: '2', 'ephemeral-storage': '1Gi' },
    },
    { type: 'Pod', max: { cpu: '4' } },
    { type: 'Container' },
  ]);
});

test('ResourceQuota: quantities rounded to milli-units', () => {
  const out = defaulted(core.defaultResourceQuota, { spec: { hard: { cpu: '0.0005', pods: '10' } }, status: { used: { cpu: '1u' } } });
  assert.deepEqual(out, { spec: { hard: { cpu: '1m', pods: '10' } }, status: { used: { cpu: '1m' } } });
});

test('ReplicationController: one replica, selector and labels from the template', () => {
  const out = defaulted(core.defaultReplicationController, {
    metadata: { name: 'rc' },
    spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
  });
  assert.deepEqual(out, {
    metadata: { name: 'rc', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { app: 'web' },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1', imagePullPolicy: 'IfNotPresent', ...CONTAINER_DEFAULTS }], ...POD_SPEC_DEFAULTS },
      },
    },
  });
  const own = defaulted(core.defaultReplicationController, {
    metadata: { name: 'rc', labels: { tier: 'x' } },
    spec: { replicas: 0, selector: { app: 'web', track: 'a' }, template: { metadata: { labels: { app: 'web', track: 'a' } } } },
  });
  assert.deepEqual([(own.metadata as JsonObject).labels, (own.spec as JsonObject).selector, (own.spec as JsonObject).replicas], [
    { tier: 'x' },
    { app: 'web', track: 'a' },
    0,
  ]);
});

test('PodTemplate: pod spec defaults, but none of what only pods get', () => {
  const out = defaulted(core.defaultPodTemplate, { template: { spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '1' } } }] } } });
  assert.deepEqual(out.template, {
    spec: {
      containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Always', resources: { limits: { cpu: '1' } }, ...CONTAINER_DEFAULTS }],
      ...POD_SPEC_DEFAULTS,
    },
  });
});
