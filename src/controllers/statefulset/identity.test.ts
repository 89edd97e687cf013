import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimsFor, newPod, ordinalOf } from './identity.js';
import type { StatefulSet } from './types.js';

const set: StatefulSet = {
  metadata: { name: 'db', namespace: 'ns', uid: 'u1' },
  spec: {
    serviceName: 'db-svc',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c' }], volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'x' } }] } as never },
    volumeClaimTemplates: [{ metadata: { name: 'data', labels: { tier: 'disk' } }, spec: { accessModes: ['ReadWriteOnce'] } }],
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
  },
};

test('a pod has a stable name, hostname, subdomain, labels and its claim mounted', () => {
  const pod = newPod(set, set.spec!.template, 'db-abc', 2);
  assert.equal(pod.metadata?.name, 'db-2');
  assert.equal(pod.spec?.hostname, 'db-2');
  assert.equal(pod.spec?.subdomain, 'db-svc');
  assert.deepEqual(pod.metadata?.labels, { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-2', 'apps.kubernetes.io/pod-index': '2', 'controller-revision-hash': 'db-abc' });
  // The claim replaces the template's volume of the same name.
  assert.deepEqual(pod.spec?.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-2' } }, { name: 'cfg', configMap: { name: 'x' } }]);
  assert.equal(pod.metadata?.ownerReferences?.[0]?.controller, true);
});

test('claims are named <template>-<set>-<ordinal>, carry the selector labels and, for whenDeleted=Delete, a reference to the set', () => {
  const [claim] = claimsFor(set, 0);
  assert.equal(claim?.metadata?.name, 'data-db-0');
  assert.deepEqual(claim?.metadata?.labels, { tier: 'disk', app: 'db' });
  assert.deepEqual(claim?.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u1' }]);
  const retained = claimsFor({ ...set, spec: { ...set.spec, persistentVolumeClaimRetentionPolicy: undefined } }, 0);
  assert.equal(retained[0]?.metadata?.ownerReferences, undefined);
});

test('ordinals parse only from <set>-<n>', () => {
  const named = (name: string) => ({ metadata: { name } });
  assert.equal(ordinalOf(set, named('db-12')), 12);
  assert.equal(ordinalOf(set, named('db-01')), undefined);
  assert.equal(ordinalOf(set, named('dbx-1')), undefined);
  assert.equal(ordinalOf(set, named('db-a')), undefined);
});
