import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipAddressBytes } from './ip-address.js';

const hex = (text: string) => ipAddressBytes(text)?.toString('hex');

test('IPv4 addresses are 4 bytes', () => {
  assert.equal(hex('127.0.0.1'), '7f000001');
  assert.equal(hex('10.96.0.1'), '0a600001');
});

test('IPv6 addresses are 16 bytes, with :: expanded wherever it stands', () => {
  assert.equal(hex('::1'), '0'.repeat(31) + '1');
  assert.equal(hex('::'), '0'.repeat(32));
  assert.equal(hex('2001:db8::'), '20010db8' + '0'.repeat(24));
  assert.equal(hex('fe80::1:2'), 'fe80' + '0'.repeat(20) + '00010002');
  assert.equal(hex('1:2:3:4:5:6:7:8'), '00010002000300040005000600070008');
  assert.equal(hex('::ffff:192.0.2.1'), '0'.repeat(20) + 'ffffc0000201');
  assert.equal(hex('64:ff9b::10.0.0.1'), '0064ff9b' + '0'.repeat(16) + '0a000001');
});

test('names, zoned addresses and malformed addresses are not IP addresses', () => {
  assert.equal(hex('localhost'), undefined);
  assert.equal(hex('kubernetes.default.svc'), undefined);
  assert.equal(hex('fe80::1%eth0'), undefined);
  assert.equal(hex('1.2.3'), undefined);
  assert.equal(hex('1::2::3'), undefined);
});
