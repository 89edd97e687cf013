import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexedStore, Lister, type Pod } from '../../client/index.js';
import { NoControllerError, expectedScale, type ScaleListers, type Scalable } from './scale.js';

function lister(...objects: Scalable[]): Lister<Scalable> {
  const store = new IndexedStore<Scalable>();
  for (const obj of objects) store.upsert(obj);
  return new Lister(store);
}

const owned = (kind: string, apiVersion: string, name: string, uid: string) => ({ ownerReferences: [{ apiVersion, kind, name, uid, controller: true }] });
const scalable = (name: string, uid: string, replicas: number, meta: object = {}): Scalable => ({ metadata: { name, namespace: 'ns', uid, ...meta }, spec: { replicas } });
const pod = (name: string, meta: object = {}): Pod => ({ metadata: { name, namespace: 'ns', ...meta }, spec: { containers: [] } });

describe('expectedScale', () => {
  const listers: ScaleListers = {
    replicationcontrollers: lister(scalable('rc', 'rc-uid', 2)),
    replicasets: lister(scalable('plain', 'rs-uid', 3), scalable('dep-abc', 'rs2-uid', 1, owned('Deployment', 'apps/v1', 'dep', 'dep-uid')), scalable('dep-old', 'rs3-uid', 0, owned('Deployment', 'apps/v1', 'dep', 'dep-uid'))),
    deployments: lister(scalable('dep', 'dep-uid', 5)),
    statefulsets: lister(scalable('db', 'sts-uid', 4)),
  };

  test('each controller counted once; a Deployment through its ReplicaSets; orphans reported', () => {
    const pods = [
      pod('a', owned('ReplicaSet', 'apps/v1', 'plain', 'rs-uid')),
      pod('b', owned('ReplicaSet', 'apps/v1', 'plain', 'rs-uid')),
      pod('c', owned('ReplicaSet', 'apps/v1', 'dep-abc', 'rs2-uid')),
      pod('d', owned('ReplicaSet', 'apps/v1', 'dep-old', 'rs3-uid')),
      pod('e', owned('StatefulSet', 'apps/v1', 'db', 'sts-uid')),
      pod('f', owned('ReplicationController', 'v1', 'rc', 'rc-uid')),
      pod('g'),
    ];
    assert.deepEqual(expectedScale(pods, listers), { expected: 3 + 5 + 4 + 2, unmanaged: ['g'] });
  });

  test('a controller of unknown kind, or another uid, fails the count', () => {
    assert.throws(() => expectedScale([pod('x', owned('Job', 'batch/v1', 'j', 'j-uid'))], listers), NoControllerError);
    assert.throws(() => expectedScale([pod('y', owned('ReplicaSet', 'apps/v1', 'plain', 'other-uid'))], listers), NoControllerError);
  });
});
