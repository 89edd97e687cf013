import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOW, ago, cells, headers, narrow } from './fixtures.testing.js';
import { printerFor } from './table.js';
import { TablePrintError } from './print-error.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'fluent-bit' }] } };
const meta = { name: 'web', creationTimestamp: ago('2d') };

test('deployments: READY as ready/desired; wide containers, images, selector', () => {
  assert.deepEqual(headers('apps', 'deployments'), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
  const d = {
    metadata: meta,
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] }, template },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };
  assert.deepEqual(cells('apps', 'deployments', d), ['web', '2/3', 3, 2, '2d', 'nginx,log', 'nginx:1.27,fluent-bit', 'app=web,track notin (canary)']);
  const fresh = { metadata: meta, spec: { replicas: 1, selector: { matchLabels: { 'bad key!': 'x' } } } };
  assert.deepEqual(cells('apps', 'deployments', fresh), ['web', '0/1', 0, 0, '2d', '', '', '<invalid>']);
});

test('replica sets and stateful sets', () => {
  assert.deepEqual(headers('apps', 'replicasets', false), ['Name', 'Desired', 'Current', 'Ready', 'Age']);
  const rs = { metadata: meta, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 2, readyReplicas: 1 } };
  assert.deepEqual(cells('apps', 'replicasets', rs), ['web', 2, 2, 1, '2d', 'nginx,log', 'nginx:1.27,fluent-bit', 'app=web']);
  assert.deepEqual(headers('apps', 'statefulsets'), ['Name', 'Ready', 'Age', 'Containers', 'Images']);
  const ss = { metadata: meta, spec: { replicas: 3, template }, status: { readyReplicas: 3 } };
  assert.deepEqual(narrow('apps', 'statefulsets', ss), ['web', '3/3', '2d']);
});

test('daemon sets: scheduled counts and the node selector', () => {
  assert.deepEqual(headers('apps', 'daemonsets', false), ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age']);
  const ds = {
    metadata: meta,
    spec: { selector: { matchLabels: { app: 'web' } }, template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
    status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
  };
  assert.deepEqual(cells('apps', 'daemonsets', ds), ['web', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '2d', 'nginx,log', 'nginx:1.27,fluent-bit', 'app=web']);
  assert.equal(cells('apps', 'daemonsets', { metadata: meta })[6], '<none>');
});

test('controller revisions name their controller as kind.group/name', () => {
  assert.deepEqual(headers('apps', 'controllerrevisions'), ['Name', 'Controller', 'Revision', 'Age']);
  const owned = {
    metadata: { ...meta, name: 'web-7c9', ownerReferences: [
      { apiVersion: 'v1', kind: 'Pod', name: 'other' },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true },
    ] },
    revision: 2,
  };
  assert.deepEqual(cells('apps', 'controllerrevisions', owned), ['web-7c9', 'statefulset.apps/web', 2, '2d']);
  assert.deepEqual(cells('apps', 'controllerrevisions', { metadata: meta, revision: 1 }), ['web', '<none>', 1, '2d']);
  const broken = { metadata: { ...meta, ownerReferences: [{ apiVersion: 'a/b/c', kind: 'X', name: 'y', controller: true }] } };
  assert.throws(() => printerFor('apps', 'controllerrevisions').row(broken, NOW), TablePrintError);
});
