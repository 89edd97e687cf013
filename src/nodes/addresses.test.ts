import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressExhaustedError, PodIPAllocator, SubnetAllocator } from './addresses.js';

test('node subnets come out of the cluster CIDR in order, skipping reserved ones', () => {
  const subnets = new SubnetAllocator('10.244.0.0/16', 24);
  subnets.reserve('10.244.1.0/24');
  assert.deepEqual([subnets.allocate(), subnets.allocate(), subnets.allocate()], ['10.244.0.0/24', '10.244.2.0/24', '10.244.3.0/24']);
  const small = new SubnetAllocator('10.0.0.0/23', 24);
  small.allocate();
  small.allocate();
  assert.throws(() => small.allocate(), AddressExhaustedError);
});

test('pod IPs are unique per node, stable per pod, kept from status, and reused after release', () => {
  const ips = new PodIPAllocator('10.244.3.0/24');
  assert.equal(ips.ipFor('a'), '10.244.3.2');
  assert.equal(ips.ipFor('a'), '10.244.3.2');
  assert.equal(ips.ipFor('b', '10.244.3.40'), '10.244.3.40', 'an IP the pod already reports is kept');
  assert.notEqual(ips.ipFor('c', '10.244.3.40'), '10.244.3.40', 'but never given to a second pod');
  assert.notEqual(ips.ipFor('d', '10.9.9.9'), '10.9.9.9', 'an IP outside the podCIDR is not kept');
  const all = new Set<string>();
  const full = new PodIPAllocator('10.0.0.0/29'); // hosts .2 to .6
  for (const uid of ['p1', 'p2', 'p3', 'p4', 'p5']) all.add(full.ipFor(uid));
  assert.equal(all.size, 5);
  assert.ok(!all.has('10.0.0.7') && !all.has('10.0.0.1') && !all.has('10.0.0.0'));
  assert.throws(() => full.ipFor('p6'), AddressExhaustedError);
  full.release('p3');
  assert.equal(full.ipFor('p6'), '10.0.0.4');
});
