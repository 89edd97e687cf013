import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownedRevisions, revisionHash, templateOfRevision, templateRevisionData, type ControllerRevision } from './controller-history.js';

test('the hash depends on the data and the collision count, not on key order', () => {
  const a = revisionHash({ x: 1, y: [1, 2] }, 0);
  assert.equal(a, revisionHash({ y: [1, 2], x: 1 }, 0));
  assert.notEqual(a, revisionHash({ x: 2, y: [1, 2] }, 0));
  assert.notEqual(a, revisionHash({ x: 1, y: [1, 2] }, 1));
  assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
});

test('owned revisions are those controlled by the owner, oldest first', () => {
  const rev = (name: string, revision: number, uid: string): ControllerRevision => ({ metadata: { name, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 's', uid, controller: true }] }, revision });
  const owned = ownedRevisions([rev('b', 2, 'u'), rev('x', 1, 'other'), rev('a', 1, 'u')], 'u');
  assert.deepEqual(owned.map((r) => r.metadata?.name), ['a', 'b']);
});

test('revision data round-trips a template', () => {
  const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }] } };
  const data = templateRevisionData(template);
  assert.deepEqual(data, { spec: { template: { ...template, $patch: 'replace' } } });
  assert.deepEqual(templateOfRevision(data), template);
});
