import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupVersionParseError, groupKindString, groupResourceString, groupVersionString, parseGroupVersion } from './schema.js';

test('string forms as upstream prints them', () => {
  assert.equal(groupResourceString({ group: '', resource: 'pods' }), 'pods');
  assert.equal(groupResourceString({ group: 'apps', resource: 'deployments' }), 'deployments.apps');
  assert.equal(groupKindString({ group: '', kind: 'Pod' }), 'Pod');
  assert.equal(groupKindString({ group: 'apps', kind: 'Deployment' }), 'Deployment.apps');
  assert.equal(groupVersionString({ group: '', version: 'v1' }), 'v1');
  assert.equal(groupVersionString({ group: 'apps', version: 'v1' }), 'apps/v1');
});

test('parseGroupVersion', () => {
  assert.deepEqual(parseGroupVersion('v1'), { group: '', version: 'v1' });
  assert.deepEqual(parseGroupVersion('apps/v1'), { group: 'apps', version: 'v1' });
  assert.deepEqual(parseGroupVersion(''), { group: '', version: '' });
  assert.deepEqual(parseGroupVersion('/'), { group: '', version: '' });
  assert.throws(() => parseGroupVersion('a/b/c'), (e: unknown) => e instanceof GroupVersionParseError && e.message === 'unexpected GroupVersion string: a/b/c');
});
