import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMatchingVolume } from './matching.js';
import type { PersistentVolume, PersistentVolumeClaim } from './types.js';

function pv(name: string, size: string, extra: Partial<NonNullable<PersistentVolume['spec']>> = {}, labels?: Record<string, string>): PersistentVolume {
  return { metadata: { name, labels }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', ...extra }, status: { phase: 'Available' } };
}

const claim: PersistentVolumeClaim = {
  metadata: { name: 'data', namespace: 'default', uid: 'u1' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'manual' },
};

test('the smallest Available volume that is large enough wins', () => {
  const got = findMatchingVolume(claim, [pv('big', '10Gi'), pv('small', '500Mi'), pv('fit', '2Gi')]);
  assert.equal(got?.metadata?.name, 'fit');
});

test('class, access modes, selector and a claimRef elsewhere exclude a volume', () => {
  assert.equal(findMatchingVolume(claim, [pv('other-class', '2Gi', { storageClassName: 'fast' })]), undefined);
  assert.equal(findMatchingVolume(claim, [pv('rox', '2Gi', { accessModes: ['ReadOnlyMany'] })]), undefined);
  assert.equal(findMatchingVolume(claim, [pv('taken', '2Gi', { claimRef: { namespace: 'default', name: 'other' } })]), undefined);
  const selecting = { ...claim, spec: { ...claim.spec, selector: { matchLabels: { tier: 'db' } } } };
  assert.equal(findMatchingVolume(selecting, [pv('web', '2Gi', {}, { tier: 'web' })]), undefined);
  assert.equal(findMatchingVolume(selecting, [pv('db', '2Gi', {}, { tier: 'db' })])?.metadata?.name, 'db');
});

test('a volume pre-bound to the claim wins over a smaller Available one', () => {
  const preBound = pv('mine', '5Gi', { claimRef: { namespace: 'default', name: 'data' } });
  preBound.status = { phase: 'Pending' };
  assert.equal(findMatchingVolume(claim, [pv('fit', '1Gi'), preBound])?.metadata?.name, 'mine');
});

test('a claim whose binding waits for its first consumer takes only a volume pre-bound to it', () => {
  assert.equal(findMatchingVolume(claim, [pv('fit', '2Gi')], true), undefined);
  const preBound = pv('chosen', '2Gi', { claimRef: { namespace: 'default', name: 'data', uid: 'u1' } });
  assert.equal(findMatchingVolume(claim, [pv('fit', '2Gi'), preBound], true)?.metadata?.name, 'chosen');
});
