import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CidrRangeFullError, CidrSet, InvalidCidrError } from './cidr-set.js';

test('subnets are handed out lowest first, skipping those occupied', () => {
  const set = new CidrSet('10.244.0.0/16', 24);
  assert.equal(set.occupy('10.244.0.0/24'), true);
  assert.equal(set.allocate(), '10.244.1.0/24');
  assert.equal(set.allocate(), '10.244.2.0/24');
  set.release('10.244.1.0/24');
  assert.equal(set.allocate(), '10.244.1.0/24');
});

test('subnets outside the range or of another size are not the set\'s', () => {
  const set = new CidrSet('10.244.0.0/16', 24);
  assert.equal(set.occupy('10.245.0.0/24'), false);
  assert.equal(set.occupy('10.244.0.0/25'), false);
  assert.equal(set.occupy('nonsense'), false);
});

test('a full range and bad CIDRs are typed errors', () => {
  const set = new CidrSet('192.168.0.0/23', 24);
  assert.equal(set.allocate(), '192.168.0.0/24');
  assert.equal(set.allocate(), '192.168.1.0/24');
  assert.throws(() => set.allocate(), CidrRangeFullError);
  assert.throws(() => new CidrSet('10.0.0.0/33', 24), InvalidCidrError);
  assert.throws(() => new CidrSet('10.0.0.0/16', 8), InvalidCidrError);
});
