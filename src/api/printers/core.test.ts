import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers } from './fixtures.testing.js';
import { defaultPrinter, printerFor } from './table.js';

const meta = { name: 'x', creationTimestamp: ago('45s') };

test('namespaces, config maps, secrets, service accounts', () => {
  assert.deepEqual(cells('', 'namespaces', { metadata: meta, status: { phase: 'Terminating' } }), ['x', 'Terminating', '45s']);
  assert.deepEqual(headers('', 'configmaps'), ['Name', 'Data', 'Age']);
  assert.deepEqual(cells('', 'configmaps', { metadata: meta, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), ['x', 3, '45s']);
  assert.deepEqual(cells('', 'configmaps', { metadata: meta }), ['x', 0, '45s']);
  assert.deepEqual(headers('', 'secrets'), ['Name', 'Type', 'Data', 'Age']);
  const secret = { metadata: meta, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' }, stringData: { 'tls.key': 'k', extra: 'e' } };
  assert.deepEqual(cells('', 'secrets', secret), ['x', 'kubernetes.io/tls', 3, '45s']);
  assert.deepEqual(cells('', 'serviceaccounts', { metadata: meta, secrets: [{ name: 't' }] }), ['x', 1, '45s']);
  assert.deepEqual(cells('', 'serviceaccounts', { metadata: meta }), ['x', 0, '45s']);
});

test('pod templates and replication controllers', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } };
  assert.deepEqual(headers('', 'podtemplates'), ['Name', 'Containers', 'Images', 'Pod Labels']);
  assert.deepEqual(cells('', 'podtemplates', { metadata: meta, template }), ['x', 'a,b', 'nginx,redis', 'app=web']);
  assert.deepEqual(headers('', 'replicationcontrollers'), ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
  const rc = { metadata: meta, spec: { replicas: 3, selector: { app: 'web' }, template }, status: { replicas: 3, readyReplicas: 2 } };
  assert.deepEqual(cells('', 'replicationcontrollers', rc), ['x', 3, 3, 2, '45s', 'a,b', 'nginx,redis', 'app=web']);
  assert.deepEqual(cells('', 'replicationcontrollers', { metadata: meta }), ['x', 0, 0, 0, '45s', '', '', '<none>']);
});

test('component statuses', () => {
  const healthy = { metadata: { name: 'etcd-0' }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] };
  assert.deepEqual(cells('', 'componentstatuses', healthy), ['etcd-0', 'Healthy', 'ok', '']);
  const sick = { metadata: { name: 'scheduler' }, conditions: [{ type: 'Healthy', status: 'False', error: 'refused' }] };
  assert.deepEqual(cells('', 'componentstatuses', sick), ['scheduler', 'Unhealthy', '', 'refused']);
  assert.deepEqual(cells('', 'componentstatuses', { metadata: { name: 'c' } }), ['c', 'Unknown', '', '']);
});

test('resource quotas: requests and limits columns, sorted, quantities as upstream prints them', () => {
  const rq = {
    metadata: meta,
    status: {
      hard: { 'requests.cpu': '1', pods: '10', 'limits.memory': '2Gi', 'limits.cpu': '2', 'requests.memory': '1.5Gi' },
      used: { 'requests.cpu': '500m', pods: '3', 'limits.cpu': '1000m', 'requests.memory': '512Mi' },
    },
  };
  assert.deepEqual(headers('', 'resourcequotas'), ['Name', 'Request', 'Limit', 'Age']);
  assert.deepEqual(cells('', 'resourcequotas', rq), [
    'x',
    'pods: 3/10, requests.cpu: 500m/1, requests.memory: 512Mi/1536Mi',
    'limits.cpu: 1/2, limits.memory: 0/2Gi',
    '45s',
  ]);
  assert.deepEqual(cells('', 'resourcequotas', { metadata: meta }), ['x', '', '', '45s']);
});

test('limit ranges have no printer of their own', () => {
  assert.equal(printerFor('', 'limitranges'), defaultPrinter);
});
