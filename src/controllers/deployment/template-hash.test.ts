import assert from 'node:assert/strict';
import { test } from 'node:test';
import { equalIgnoringHash, podTemplateHash } from './template-hash.js';

const template = (image: string, labels: Record<string, string> = { app: 'web' }) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image }] } });

test('the hash is stable, independent of key order, and uses the safe alphabet', () => {
  const a = podTemplateHash(template('nginx'));
  assert.equal(podTemplateHash({ spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } }), a);
  assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.notEqual(podTemplateHash(template('nginx:2')), a);
  assert.notEqual(podTemplateHash(template('nginx'), 1), a);
});

test('templates compare equal when only pod-template-hash differs', () => {
  assert.ok(equalIgnoringHash(template('nginx', { app: 'web', 'pod-template-hash': 'abc' }), template('nginx'), 'pod-template-hash'));
  assert.ok(!equalIgnoringHash(template('nginx:2'), template('nginx'), 'pod-template-hash'));
});

test('empty members count as absent, as Go zero values do', () => {
  const withEmpty = { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'nginx', resources: {}, env: [] }] } };
  assert.ok(equalIgnoringHash(withEmpty, template('nginx'), 'pod-template-hash'));
  assert.equal(podTemplateHash(withEmpty), podTemplateHash(template('nginx')));
});
