import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IndexedStore, type Pod } from '../../client/index.js';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from './pod-index.js';

function pod(namespace: string, name: string, controllerUid?: string): Pod {
  const ownerReferences = controllerUid === undefined ? [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'not-a-controller', uid: 'x' }] : [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: controllerUid, controller: true }];
  return { metadata: { namespace, name, ownerReferences }, spec: { containers: [] } };
}

test('pods are indexed by their controller uid; pods without a controller by namespace', () => {
  const store = new IndexedStore<Pod>({ [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
  for (const p of [pod('a', 'owned', 'u1'), pod('a', 'other', 'u2'), pod('a', 'orphan'), pod('b', 'orphan')]) store.upsert(p);
  assert.deepEqual(store.byIndex(CONTROLLER_UID_INDEX, 'u1').map((p) => p.metadata?.name), ['owned']);
  assert.deepEqual(store.byIndex(CONTROLLER_UID_INDEX, 'orphans/a').map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`), ['a/orphan']);
  // Adopted: it moves from the orphans to its controller.
  store.upsert(pod('a', 'orphan', 'u1'));
  assert.deepEqual(store.byIndex(CONTROLLER_UID_INDEX, 'u1').map((p) => p.metadata?.name).sort(), ['orphan', 'owned']);
  assert.deepEqual(store.byIndex(CONTROLLER_UID_INDEX, 'orphans/a'), []);
});
