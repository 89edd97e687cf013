import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rcSelector } from './replication-controller-controller.js';
import type { ReplicationController } from './types.js';

const rc = (selector: Record<string, string> | undefined, templateLabels: Record<string, string> | undefined): ReplicationController => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'x', namespace: 'default' },
  spec: { ...(selector === undefined ? {} : { selector }), template: { metadata: { labels: templateLabels } } },
});

test('the selector map requires each label, and only those', () => {
  const selector = rcSelector(rc({ app: 'web', tier: 'fe' }, { app: 'web', tier: 'fe', extra: '1' }));
  assert.ok(selector);
  assert.equal(selector.matches({ app: 'web', tier: 'fe' }), true);
  assert.equal(selector.matches({ app: 'web' }), false);
  assert.equal(selector.matches({ app: 'db', tier: 'fe' }), false);
});

test('an absent or empty selector falls back to the template labels', () => {
  for (const selector of [undefined, {}]) {
    const s = rcSelector(rc(selector, { app: 'web' }));
    assert.ok(s);
    assert.equal(s.matches({ app: 'web', other: 'y' }), true);
    assert.equal(s.matches({ other: 'y' }), false);
  }
});

test('no selector and no template labels selects nothing rather than every pod', () => {
  assert.equal(rcSelector(rc(undefined, undefined)), undefined);
  assert.equal(rcSelector(rc({}, {})), undefined);
});
