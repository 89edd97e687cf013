import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as apps from './apps.js';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';

const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
const DEFAULTED_TEMPLATE = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
};
const SELECTOR = { matchLabels: { app: 'web' } };

function workload(spec: JsonObject): JsonObject {
  return { metadata: { name: 'w' }, spec: { selector: SELECTOR, template: TEMPLATE, ...spec } };
}

test('Deployment', () => {
  assert.deepEqual(defaulted(apps.defaultDeployment, workload({})).spec, {
    selector: SELECTOR,
    template: DEFAULTED_TEMPLATE,
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  });
  const recreate = defaulted(apps.defaultDeployment, workload({ replicas: 0, strategy: { type: 'Recreate' } })).spec as JsonObject;
  assert.deepEqual([recreate.replicas, recreate.strategy], [0, { type: 'Recreate' }]);
  const partial = defaulted(apps.defaultDeployment, workload({ strategy: { rollingUpdate: { maxSurge: 0 } } })).spec as JsonObject;
  assert.deepEqual(partial.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } });
});

test('ReplicaSet', () => {
  assert.deepEqual(defaulted(apps.defaultReplicaSet, workload({})).spec, { selector: SELECTOR, template: DEFAULTED_TEMPLATE, replicas: 1 });
});

test('DaemonSet', () => {
  assert.deepEqual(defaulted(apps.defaultDaemonSet, workload({})).spec, {
    selector: SELECTOR,
    template: DEFAULTED_TEMPLATE,
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
  });
  const onDelete = defaulted(apps.defaultDaemonSet, workload({ updateStrategy: { type: 'OnDelete' } })).spec as JsonObject;
  assert.deepEqual(onDelete.updateStrategy, { type: 'OnDelete' });
});

test('StatefulSet, with its claim templates', () => {
  const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
  assert.deepEqual(defaulted(apps.defaultStatefulSet, workload({ serviceName: 'web', volumeClaimTemplates: [claim] })).spec, {
    selector: SELECTOR,
    template: DEFAULTED_TEMPLATE,
    serviceName: 'web',
    volumeClaimTemplates: [{ ...claim, spec: { ...claim.spec, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    replicas: 1,
    revisionHistoryLimit: 10,
  });
});

test('StatefulSet update strategies as given', () => {
  const strategy = (given: JsonObject): unknown => (defaulted(apps.defaultStatefulSet, workload({ updateStrategy: given })).spec as JsonObject).updateStrategy;
  // An explicit RollingUpdate without parameters is left without them, as upstream does.
  assert.deepEqual(strategy({ type: 'RollingUpdate' }), { type: 'RollingUpdate' });
  assert.deepEqual(strategy({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } }), {
    type: 'RollingUpdate',
    rollingUpdate: { partition: 2, maxUnavailable: 1 },
  });
  assert.deepEqual(strategy({ type: 'OnDelete' }), { type: 'OnDelete' });
  const policy = defaulted(apps.defaultStatefulSet, workload({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } })).spec as JsonObject;
  assert.deepEqual(policy.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Delete', whenScaled: 'Retain' });
});
