import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/meta.js';
import {
  NAMESPACE_INDEX,
  NODE_NAME_INDEX,
  OWNER_UID_INDEX,
  namespaceIndexFunc,
  nodeNameIndexFunc,
  ownerUidIndexFunc,
} from './indexers.js';
import { Lister } from './lister.js';
import { IndexConflictError, IndexedStore, UnknownIndexError } from './store.js';

interface Pod extends KubeObject {
  spec?: { nodeName?: string };
}

function pod(ns: string, name: string, extra: { node?: string; owners?: string[]; labels?: Record<string, string> } = {}): Pod {
  return {
    metadata: {
      namespace: ns,
      name,
      labels: extra.labels,
      ownerReferences: extra.owners?.map((uid) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid })),
    },
    spec: extra.node === undefined ? {} : { nodeName: extra.node },
  };
}

function newStore() {
  return new IndexedStore<Pod>({
    [NAMESPACE_INDEX]: namespaceIndexFunc,
    [OWNER_UID_INDEX]: ownerUidIndexFunc,
    [NODE_NAME_INDEX]: nodeNameIndexFunc,
  });
}

test('objects are kept by namespace/name; upsert and remove return the previous object', () => {
  const store = newStore();
  const a1 = pod('ns', 'a');
  assert.equal(store.upsert(a1), undefined);
  const a2 = pod('ns', 'a', { node: 'n1' });
  assert.equal(store.upsert(a2), a1);
  assert.equal(store.getByKey('ns/a'), a2);
  assert.equal(store.get(pod('ns', 'a')), a2);
  assert.deepEqual(store.listKeys(), ['ns/a']);
  assert.equal(store.remove('ns/a'), a2);
  assert.equal(store.remove('ns/a'), undefined);
  assert.equal(store.size, 0);
});

test('indexes follow updates: node, owners and namespace move with the object', () => {
  const store = newStore();
  store.upsert(pod('ns1', 'a', { owners: ['rs1', 'rs2'] }));
  store.upsert(pod('ns1', 'b', { node: 'n1', owners: ['rs1'] }));
  store.upsert(pod('ns2', 'c', { node: 'n1' }));
  assert.deepEqual(store.indexKeys(NODE_NAME_INDEX, 'n1').sort(), ['ns1/b', 'ns2/c']);
  assert.deepEqual(store.indexKeys(OWNER_UID_INDEX, 'rs1').sort(), ['ns1/a', 'ns1/b']);
  assert.deepEqual(store.byIndex(NAMESPACE_INDEX, 'ns2').map((p) => p.metadata?.name), ['c']);

  store.upsert(pod('ns1', 'a', { node: 'n2', owners: ['rs2'] }));
  store.upsert(pod('ns1', 'b', { node: 'n2', owners: ['rs1'] }));
  assert.deepEqual(store.indexKeys(NODE_NAME_INDEX, 'n1'), ['ns2/c']);
  assert.deepEqual(store.indexKeys(NODE_NAME_INDEX, 'n2').sort(), ['ns1/a', 'ns1/b']);
  assert.deepEqual(store.indexKeys(OWNER_UID_INDEX, 'rs1'), ['ns1/b']);
  store.remove('ns2/c');
  assert.deepEqual(store.indexValues(NODE_NAME_INDEX), ['n2'], 'an emptied value disappears');
  assert.deepEqual(store.indexKeys(NAMESPACE_INDEX, 'ns2'), []);
});

test('unbound pods are not in the node index', () => {
  const store = newStore();
  store.upsert(pod('ns', 'pending'));
  assert.deepEqual(store.indexValues(NODE_NAME_INDEX), []);
});

test('custom indexers, added later, are built over existing objects; unknown and duplicate names throw', () => {
  const store = newStore();
  store.upsert(pod('ns', 'a', { labels: { app: 'web' } }));
  store.upsert(pod('ns', 'b', { labels: { app: 'db' } }));
  store.addIndexers({ app: (p) => (p.metadata?.labels?.app ? [p.metadata.labels.app] : []) });
  assert.deepEqual(store.indexKeys('app', 'web'), ['ns/a']);
  assert.throws(() => store.byIndex('nope', 'x'), UnknownIndexError);
  assert.throws(() => store.addIndexers({ app: () => [] }), IndexConflictError);
});

test('listers filter by namespace and label selector', () => {
  const store = newStore();
  store.upsert(pod('a', 'web-1', { labels: { app: 'web' } }));
  store.upsert(pod('a', 'db-1', { labels: { app: 'db' } }));
  store.upsert(pod('b', 'web-2', { labels: { app: 'web', tier: 'front' } }));
  const lister = new Lister(store);
  assert.equal(lister.list().length, 3);
  assert.deepEqual(lister.list('app=web').map((p) => p.metadata?.name).sort(), ['web-1', 'web-2']);
  assert.deepEqual(lister.namespace('a').list().map((p) => p.metadata?.name).sort(), ['db-1', 'web-1']);
  assert.deepEqual(lister.namespace('b').list('tier in (front),app').map((p) => p.metadata?.name), ['web-2']);
  assert.equal(lister.namespace('a').get('db-1')?.metadata?.name, 'db-1');
  assert.equal(lister.namespace('b').get('db-1'), undefined);

  const unindexed = new Lister(new IndexedStore<Pod>());
  assert.equal(unindexed.namespace('a').list().length, 0);
});
